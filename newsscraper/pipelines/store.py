"""Keep every article in the store and count what each one was: new, updated or unchanged.

A changed text shorter than ``NEWSSCRAPER_SHRINK_RATIO`` times the stored one is not believed: the
store keeps it aside as a suspected extraction failure and the item is dropped as ``shrunk``. A new
URL whose text is already stored under another is dropped as ``duplicate_text`` (unless
``NEWSSCRAPER_DEDUP_ENABLED`` is false).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newsscraper.drops import ARTICLES_PREFIX, drop_item
from newsscraper.extensions.runs import RunRecorder
from newsscraper.links import canonical_url
from newsscraper.pipelines.dedup import content_hash, drop_duplicate
from newsscraper.store import DEFAULT_BUSY_TIMEOUT, ArticleRecord, ArticleStore, Change, Validators, open_store
from newsscraper.storeerrors import closing_crawl_on_error

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

__all__ = ["STORE_STAT", "StorePipeline"]

logger = logging.getLogger(__name__)

#: Stats key holding the store's location, for the end-of-crawl summary.
STORE_STAT = "newsscraper/store"


class StorePipeline:
    """Saves each item as one row, one transaction each; ``NEWSSCRAPER_DATABASE=""`` switches it off.

    A storage error is not an item problem: it is re-raised (Scrapy logs it as an error) and the
    crawl is closed with reason ``store_error`` instead of fetching pages it can't keep.
    """

    def __init__(self, crawler: Crawler, database: str, shrink_ratio: float = 0.5,
                 busy_timeout: float = DEFAULT_BUSY_TIMEOUT, dedup: bool = True) -> None:
        self.crawler = crawler
        self.database = database
        self.shrink_ratio = shrink_ratio
        self.busy_timeout = busy_timeout
        self.dedup = dedup
        self.store: ArticleStore | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read ``NEWSSCRAPER_DATABASE``, ``NEWSSCRAPER_SHRINK_RATIO``, ``NEWSSCRAPER_DATABASE_TIMEOUT`` and
        ``NEWSSCRAPER_DEDUP_ENABLED``; the store is opened with the spider."""
        settings = crawler.settings
        database = (settings.get("NEWSSCRAPER_DATABASE") or "").strip()
        if not database:
            raise NotConfigured("NEWSSCRAPER_DATABASE is empty: articles are not stored")
        return cls(crawler, database, settings.getfloat("NEWSSCRAPER_SHRINK_RATIO", 0.5),
                   settings.getfloat("NEWSSCRAPER_DATABASE_TIMEOUT", DEFAULT_BUSY_TIMEOUT),
                   settings.getbool("NEWSSCRAPER_DEDUP_ENABLED", True))

    def open_spider(self) -> None:
        """Open (or create) the store before the first item, so a bad path fails the crawl at once."""
        self.store = open_store(self.database, busy_timeout=self.busy_timeout)
        self.run_id = self._run_id()
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(STORE_STAT, self.store.location)
        logger.info("Storing articles in %s", self.store.location)

    def close_spider(self) -> None:
        """Close the store, also when the crawl stopped early."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item: Any) -> Any:
        """Save the item and record on it (``change``) and in the stats what saving it did."""
        if self.store is None:
            raise RuntimeError("StorePipeline.process_item called before open_spider")
        adapter = ItemAdapter(item)
        validators = Validators(adapter.get("etag"), adapter.get("last_modified"))
        with closing_crawl_on_error(self.crawler):
            change = self.store.save(_record(adapter), now=datetime.now(timezone.utc), validators=validators,
                                     shrink_ratio=self.shrink_ratio, run_id=self.run_id, dedup=self.dedup)
        if change is Change.SHRUNK:
            raise drop_item(self.crawler.stats, "shrunk", log_level="WARNING")
        if change is Change.DUPLICATE:
            raise drop_duplicate(self.crawler.stats, adapter, "duplicate_text")
        adapter["change"] = change.value
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(ARTICLES_PREFIX + change.value)
        return item

    def _run_id(self) -> int | None:
        """The id of this crawl's ``runs`` row, so each version says which run found it."""
        try:
            recorder = self.crawler.get_extension(RunRecorder)
        except RuntimeError:  # no extensions when the pipeline is driven by hand, as in tests
            return None
        return recorder.run_id if recorder is not None else None


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
    )
