"""robots.txt obeyed by every request, and each host's ``Sitemap:`` lines kept for the spider.

This replaces Scrapy's :class:`~scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware` (same
settings: ``ROBOTSTXT_OBEY``, ``ROBOTSTXT_PARSER``, ``ROBOTSTXT_USER_AGENT``; same ``robotstxt/*``
stats) for two reasons, using only Scrapy's public API:

- Scrapy (2.13 to 2.19 at least) makes the requests that arrive while a host's robots.txt is
  downloading wait on one shared Deferred, and Twisted's ``Deferred.asFuture`` passes the result
  on as ``None``: only the first waiter gets the parser, the third and later get ``None``, read as
  "allowed", and a crawl with several start URLs on one host requested paths robots.txt forbids.
  Here each waiter has a Deferred of its own. (A fix worth offering upstream: the test is
  ``tests/test_robots.py``.)
- The spider reads sitemaps from robots.txt: Scrapy's parser keeps no ``Sitemap:`` lines, and
  subclassing to catch the body meant overriding private methods. Here the body is read once
  and both the rules and the sitemaps come from that one download.

A forbidden request fails with :class:`ForbiddenByRobots`, an ``IgnoreRequest``, so an errback
can tell it from other ignored requests without reading the message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

from newsscraper.discovery.sitemaps import robots_sitemap_urls

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser
    from typing_extensions import Self

__all__ = ["ForbiddenByRobots", "RobotsTxtMiddleware"]

logger = logging.getLogger(__name__)


class ForbiddenByRobots(IgnoreRequest):
    """The host's robots.txt forbids this request."""


@dataclass
class _Host:
    """What one host's robots.txt said, once downloaded; until then, who waits for it."""

    parser: RobotParser | None = None
    #: the Sitemap: URLs; None when robots.txt got no response
    sitemaps: list[str] | None = None
    done: bool = False
    waiters: list[Deferred[None]] = field(default_factory=list)


class RobotsTxtMiddleware:
    """Downloader middleware: download each host's robots.txt once, then judge every request by it."""

    #: robots.txt goes before the requests that wait for it (Scrapy's own priority)
    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.default_user_agent: str = settings["USER_AGENT"]
        self.robots_user_agent: str | None = settings.get("ROBOTSTXT_USER_AGENT") or None
        self.parser_class = load_object(settings.get("ROBOTSTXT_PARSER"))
        build_from_crawler(self.parser_class, crawler, b"")  # a parser whose library is missing fails now
        self.hosts: dict[str, _Host] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off (``NotConfigured``) unless ``ROBOTSTXT_OBEY``."""
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Let the request through, or raise :class:`ForbiddenByRobots`."""
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return
        host = await self.host(request)
        if host.parser is None:
            return
        user_agent = self.robots_user_agent or request.headers.get(b"User-Agent") or self.default_user_agent
        if not host.parser.allowed(request.url, user_agent):
            logger.debug("Forbidden by robots.txt: %(request)s", {"request": request})
            self.count("forbidden")
            raise ForbiddenByRobots("Forbidden by robots.txt")

    async def sitemap_urls(self, root: str) -> list[str] | None:
        """The ``Sitemap:`` lines of ``root``'s robots.txt (``scheme://host[:port]``), downloading
        it if no request for that host has yet; ``None`` when robots.txt got no response."""
        return (await self.host(Request(root + "/robots.txt"))).sitemaps

    async def host(self, request: Request) -> _Host:
        """The request's host, once its robots.txt is read: the first request downloads it, the
        ones that come meanwhile each wait on a Deferred of their own."""
        url = urlparse_cached(request)
        host = self.hosts.get(url.netloc)
        if host is None:
            host = self.hosts[url.netloc] = _Host()
            await self.read(host, f"{url.scheme}://{url.netloc}/robots.txt")
        elif not host.done:
            waiter: Deferred[None] = Deferred()
            host.waiters.append(waiter)
            await maybe_deferred_to_future(waiter)
        return host

    async def read(self, host: _Host, robots_url: str) -> None:
        """Download and parse robots.txt, then wake every waiter (with no rules if it failed)."""
        robots = Request(robots_url, priority=self.DOWNLOAD_PRIORITY, meta={"dont_obey_robotstxt": True},
                         callback=NO_CALLBACK)
        try:
            response = await self.crawler.engine.download_async(robots)
        except Exception as exc:
            if not isinstance(exc, IgnoreRequest):
                logger.error("Error downloading %(request)s: %(error)s", {"request": robots, "error": exc},
                             exc_info=True)
                self.count(f"exception_count/{type(exc)}")
        else:
            self.count("response_count")
            self.count(f"response_status_count/{response.status}")
            host.parser = build_from_crawler(self.parser_class, self.crawler, response.body)
            host.sitemaps = robots_sitemap_urls(response.body, response.url) if response.status < 400 else []
        self.count("request_count")
        host.done = True
        waiters, host.waiters = host.waiters, []
        for waiter in waiters:
            waiter.callback(None)

    def count(self, key: str) -> None:
        """Scrapy's own ``robotstxt/*`` stats keys."""
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"robotstxt/{key}")
