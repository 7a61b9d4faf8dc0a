"""End to end on the demo site with the shared frontier on: the real `scrapy crawl news`, its queue and
seen requests in Redis (each test under its own key prefix).

One process stores what it stores without Redis; an hourly run after it revisits the section pages;
two processes sharing one frontier fetch no URL twice and store, together, what one process stores
alone. Each process writes its own SQLite file: the SQLite store's run lock keeps two crawls out of
one file (one PostgreSQL store shared by the workers is the PostgreSQL backend's part).
"""

from __future__ import annotations

import subprocess
import time
from typing import TYPE_CHECKING, Any

import redis
from conftest import PROJECT_ROOT, CrawlRun, crawl_command, crawl_env, read_summary
from crawlers import SLOW, SLOW_DELAY, fetched, finish, frontier, paths, stored, worker

from newsscraper.demo.server import DemoSite

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable
    from pathlib import Path


def test_one_process_on_the_frontier_stores_what_it_stores_alone(
    alone: tuple[dict[str, Any], Counter[str]], crawl: Callable[..., CrawlRun], tmp_path: Path,
    redis_url: str, redis_prefix: str,
) -> None:
    with DemoSite() as site:
        run = crawl(site.url, tmp_path / "db.sqlite", *frontier(redis_url, redis_prefix))
        requested = fetched(site)
    assert run.returncode == 0, run.log
    assert "scheduler/enqueued/redis" in run.log  # the shared queue was used, not Scrapy's
    assert paths(stored(tmp_path / "db.sqlite")) == paths(alone[0])
    assert requested == alone[1]
    assert not list(redis.Redis.from_url(redis_url).scan_iter(match=redis_prefix + "*"))  # a finished run


def test_the_next_run_revisits_the_section_pages(
    crawl: Callable[..., CrawlRun], tmp_path: Path, redis_url: str, redis_prefix: str
) -> None:
    """The seen set is the run's: an hourly run fetches the home page, feeds and sitemaps again
    (which articles it fetches again is the incremental middleware's decision, as without Redis)."""
    database = tmp_path / "db.sqlite"
    with DemoSite() as site:
        first = crawl(site.url, database, *frontier(redis_url, redis_prefix))
        assert first.returncode == 0, first.log
        listings = {p for p in site.requested if p == "/" or p.endswith((".xml", ".rss", ".atom"))}
        site.set_edition(1)  # forget the requests
        second = crawl(site.url, database, *frontier(redis_url, redis_prefix))
        assert second.returncode == 0, second.log
        again = set(site.requested)
    assert "/" in listings and listings <= again
    assert second.counts()["new"] == 0 and second.counts()["unchanged"] == first.counts()["new"]


def test_start_urls_pushed_to_redis_are_crawled(
    alone: tuple[dict[str, Any], Counter[str]], tmp_path: Path, redis_url: str, redis_prefix: str
) -> None:
    """A worker started without sites crawls what is pushed to ``<prefix>news:start_urls``."""
    server = redis.Redis.from_url(redis_url)
    with DemoSite() as site:
        server.rpush(f"{redis_prefix}news:start_urls", site.url)
        summary = tmp_path / "summary.txt"
        done = subprocess.run(crawl_command("", tmp_path / "db.sqlite", summary, *frontier(redis_url, redis_prefix)),
                              cwd=PROJECT_ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120,
                              check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'newsscraper/frontier/start_urls': 1" in done.stderr
    assert paths(stored(tmp_path / "db.sqlite")) == paths(alone[0]), read_summary(summary)


def test_two_processes_share_one_frontier_and_fetch_no_url_twice(
    alone: tuple[dict[str, Any], Counter[str]], tmp_path: Path, redis_url: str, redis_prefix: str
) -> None:
    """Both start on the same site at once; each URL is fetched by one of them, as often as one
    process alone fetches it (a retried 500 three times), and together they store what it stores."""
    workers = []
    with DemoSite(delay=SLOW_DELAY) as site:
        for n in (1, 2):
            command = crawl_command(site.url, tmp_path / f"worker{n}.sqlite", tmp_path / f"summary{n}.txt",
                                    *frontier(redis_url, redis_prefix, idle_close=6), *SLOW)
            workers.append(worker(command))
        logs = finish(workers)
        requested = fetched(site)
    for process, log in zip(workers, logs, strict=True):
        assert process.returncode == 0, log[-3000:]
    one, two = (paths(stored(tmp_path / f"worker{n}.sqlite")) for n in (1, 2))
    assert one and two, "one process stored every article: the test shared nothing"
    assert not one.keys() & two.keys()  # no article stored by both
    assert {**one, **two} == paths(alone[0])
    assert requested == alone[1]


def test_a_killed_process_costs_only_what_it_held_and_the_next_run_finds_it(
    alone: tuple[dict[str, Any], Counter[str]], crawl: Callable[..., CrawlRun], tmp_path: Path,
    redis_url: str, redis_prefix: str,
) -> None:
    """SIGKILL one of two processes mid-crawl: the other finishes the shared queue without fetching
    anything twice; what the killed one had taken off the queue and not yet stored (waiting in its
    downloader, downloading, cleaning, writing) is missing from this run, and the next run stores it. Nothing is stored
    twice, nothing half."""
    settings = [*frontier(redis_url, redis_prefix, idle_close=6), "-s", "NEWSSCRAPER_REDIS_RUN_TTL=3",
                *SLOW]
    databases = [tmp_path / "killed.sqlite", tmp_path / "survivor.sqlite"]
    with DemoSite(delay=SLOW_DELAY) as site:
        workers = [worker(crawl_command(site.url, database, tmp_path / f"{database.stem}.txt", *settings))
                   for database in databases]
        deadline = time.monotonic() + 60
        while len(site.requested) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers[0].kill()
        survivor_log = workers[1].communicate(timeout=180)[1]
        workers[0].communicate(timeout=30)
        requested = fetched(site)
        assert workers[1].returncode == 0, survivor_log[-3000:]
        killed, survivor = (paths(stored(database)) for database in databases)
        assert not killed.keys() & survivor.keys()
        expected = paths(alone[0])
        this_run = {**killed, **survivor}
        assert this_run.items() <= expected.items()
        # what is missing is what the killed process held: being downloaded, waiting in its
        # downloader for its turn, cleaned or written; the next run finds it
        assert all(n <= alone[1][path] for path, n in requested.items()), requested
        # the run ended with the survivor (the killed one was not heard of for the run's TTL): the
        # next run starts afresh, revisits the listings and stores what the killed process held
        after = crawl(site.url, databases[0], *settings)
    assert after.returncode == 0, after.log
    assert {**paths(stored(databases[0])), **survivor} == expected
