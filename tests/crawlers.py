"""Crawlers for tests: for unit tests of the store-backed components, built the way Scrapy builds
them; and real `scrapy crawl news` worker processes on a shared frontier (Redis), with what they
left behind: the store's rows and the demo server's request log."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
from collections import Counter
from typing import TYPE_CHECKING, Any

from conftest import PROJECT_ROOT, crawl_env
from scrapy import signals
from scrapy.utils.test import get_crawler
from storedrows import rows

from newsscraper.demo.server import DEMO_SITE_ROOT

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from scrapy import Spider
    from scrapy.crawler import Crawler

    from newsscraper.demo.server import DemoSite

#: the project's store extension, which opens the crawl's store (and takes its lock) when the
#: settings name one; get_crawler builds the extensions, not the engine
WITH_STORE = {"EXTENSIONS": {"newsscraper.store.crawl.CrawlStore": 50}}


def store_crawler(spidercls: type[Spider] | None = None, **settings: Any) -> Crawler:
    """A crawler whose store is open when ``NEWSSCRAPER_DATABASE`` names one."""
    return get_crawler(spidercls, settings_dict={**WITH_STORE, **settings})


def stop(crawler: Crawler) -> None:
    """What the engine's stop does for the store: close it and release the run lock."""
    crawler.signals.send_catch_log(signals.engine_stopped)


def collect(results: AsyncIterator[Any]) -> list[Any]:
    """What an asynchronous callback yields, run to its end (article callbacks await the cleaner)."""

    async def gather() -> list[Any]:
        return [result async for result in results]

    return asyncio.run(gather())


# --- worker processes on a shared frontier ------------------------------------------------------

#: the demo edition 1's day, so its sitemaps are fresh
NOW = "2026-11-20T12:00:00Z"
#: columns that say when, not what: they differ from one crawl to the next
WHEN = {"id", "first_seen", "last_seen", "last_changed", "last_fetched"}
#: two workers slow enough (about 6 s for one process alone) that both are at work before the queue
#: runs dry: a process takes up to CONCURRENT_REQUESTS off the shared queue at once, the site answers
#: each request in SLOW_DELAY s, and an idle process looks at the queue again at Scrapy's engine
#: heartbeat (5 s): with ``idle_close=6`` it waits two of those before it gives up
SLOW = ["-s", "CONCURRENT_REQUESTS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
SLOW_DELAY = 0.25
#: each process reads robots.txt itself (the robots.txt middleware fetches it outside the scheduler)
PER_PROCESS = {"/robots.txt"}


def frontier(redis_url: str, prefix: str, idle_close: int = 1) -> list[str]:
    """The settings that put a crawl on the test's frontier, ending ``idle_close`` s after it went idle."""
    return ["-s", f"NEWSSCRAPER_REDIS_URL={redis_url}", "-s", f"NEWSSCRAPER_REDIS_PREFIX={prefix}",
            "-s", f"NEWSSCRAPER_REDIS_IDLE_CLOSE={idle_close}", "-s", f"NEWSSCRAPER_NOW={NOW}"]


def worker(command: list[str]) -> subprocess.Popen[str]:
    """A crawl command started in the background from the project folder, its log on ``stderr``."""
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=crawl_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def finish(workers: list[subprocess.Popen[str]]) -> list[str]:
    """Wait for the workers to end; their logs."""
    return [process.communicate(timeout=180)[1] for process in workers]


def stored(database: Path) -> dict[str, dict[str, Any]]:
    """What a SQLite store holds, by canonical URL, without the timestamps."""
    if not database.exists():
        return {}
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    rows = {row["canonical_url"]: {k: row[k] for k in row.keys() if k not in WHEN}  # noqa: SIM118  (a Row iterates values)
            for row in conn.execute("SELECT * FROM articles")}
    conn.close()
    return rows


def fetched(site: DemoSite) -> Counter[str]:
    """How often each path was requested, but the ones every process requests for itself."""
    return Counter(path for path in site.requested if path not in PER_PROCESS)


def path(url: str) -> str:
    """A URL's path and query: each test serves the demo site on a port of its own."""
    return "/" + url.split("/", 3)[3]


def paths(rows: dict[str, Any]) -> dict[str, Any]:
    """Rows by URL path, their URLs as paths too."""
    return {path(url): {k: path(v) if k in ("url", "canonical_url") else v for k, v in row.items()}
            for url, row in rows.items()}


#: the articles of demo edition 1, by path
ARTICLES = set(json.loads((DEMO_SITE_ROOT / "manifest.json").read_text(encoding="utf-8"))["editions"]["1"]["articles"])


def hashes(database: Path | str) -> dict[str, str]:
    """The store's articles as {canonical URL path: content hash}, after checking that each is one
    whole row: one canonical URL one row, and its text's row in ``versions`` (an article is written
    with its version in one transaction, so a killed writer leaves both or neither)."""
    assert rows(database, "SELECT count(*) - count(DISTINCT canonical_url) FROM articles") == [(0,)]
    half = rows(database, "SELECT a.canonical_url FROM articles a WHERE a.title = '' OR a.text = '' OR NOT EXISTS "
                "(SELECT 1 FROM versions v WHERE v.article_id = a.id AND v.content_hash = a.content_hash)")
    assert half == [], "articles without their version row, or empty"
    return {path(url): digest for url, digest in rows(database, "SELECT canonical_url, content_hash FROM articles")}


def expected(alone: tuple[dict[str, Any], Counter[str]]) -> dict[str, str]:
    """What one process alone stores into SQLite: {canonical URL path: content hash}."""
    found = {url: row["content_hash"] for url, row in paths(alone[0]).items()}
    assert set(found) == ARTICLES  # every demo article, none else
    return found
