"""The progress extension: counts from the crawl's stats, a line redrawn on a terminal, a log line elsewhere."""

from __future__ import annotations

import io
import logging

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsscraper.extensions.progress import ERASE, Progress, Snapshot

STATS = {"downloader/response_count": 30, "newsscraper/articles/new": 4, "newsscraper/articles/updated": 1,
         "newsscraper/articles/unchanged": 7, "newsscraper/dropped/http_404": 2, "newsscraper/dropped/too_short": 1,
         "item_scraped_count": 12}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress(stream: io.StringIO, clock: Clock) -> Progress:
    crawler = get_crawler(settings_dict={"NEWSSCRAPER_PROGRESS_INTERVAL": 1})
    for key, value in STATS.items():
        crawler.stats.set_value(key, value)
    return Progress(crawler.stats, 1.0, stream, clock)


def test_the_counts_are_the_crawls_stats() -> None:
    assert Snapshot.of(STATS) == Snapshot(pages=30, new=4, updated=1, unchanged=7, dropped=3)
    assert Snapshot.of(STATS).line(rate=59.6, elapsed=75) == (
        "pages=30 (60/min) new=4 updated=1 unchanged=7 dropped=3 [1:15]")


def test_off_unless_an_interval_is_set() -> None:
    with pytest.raises(NotConfigured):
        Progress.from_crawler(get_crawler())


def test_on_a_terminal_the_line_is_redrawn_and_a_log_record_erases_it_first() -> None:
    screen, clock = Terminal(), Clock()
    shown = progress(screen, clock)
    handler = logging.StreamHandler(screen)
    shown.guard([handler])
    shown.report()
    assert screen.getvalue() == ERASE + "pages=30 (0/min) new=4 updated=1 unchanged=7 dropped=3 [0:00]"
    handler.handle(logging.makeLogRecord({"msg": "Dropped (http_404): http://x/", "levelno": logging.WARNING}))
    assert screen.getvalue().endswith("[0:00]" + ERASE + "Dropped (http_404): http://x/\n")
    shown.spider_closed()
    assert screen.getvalue().endswith("http://x/\n")  # nothing shown: nothing to erase
    assert handler.filters == []


def test_the_rate_is_pages_a_minute_over_the_last_ten_seconds() -> None:
    shown = progress(Terminal(), Clock())
    assert shown.rate(0.0, 0) == 0.0
    assert shown.rate(5.0, 10) == 120.0  # 10 pages in 5 s
    assert shown.rate(10.0, 20) == 120.0
    assert shown.rate(20.0, 20) == pytest.approx(0.0)  # nothing for the last 10 s


def test_elsewhere_each_report_is_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    shown = progress(io.StringIO(), clock)
    clock.now += 3
    with caplog.at_level(logging.INFO, logger="newsscraper.extensions.progress"):
        shown.report()
    assert caplog.messages == ["Progress: pages=30 (0/min) new=4 updated=1 unchanged=7 dropped=3 [0:03]"]
