"""Benchmark 2 (issue #9): articles per second into SQLite through the store pipeline and its writer.

    .venv/bin/python bench/store_speed.py [--quick] [--articles N]

Three rounds on one fresh SQLite file in a temporary folder, each one "crawl" as Scrapy would run
it, with no network: a crawler with the store extension (its lock, its writer thread), the real
:class:`~newsscraper.pipelines.store.StorePipeline` and
:class:`~newsscraper.middlewares.notmodified.NotModifiedMiddleware`, driven on an asyncio loop
with ``CONCURRENT_ITEMS`` (Scrapy's default, 100) calls in flight, as Scrapy's scraper does:

- **first crawl**: N articles, all new (a row, a version, an alias each);
- **re-crawl, same text**: the same N articles downloaded again, all unchanged;
- **re-crawl, 304**: the same N articles answered ``304 Not Modified``, each a touch.

Each round's time runs from the first item until every write is committed (the writer's
``flush``). The counts are checked against the stats. How late a 1 ms timer fires meanwhile (99th
percentile and worst) says how long the loop was kept from running: by the pipeline's own work and
the writer thread's share of the GIL, never by a wait for SQLite. A last row calls
``SQLiteStore.save`` in a loop, with no pipeline and no thread (what the crawl did before the
writer), for reference: there the loop is blocked for the whole run.
Target: **at least 5,000 unchanged articles/s** (both re-crawl rows). Exits 1 below it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.test import get_crawler

from newsscraper.items import ArticleItem
from newsscraper.meta import STORED_META
from newsscraper.middlewares.notmodified import NotModified, NotModifiedMiddleware
from newsscraper.pipelines.store import StorePipeline, _record
from newsscraper.store.hashing import content_hash
from newsscraper.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from scrapy.crawler import Crawler

TARGET = 5_000  # unchanged articles/s
ARTICLES, QUICK_ARTICLES = 5_000, 1_000
CONCURRENT_ITEMS = 100  # Scrapy's default: items of one response processed at once

PARAGRAPH = ("The council met on Tuesday evening to discuss the bridge, which has been closed since the "
             "river rose last week; engineers said the repairs would take at least a month. ")


def articles(n: int) -> list[ArticleItem]:
    """N distinct articles of about 3,000 characters in 6 paragraphs, as the dedup pipeline leaves them."""
    items = []
    for i in range(n):
        paragraphs = [f"{i} {p} {PARAGRAPH * 4}" for p in range(6)]
        text = "\n\n".join(paragraphs)
        url = f"https://news.example/2026/11/{i % 28 + 1:02d}/story-{i:06d}.html"
        items.append(ArticleItem(
            url=url + "?utm_source=rss", canonical_url=url, title=f"Story {i}", text=text, paragraphs=paragraphs,
            authors=["Jane Doe"], published="2026-11-01", language="en", content_hash=content_hash(text),
            etag=f'"{i}"', last_modified="Sun, 01 Nov 2026 12:00:00 GMT", redirected_from=[url + "?amp"],
        ))
    return items


def crawler_for(database: Path) -> Crawler:
    return get_crawler(settings_dict={
        "EXTENSIONS": {"newsscraper.store.crawl.CrawlStore": 50}, "NEWSSCRAPER_DATABASE": str(database),
    })


async def in_flight(calls: list[Callable[[], Awaitable[Any]]], concurrency: int) -> None:
    """Await the calls, ``concurrency`` at a time, in order, as Scrapy's scraper processes items."""
    pending = iter(calls)

    async def worker() -> None:
        for call in pending:
            with contextlib.suppress(NotModified):  # how a 304 ends
                await call()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def ticking(stop: asyncio.Event) -> list[float]:
    """How late a 1 ms timer fired, each time, while the round ran: how long the loop was kept busy."""
    late = []
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.001)
        late.append(time.perf_counter() - before - 0.001)
    return late


async def timed(pipeline: StorePipeline, calls: list[Callable[[], Awaitable[Any]]]) -> tuple[float, list[float]]:
    """Seconds from the first call to every write committed, and the timer's lateness meanwhile."""
    stop = asyncio.Event()
    ticker = asyncio.ensure_future(ticking(stop))
    started = time.perf_counter()
    await in_flight(calls, CONCURRENT_ITEMS)
    await maybe_deferred_to_future(pipeline.owner.writer.flush())
    seconds = time.perf_counter() - started
    stop.set()
    return seconds, await ticker


def one_round(database: Path, kind: str, items: list[ArticleItem]) -> dict[str, Any]:
    """One crawl over the items: ``new``/``unchanged`` through the pipeline, ``304`` through the middleware."""
    crawler = crawler_for(database)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    calls: list[Callable[[], Awaitable[Any]]]
    if kind == "304":
        middleware = NotModifiedMiddleware.from_crawler(crawler)
        requests = [Request(item.url, meta={STORED_META: item.canonical_url}) for item in items]
        answers = [(r, Response(r.url, status=304, request=r)) for r in requests]
        calls = [partial(middleware.process_response, r, a) for r, a in answers]
    else:  # a fresh copy each, made before the clock starts: the pipeline sets ``change`` on it
        calls = [partial(pipeline.process_item, item) for item in map(replace, items)]
    try:
        seconds, late = asyncio.run(timed(pipeline, calls))
    finally:
        pipeline.owner.close()  # what the engine's stop does for the store
    counted = crawler.stats.get_value("newsscraper/articles/" + ("unchanged" if kind == "304" else kind), 0)
    if counted != len(items):
        raise AssertionError(f"{kind}: {counted} of {len(items)} articles counted")
    late.sort()
    return {"seconds": seconds, "p99": late[int(len(late) * 0.99)] if late else 0.0, "worst": max(late, default=0.0)}


def direct_round(database: Path, items: list[ArticleItem]) -> dict[str, Any]:
    """``SQLiteStore.save`` called in a loop on this thread, as the pipeline did before the writer."""
    store = SQLiteStore(database, busy_timeout=5)
    records = [_record(ItemAdapter(item)) for item in items]
    now = datetime.now(timezone.utc)
    started = time.perf_counter()
    for record in records:
        store.save(record, now=now)
    seconds = time.perf_counter() - started
    store.close()
    return {"seconds": seconds, "p99": seconds, "worst": seconds}  # the loop blocks the thread it runs on


def run(quick: bool, articles_count: int | None = None) -> list[dict[str, Any]]:
    """The benchmark's rows: case, articles, seconds, articles/s, loop lateness, target, ok."""
    n = articles_count or (QUICK_ARTICLES if quick else ARTICLES)
    items = articles(n)
    rows = []
    with tempfile.TemporaryDirectory(prefix="store-speed-") as folder:
        database = Path(folder) / "bench.sqlite"
        for case, kind, target in (("first crawl (all new)", "new", None),
                                   ("re-crawl, same text (unchanged)", "unchanged", TARGET),
                                   ("re-crawl, 304 Not Modified (touch)", "304", TARGET)):
            result = one_round(database, kind, items)
            rows.append(_row(case, n, result, target))
        rows.append(_row("reference: SQLiteStore.save in a loop, no thread (unchanged)", n,
                         direct_round(database, items), None))
    return rows


def _row(case: str, n: int, result: dict[str, Any], target: int | None) -> dict[str, Any]:
    rate = n / result["seconds"]
    return {"case": case, "articles": n, "seconds": round(result["seconds"], 3), "articles/s": round(rate),
            "loop lateness p99 ms": round(result["p99"] * 1000, 1),
            "loop lateness max ms": round(result["worst"] * 1000, 1),
            "target": target, "ok": target is None or rate >= target}


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a markdown table."""
    lines = ["| case | articles | seconds | articles/s | loop lateness p99 / max (ms) | target |",
             "|---|---:|---:|---:|---:|---|"]
    for row in rows:
        target = f">= {row['target']:,}" + ("" if row["ok"] else " MISSED") if row["target"] else ""
        lines.append(f"| {row['case']} | {row['articles']:,} | {row['seconds']:.3f} | {row['articles/s']:,} "
                     f"| {row['loop lateness p99 ms']} / {row['loop lateness max ms']} | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES:,} articles instead of {ARTICLES:,}")
    parser.add_argument("--articles", type=int, help="how many articles (overrides --quick)")
    options = parser.parse_args()
    rows = run(options.quick, options.articles)
    print(table(rows))
    sys.exit(0 if all(row["ok"] for row in rows) else 1)


if __name__ == "__main__":
    main()
