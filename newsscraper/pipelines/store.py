"""Keep every article in the store and count what each one was: new, updated or unchanged.

A changed text shorter than ``NEWSSCRAPER_SHRINK_RATIO`` times the stored one is not believed: the
store keeps it aside as a suspected extraction failure and the item is dropped as ``shrunk``. A new
URL whose text is already stored under another is dropped as ``duplicate_text`` (unless
``NEWSSCRAPER_DEDUP_ENABLED`` is false).

The save runs on the store's writer thread (:mod:`newsscraper.store.writer`): ``process_item`` awaits
it, so the reactor goes on downloading meanwhile, and counts what it did once it is committed.
Scrapy closes the spider only once every item in progress is done, so every save is committed and
counted before the run's end is written. There is no ``close_spider`` to flush the queue: nothing is
left in it then, and an asynchronous ``close_spider`` alone would cost the closing crawl a turn of
the reactor, which a second Ctrl-C (an immediate stop) must not wait for.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.utils.defer import maybe_deferred_to_future

from newsscraper.config import NewsSettings
from newsscraper.discovery.links import canonical_url
from newsscraper.pipelines.dedup import drop_duplicate
from newsscraper.stats import ARTICLES_PREFIX, STORE, Drop, count, drop_item
from newsscraper.store import ArticleRecord, Change, Validators
from newsscraper.store.crawl import CrawlStore
from newsscraper.store.hashing import content_hash

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

__all__ = ["StorePipeline"]

logger = logging.getLogger(__name__)


class StorePipeline:
    """Saves each item as one row, one transaction each, in the crawl's store (off without one).

    A storage error is not an item problem: it is re-raised (Scrapy logs it as an error) and the
    crawl is closed with reason ``store_error`` instead of fetching pages it can't keep. When the
    writer's queue is full, ``process_item`` waits for room: Scrapy then holds back the next items.
    """

    def __init__(self, crawler: Crawler, owner: CrawlStore, shrink_ratio: float, dedup: bool) -> None:
        self.crawler = crawler
        self.owner = owner
        self.shrink_ratio = shrink_ratio
        self.dedup = dedup

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """The crawl's store, ``NEWSSCRAPER_SHRINK_RATIO`` and ``NEWSSCRAPER_DEDUP_ENABLED``."""
        owner = CrawlStore.required(crawler, "articles are not stored")
        config = NewsSettings.from_settings(crawler.settings)
        return cls(crawler, owner, config.shrink_ratio, config.dedup)

    def open_spider(self) -> None:
        """Say where the articles go, in the stats and the log."""
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(STORE, self.owner.store.location)
        logger.info("Storing articles in %s", self.owner.store.location)

    async def process_item(self, item: Any) -> Any:
        """Save the item and record on it (``change``) and in the stats what saving it did."""
        adapter = ItemAdapter(item)
        validators = Validators(adapter.get("etag"), adapter.get("last_modified"))
        with self.owner.closing_crawl_on_error():
            saved = self.owner.writer.save(_record(adapter), now=datetime.now(timezone.utc), validators=validators,
                                           shrink_ratio=self.shrink_ratio, run_id=self.owner.run_id, dedup=self.dedup)
            change = await maybe_deferred_to_future(saved)
        if change is Change.SHRUNK:
            raise drop_item(self.crawler.stats, Drop.SHRUNK, log_level="WARNING")
        if change is Change.DUPLICATE:
            raise drop_duplicate(self.crawler.stats, adapter, Drop.DUPLICATE_TEXT)
        adapter["change"] = change.value
        count(self.crawler.stats, ARTICLES_PREFIX + change.value)
        return item


def _record(adapter: ItemAdapter) -> ArticleRecord:
    """The item as a store record; keys the dedup pipeline would set are computed if it is off."""
    text = adapter["text"]
    return ArticleRecord(
        url=adapter["url"],
        canonical_url=adapter.get("canonical_url") or canonical_url(adapter["url"]),
        title=adapter["title"],
        text=text,
        paragraphs=tuple(adapter.get("paragraphs") or ()),
        authors=tuple(adapter.get("authors") or ()),
        published=adapter.get("published"),
        language=adapter.get("language"),
        content_hash=adapter.get("content_hash") or content_hash(text),
        standfirst=adapter.get("standfirst"),
        aliases=tuple(adapter.get("redirected_from") or ()),
        site=adapter.get("site"),
    )
