"""Every use of scrapy-redis, in one place: its scheduler and dupefilter, adapted to this project.

scrapy-redis 0.9.1 (its latest release) predates Scrapy 2.13's async ``start()`` and passes
``spider=`` to the stats collector, which Scrapy 2.15+ deprecates (and will refuse); its scheduler
keeps one seen-requests set per spider for ever when the queue persists, or deletes queue and set
when any one process closes when it does not. :class:`SharedScheduler` keeps the queue (several
processes share it, and a killed run's requests wait for the next one) and gives each run its own
seen set (:class:`~newsscraper.frontier.runs.SharedRun`). ``tests/test_redisapi.py`` checks what
is assumed here of scrapy-redis.

Redis calls are short blocking round trips made on the reactor thread, as scrapy-redis makes them.
Requests are pickled into Redis (scrapy-redis's default): whoever can write to that Redis can run
code in the crawlers, so it must be as trusted as the machines.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object
from scrapy_redis import connection, defaults
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newsscraper.config import NewsSettings
from newsscraper.frontier.runs import SharedRun
from newsscraper.stats import FRONTIER_RUN_ANSWERED, NOT_MODIFIED, RESPONSES_OK

if TYPE_CHECKING:
    from redis import Redis
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from typing_extensions import Self

__all__ = ["SCHEDULER", "START_URLS_KEY", "SharedScheduler", "connect", "frontier_settings"]

logger = logging.getLogger(__name__)

#: the scheduler the SharedFrontier add-on switches Scrapy to
SCHEDULER = "newsscraper.frontier.redisapi.SharedScheduler"
DUPEFILTER = "scrapy_redis.dupefilter.RFPDupeFilter"
#: scrapy-redis's key for start URLs, templated on the spider's name (RedisSpider's ``redis_key``)
START_URLS_KEY = defaults.START_URLS_KEY


def frontier_settings(config: NewsSettings) -> dict[str, Any]:
    """scrapy-redis's settings for this frontier; the queue and start URL keys carry the prefix."""
    return {
        "SCHEDULER": SCHEDULER,
        # what the scheduler builds its seen set with (SharedScheduler gives it the run's key)
        "DUPEFILTER_CLASS": DUPEFILTER,
        "REDIS_URL": config.redis_url,
        "SCHEDULER_QUEUE_KEY": config.redis_prefix + defaults.SCHEDULER_QUEUE_KEY,
        "REDIS_START_URLS_KEY": config.redis_prefix + START_URLS_KEY,
    }


def connect(settings: BaseSettings) -> Redis:
    """A client for the frontier's Redis, with scrapy-redis's connection defaults and ``REDIS_PARAMS``."""
    server: Redis = connection.get_redis_from_settings(redis_settings(settings))
    return server


def redis_settings(settings: BaseSettings) -> BaseSettings:
    """The settings scrapy-redis reads, where ``NEWSSCRAPER_REDIS_URL`` wins over a different ``REDIS_URL``."""
    chosen = BaseSettings(settings.copy_to_dict())  # a crawl's settings are frozen
    chosen.set("REDIS_URL", NewsSettings.from_settings(settings).redis_url)
    return chosen


class SharedScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis has no type hints
    """scrapy-redis's scheduler, with a seen-requests set per run and a queue that always persists."""

    run: SharedRun
    beating: LoopingCall

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """scrapy-redis's scheduler on the frontier's Redis (one connection, pinged once)."""
        scheduler: Self = cls.from_settings(redis_settings(crawler.settings))
        scheduler.stats = crawler.stats
        scheduler.config = NewsSettings.from_settings(crawler.settings)
        scheduler.debug = crawler.settings.getbool("DUPEFILTER_DEBUG")
        return scheduler

    def open(self, spider: Spider) -> None:
        """Join (or start) the run, and open scrapy-redis's queue with the run's seen set (as its
        own ``open`` does, without the ``spider.log`` Scrapy deprecates)."""
        self.spider = spider
        self.run = SharedRun(self.server, self.config.redis_prefix, spider.name, self.config.redis_run_ttl)
        self.run.join()
        self.df = RFPDupeFilter(self.server, key=self.run.dupefilter_key, debug=self.debug)
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider, serializer=self.serializer,
                                                 key=self.queue_key % {"spider": spider.name})
        if self.flush_on_start:
            self.flush()
        if len(self.queue):
            logger.info("Resuming the crawl: %d requests left in %s", len(self.queue), self.queue.key)
        self.beating = LoopingCall(self.beat)
        beats = self.beating.start(max(self.config.redis_run_ttl / 3, 1.0), now=False)
        beats.addErrback(lambda failure: logger.error("The shared frontier's Redis stopped answering (%s): "
                                                      "this run may expire under the others", failure.value))

    def close(self, reason: str) -> None:
        """Leave the run; queue and seen set stay for the other processes (the last one out of a
        finished run forgets the seen set), whatever SCHEDULER_PERSIST says."""
        if self.beating.running:
            self.beating.stop()
        _, answered = self.run.leave(queue_empty=len(self.queue) == 0, answered=self.answered())
        if answered:
            self.stats.set_value(FRONTIER_RUN_ANSWERED, 1)

    def beat(self) -> None:
        """Renew this process's membership in the run (a LoopingCall, every third of the run's TTL)."""
        self.run.beat(answered=self.answered())

    def answered(self) -> bool:
        """Whether this process got a usable response (counted by the site-health middleware)."""
        return bool(self.stats.get_value(RESPONSES_OK, 0) or self.stats.get_value(NOT_MODIFIED, 0))

    def enqueue_request(self, request: Request) -> bool:
        """scrapy-redis's, counting stats without the ``spider`` argument Scrapy deprecates."""
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        """The shared queue's next request (never a blocking pop: the reactor would wait on it)."""
        request: Request | None = self.queue.pop(0)
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
