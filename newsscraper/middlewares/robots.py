"""Scrapy's robots.txt middleware, with every request that waits for a host's robots.txt obeying it.

Scrapy 2.19's :class:`~scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware` makes the
requests that arrive while a host's robots.txt is downloading all wait on one shared Deferred.
Twisted's ``Deferred.asFuture`` passes the result on as ``None``, so only the first waiter gets
the parser and the third and later ones get ``None``, which the middleware reads as "allowed":
a crawl with several start URLs on one host requested paths robots.txt forbids. Here each waiter
gets its own Deferred, fired with the parser from the shared one.

It also keeps each host's ``Sitemap:`` lines, which the spider reads with :meth:`sitemap_urls`
instead of downloading robots.txt a second time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from newsscraper.sitemaps import robots_sitemap_urls

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

__all__ = ["RobotsTxtMiddleware"]

T = TypeVar("T")


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's middleware, fixed for requests waiting together, that also keeps the sitemaps."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        #: the Sitemap: URLs of each host's robots.txt, by netloc ([] for an error status)
        self._sitemaps: dict[str, list[str]] = {}

    async def sitemap_urls(self, root: str) -> list[str] | None:
        """The ``Sitemap:`` lines of ``root``'s robots.txt (``scheme://host[:port]``), downloading
        it if no request for that host has yet; ``None`` when robots.txt got no response."""
        request = Request(root + "/robots.txt")
        await self.robot_parser(request)
        return self._sitemaps.get(urlparse_cached(request).netloc)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """The host's parser; while robots.txt downloads, wait on a Deferred of this request's own."""
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        own: Deferred[RobotParser | None] = Deferred()
        pending.addCallback(_pass_on, own)
        return await maybe_deferred_to_future(own)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        """Keep the ``Sitemap:`` lines before Scrapy builds the parser (which has no place for them)."""
        self._sitemaps[netloc] = robots_sitemap_urls(response.body, response.url) if response.status < 400 else []
        await super()._parse_robots(response, netloc, request)


def _pass_on(result: T, waiter: Deferred[T]) -> T:
    """Fire ``waiter`` with the shared result and keep that result for the next waiter."""
    waiter.callback(result)
    return result
