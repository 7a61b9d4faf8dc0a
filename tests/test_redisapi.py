"""The assumptions newsscraper/frontier/redisapi.py makes about scrapy-redis, on a real Redis: the
add-on switches the scheduler, requests round-trip through the shared queue, each run has its own
seen set, and the processes of one run share it until the last one leaves."""

from __future__ import annotations

import time
import warnings
from typing import TYPE_CHECKING, Any

import pytest
import redis
from scrapy import Request
from scrapy.core.scheduler import Scheduler as ScrapyScheduler
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newsscraper.frontier.redisapi import SCHEDULER, SharedScheduler
from newsscraper.spiders.news import NewsSpider

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler

START = "http://127.0.0.1:9/"
#: get_crawler reads no settings module: the project's add-on, as settings.py lists it
ADDON = {"ADDONS": {"newsscraper.frontier.addon.SharedFrontier": 0}}


def frontier_crawler(redis_url: str, prefix: str, **settings: Any) -> Crawler:
    crawler = get_crawler(NewsSpider, {**ADDON, "NEWSSCRAPER_REDIS_URL": redis_url,
                                       "NEWSSCRAPER_REDIS_PREFIX": prefix, "NEWSSCRAPER_DATABASE": "", **settings})
    crawler.spider = NewsSpider.from_crawler(crawler, start_urls=START)
    return crawler


@pytest.fixture
def open_schedulers(redis_url: str, redis_prefix: str) -> Iterator[list[SharedScheduler]]:
    """Schedulers to open in a test, as many processes would; any still open are closed after."""
    opened: list[SharedScheduler] = []
    yield opened
    for scheduler in opened:
        if scheduler.beating.running:
            scheduler.close("finished")


def open_scheduler(redis_url: str, prefix: str, opened: list[SharedScheduler], **settings: Any) -> SharedScheduler:
    crawler = frontier_crawler(redis_url, prefix, **settings)
    scheduler = load_object(crawler.settings["SCHEDULER"]).from_crawler(crawler)
    scheduler.open(crawler.spider)
    opened.append(scheduler)
    return scheduler


def article(spider: NewsSpider, path: str) -> Request:
    return spider.article_request(START.rstrip("/") + path, spider.sites[0], "section")


def test_the_addon_switches_the_scheduler_only_with_a_redis_url(redis_url: str, redis_prefix: str) -> None:
    assert frontier_crawler(redis_url, redis_prefix).settings["SCHEDULER"] == SCHEDULER
    assert load_object(get_crawler(NewsSpider, ADDON).settings["SCHEDULER"]) is ScrapyScheduler
    # scrapy-redis's own setting name switches it on too, and its key templates get the prefix
    crawler = get_crawler(NewsSpider, {**ADDON, "REDIS_URL": redis_url, "NEWSSCRAPER_REDIS_PREFIX": redis_prefix})
    assert crawler.settings["SCHEDULER"] == SCHEDULER
    assert crawler.settings["SCHEDULER_QUEUE_KEY"] == redis_prefix + "%(spider)s:requests"
    # what the user set wins over the add-on
    crawler = get_crawler(NewsSpider, {**ADDON, "REDIS_URL": redis_url, "SCHEDULER_QUEUE_KEY": "mine:%(spider)s"})
    assert crawler.settings["SCHEDULER_QUEUE_KEY"] == "mine:%(spider)s"


def test_requests_round_trip_through_the_shared_queue(
    redis_url: str, redis_prefix: str, open_schedulers: list[SharedScheduler]
) -> None:
    scheduler = open_scheduler(redis_url, redis_prefix, open_schedulers)
    spider = scheduler.spider
    request = article(spider, "/world/a.html")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecated stats call (scrapy-redis 0.9.1 passes spider=)
        assert scheduler.enqueue_request(request)
        assert not scheduler.enqueue_request(article(spider, "/world/a.html"))  # seen in this run
        back = scheduler.next_request()
    assert back is not None and back.url == request.url
    assert back.callback == spider.parse_article and back.cb_kwargs["site"] == spider.sites[0]
    assert back.meta["newsscraper"]["discovered_via"] == "section"
    assert scheduler.next_request() is None
    assert scheduler.stats.get_value("scheduler/enqueued/redis") == 1
    assert scheduler.stats.get_value("scheduler/dequeued/redis") == 1


def test_each_run_has_its_own_seen_set(
    redis_url: str, redis_prefix: str, open_schedulers: list[SharedScheduler]
) -> None:
    """An hourly run revisits what the last one saw: the last process out forgets the seen set."""
    server = redis.Redis.from_url(redis_url)
    first = open_scheduler(redis_url, redis_prefix, open_schedulers)
    section = first.spider.section_request(START, first.spider.sites[0], depth=0)
    assert first.enqueue_request(section)
    assert first.next_request() is not None
    seen_key = first.run.dupefilter_key
    assert server.exists(seen_key)
    first.close("finished")
    assert not server.exists(seen_key) and not server.exists(first.run.key)
    second = open_scheduler(redis_url, redis_prefix, open_schedulers)
    assert second.run.id != first.run.id
    assert second.enqueue_request(second.spider.section_request(START, second.spider.sites[0], depth=0))


def test_the_processes_of_a_run_share_it_until_the_last_leaves(
    redis_url: str, redis_prefix: str, open_schedulers: list[SharedScheduler]
) -> None:
    server = redis.Redis.from_url(redis_url)
    one = open_scheduler(redis_url, redis_prefix, open_schedulers)
    two = open_scheduler(redis_url, redis_prefix, open_schedulers)
    assert one.run.id == two.run.id and one.run.worker != two.run.worker
    assert one.enqueue_request(article(one.spider, "/world/a.html"))
    assert not two.enqueue_request(article(two.spider, "/world/a.html"))  # one URL, fetched once
    got = two.next_request()
    assert got is not None and one.next_request() is None
    one.close("finished")  # the other still works: nothing is forgotten
    assert server.exists(two.run.dupefilter_key) and server.get(two.run.key) == two.run.id.encode()
    assert not two.enqueue_request(article(two.spider, "/world/a.html"))
    two.close("finished")
    assert not server.exists(two.run.dupefilter_key)


def test_a_process_that_got_no_usable_response_learns_whether_the_run_did(
    redis_url: str, redis_prefix: str, open_schedulers: list[SharedScheduler]
) -> None:
    """The run's answered flag: set by the first process with a usable response (at a heartbeat),
    seen by a late one whose own requests all failed, and gone with the run."""
    server = redis.Redis.from_url(redis_url)
    early = open_scheduler(redis_url, redis_prefix, open_schedulers)
    late = open_scheduler(redis_url, redis_prefix, open_schedulers)
    late.close("finished")
    assert late.stats.get_value("newsscraper/frontier/run_answered") is None  # nobody was answered yet
    late = open_scheduler(redis_url, redis_prefix, open_schedulers)
    early.stats.inc_value("newsscraper/responses/ok")
    early.beat()
    assert server.exists(early.run.answered_key)
    late.close("finished")
    assert late.stats.get_value("newsscraper/frontier/run_answered") == 1
    early.close("finished")  # the last one out
    assert early.stats.get_value("newsscraper/frontier/run_answered") == 1
    assert not server.exists(early.run.answered_key)


def test_a_killed_process_does_not_hold_the_run_open(
    redis_url: str, redis_prefix: str, open_schedulers: list[SharedScheduler]
) -> None:
    """A process killed mid-run is never heard of again; once it is older than the run's TTL, the
    last live process ends the run as if it had been alone."""
    server = redis.Redis.from_url(redis_url)
    live = open_scheduler(redis_url, redis_prefix, open_schedulers, NEWSSCRAPER_REDIS_RUN_TTL=5)
    server.zadd(live.run.workers_key, {"killed:1": time.time() - 6})
    live.close("finished")
    assert not server.exists(live.run.key)


def test_a_run_that_stops_with_requests_left_keeps_them_for_the_next(
    redis_url: str, redis_prefix: str, open_schedulers: list[SharedScheduler]
) -> None:
    """A stopped run (a closespider limit, Ctrl-C) leaves its queue: scrapy-redis's persisted queue,
    worked off by the run that comes next (its seen set lives on for the run's TTL)."""
    server = redis.Redis.from_url(redis_url)
    stopped = open_scheduler(redis_url, redis_prefix, open_schedulers)
    assert stopped.enqueue_request(article(stopped.spider, "/world/left.html"))
    stopped.close("shutdown")
    assert server.exists(stopped.run.key) and (server.ttl(stopped.run.dupefilter_key) or 0) > 0
    server.delete(stopped.run.key)  # as when its TTL is over
    resumed = open_scheduler(redis_url, redis_prefix, open_schedulers)
    assert resumed.run.id != stopped.run.id
    left = resumed.next_request()
    assert left is not None and left.url.endswith("/world/left.html")
