"""The crawl engine end to end: pages cleaned in worker processes, a page that hangs the cleaner
costs its worker and not the crawl, pages too large are not cleaned, and a shutdown signal
ends a crawl within seconds even while pages are being cleaned."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from conftest import PROJECT_ROOT, crawl_env

from newsscraper.demo.server import DemoSite
from newsscraper.exitcodes import ExitCode
from newsscraper.store.lock import RunLock

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun


def story(topic: str, padding: int = 0) -> str:
    paragraphs = [
        f"The {topic} was the talk of the town on Monday, as crowds gathered near the harbour to watch.",
        f"Officials said the {topic} would be reviewed by an independent panel before the end of the month.",
        f"Residents interviewed about the {topic} were divided, and several asked for a public meeting soon.",
        f"The council will publish its own report on the {topic} next week, a spokesman for the mayor said.",
    ]
    filler = "".join(f"<!-- {n:08d} -->" for n in range(padding))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>News about the {topic}</title></head><body><article><h1>News about the {topic}"
            f"</h1>{body}</article>{filler}</body></html>")


ARTICLES = {
    "2024/05/01/harbour-festival.html": story("harbour festival"),
    "2024/05/02/bridge-vote.html": story("bridge vote"),
    "2024/05/03/bad-school-opening.html": story("school opening"),  # plugged cleaners misbehave on "bad"
    "2024/05/04/huge-market-report.html": story("market report", padding=2000),  # about 32 kB
}
SITE_EDITIONS = {
    "edition1": {
        "index.html": "<html><body>" + "".join(f'<a href="/{path}">{path}</a>' for path in ARTICLES)
                      + "</body></html>",
        **ARTICLES,
    },
}


def runs(database: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT status, exit_code FROM runs ORDER BY id").fetchall()


def test_a_page_that_hangs_the_cleaner_is_dropped_and_the_others_are_stored(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    run = crawl(site.url, tmp_path / "db.sqlite", "-s", "NEWSSCRAPER_CLEANER=plugged.sleeps",
                "-s", "NEWSSCRAPER_CLEAN_TIMEOUT=1", "-s", "NEWSSCRAPER_MAX_PAGE_BYTES=20000")
    assert run.returncode == ExitCode.OK, run.log
    assert run.drops() == {"clean_timeout": 1, "too_large": 1}
    assert run.counts()["new"] == 2
    assert "Dropped (clean_timeout): " + site.url + "2024/05/03/bad-school-opening.html" in run.log


def test_a_cleaner_that_crashes_on_a_page_costs_that_page_only(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    run = crawl(site.url, tmp_path / "db.sqlite", "-s", "NEWSSCRAPER_CLEANER=plugged.crashes")
    assert run.returncode == ExitCode.OK, run.log
    assert run.drops() == {"clean_crash": 1}
    assert run.counts()["new"] == 3


def test_a_bad_cleaner_setting_stops_the_crawl_before_any_request(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    run = crawl(site.url, tmp_path / "db.sqlite", "-s", "NEWSSCRAPER_CLEANER=cleaners.no_such_function")
    assert run.returncode == ExitCode.NOT_STARTED
    assert "NEWSSCRAPER_CLEANER='cleaners.no_such_function' names no function" in run.log
    assert site.requested == []


def test_no_workers_cleans_in_the_crawling_process(site: DemoSite, crawl: Callable[..., CrawlRun],
                                                   tmp_path: Path) -> None:
    run = crawl(site.url, tmp_path / "db.sqlite", "-s", "NEWSSCRAPER_CLEAN_WORKERS=0")
    assert run.returncode == ExitCode.OK, run.log
    assert run.counts()["new"] == 4
    assert "worker processes" not in run.log


def start_hanging_crawl(site: DemoSite, database: Path, log: Path) -> subprocess.Popen[bytes]:
    """A crawl whose cleaner hangs on one page; returns once that page is being cleaned."""
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={site.url}",
               "-s", f"NEWSSCRAPER_DATABASE={database}", "-s", "NEWSSCRAPER_CLEANER=plugged.sleeps",
               "-s", "NEWSSCRAPER_CLEAN_TIMEOUT=300", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    with log.open("wb") as out:  # a file, not a pipe nobody reads while the crawl runs
        crawl = subprocess.Popen(command, cwd=PROJECT_ROOT, env=crawl_env(), stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while "/2024/05/03/bad-school-opening.html" not in site.requested:
        assert time.monotonic() < deadline and crawl.poll() is None, "the crawl never fetched the hanging page"
        time.sleep(0.05)
    time.sleep(1)  # the page is in a worker now
    return crawl


def test_sigterm_stops_a_crawl_within_seconds_while_a_page_is_being_cleaned(site: DemoSite, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    crawl = start_hanging_crawl(site, database, tmp_path / "crawl.log")
    try:
        crawl.send_signal(signal.SIGTERM)
        started = time.monotonic()
        code = crawl.wait(timeout=30)
        stopped_after = time.monotonic() - started
    finally:
        crawl.kill()
    log = (tmp_path / "crawl.log").read_text(encoding="utf-8")
    assert stopped_after < 10, log
    assert code == ExitCode.INTERRUPTED, log
    assert runs(database) == [("stopped", ExitCode.INTERRUPTED)]
    assert "Dropped (clean_cancelled)" in log
    RunLock(str(database) + ".lock").acquire().release()  # the lock is free


def test_a_second_signal_stops_at_once(site: DemoSite, tmp_path: Path) -> None:
    crawl = start_hanging_crawl(site, tmp_path / "db.sqlite", tmp_path / "crawl.log")
    try:
        crawl.send_signal(signal.SIGINT)
        crawl.send_signal(signal.SIGINT)
        code = crawl.wait(timeout=30)
    finally:
        crawl.kill()
    assert code == ExitCode.INTERRUPTED
    assert runs(tmp_path / "db.sqlite") == [("stopped", ExitCode.INTERRUPTED)]  # not left "running"
    RunLock(str(tmp_path / "db.sqlite") + ".lock").acquire().release()
