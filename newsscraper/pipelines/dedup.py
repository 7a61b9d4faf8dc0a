"""One copy of each article per run: same canonical URL or same text means a duplicate.

(Across runs, the store pipeline drops a new URL whose text is already stored, with the same
reason, ``duplicate_text``.) Each duplicate also counts for its site (``duplicates``), so a site's
fetched pages add up to what became of them.

Also stamps each item with the two keys the store compares across runs: its canonical URL and the
hash of its normalised text (an unchanged article has the same hash as its stored row).
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newsscraper.drops import drop_item
from newsscraper.health import count_site
from newsscraper.links import canonical_url, site_host

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.exceptions import DropItem
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

__all__ = ["DedupPipeline", "content_hash", "drop_duplicate", "normalise_text"]


def normalise_text(text: str) -> str:
    """NFC, runs of white space as one space, paragraphs one per line: the text a hash should see.

    Re-wrapping or re-encoding a paragraph is not an edit; changing a word is.
    """
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines())
    return "\n".join(line for line in lines if line)


def content_hash(text: str) -> str:
    """sha256 of the normalised text, in hex."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def drop_duplicate(stats: StatsCollector | None, adapter: ItemAdapter, reason: str) -> DropItem:
    """Count the drop, overall and for the item's site (its host when the item names none)."""
    count_site(stats, adapter.get("site") or site_host(adapter["url"]), "duplicates")
    return drop_item(stats, reason)


class DedupPipeline:
    """Drops the second copy of an article within a run (``duplicate_url``, ``duplicate_text``).

    The first copy wins; the store decides whether it is new, updated or unchanged.
    """

    def __init__(self, stats: StatsCollector | None) -> None:
        self.stats = stats
        self.seen_urls: set[str] = set()
        self.seen_hashes: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off (``NotConfigured``) when ``NEWSSCRAPER_DEDUP_ENABLED`` is false; the stats count the drops."""
        if not crawler.settings.getbool("NEWSSCRAPER_DEDUP_ENABLED", True):
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
        if url in self.seen_urls:
            raise drop_duplicate(self.stats, adapter, "duplicate_url")
        if digest in self.seen_hashes:
            raise drop_duplicate(self.stats, adapter, "duplicate_text")
        self.seen_urls.add(url)
        self.seen_hashes.add(digest)
        return item
