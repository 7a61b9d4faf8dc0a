"""The end-of-crawl summary: what the run did to the store, in a few lines a person reads.

::

    articles: new=24 updated=0 unchanged=0 dropped=5 (store: data/newsscraper.sqlite)
      dropped/http_404=1
      dropped/not_html=1

It is logged at INFO when the spider closes and, with ``NEWSSCRAPER_SUMMARY_FILE`` set, also
written to that file (for the demo, cron mail or monitoring).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from newsscraper.drops import ARTICLES_PREFIX, DROPPED_PREFIX
from newsscraper.pipelines.store import STORE_STAT

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from typing_extensions import Self

__all__ = ["CrawlSummary", "summary_lines"]

logger = logging.getLogger(__name__)


def summary_lines(stats: dict[str, Any], reason: str = "finished") -> list[str]:
    """The summary of a crawl's stats: the counts line, one line per drop reason, then trouble."""
    drops = sorted((k[len(DROPPED_PREFIX):], v) for k, v in stats.items() if k.startswith(DROPPED_PREFIX))
    counts = " ".join(f"{c}={stats.get(ARTICLES_PREFIX + c, 0)}" for c in ("new", "updated", "unchanged"))
    store = stats.get(STORE_STAT) or "none"
    lines = [f"articles: {counts} dropped={sum(v for _, v in drops)} (store: {store})"]
    lines += [f"  dropped/{reason}={count}" for reason, count in drops]
    errors = stats.get("spider_exceptions/count", 0)
    if errors:
        lines.append(f"  errors={errors}: exceptions in callbacks, see the log")
    if reason != "finished":
        lines.append(f"  closed early: {reason}")
    return lines


class CrawlSummary:
    """Logs :func:`summary_lines` when the spider closes, and writes them to a file if asked."""

    def __init__(self, crawler: Crawler, summary_file: str) -> None:
        self.crawler = crawler
        self.summary_file = summary_file

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Listen for the spider closing: by then every counter is final."""
        extension = cls(crawler, crawler.settings.get("NEWSSCRAPER_SUMMARY_FILE") or "")
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Log the summary and write it to ``NEWSSCRAPER_SUMMARY_FILE`` if one is set."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        lines = summary_lines(stats, reason)
        logger.info("Crawl summary\n%s", "\n".join(lines))
        if self.summary_file:
            path = Path(self.summary_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
