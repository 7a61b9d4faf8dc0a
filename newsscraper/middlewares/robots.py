"""Scrapy's robots.txt middleware, with every request that waits for a host's robots.txt obeying it.

Scrapy 2.19's :class:`~scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware` makes the
requests that arrive while a host's robots.txt is downloading all wait on one shared Deferred.
Twisted's ``Deferred.asFuture`` passes the result on as ``None``, so only the first waiter gets
the parser and the third and later ones get ``None``, which the middleware reads as "allowed":
a crawl with several start URLs on one host requested paths robots.txt forbids. Here each waiter
gets its own Deferred, fired with the parser from the shared one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.robotstxt import RobotParser

__all__ = ["RobotsTxtMiddleware"]

T = TypeVar("T")


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's middleware; only waiting for a robots.txt that is still downloading differs."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """The host's parser; while robots.txt downloads, wait on a Deferred of this request's own."""
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        own: Deferred[RobotParser | None] = Deferred()
        pending.addCallback(_pass_on, own)
        return await maybe_deferred_to_future(own)


def _pass_on(result: T, waiter: Deferred[T]) -> T:
    """Fire ``waiter`` with the shared result and keep that result for the next waiter."""
    waiter.callback(result)
    return result
