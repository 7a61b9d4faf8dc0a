"""Incremental re-crawls, response side: an HTTP 304 is an unchanged article without a download.

A conditional article request (made by
:class:`~newsscraper.middlewares.incremental.IncrementalMiddleware`) answered ``304 Not Modified``
never reaches the spider: the stored article's ``last_seen`` and ``last_fetched`` move, the run
counts it as unchanged (``newsscraper/articles/unchanged``, and ``newsscraper/not_modified``), and
the request ends here quietly.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from newsscraper.drops import ARTICLES_PREFIX
from newsscraper.health import count_site, site_of
from newsscraper.middlewares.incremental import STORED_META
from newsscraper.middlewares.storeaccess import StoreAccess
from newsscraper.store import Change
from newsscraper.storeerrors import closing_crawl_on_error

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self


__all__ = ["NOT_MODIFIED", "NotModified", "NotModifiedMiddleware"]

logger = logging.getLogger(__name__)

#: stats key: article requests answered 304
NOT_MODIFIED = "newsscraper/not_modified"


class NotModified(IgnoreRequest):
    """The server says the stored article is current; nothing to download or parse."""


class NotModifiedMiddleware:
    """Downloader middleware: a 304 to a conditional article request touches the store and ends."""

    def __init__(self, crawler: Crawler, access: StoreAccess) -> None:
        self.crawler = crawler
        self.access = access

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off without a store: no request is made conditional then."""
        return cls(crawler, StoreAccess(crawler, "no conditional requests"))  # closed on spider_closed

    def process_response(self, request: Request, response: Response) -> Response:
        """Pass every response on, except a 304 to one of our conditional requests."""
        stored = request.meta.get(STORED_META)
        if response.status != 304 or not stored:
            return response
        with closing_crawl_on_error(self.crawler):
            self.access.store.touch(stored, now=datetime.now(timezone.utc))
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(NOT_MODIFIED)
            stats.inc_value(ARTICLES_PREFIX + Change.UNCHANGED.value)
        count_site(stats, site_of(request), "unchanged")
        logger.debug("Not modified: %s", request.url)
        # An IgnoreRequest goes to the request's errback, and the spiders' errback counts it as a
        # drop; a 304 is no drop. Without an errback Scrapy ends the request silently.
        request.errback = None
        raise NotModified(f"not modified: {request.url}")
