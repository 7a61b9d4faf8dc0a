"""One copy of each article per run: same canonical URL or same text means a duplicate.

(Across runs, the store pipeline drops a new URL whose text is already stored, with the same
reason, ``duplicate_text``.) Each duplicate also counts for its site (``duplicates``), so a site's
fetched pages add up to what became of them.

Also stamps each item with the two keys the store compares across runs: its canonical URL and the
hash of its normalised text (an unchanged article has the same hash as its stored row).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newsscraper.config import NewsSettings
from newsscraper.discovery.links import canonical_url, site_host
from newsscraper.stats import Drop, Site, count_site, drop_item
from newsscraper.store.hashing import content_hash

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from newsscraper.stats import ArticleDropped

__all__ = ["DedupPipeline", "drop_duplicate"]


def drop_duplicate(stats: StatsCollector | None, adapter: ItemAdapter, reason: str) -> ArticleDropped:
    """Count the drop, overall and for the item's site (its host when the item names none)."""
    count_site(stats, adapter.get("site") or site_host(adapter["url"]), Site.DUPLICATES)
    return drop_item(stats, reason)


class DedupPipeline:
    """Drops the second copy of an article within a run (``duplicate_url``, ``duplicate_text``).

    The first copy wins; the store decides whether it is new, updated or unchanged.
    """

    def __init__(self, stats: StatsCollector | None) -> None:
        self.stats = stats
        # 128-bit fingerprints, not the strings: a run's 20,000 URLs and hashes cost 1 MB, not 4
        self.seen_urls: set[bytes] = set()
        self.seen_hashes: set[bytes] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off (``NotConfigured``) when ``NEWSSCRAPER_DEDUP_ENABLED`` is false; the stats count the drops."""
        if not NewsSettings.from_settings(crawler.settings).dedup:
            raise NotConfigured("NEWSSCRAPER_DEDUP_ENABLED is false: copies of an article are kept")
        return cls(crawler.stats)

    def open_spider(self) -> None:
        """A run starts with nothing seen; the store, not this pipeline, remembers earlier runs."""
        self.seen_urls.clear()
        self.seen_hashes.clear()

    def process_item(self, item: Any) -> Any:
        """Stamp the canonical URL and the content hash, then drop the item if either was seen."""
        adapter = ItemAdapter(item)
        url = canonical_url(adapter.get("canonical_url") or adapter["url"])
        digest = content_hash(adapter["text"])
        adapter["canonical_url"] = url
        adapter["content_hash"] = digest
        url_key, text_key = fingerprint(url), bytes.fromhex(digest[:32])
        if url_key in self.seen_urls:
            raise drop_duplicate(self.stats, adapter, Drop.DUPLICATE_URL)
        if text_key in self.seen_hashes:
            raise drop_duplicate(self.stats, adapter, Drop.DUPLICATE_TEXT)
        self.seen_urls.add(url_key)
        self.seen_hashes.add(text_key)
        return item


def fingerprint(url: str) -> bytes:
    """128 bits of the URL's hash: two URLs share one as often as never."""
    return hashlib.blake2b(url.encode("utf-8"), digest_size=16).digest()
