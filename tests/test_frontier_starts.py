"""Start URLs pushed to Redis, through the spider's async start() and, when idle, the engine; and
the idle close that ends a cron run on a shared frontier."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

import pytest
import redis
from crawlers import collect
from scrapy import Request
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.test import get_crawler

from newsscraper.frontier import starts as starts_module
from newsscraper.frontier.starts import FrontierUnavailable, RedisStartUrls, start_url
from newsscraper.spiders.news import NewsSpider
from newsscraper.stats import FRONTIER_BAD_MESSAGES, FRONTIER_START_URLS

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


class Spider:
    """A spider with the one hook the extension calls: a start URL's requests."""

    name = "news"

    async def start_url_requests(self, url: str) -> AsyncIterator[Request]:
        if not url.startswith("http"):
            raise ValueError(f"start URL {url!r} is not an http(s) URL")
        yield Request(url)
        yield Request(url + "feed.xml")


def starts(redis_url: str, prefix: str, **settings: Any) -> RedisStartUrls:
    crawler = get_crawler(settings_dict={"NEWSSCRAPER_REDIS_URL": redis_url, "NEWSSCRAPER_REDIS_PREFIX": prefix,
                                         "CONCURRENT_REQUESTS": 2, **settings})
    crawler.stats.open_spider()
    return RedisStartUrls.from_crawler(crawler)


def test_a_message_is_a_url_or_json_with_one() -> None:
    assert start_url(b"https://example.com/") == "https://example.com/"
    assert start_url(json.dumps({"url": " https://example.com/world/ ", "meta": {}}).encode()) == \
        "https://example.com/world/"
    assert start_url(b'{"meta": {}}') is None
    assert start_url(b"{not json") is None
    assert start_url(b"   ") is None


def test_off_without_a_redis_url() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured) as off:
        RedisStartUrls.from_crawler(get_crawler(settings_dict={"NEWSSCRAPER_REDIS_URL": ""}))
    assert off.value.args == ()  # the usual crawl: Scrapy logs a message as a warning, every time


def test_an_unreachable_redis_stops_the_crawl_before_it_starts() -> None:
    with pytest.raises(FrontierUnavailable, match=r"NEWSSCRAPER_REDIS_URL.*does not answer"):
        RedisStartUrls.from_crawler(get_crawler(settings_dict={"NEWSSCRAPER_REDIS_URL": "redis://127.0.0.1:1/0"}))


def test_the_first_batch_comes_through_the_async_start(redis_url: str, redis_prefix: str) -> None:
    server = redis.Redis.from_url(redis_url)
    key = f"{redis_prefix}news:start_urls"
    server.rpush(key, "http://a.example/", '{"url": "http://b.example/"}', "nope", "http://c.example/")
    pushed = starts(redis_url, redis_prefix)
    urls = [r.url for r in collect(pushed.start(Spider()))]
    # a batch is CONCURRENT_REQUESTS messages, in the order pushed; "nope" is counted, not crawled
    assert urls == ["http://a.example/", "http://a.example/feed.xml", "http://b.example/", "http://b.example/feed.xml"]
    assert server.lrange(key, 0, -1) == [b"nope", b"http://c.example/"]
    assert pushed.crawler.stats.get_value(FRONTIER_START_URLS) == 2


def test_idle_crawls_the_next_batch_through_the_engine(
    redis_url: str, redis_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = redis.Redis.from_url(redis_url)
    key = f"{redis_prefix}news:start_urls"
    pushed = starts(redis_url, redis_prefix, REDIS_START_URLS_AS_SET=True)
    crawled: list[Request] = []
    monkeypatch.setattr(starts_module, "crawl_request", lambda crawler, request: crawled.append(request))
    server.sadd(key, "http://a.example/", "ftp://b.example/")

    async def idle() -> None:  # on the crawl's loop, as Scrapy's asyncio reactor runs it
        with pytest.raises(DontCloseSpider):
            pushed.spider_idle(Spider())
        assert pushed.pending  # making the requests: not idle
        with pytest.raises(DontCloseSpider):
            pushed.spider_idle(Spider())
        while pushed.pending:
            await asyncio.sleep(0.01)

    asyncio.run(idle())
    assert sorted(r.url for r in crawled) == ["http://a.example/", "http://a.example/feed.xml"]
    assert not server.exists(key) and not pushed.pending
    assert pushed.crawler.stats.get_value(FRONTIER_BAD_MESSAGES) == 1  # ftp: logged and counted


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The extension's clock, set by the test: ``clock[0] = seconds``."""
    now = [0.0]
    monkeypatch.setattr(starts_module.time, "monotonic", lambda: now[0])
    return now


def stays_open(pushed: RedisStartUrls, clock: list[float], *times: float) -> None:
    """Idle at each of ``times``, the crawl is kept open."""
    for now in times:
        clock[0] = now
        with pytest.raises(DontCloseSpider):
            pushed.spider_idle(Spider())


def test_an_idle_crawl_closes_after_the_idle_time(redis_url: str, redis_prefix: str, clock: list[float]) -> None:
    """Other processes may still add requests: the crawl waits NEWSSCRAPER_REDIS_IDLE_CLOSE seconds,
    counted from when it went idle, and a response meanwhile starts the count again."""
    pushed = starts(redis_url, redis_prefix, NEWSSCRAPER_REDIS_IDLE_CLOSE=10)
    stays_open(pushed, clock, 1000.0, 1009.0)
    pushed.working()  # a response: not idle after all
    stays_open(pushed, clock, 1015.0)
    clock[0] = 1025.0
    pushed.spider_idle(Spider())  # idle for 10 s: no DontCloseSpider, Scrapy closes the spider


def test_zero_idle_time_waits_for_pushed_urls_for_ever(redis_url: str, redis_prefix: str, clock: list[float]) -> None:
    stays_open(starts(redis_url, redis_prefix, NEWSSCRAPER_REDIS_IDLE_CLOSE=0), clock, 0.0, 1e6)


def test_a_pushed_url_of_a_known_site_keeps_that_sites_rules(tmp_path: Any) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "demo"\nstart_urls = ["http://demo.example/"]\n'
                     'feed_urls = ["http://demo.example/feed.xml"]\n', encoding="utf-8")
    spider = NewsSpider.from_crawler(get_crawler(NewsSpider, {"ROBOTSTXT_OBEY": False}), sites=str(sites))
    requests = collect(spider.start_url_requests("http://demo.example/world/"))
    assert requests[0].url == "http://demo.example/world/" and requests[0].cb_kwargs["depth"] == 0
    assert {r.cb_kwargs["site"].name for r in requests} == {"demo"}
    assert "http://demo.example/feed.xml" in [r.url for r in requests]
    other = collect(spider.start_url_requests("http://other.example/"))
    assert other[0].cb_kwargs["site"].name == "other.example"
    with pytest.raises(ValueError, match="not an http"):
        collect(spider.start_url_requests("mailto:x@example.com"))
