"""The end-of-crawl summary: the counts line, one line per drop reason, and trouble when there was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.utils.test import get_crawler

from newsscraper.extensions.summary import CrawlSummary, summary_lines

if TYPE_CHECKING:
    from pathlib import Path

STATS = {
    "newsscraper/articles/new": 2,
    "newsscraper/articles/unchanged": 21,
    "newsscraper/dropped/http_404": 1,
    "newsscraper/dropped/too_short": 2,
    "newsscraper/store": "data/demo.sqlite",
    "item_scraped_count": 23,
}


def test_counts_line_then_drop_reasons_sorted() -> None:
    assert summary_lines(STATS) == [
        "articles: new=2 updated=0 unchanged=21 dropped=3 (store: data/demo.sqlite)",
        "  dropped/http_404=1",
        "  dropped/too_short=2",
    ]


def test_an_empty_crawl_still_says_so() -> None:
    assert summary_lines({}) == ["articles: new=0 updated=0 unchanged=0 dropped=0 (store: none)"]


def test_callback_errors_and_an_early_close_are_reported() -> None:
    lines = summary_lines({**STATS, "spider_exceptions/count": 4}, reason="store_error")
    assert lines[-2:] == ["  errors=4: exceptions in callbacks, see the log", "  closed early: store_error"]


def test_extension_writes_the_summary_file_when_the_spider_closes(tmp_path: Path) -> None:
    target = tmp_path / "out" / "summary.txt"
    crawler = get_crawler(settings_dict={"NEWSSCRAPER_SUMMARY_FILE": str(target)})
    for key, value in STATS.items():
        crawler.stats.set_value(key, value)
    CrawlSummary.from_crawler(crawler).spider_closed(spider=None, reason="finished")  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8").splitlines() == summary_lines(STATS)
