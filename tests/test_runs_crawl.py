"""Cron-safe runs end to end: the real `scrapy crawl news` on 127.0.0.1, its exit codes, the lock
between two overlapping crawls, and the runs table the summary is printed from."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from newsscraper.demo.server import DemoSite
from newsscraper.exitcodes import ExitCode
from newsscraper.store.lock import RunLock

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun

PROJECT_ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def story(topic: str) -> str:
    body = "".join(f"<p>The {topic} was discussed again on {day}, and officials promised a full report to "
                   f"residents before the end of the month.</p>" for day in ("Monday", "Tuesday", "Wednesday"))
    return f"<html><head><title>{topic}</title></head><body><article><h1>{topic}</h1>{body}</article></body></html>"


SITE = {
    "index.html": "<html><body>" + "".join(
        f'<a href="/2024/05/0{n}/story-about-{t}.html">{t}</a>'
        for n, t in ((1, "harbour"), (2, "bridge"), (3, "school"))
    ) + "</body></html>",
    "2024/05/01/story-about-harbour.html": story("harbour"),
    "2024/05/02/story-about-bridge.html": story("bridge"),
    "2024/05/03/story-about-school.html": story("school"),
}


SITE_EDITIONS = {"edition1": SITE}  # served by conftest's `site` fixture


def dump(database: Path) -> list[str]:
    """Everything in the store, to prove a run wrote nothing."""
    return list(sqlite3.connect(database).iterdump())


def runs(database: Path) -> list[dict[str, object]]:
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    return [dict(row) for row in conn.execute("SELECT * FROM runs ORDER BY id")]


def test_a_run_is_recorded_and_the_summary_is_its_row(site: DemoSite, crawl: Callable[..., CrawlRun],
                                                       tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    run = crawl(site.url, database)
    assert run.returncode == 0, run.log
    (row,) = runs(database)
    assert (row["spider"], json.loads(row["arguments"]), row["status"], row["exit_code"]) == (
        "news", {"start_urls": site.url}, "finished", 0)
    assert (row["articles_new"], row["requests"], row["bodies"]) == (3, len(site.requested), len(site.requested))
    assert run.summary[0] == f"articles: new=3 updated=0 unchanged=0 dropped=0 (store: {database})"
    assert run.summary[1] == f"  run 1: requests={row['requests']} bodies={row['bodies']} not_modified=0 " \
                             "skipped_fresh=0 errors=0"
    assert "  site 127.0.0.1: found=3 fetched=3 stored=3 unchanged=0 failures=0" in run.summary
    assert run.summary[-1] == "  exit 0: ok"


def test_a_crawl_started_while_the_lock_is_held_exits_3_and_writes_nothing(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    database = tmp_path / "news.sqlite"
    assert crawl(site.url, database).returncode == 0
    before = dump(database)
    site.set_edition(1)  # forget the first crawl's requests
    with RunLock(f"{database}.lock").acquire(owner="a test"):
        locked = crawl(site.url, database)
    assert locked.returncode == ExitCode.LOCKED == 3
    assert "another crawl holds" in locked.log and "(pid" in locked.log and "a test" in locked.log
    assert locked.summary == []  # no summary: the run never started
    assert site.requested == []
    assert dump(database) == before


def test_two_overlapping_crawls_the_second_exits_with_the_lock_code(site_root: Path, tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSSCRAPER_")}
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"NEWSSCRAPER_DATABASE={database}",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    # each answer waits 1 s: the first crawl outlasts the second one's start-up, even on a loaded machine
    with DemoSite(site_root, delay=1.0) as slow:
        first = subprocess.Popen([*command, "-a", f"start_urls={slow.url}"], cwd=PROJECT_ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not slow.requested:  # the first crawl holds the lock before its first request
                assert time.monotonic() < deadline and first.poll() is None
                time.sleep(0.05)
            before = runs(database)
            second = subprocess.run([*command, "-a", f"start_urls={slow.url}"], cwd=PROJECT_ROOT, env=env,
                                    capture_output=True, text=True, timeout=60, check=False)
            assert runs(database) == before
            assert first.wait(timeout=120) == 0
        finally:
            first.kill()
    assert second.returncode == ExitCode.LOCKED, second.stderr
    assert "another crawl holds" in second.stderr
    assert [(r["status"], r["exit_code"], r["articles_new"]) for r in runs(database)] == [("finished", 0, 3)]


def test_a_site_that_answers_nothing_useful_exits_4(tmp_path: Path, crawl: Callable[..., CrawlRun]) -> None:
    (tmp_path / "empty" / "edition1").mkdir(parents=True)
    with DemoSite(tmp_path / "empty") as empty:
        run = crawl(empty.url, tmp_path / "news.sqlite")
    assert run.returncode == ExitCode.ALL_FAILED == 4, run.log
    assert run.summary[-1] == "  exit 4: every request failed"
    assert [(r["status"], r["exit_code"]) for r in runs(tmp_path / "news.sqlite")] == [("finished", 4)]


def test_an_unwritable_store_exits_5_before_any_request(site: DemoSite, crawl: Callable[..., CrawlRun],
                                                         tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    run = crawl(site.url, tmp_path / "dir.sqlite")
    assert run.returncode == ExitCode.STORE_ERROR == 5
    assert "can't write the store" in run.log and "dir.sqlite" in run.log
    assert site.requested == []


def test_a_bad_command_keeps_scrapys_codes(crawl: Callable[..., CrawlRun], tmp_path: Path) -> None:
    assert crawl("not-a-url", tmp_path / "news.sqlite").returncode == ExitCode.NOT_STARTED
    usage = subprocess.run([sys.executable, "-m", "scrapy", "crawl"], cwd=PROJECT_ROOT, capture_output=True,
                           check=False)
    assert usage.returncode == ExitCode.USAGE


def test_articles_fetched_within_the_window_are_not_requested_again(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    database = tmp_path / "news.sqlite"
    assert crawl(site.url, database).returncode == 0
    site.set_edition(1)  # forget the first crawl's requests
    again = crawl(site.url, database, "-s", "NEWSSCRAPER_REFETCH_AFTER=6")
    assert again.returncode == 0, again.log
    assert not [path for path in site.requested if path.startswith("/2024/")]  # no article request at all
    assert again.summary[1].endswith("not_modified=0 skipped_fresh=3 errors=0")
    # one meaning of "unchanged" above and on the site line: skipped as fresh counts as unchanged
    assert again.summary[0].startswith("articles: new=0 updated=0 unchanged=3 dropped=0 ")
    assert "  site 127.0.0.1: found=3 fetched=0 stored=0 unchanged=3 failures=0" in again.summary
    assert [(r["skipped_fresh"], r["exit_code"]) for r in runs(database)] == [(0, 0), (3, 0)]


MOVED = "/2024/05/04/story-about-the-ferry"  # the link; the server answers 301 to MOVED + "/"


@pytest.mark.parametrize(("refetch_after", "second_answers", "skipped_fresh", "not_modified"), [
    ("6", [], 1, 0),  # fetched within the window: not requested at all
    ("0", [(MOVED, 301), (MOVED + "/", 304)], 0, 1),  # revisited conditionally: the 304 follows the redirect
])
def test_an_article_reached_through_a_redirect_is_known_by_its_link_on_the_next_run(
    tmp_path: Path, crawl: Callable[..., CrawlRun], refetch_after: str, second_answers: list[tuple[str, int]],
    skipped_fresh: int, not_modified: int,
) -> None:
    root = tmp_path / "site" / "edition1"
    (root / MOVED.lstrip("/")).mkdir(parents=True)
    (root / "index.html").write_text(f'<html><body><a href="{MOVED}">ferry</a></body></html>', encoding="utf-8")
    (root / MOVED.lstrip("/") / "index.html").write_text(story("ferry"), encoding="utf-8")
    database = tmp_path / "news.sqlite"
    with DemoSite(tmp_path / "site") as site:
        first = crawl(site.url, database, "-s", f"NEWSSCRAPER_REFETCH_AFTER={refetch_after}")
        assert first.returncode == 0, first.log
        assert [a for a in site.answered if a[0].startswith("/2024/")] == [(MOVED, 301), (MOVED + "/", 200)]
        site.set_edition(1)  # forget the first crawl's requests
        again = crawl(site.url, database, "-s", f"NEWSSCRAPER_REFETCH_AFTER={refetch_after}")
        assert again.returncode == 0, again.log
        assert [a for a in site.answered if a[0].startswith("/2024/")] == second_answers
    assert [(r["articles_new"], r["skipped_fresh"], r["not_modified"]) for r in runs(database)] == [
        (1, 0, 0), (0, skipped_fresh, not_modified)]
    assert "  site 127.0.0.1: found=1 fetched=0 stored=0 unchanged=1 failures=0" in again.summary


def test_copies_of_an_article_are_dropped_within_a_run_and_against_the_store(
    tmp_path: Path, crawl: Callable[..., CrawlRun]
) -> None:
    original, copy, later_copy = (f"/2024/05/0{n}/{slug}.html" for n, slug in
                                  ((1, "story-about-harbour"), (2, "print-story-about-harbour"),
                                   (3, "amp-story-about-harbour")))
    for edition, paths in ((1, (original, copy)), (2, (original, copy, later_copy))):
        root = tmp_path / "site" / f"edition{edition}"
        root.mkdir(parents=True)
        (root / "index.html").write_text("".join(f'<a href="{p}">x</a>' for p in paths), encoding="utf-8")
        for path in paths:
            (root / path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (root / path.lstrip("/")).write_text(story("harbour"), encoding="utf-8")
    database = tmp_path / "news.sqlite"
    with DemoSite(tmp_path / "site") as site:
        first = crawl(site.url, database, "-s", "NEWSSCRAPER_REFETCH_AFTER=6")
        assert first.returncode == 0, first.log
        site.set_edition(2)
        # the original is fresh and skipped, so only the store knows the copies' text
        again = crawl(site.url, database, "-s", "NEWSSCRAPER_REFETCH_AFTER=6")
        assert again.returncode == 0, again.log
    assert first.drops() == {"duplicate_text": 1}
    # the fresh original counts as unchanged, in the headline as on the site's line
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 1, "dropped": 2}
    assert again.drops() == {"duplicate_text": 2}
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    # every page fetched for the site is accounted for: stored, unchanged, failed or a duplicate
    assert conn.execute("SELECT found, fetched, stored, unchanged, failures, duplicates FROM run_sites "
                        "ORDER BY run_id").fetchall() == [(2, 2, 1, 0, 0, 1), (3, 2, 0, 1, 0, 2)]


def test_a_site_whose_robots_txt_forbids_everything_exits_4(site_root: Path, tmp_path: Path,
                                                             crawl: Callable[..., CrawlRun]) -> None:
    (site_root / "edition1" / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    with DemoSite(site_root) as forbidden:
        run = crawl(forbidden.url, tmp_path / "news.sqlite")
        requested = list(forbidden.requested)
    assert not [path for path in requested if path != "/robots.txt"]
    assert run.returncode == ExitCode.ALL_FAILED == 4, run.log
    assert run.summary[-1] == "  exit 4: every request failed"


def test_a_feed_or_sitemap_that_got_no_response_is_an_error(site: DemoSite, crawl: Callable[..., CrawlRun],
                                                            tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[site]]\nname = "s"\nstart_urls = ["{site.url}"]\nfeed_urls = ["{closed}/rss.xml"]\n'
                     f'sitemap_urls = ["{closed}/sitemap.xml"]\nallowed_domains = ["127.0.0.1"]\n', encoding="utf-8")
    run = crawl("", tmp_path / "news.sqlite", "-a", f"sites={sites}", "-s", "RETRY_ENABLED=False")
    assert run.returncode == 0, run.log
    assert run.counts()["new"] == 3
    assert run.summary[1].endswith(" errors=3")  # the feed, the sitemap and that host's robots.txt
    assert [r["errors"] for r in runs(tmp_path / "news.sqlite")] == [3]
