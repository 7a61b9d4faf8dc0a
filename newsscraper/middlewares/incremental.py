"""Incremental re-crawls, request side: skip articles fetched recently, ask the others "changed since?".

An article request whose URL is stored and was fetched less than ``NEWSSCRAPER_REFETCH_AFTER``
hours ago is dropped here, on the spider's output, before the scheduler sees it: it costs no
request and no politeness delay. An older one goes out with the stored validators
(``If-None-Match``, ``If-Modified-Since``); :class:`~newsscraper.middlewares.notmodified.NotModifiedMiddleware`
handles the 304 that may come back. Section, feed and sitemap requests pass untouched.

Items leave with the validators of the response they came from, for the store to keep.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request

from newsscraper.config import NewsSettings
from newsscraper.meta import STORED_META, is_article_request, site_of
from newsscraper.stats import SKIPPED_FRESH, Site, count, count_site
from newsscraper.store.crawl import CrawlStore
from newsscraper.store.times import parse_timestamp

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from newsscraper.store import ArticleStore, FetchState


__all__ = ["IncrementalMiddleware"]

logger = logging.getLogger(__name__)


class IncrementalMiddleware:
    """Spider middleware: drop fresh article requests, make the others conditional."""

    def __init__(self, crawler: Crawler, store: ArticleStore, refetch_after: timedelta) -> None:
        self.crawler = crawler
        self.store = store
        self.refetch_after = refetch_after
        # one decision per URL and run: a URL linked from ten pages is looked up, and counted, once
        self.known: dict[str, FetchState | None] = {}
        self.fresh: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """The crawl's store (none: nothing to compare with, so off) and ``NEWSSCRAPER_REFETCH_AFTER``."""
        owner = CrawlStore.required(crawler, "every article is fetched")
        return cls(crawler, owner.store, NewsSettings.from_settings(crawler.settings).refetch_after)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """Drop or make conditional each article request; stamp validators on each item."""
        for item_or_request in result:
            if (kept := self.filter(item_or_request, response)) is not None:
                yield kept

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The same for spiders whose callbacks are asynchronous generators."""
        async for item_or_request in result:
            if (kept := self.filter(item_or_request, response)) is not None:
                yield kept

    def filter(self, obj: Any, response: Response) -> Any:
        """The object to pass on, or None for a request that needs no fetch."""
        if isinstance(obj, Request):
            return self.request(obj) if is_article_request(obj) else obj
        if ItemAdapter.is_item(obj):
            stamp_validators(ItemAdapter(obj), response)
        return obj

    def request(self, request: Request) -> Request | None:
        """None when the article was fetched within the window; else the request, conditional if we can."""
        url = request.url
        if url not in self.known:
            self.known[url] = state = self.lookup(url)
            if state is not None and self.is_fresh(state):
                self.fresh.add(url)
                count(self.crawler.stats, SKIPPED_FRESH)
                count_site(self.crawler.stats, site_of(request), Site.UNCHANGED)
                logger.debug("Skipped (fetched at %s): %s", state.last_fetched, url)
        if url in self.fresh:
            return None
        state = self.known[url]
        if state is not None and state.validators:
            request.meta[STORED_META] = state.canonical_url
            if state.validators.etag:
                request.headers["If-None-Match"] = state.validators.etag
            if state.validators.last_modified:
                request.headers["If-Modified-Since"] = state.validators.last_modified
        return request

    def lookup(self, url: str) -> FetchState | None:
        """The stored state of an article URL."""
        return self.store.fetch_state(url)

    def is_fresh(self, state: FetchState) -> bool:
        """Fetched less than the window ago (a zero window: never)."""
        if not self.refetch_after or not state.last_fetched:
            return False
        return datetime.now(timezone.utc) - parse_timestamp(state.last_fetched) < self.refetch_after


def stamp_validators(adapter: ItemAdapter, response: Response) -> None:
    """Copy the response's ETag and Last-Modified onto the item, when the item has those fields."""
    fields = adapter.field_names()
    for field, header in (("etag", b"ETag"), ("last_modified", b"Last-Modified")):
        value = response.headers.get(header)
        if field in fields and value and not adapter.get(field):
            adapter[field] = value.decode("latin-1")
