"""Incremental re-crawls, response side: an HTTP 304 is an unchanged article without a download.

A conditional article request (made by
:class:`~newsscraper.middlewares.incremental.IncrementalMiddleware`) answered ``304 Not Modified``
never reaches the spider: the stored article's ``last_seen`` and ``last_fetched`` move, the run
counts it as unchanged (``newsscraper/articles/unchanged``, and ``newsscraper/not_modified``), and
the request ends here quietly. The touch runs on the store's writer thread and is awaited, so the
reactor goes on meanwhile.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future

from newsscraper.meta import STORED_META, site_of
from newsscraper.stats import ARTICLES_PREFIX, NOT_MODIFIED, Site, count, count_site
from newsscraper.store import Change
from newsscraper.store.crawl import CrawlStore

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self


__all__ = ["NotModified", "NotModifiedMiddleware"]

logger = logging.getLogger(__name__)


class NotModified(IgnoreRequest):
    """The server says the stored article is current; nothing to download or parse. The spiders'
    errback lets it pass uncounted: a 304 is no drop."""


class NotModifiedMiddleware:
    """Downloader middleware: a 304 to a conditional article request touches the store and ends."""

    def __init__(self, crawler: Crawler, owner: CrawlStore) -> None:
        self.crawler = crawler
        self.owner = owner

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off without a store: no request is made conditional then."""
        owner = CrawlStore.required(crawler, "no conditional requests")
        return cls(crawler, owner)

    async def process_response(self, request: Request, response: Response) -> Response:
        """Pass every response on, except a 304 to one of our conditional requests."""
        stored = request.meta.get(STORED_META)
        if response.status != 304 or not stored:
            return response
        with self.owner.closing_crawl_on_error():
            await maybe_deferred_to_future(self.owner.writer.touch(stored, now=datetime.now(timezone.utc)))
        stats = self.crawler.stats
        count(stats, NOT_MODIFIED)
        count(stats, ARTICLES_PREFIX + Change.UNCHANGED.value)
        count_site(stats, site_of(request), Site.UNCHANGED)
        logger.debug("Not modified: %s", request.url)
        raise NotModified(f"not modified: {request.url}")
