"""Counted drops: every page or item the crawl gives up on is one ``newsscraper/dropped/<reason>``.

The spider (HTTP errors, non-HTML responses, pages that are not articles) and the pipelines
(invalid items, duplicates) use the same stats prefix, so the end-of-crawl summary can list every
reason without knowing who dropped what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

if TYPE_CHECKING:
    from scrapy.statscollectors import StatsCollector

__all__ = ["ARTICLES_PREFIX", "DROPPED_PREFIX", "count_drop", "drop_item"]

DROPPED_PREFIX = "newsscraper/dropped/"
ARTICLES_PREFIX = "newsscraper/articles/"


def count_drop(stats: StatsCollector | None, reason: str) -> None:
    """Add one to ``newsscraper/dropped/<reason>``."""
    if stats is not None:
        stats.inc_value(DROPPED_PREFIX + reason)


def drop_item(stats: StatsCollector | None, reason: str, *, log_level: str = "INFO") -> DropItem:
    """Count the drop and return the ``DropItem`` to raise; Scrapy logs it once with the URL."""
    count_drop(stats, reason)
    return DropItem(reason, log_level=log_level)
