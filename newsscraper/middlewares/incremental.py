"""Incremental re-crawls, request side: skip articles fetched recently, ask the others "changed since?".

An article request whose URL is stored and was fetched less than ``NEWSSCRAPER_REFETCH_AFTER``
hours ago is dropped here, on the spider's output, before the scheduler sees it: it costs no
request and no politeness delay. An older one goes out with the stored validators
(``If-None-Match``, ``If-Modified-Since``); :class:`~newsscraper.middlewares.notmodified.NotModifiedMiddleware`
handles the 304 that may come back. Section, feed and sitemap requests pass untouched.

Items leave with the validators of the response they came from, for the store to keep.

Looking a URL up costs no query of its own: the article requests of one callback's output are
looked up together, in one indexed query on the store's writer thread (see
:meth:`IncrementalMiddleware.look_up`), and each URL is decided once a run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.utils.defer import maybe_deferred_to_future

from newsscraper.config import NewsSettings
from newsscraper.meta import STORED_META, is_article_request, site_of
from newsscraper.stats import ARTICLES_PREFIX, SKIPPED_FRESH, Site, count, count_site
from newsscraper.store import Change
from newsscraper.store.crawl import CrawlStore
from newsscraper.store.times import parse_timestamp

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from newsscraper.store import FetchState


__all__ = ["BATCH", "IncrementalMiddleware"]

logger = logging.getLogger(__name__)

#: outputs of one callback read before their article URLs are looked up together: more than a
#: section page links to, so a page costs one query; a sitemap of many thousand URLs, a few
BATCH = 500


class IncrementalMiddleware:
    """Spider middleware: drop fresh article requests, make the others conditional."""

    def __init__(self, crawler: Crawler, owner: CrawlStore, refetch_after: timedelta) -> None:
        self.crawler = crawler
        self.owner = owner
        self.refetch_after = refetch_after
        # one decision per URL and run: a URL linked from ten pages is looked up, and counted, once
        self.known: dict[str, FetchState | None] = {}
        self.fresh: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """The crawl's store (none: nothing to compare with, so off) and ``NEWSSCRAPER_REFETCH_AFTER``."""
        owner = CrawlStore.required(crawler, "every article is fetched")
        return cls(crawler, owner, NewsSettings.from_settings(crawler.settings).refetch_after)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Drop or make conditional each article request; stamp validators on each item.

        The callback's output is read in batches of up to ``BATCH`` objects (all of a section
        page's links), and the article URLs of a batch that this run has not decided yet are
        looked up in one query. The output keeps its order."""
        batch: list[Any] = []
        try:
            async for item_or_request in result:
                batch.append(item_or_request)
                if len(batch) >= BATCH:
                    for kept in await self.filter_batch(batch, response):
                        yield kept
                    batch = []
        except Exception:  # what the callback gave before it raised still goes out, as it would unbatched
            for kept in await self.filter_batch(batch, response):
                yield kept
            raise
        for kept in await self.filter_batch(batch, response):
            yield kept

    async def filter_batch(self, batch: list[Any], response: Response) -> list[Any]:
        """The objects to pass on, in order, fresh article requests left out."""
        await self.look_up([obj for obj in batch if isinstance(obj, Request) and is_article_request(obj)])
        return [kept for obj in batch if (kept := self.filter(obj, response)) is not None]

    async def look_up(self, requests: list[Request]) -> None:
        """Decide about the article URLs this run has not decided yet, in one query.

        The query runs on the store's writer thread, after the saves queued before it: it reads
        what the reactor read when it wrote them itself. Two pages may look a URL up at once; the
        first answer decides, the other finds it decided."""
        undecided: dict[str, Request] = {}
        for request in requests:
            if request.url not in self.known:
                undecided.setdefault(request.url, request)  # the first one counts for its site
        if not undecided:
            return
        with self.owner.closing_crawl_on_error():
            states = await maybe_deferred_to_future(self.owner.writer.fetch_states(undecided))
        for url, request in undecided.items():
            if url not in self.known:
                self.decide(request, states.get(url))

    def decide(self, request: Request, state: FetchState | None) -> None:
        """Remember what the store knows of the request's URL; count it if it is fresh.

        A fresh article counts as unchanged, in the run's counts as on its site's line, as a 304
        does (:mod:`~newsscraper.middlewares.notmodified`): the store holds its current text as far
        as this run knows. ``skipped_fresh`` says how many of the unchanged ones were not asked."""
        self.known[request.url] = state
        if state is not None and self.is_fresh(state):
            self.fresh.add(request.url)
            count(self.crawler.stats, SKIPPED_FRESH)
            count(self.crawler.stats, ARTICLES_PREFIX + Change.UNCHANGED.value)
            count_site(self.crawler.stats, site_of(request), Site.UNCHANGED)
            logger.debug("Skipped (fetched at %s): %s", state.last_fetched, request.url)

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
