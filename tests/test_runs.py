"""Cron-safe runs, component by component: the lock, the run recorder and the exit codes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from crawlers import stop, store_crawler
from scrapy.http import HtmlResponse

from newsscraper.exitcodes import ExitCode, exit_code_for
from newsscraper.extensions.runs import RunRecorder, run_finished
from newsscraper.items import ArticleItem
from newsscraper.stats import ArticleDropped, Drop
from newsscraper.store.errors import RunLockHeld, StoreUnavailable
from newsscraper.store.lock import LockHeld, RunLock
from newsscraper.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler

    from newsscraper.store import RunRecord


# --- the lock ------------------------------------------------------------------------------------


def test_the_lock_is_exclusive_says_who_holds_it_and_is_released(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "db.sqlite.lock"
    first = RunLock(path).acquire(owner="scrapy crawl news")
    assert first.held
    with pytest.raises(LockHeld, match=r"db\.sqlite\.lock \(pid \d+ since .*, scrapy crawl news\)"):
        RunLock(path).acquire()
    first.release()
    with RunLock(path) as second:
        assert second.held
    assert not second.held


def test_the_lock_is_held_against_another_process(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite.lock"
    with RunLock(path):
        other = subprocess.run(
            [sys.executable, "-c", "import sys; from newsscraper.store.lock import RunLock, LockHeld\n"
             f"try: RunLock({str(path)!r}).acquire()\nexcept LockHeld: sys.exit(3)"],
            check=False,
        )
    assert other.returncode == 3
    # a process that dies (here: ends) without releasing leaves no stale lock behind
    code = f"from newsscraper.store.lock import RunLock; RunLock({str(path)!r}).acquire()"
    subprocess.run([sys.executable, "-c", code], check=True)
    RunLock(path).acquire().release()


# --- exit codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "requests", "usable", "code"),
    [
        ("finished", 20, 12, ExitCode.OK),
        ("closespider_timeout", 5, 3, ExitCode.OK),
        ("finished", 9, 0, ExitCode.ALL_FAILED),
        ("finished", 0, 0, ExitCode.OK),  # nothing left to do, e.g. a resumed JOBDIR already done
        ("store_error", 9, 5, ExitCode.STORE_ERROR),
        ("shutdown", 9, 5, ExitCode.INTERRUPTED),
    ],
)
def test_exit_code_for_each_way_a_run_ends(reason: str, requests: int, usable: int, code: ExitCode) -> None:
    assert exit_code_for(reason, requests, usable) is code


def test_exit_codes_are_distinct_and_keep_scrapys_1_and_2() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 5, 6]
    assert (ExitCode.NOT_STARTED, ExitCode.USAGE) == (1, 2)


# --- the run recorder ----------------------------------------------------------------------------


class Site:
    def __init__(self, name: str) -> None:
        self.name = name


class Spider:
    name = "news"

    def __init__(self, *sites: str) -> None:
        self.sites = [Site(s) for s in sites]


def crawler_for(database: Path | str, **settings: Any) -> Crawler:
    """A crawler whose store is open (and locked) when ``database`` names one."""
    return store_crawler(NEWSSCRAPER_DATABASE=str(database), **settings)


def finish(recorder: RunRecorder, crawler: Crawler, stats: dict[str, Any], *sites: str,
           reason: str = "finished") -> RunRecord:
    for key, value in stats.items():
        crawler.stats.set_value(key, value)
    recorder.spider_closed(Spider(*sites), reason)  # type: ignore[arg-type]
    stop(crawler)
    assert recorder.run is not None
    return recorder.run


def response_for(site: str) -> HtmlResponse:
    from scrapy import Request

    request = Request(f"https://{site}/2024/05/01/story.html", meta={"newsscraper": {"site": site}})
    return HtmlResponse(request.url, request=request)


def test_a_run_takes_the_lock_records_its_row_and_releases_at_the_end(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    crawler = crawler_for(database, NEWSSCRAPER_RUN_ARGUMENTS={"sites": "sites.toml"})
    recorder = RunRecorder.from_crawler(crawler)
    with pytest.raises(RunLockHeld, match="exits without crawling"):
        RunRecorder.from_crawler(crawler_for(database))
    assert SQLiteStore(database, busy_timeout=5).get_run(1).status == "running"
    recorder.item_scraped(ArticleItem(url="u", title="t", text="x", change="new"), response_for("a"))
    recorder.item_scraped(ArticleItem(url="u", title="t", text="x", change="unchanged"), response_for("a"))
    for reason in (Drop.TOO_SHORT, Drop.DUPLICATE_URL):  # an extraction failure for b, and a duplicate
        recorder.item_dropped(ArticleItem(url="u", title="t", text="x"), response_for("b"), ArticleDropped(reason))
    run = finish(recorder, crawler, {
        "newsscraper/articles/new": 1, "newsscraper/articles/unchanged": 4, "newsscraper/not_modified": 3,
        "newsscraper/skipped/fresh": 2, "newsscraper/dropped/too_short": 1, "newsscraper/dropped/duplicate_url": 1,
        "newsscraper/responses/ok": 5, "downloader/request_count": 9, "downloader/response_count": 9,
        "downloader/response_status_count/304": 3, "newsscraper/site/a/found": 6,
    }, "a", "b", "c")
    assert recorder.exit_code is ExitCode.OK
    assert (run.id, run.spider, run.arguments, run.status, run.exit_code) == (1, "default", {"sites": "sites.toml"},
                                                                              "finished", 0)
    assert (run.new, run.unchanged, run.not_modified, run.skipped_fresh, run.requests, run.bodies) == (1, 4, 3, 2, 9, 6)
    assert run.dropped == {"too_short": 1, "duplicate_url": 1}
    assert [(s.site, s.found, s.stored, s.unchanged, s.failures) for s in run.sites] == [
        ("a", 6, 1, 1, 0), ("b", 0, 0, 0, 1), ("c", 0, 0, 0, 0)]
    assert run == SQLiteStore(database, busy_timeout=5).get_run(1)  # what the summary prints is what the table says
    RunRecorder.from_crawler(crawler_for(database))  # the lock is free again


def test_a_site_that_yielded_before_and_nothing_now_is_a_warning(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    first = crawler_for(database)
    finish(RunRecorder.from_crawler(first), first, {"newsscraper/responses/ok": 1,
                                                    "newsscraper/site/a/stored": 4, "newsscraper/site/b/unchanged": 2})
    second = crawler_for(database)
    run = finish(RunRecorder.from_crawler(second), second, {"newsscraper/responses/ok": 1,
                                                            "newsscraper/site/a/unchanged": 4}, "a", "b")
    assert run.warnings == ("site b yielded no article; it yielded 2 in run 1",)


def test_shrunk_articles_are_reported_and_a_run_with_no_usable_response_fails(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path / "db.sqlite")
    recorder = RunRecorder.from_crawler(crawler)
    run = finish(recorder, crawler, {"newsscraper/dropped/shrunk": 2, "newsscraper/dropped/download_error": 3,
                                     "downloader/request_count": 3})
    assert run.warnings[0].startswith("2 article(s) shrank sharply")
    assert (run.errors, run.exit_code, recorder.exit_code) == (3, 4, ExitCode.ALL_FAILED)


def test_a_worker_whose_requests_failed_in_a_run_that_got_answers_did_not_fail(tmp_path: Path) -> None:
    """On a shared frontier a late worker may only meet the 404s the others left: the run was answered."""
    crawler = crawler_for(tmp_path / "db.sqlite")
    run = finish(RunRecorder.from_crawler(crawler), crawler, {
        "downloader/request_count": 3, "downloader/response_status_count/404": 3,
        "newsscraper/frontier/run_answered": 1})
    assert run.exit_code == ExitCode.OK


def test_an_unwritable_store_stops_the_run_before_it_starts(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(StoreUnavailable, match="unable to open") as caught:
        RunRecorder.from_crawler(crawler_for(tmp_path / "dir.sqlite"))
    assert caught.value.exit_code is ExitCode.STORE_ERROR
    RunLock(tmp_path / "dir.sqlite.lock").acquire().release()  # and it let the lock go


def test_without_a_store_the_record_is_built_but_not_kept(tmp_path: Path) -> None:
    crawler = crawler_for("")
    recorder = RunRecorder.from_crawler(crawler)
    announced: list[RunRecord] = []

    def listen(run: RunRecord, store: str | None) -> None:
        announced.append(run)
        assert store is None

    crawler.signals.connect(listen, signal=run_finished)
    run = finish(recorder, crawler, {"newsscraper/responses/ok": 2, "newsscraper/articles/new": 2})
    assert (run.id, run.new, run.exit_code) == (None, 2, 0)
    assert announced == [run]
    assert not list(tmp_path.iterdir())


def test_a_store_that_fails_at_the_end_makes_the_run_a_store_error(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path / "db.sqlite")
    recorder = RunRecorder.from_crawler(crawler)
    sqlite3.connect(tmp_path / "db.sqlite").execute("DROP TABLE run_sites")
    run = finish(recorder, crawler, {"newsscraper/responses/ok": 2})
    assert (run.exit_code, recorder.exit_code) == (5, ExitCode.STORE_ERROR)


@pytest.mark.parametrize(
    ("stats", "code"),
    [
        ({"downloader/request_count": 1, "robotstxt/request_count": 1}, ExitCode.OK),  # resumed job, nothing left
        ({"downloader/request_count": 1, "robotstxt/request_count": 1, "robotstxt/forbidden": 3},
         ExitCode.ALL_FAILED),  # robots.txt forbids every page asked for
        ({"downloader/request_count": 4, "robotstxt/request_count": 1}, ExitCode.ALL_FAILED),  # three pages, no answer
    ],
    ids=["only-robots-txt", "all-forbidden", "no-usable-response"],
)
def test_robots_txt_alone_is_no_request_of_the_run(tmp_path: Path, stats: dict[str, int], code: ExitCode) -> None:
    crawler = crawler_for(tmp_path / "db.sqlite")
    assert finish(RunRecorder.from_crawler(crawler), crawler, stats).exit_code == code
