"""The scale-out proof (issue 10): two `scrapy crawl news` processes on the demo site sharing one
Redis frontier (the test's key prefix) and one PostgreSQL store (the test's schema), as one
distributed crawl (one ``NEWSSCRAPER_CRAWL_ID``, a ``runs`` row per worker).

Together they store every demo article once and fetch no URL twice, and what they store is what
one process stores alone into SQLite. With one of them SIGKILLed halfway, nothing is stored twice
or in part, and the next run stores what the killed one held.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from conftest import crawl_command
from crawlers import ARTICLES, SLOW, SLOW_DELAY, expected, fetched, finish, frontier, hashes, worker
from storedrows import rows

from newsscraper.demo.server import DemoSite

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun

def requests_by(log: str) -> int:
    """The requests a worker downloaded, from its final stats."""
    return int(log.rsplit("'downloader/request_count': ", 1)[1].split(",", 1)[0])


def distributed(redis_url: str, prefix: str, crawl_id: str) -> list[str]:
    """The settings of one worker of a distributed crawl, slowed down (SLOW)."""
    return [*frontier(redis_url, prefix, idle_close=6), *SLOW, "-s", f"NEWSSCRAPER_CRAWL_ID={crawl_id}"]


def test_two_workers_into_one_postgresql_store_store_each_article_once_and_fetch_no_url_twice(
    alone: tuple[dict[str, Any], Counter[str]], tmp_path: Path, postgres_database: str, redis_url: str,
    redis_prefix: str,
) -> None:
    settings = distributed(redis_url, redis_prefix, "scaleout-1")
    with DemoSite(delay=SLOW_DELAY) as site:
        workers = [worker(crawl_command(site.url, postgres_database, tmp_path / f"summary{n}.txt", *settings))
                   for n in (1, 2)]
        logs = finish(workers)
        requested = fetched(site)
        robots = site.requested.count("/robots.txt")
    for process, log in zip(workers, logs, strict=True):
        assert process.returncode == 0, log[-3000:]
    assert hashes(postgres_database) == expected(alone)
    assert requested == alone[1]  # each URL as often as one process alone fetches it (a retried 500 thrice)
    assert robots == 2, "robots.txt is read once by each process, outside the shared queue"
    runs = rows(postgres_database, "SELECT crawl_id, status, articles_new FROM runs ORDER BY id")
    assert [(crawl_id, status) for crawl_id, status, _ in runs] == [("scaleout-1", "finished")] * 2
    assert all(new > 0 for *_, new in runs), f"one worker stored every article: the test shared nothing {runs}"
    assert sum(new for *_, new in runs) == len(ARTICLES)
    assert all(requests_by(log) > 0 for log in logs)


def wait_for(query: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Poll until ``query()`` holds; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + seconds
    while not query():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.05)


def run_ids(database: str) -> list[int]:
    """The ids of the store's runs, none before the first worker created the tables."""
    if rows(database, "SELECT to_regclass('runs')") == [(None,)]:
        return []
    return [run_id for (run_id,) in rows(database, "SELECT id FROM runs ORDER BY id")]


def test_a_killed_worker_leaves_no_duplicate_nor_half_row_and_the_next_run_completes_the_set(
    alone: tuple[dict[str, Any], Counter[str]], crawl: Callable[..., CrawlRun], tmp_path: Path,
    postgres_database: str, redis_url: str, redis_prefix: str,
) -> None:
    """SIGKILL one worker once it has stored some articles: the other finishes the shared queue; what
    the killed one had taken off it and not stored is missing from this run (scrapy-redis keeps no
    record of requests in flight), and the next run (same store and Redis, a new crawl id) stores
    it. No row twice, none in part, whatever the moment of the kill."""
    settings = [*distributed(redis_url, redis_prefix, "scaleout-1"), "-s", "NEWSSCRAPER_REDIS_RUN_TTL=3"]
    db = postgres_database
    with DemoSite(delay=SLOW_DELAY) as site:
        killed = worker(crawl_command(site.url, db, tmp_path / "killed.txt", *settings))
        wait_for(lambda: bool(run_ids(db)), "the first worker started its run")
        (run_id,) = run_ids(db)
        survivor = worker(crawl_command(site.url, db, tmp_path / "survivor.txt", *settings))
        wait_for(lambda: rows(db, "SELECT count(*) FROM versions WHERE run_id = ?", run_id)[0][0] >= 3,
                 "the first worker stored 3 articles")
        killed.kill()
        (at_kill,), = rows(db, "SELECT count(*) FROM articles")
        assert at_kill < len(ARTICLES), "the crawl was over before the kill: the test killed nothing"
        survivor_log, _ = finish([survivor, killed])
        assert survivor.returncode == 0, survivor_log[-3000:]
        this_run = hashes(db)
        assert this_run.items() <= expected(alone).items()
        assert all(n <= alone[1][p] for p, n in fetched(site).items())  # nothing fetched twice, even so
        assert rows(db, "SELECT status FROM runs WHERE id <> ?", run_id) == [("finished",)]
        # the killed worker's membership expired (NEWSSCRAPER_REDIS_RUN_TTL) while the survivor waited
        # out its idle close: the next run is a new one, revisits the listings, finds what was lost
        after = crawl(site.url, db, *frontier(redis_url, redis_prefix), "-s", "NEWSSCRAPER_CRAWL_ID=scaleout-2")
    assert after.returncode == 0, after.log
    assert hashes(db) == expected(alone)  # every article once, over both runs
    assert after.counts()["new"] == len(ARTICLES) - len(this_run)
    # the killed worker's row, left running, is marked killed by the next crawl of the same lock
    assert rows(db, "SELECT status FROM runs WHERE id = ?", run_id) == [("killed",)]
