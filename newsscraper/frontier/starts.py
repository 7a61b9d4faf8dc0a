"""Start URLs pushed to the shared frontier, and the idle close that ends a run of several processes.

scrapy-redis's ``RedisSpider`` reads start URLs from the Redis key ``<spider>:start_urls`` (a list,
or a set with ``REDIS_START_URLS_AS_SET``, a sorted set with ``REDIS_START_URLS_AS_ZSET``): one
batch from ``start_requests()``, the next each time the spider is idle, scheduled with
``engine.crawl(request, spider=…)``. Scrapy 2.13+ starts spiders through the async ``start()`` and
no longer calls ``start_requests()``, and 2.14 dropped ``spider=``, so :class:`RedisStartUrls`
does the same through today's API: the first batch through the spider's ``start()``
(:meth:`RedisStartUrls.start`), the next ones from ``spider_idle`` through ``engine.crawl(request)``.
Messages are what scrapy-redis takes: a URL, or JSON with a ``url``. Each is a start page: of the
sites file's site it belongs to, else of a site of its own, with its feeds and sitemaps
(the spider's ``start_url_requests``).

When the shared queue is empty and nothing is in flight, the crawl is idle; another process may
still add requests, so it ends only after ``NEWSSCRAPER_REDIS_IDLE_CLOSE`` seconds of idleness
(0: never, a worker that waits for pushed URLs), as scrapy-redis's ``MAX_IDLE_TIME_BEFORE_CLOSE``
does, but timed from when the crawl went idle rather than from the spider's start.
"""

from __future__ import annotations

import json
import logging
import time
from typing import TYPE_CHECKING, Any, Protocol

from redis.exceptions import RedisError
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro

from newsscraper.config import NewsSettings
from newsscraper.frontier.redisapi import START_URLS_KEY, connect
from newsscraper.scrapyapi import crawl_request, get_extension
from newsscraper.stats import FRONTIER_BAD_MESSAGES, FRONTIER_START_URLS, count

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from redis import Redis
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred
    from typing_extensions import Self

__all__ = ["FrontierUnavailable", "RedisStartUrls", "StartUrlSpider", "start_url"]

logger = logging.getLogger(__name__)


class StartUrlSpider(Protocol):
    """What the extension needs of a spider (newsscraper's ``news`` spider has it)."""

    name: str

    def start_url_requests(self, url: str) -> AsyncIterator[Request]:
        """The requests that crawl a pushed start URL; ValueError for one it can't crawl."""
        ...


class FrontierUnavailable(RuntimeError):
    """The shared frontier's Redis can't be reached: the crawl does not start."""


def start_url(message: bytes | str) -> str | None:
    """The URL of a message pushed to ``<spider>:start_urls``: the message, or its JSON ``url``."""
    text = (message.decode("utf-8", "replace") if isinstance(message, bytes) else message).strip()
    if text.startswith("{"):
        try:
            data: Any = json.loads(text)
        except ValueError:
            return None
        url = data.get("url") if isinstance(data, dict) else None
        return url.strip() or None if isinstance(url, str) else None
    return text or None


class RedisStartUrls:
    """Extension: pushed start URLs, a batch at the start and one whenever the crawl is idle, and
    the idle close."""

    def __init__(self, crawler: Crawler, server: Redis, key: str, batch: int, idle_close: float) -> None:
        self.crawler = crawler
        self.server = server
        #: the key template, ``%(name)s`` the spider's name (``REDIS_START_URLS_KEY``)
        self.key = key
        self.batch = batch
        self.idle_close = idle_close
        self.as_set = crawler.settings.getbool("REDIS_START_URLS_AS_SET")
        self.as_zset = crawler.settings.getbool("REDIS_START_URLS_AS_ZSET")
        #: when the crawl last went idle (monotonic clock); None while it works
        self.idle_since: float | None = None
        #: start URLs whose requests are still being made (their robots.txt may take a while)
        self.pending: set[Deferred[None]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off (NotConfigured) without a shared frontier; batches of ``CONCURRENT_REQUESTS``, as
        scrapy-redis reads them."""
        config = NewsSettings.from_settings(crawler.settings)
        if not config.redis_url:  # the usual crawl: no message, or Scrapy would warn of it every time
            raise NotConfigured
        key = crawler.settings.get("REDIS_START_URLS_KEY") or config.redis_prefix + START_URLS_KEY
        batch = max(crawler.settings.getint("CONCURRENT_REQUESTS"), 1)
        server = connect(crawler.settings)
        try:  # before the engine exists: a crawl that can't reach Redis stops saying so, not later
            server.ping()
        except RedisError as exc:
            raise FrontierUnavailable(f"the shared frontier's Redis (NEWSSCRAPER_REDIS_URL) does not answer: {exc}") \
                from exc
        starts = cls(crawler, server, key, batch, config.redis_idle_close)
        crawler.signals.connect(starts.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(starts.working, signal=signals.response_received)
        return starts

    @classmethod
    def of(cls, crawler: Crawler) -> RedisStartUrls | None:
        """The crawl's instance, or None when the frontier is off."""
        return get_extension(crawler, cls)

    def key_for(self, spider: Spider | StartUrlSpider) -> str:
        """The spider's start URL key, as RedisSpider names it."""
        return self.key % {"name": spider.name}

    async def start(self, spider: StartUrlSpider) -> AsyncIterator[Request]:
        """The first batch's requests, for the spider's async ``start()`` to yield."""
        logger.info("Reading start URLs pushed to Redis key %s", self.key_for(spider))
        for url in self.pop(spider):
            async for request in self.requests_for(spider, url):
                yield request

    async def requests_for(self, spider: StartUrlSpider, url: str) -> AsyncIterator[Request]:
        """The spider's requests for a pushed start URL; one it can't crawl is counted and logged."""
        try:
            async for request in spider.start_url_requests(url):
                yield request
        except ValueError as exc:  # not an http(s) URL
            count(self.crawler.stats, FRONTIER_BAD_MESSAGES)
            logger.warning("Ignored a pushed start URL: %s", exc)

    def pop(self, spider: Spider | StartUrlSpider) -> list[str]:
        """Take up to a batch of start URLs off the key (atomically: each goes to one process)."""
        key = self.key_for(spider)
        with self.server.pipeline() as pipe:
            if self.as_set:
                pipe.spop(key, self.batch)
            elif self.as_zset:  # highest score first, as scrapy-redis reads them
                pipe.zrevrange(key, 0, self.batch - 1).zremrangebyrank(key, -self.batch, -1)
            else:
                pipe.lrange(key, 0, self.batch - 1).ltrim(key, self.batch, -1)
            messages = pipe.execute()[0] or []
        urls = []
        for message in messages:
            url = start_url(message)
            if url is None:
                count(self.crawler.stats, FRONTIER_BAD_MESSAGES)
                logger.warning("Ignored a message in %s without a URL: %r", key, message[:200])
                continue
            count(self.crawler.stats, FRONTIER_START_URLS)
            urls.append(url)
        return urls

    def working(self) -> None:
        """A response came: the crawl is not idle."""
        self.idle_since = None

    def spider_idle(self, spider: StartUrlSpider) -> None:
        """Crawl the next batch of pushed URLs; with none, close once idle for the configured time."""
        if self.pending:
            raise DontCloseSpider
        urls = self.pop(spider)
        if urls:
            self.idle_since = None
            for url in urls:
                self.feed(spider, url)
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if not self.idle_close or now - self.idle_since < self.idle_close:
            raise DontCloseSpider
        logger.info("Shared queue empty for %.0f s: closing", now - self.idle_since)

    def feed(self, spider: StartUrlSpider, url: str) -> None:
        """Schedule a start URL's requests as they come (sitemaps wait for robots.txt)."""

        async def crawl_all() -> None:
            async for request in self.requests_for(spider, url):
                crawl_request(self.crawler, request)

        done = deferred_from_coro(crawl_all())
        self.pending.add(done)
        done.addErrback(lambda failure: logger.error("Start URL %s failed: %s", url, failure.getTraceback()))
        done.addBoth(lambda _: self.pending.discard(done))
