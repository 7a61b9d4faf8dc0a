"""Drop items that can't be articles: no URL, no title, no text, or a body too short to be news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from newsscraper.config import NewsSettings
from newsscraper.stats import Drop, drop_item

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

__all__ = ["REQUIRED_FIELDS", "ValidatePipeline"]

#: each field the store can't do without, and the drop reason when it is missing or blank
REQUIRED_FIELDS = {"url": Drop.MISSING_URL, "title": Drop.MISSING_TITLE, "text": Drop.MISSING_TEXT}


class ValidatePipeline:
    """Checks the fields the store can't do without; each failure is a counted, named drop.

    Reasons: ``missing_url``, ``missing_title``, ``missing_text``, ``too_short`` (body shorter
    than ``NEWSSCRAPER_MIN_BODY_CHARS``: a teaser, a paywall stub or a failed extraction).
    """

    def __init__(self, stats: StatsCollector | None, min_body_chars: int) -> None:
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read ``NEWSSCRAPER_MIN_BODY_CHARS`` once; the stats count the drops."""
        return cls(crawler.stats, NewsSettings.from_settings(crawler.settings).min_body_chars)

    def process_item(self, item: Any) -> Any:
        """The item unchanged, or ``DropItem`` naming the first problem found."""
        adapter = ItemAdapter(item)
        for name, reason in REQUIRED_FIELDS.items():
            value = adapter.get(name)
            if not isinstance(value, str) or not value.strip():
                raise drop_item(self.stats, reason)
        if len(adapter["text"].strip()) < self.min_body_chars:
            raise drop_item(self.stats, Drop.TOO_SHORT)
        return item
