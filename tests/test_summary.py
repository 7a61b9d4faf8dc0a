"""The end-of-crawl summary, printed from a run's record: counts, traffic, drops, sites, trouble, exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.utils.test import get_crawler

from newsscraper.extensions.runs import run_finished
from newsscraper.extensions.summary import CrawlSummary, summary_lines
from newsscraper.store import RunRecord, SiteHealth

if TYPE_CHECKING:
    from pathlib import Path

RUN = RunRecord(
    id=7, spider="news", arguments={"sites": "sites.toml"}, started="2024-05-01T12:00:00Z",
    finished="2024-05-01T12:03:00Z", status="finished", exit_code=0, new=2, updated=1, unchanged=21,
    not_modified=20, skipped_fresh=3, dropped={"too_short": 2, "http_404": 1}, requests=40, bodies=17,
    sites=(SiteHealth("example", found=27, fetched=4, stored=3, unchanged=21, failures=2),),
)


def test_counts_line_traffic_drops_sorted_sites_and_exit_code() -> None:
    assert summary_lines(RUN, "data/demo.sqlite") == [
        "articles: new=2 updated=1 unchanged=21 dropped=3 (store: data/demo.sqlite)",
        "  run 7: requests=40 bodies=17 not_modified=20 skipped_fresh=3 errors=0",
        "  dropped/http_404=1",
        "  dropped/too_short=2",
        "  site example: found=27 fetched=4 stored=3 unchanged=21 failures=2",
        "  exit 0: ok",
    ]


def test_an_empty_crawl_without_a_store_still_says_so() -> None:
    empty = RunRecord(id=None, spider="news", arguments={}, started="", status="finished", exit_code=4)
    assert summary_lines(empty) == [
        "articles: new=0 updated=0 unchanged=0 dropped=0 (store: none)",
        "  run: requests=0 bodies=0 not_modified=0 skipped_fresh=0 errors=0",
        "  exit 4: every request failed",
    ]


def test_errors_an_early_close_and_warnings_are_reported() -> None:
    run = RunRecord(id=3, spider="news", arguments={}, started="", status="store_error", exit_code=5, errors=4,
                    warnings=("site other yielded no article; it yielded 12 in run 2",))
    assert summary_lines(run)[-4:] == [
        "  errors=4: failed downloads or exceptions in callbacks and pipelines, see the log",
        "  closed early: store_error",
        "  warning: site other yielded no article; it yielded 12 in run 2",
        "  exit 5: the store could not be written",
    ]


def test_extension_writes_the_summary_file_when_the_run_is_recorded(tmp_path: Path) -> None:
    target = tmp_path / "out" / "summary.txt"
    crawler = get_crawler(settings_dict={"NEWSSCRAPER_SUMMARY_FILE": str(target)})
    extension = CrawlSummary.from_crawler(crawler)  # noqa: F841 - signals hold receivers weakly
    crawler.signals.send_catch_log(run_finished, run=RUN, store="data/demo.sqlite")
    assert target.read_text(encoding="utf-8").splitlines() == summary_lines(RUN, "data/demo.sqlite")


def test_without_a_store_the_summary_says_how_many_items_were_scraped(tmp_path: Path) -> None:
    target = tmp_path / "summary.txt"
    crawler = get_crawler(settings_dict={"NEWSSCRAPER_SUMMARY_FILE": str(target)})
    extension = CrawlSummary.from_crawler(crawler)  # noqa: F841 - signals hold receivers weakly
    crawler.stats.set_value("item_scraped_count", 5)
    crawler.signals.send_catch_log(run_finished, run=RUN, store=None)
    assert target.read_text(encoding="utf-8").splitlines()[0] == (
        "articles: new=2 updated=1 unchanged=21 dropped=3 scraped=5 (store: none)")
    crawler.signals.send_catch_log(run_finished, run=RUN, store="data/demo.sqlite")
    assert "scraped=" not in target.read_text(encoding="utf-8")
