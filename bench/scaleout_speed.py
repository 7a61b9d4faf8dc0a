"""Scale-out throughput: 1 and 2 worker processes sharing Redis and PostgreSQL, next to one process
into SQLite (issue 10).

    python bench/scaleout_speed.py [--articles 2000] [--rounds 3]

Every row crawls the same generated site (bench/newssite.py) with row c of crawl_speed.py, the
same command and concurrency settings (32 concurrent requests, 32 per domain, no delay, no
AutoThrottle), into a new, empty store each time:

- sqlite: one process into a temporary SQLite file, no Redis (crawl_speed.py's row c);
- pg 1: one process into a PostgreSQL schema of its own, its frontier in Redis under a key prefix
  of its own (``NEWSSCRAPER_DATABASE``, ``NEWSSCRAPER_REDIS_URL``, ``NEWSSCRAPER_CRAWL_ID``);
- pg 2: two such processes started together, one crawl id, one prefix, one schema.

Scrapy's ``elapsed_time_seconds`` would count a Redis worker's idle close (it waits for work the
others may still add), so every row is timed alike from outside: from the first "Spider opened"
in any worker's log to the moment the store holds all N articles (polled every 0.1 s). Each row
must end with N articles, each stored once (one row per canonical URL), else the run stops with
the logs. The ratios (median over rounds, within each round): pg 2 / pg 1 (what a second worker
adds) and pg 1 / sqlite (what PostgreSQL and the shared frontier cost). No target: on one 2-core
machine two workers and their cleaning pools compete for the same cores, so pg 2 / pg 1 shows the
cost of sharing more than the gain a second machine would bring.

The servers: ``NEWSSCRAPER_BENCH_POSTGRES`` (default postgresql://postgres@127.0.0.1:5432/test)
and ``NEWSSCRAPER_BENCH_REDIS`` (default redis://127.0.0.1:6379/0); each crawl's schema and keys
are deleted after it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import crawlrun
import report
from crawl_speed import BUSY_PCT, REQUESTS_RE, WAIT_QUIET, WARMUP_ARTICLES, command
from newssite import Served

TITLE = "Scale-out: 1 and 2 workers on Redis and PostgreSQL (issue 10)"
ARTICLES, QUICK_ARTICLES = 2000, 200
ROUNDS = 3
POSTGRES = os.environ.get("NEWSSCRAPER_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("NEWSSCRAPER_BENCH_REDIS", "redis://127.0.0.1:6379/0")
#: a worker whose share of the queue is empty waits this long for the others' requests before it ends
IDLE_CLOSE = 5
ROWS = {"sqlite": "1 process, SQLite (crawl_speed row c)", "pg1": "1 worker, PostgreSQL + Redis",
        "pg2": "2 workers, PostgreSQL + Redis"}
POLL_EVERY = 0.1


@contextlib.contextmanager
def schema() -> Iterator[str]:
    """A new PostgreSQL schema as a store URL; dropped with its tables afterwards."""
    import psycopg
    from psycopg import sql

    name = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as exc:
        raise RuntimeError(f"PostgreSQL at {POSTGRES} is needed (set NEWSSCRAPER_BENCH_POSTGRES): {exc}") from exc
    try:
        yield f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))


@contextlib.contextmanager
def key_prefix() -> Iterator[str]:
    """A Redis key prefix of its own; its keys are deleted afterwards."""
    import redis

    server = redis.Redis.from_url(REDIS)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise RuntimeError(f"Redis at {REDIS} is needed (set NEWSSCRAPER_BENCH_REDIS): {exc}") from exc
    prefix = f"bench-{uuid.uuid4().hex[:10]}:"
    try:
        yield prefix
    finally:
        keys = list(server.scan_iter(match=prefix + "*"))
        if keys:
            server.delete(*keys)
        server.close()


@contextlib.contextmanager
def counter(database: str) -> Iterator[Callable[[], tuple[int, int]]]:
    """Articles and distinct canonical URLs in a store of either backend; (0, 0) before its tables
    exist. A PostgreSQL store is read on one connection, kept for every call."""
    if not database.startswith("postgresql"):
        import sqlite3

        def count_sqlite() -> tuple[int, int]:
            if not Path(database).exists():
                return 0, 0
            with contextlib.closing(sqlite3.connect(database, timeout=1)) as db:
                try:
                    return db.execute("SELECT count(*), count(DISTINCT canonical_url) FROM articles").fetchone()
                except sqlite3.OperationalError:  # no table yet
                    return 0, 0

        yield count_sqlite
        return
    import psycopg

    with psycopg.connect(database, autocommit=True) as conn:
        def count_postgres() -> tuple[int, int]:
            if conn.execute("SELECT to_regclass('articles')").fetchone() == (None,):
                return 0, 0
            found = conn.execute("SELECT count(*), count(DISTINCT canonical_url) FROM articles").fetchone()
            return (int(found[0]), int(found[1])) if found else (0, 0)

        yield count_postgres


class Clock(threading.Thread):
    """From outside the workers: when the first of their logs says "Spider opened", and when the
    store first holds ``articles`` rows (looked at every POLL_EVERY s)."""

    def __init__(self, logs: list[Path], count: Callable[[], tuple[int, int]], articles: int) -> None:
        super().__init__(daemon=True)
        self.logs, self.count, self.articles = logs, count, articles
        self.opened: float | None = None
        self.stored: float | None = None
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set() and self.stored is None:
            now = time.perf_counter()
            if self.opened is None and any(log.exists() and b"Spider opened" in log.read_bytes() for log in self.logs):
                self.opened = now
            if self.opened is not None and self.count()[0] >= self.articles:
                self.stored = now
            self.done.wait(POLL_EVERY)

    def span(self) -> float | None:
        """Seconds from the first "Spider opened" to the last article stored."""
        return None if self.opened is None or self.stored is None else self.stored - self.opened


def timed(site: Served, database: str, work: Path, extra: dict[str, str], workers: int) -> dict[str, Any]:
    """``workers`` crawl commands (row c with ``extra``) started together into ``database``, measured
    each by crawlrun and all by one Clock; raises with their logs unless every article is stored once."""
    logs = [work / f"worker{n}.log" for n in range(workers)]
    runs: list[crawlrun.Measured] = []
    argv, cwd, _ = command("c", site.url, work, extra)
    threads = [threading.Thread(target=lambda log=log: runs.append(crawlrun.measure(argv, cwd, log, crawlrun.clean_env())))
               for log in logs]
    with counter(database) as count:
        clock = Clock(logs, count, site.articles)
        clock.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        clock.done.set()
        clock.join()
        written, distinct = count()
    span = clock.span()
    codes = [r.returncode for r in runs]
    ok = codes == [0] * workers
    if len(runs) < workers or not ok or written != site.articles or distinct != written or span is None:
        tails = "\n".join("\n".join(r.log.splitlines()[-25:]) for r in runs)
        # the logs first: run_all keeps the end of an error
        raise RuntimeError(f"{tails}\n{workers} worker(s) into {database}: exit codes {codes}, {written} rows "
                           f"({distinct} URLs) of {site.articles} articles, span {span}")
    requests = [int(found[-1]) if (found := REQUESTS_RE.findall(r.log)) else 0 for r in runs]
    crawl_cpu = sum(r.crawl_cpu_s or 0 for r in runs)
    return {"workers": workers, "articles": written, "requests": sum(requests), "exit_codes": " / ".join(map(str, codes)),
            "per_worker": " / ".join(f"{n:,}" for n in requests), "stored_s": span, "pages_s": written / span,
            "wall_s": max(r.wall_s for r in runs), "cpu_ms": 1000 * crawl_cpu / written if crawl_cpu else None,
            "cores": " / ".join(f"{c:.0f}" for c in runs[0].cores_pct)}


def distributed(site: Served, workers: int) -> dict[str, Any]:
    """``workers`` processes started together on one crawl id, one Redis prefix, one new schema."""
    with schema() as database, key_prefix() as prefix, tempfile.TemporaryDirectory(prefix="bench-scaleout-") as folder:
        extra = {"NEWSSCRAPER_DATABASE": database, "NEWSSCRAPER_REDIS_URL": REDIS, "NEWSSCRAPER_REDIS_PREFIX": prefix,
                 "NEWSSCRAPER_REDIS_IDLE_CLOSE": str(IDLE_CLOSE), "NEWSSCRAPER_CRAWL_ID": f"bench-{prefix}"}
        row = f"pg{workers}"
        return {"row": row, "setup": ROWS[row], **timed(site, database, Path(folder), extra, workers)}


def alone(site: Served) -> dict[str, Any]:
    """crawl_speed.py's row c, into a temporary SQLite file, timed as the others."""
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-sqlite-") as folder:
        database = str(Path(folder) / "news.sqlite")
        return {"row": "sqlite", "setup": ROWS["sqlite"],
                **timed(site, database, Path(folder), {"NEWSSCRAPER_DATABASE": database}, 1)}


def measure(articles: int, rounds: int, warmup: bool = True, log: Any = sys.stderr,
            wait_quiet: float = 0) -> list[dict[str, Any]]:
    """Warm up, then ``rounds`` rounds of sqlite, pg 1, pg 2 in turn; one median row each, and the
    two ratios on the pg rows."""
    runners = {"sqlite": alone, "pg1": lambda site: distributed(site, 1), "pg2": lambda site: distributed(site, 2)}
    if warmup:
        with Served(WARMUP_ARTICLES) as small:
            print(f"warm-up: {WARMUP_ARTICLES} articles", file=log, flush=True)
            alone(small)
            distributed(small, 1)
    runs: dict[str, list[dict[str, Any]]] = {row: [] for row in runners}
    with Served(articles) as site:
        for number in range(1, rounds + 1):
            if wait_quiet:
                crawlrun.wait_for_quiet(wait_quiet, BUSY_PCT, log)
            for row, runner in runners.items():
                result = runner(site)
                runs[row].append(result)
                print(f"round {number}/{rounds}: {row} {result['pages_s']:7.1f} pages/s ({result['stored_s']:.1f} s, "
                      f"requests {result['per_worker']})", file=log, flush=True)
    table = []
    for row, results in runs.items():
        median = dict(sorted(results, key=lambda r: r["pages_s"])[len(results) // 2])
        for key in ("stored_s", "pages_s", "wall_s"):
            median[key] = statistics.median(r[key] for r in results)
        speeds = [r["pages_s"] for r in results]
        median["spread"] = f"{min(speeds):,.0f}-{max(speeds):,.0f}" if rounds > 1 else None
        median.update(site_articles=articles, rounds=rounds)
        table.append(median)
    by_row = {row["row"]: row for row in table}

    def ratio(top: str, bottom: str) -> float:
        return statistics.median(t["pages_s"] / b["pages_s"] for t, b in zip(runs[top], runs[bottom], strict=True))

    by_row["pg2"]["ratio"] = ratio("pg2", "pg1")
    by_row["pg1"]["ratio"] = ratio("pg1", "sqlite")
    return table


def run(quick: bool) -> list[dict[str, Any]]:
    """run_all's entry: 2,000 articles, 3 rounds after a warm-up; quick: 200 articles, one round."""
    if quick:
        return measure(QUICK_ARTICLES, 1, warmup=False)
    return measure(ARTICLES, ROUNDS, wait_quiet=WAIT_QUIET)


COLUMNS = [("setup", "setup"), ("articles", "articles", ","), ("requests", "requests", ","),
           ("per_worker", "requests per worker"), ("stored_s", "s to the last article", ".1f"),
           ("pages_s", "pages/s", ",.1f"), ("spread", "pages/s min-max"), ("wall_s", "command s", ".1f"),
           ("cpu_ms", "CPU ms per article", ".1f"), ("cores", "machine cores busy %"), ("exit_codes", "exit codes")]


def markdown(rows: list[dict[str, Any]]) -> str:
    """The section: what runs and how it is timed, the command, the table, the two ratios."""
    first = rows[0]
    by_row = {row["row"]: row for row in rows}
    return "\n".join([
        f"Every row crawls the same generated site of {first['site_articles']:,} articles (bench/newssite.py) with "
        "`scrapy crawl news` as in row c of benchmark 1 (32 concurrent requests, 32 per domain, no delay, no "
        "AutoThrottle) into a new, empty store: one process into SQLite; one worker, then two started together, "
        "into a PostgreSQL schema of their own with one `NEWSSCRAPER_CRAWL_ID`, sharing a Redis frontier under a "
        "key prefix of their own. Timed alike from outside: from the first 'Spider opened' in a worker's log to "
        "the store holding every article (polled every 0.1 s), since a Redis worker's crawl time counts its "
        f"idle close ({IDLE_CLOSE} s). Each row ends with every article stored once; each worker reads robots.txt "
        "itself (one request more per worker). A worker that joined late and only got 404s (guessed sitemap "
        f"URLs) still exits 0: 'every request failed' is said of the run, not of one worker. {first['rounds']} "
        f"round{'s' if first['rounds'] != 1 else ''} of the three rows in turn; medians.",
        "",
        f"Run alone: `python bench/scaleout_speed.py --articles {first['site_articles']} --rounds {first['rounds']}`",
        "",
        "No target: on one 2-core machine two workers and their cleaning pools share the same cores, so "
        "2 workers / 1 worker shows what sharing costs there, not what a second machine brings.",
        "",
        report.table(rows, COLUMNS),
        "",
        f"**2 workers / 1 worker = {by_row['pg2']['ratio']:.2f}x**; **PostgreSQL + Redis, 1 worker / SQLite = "
        f"{by_row['pg1']['ratio']:.2f}x** (pages/s, median over rounds of the ratio within a round).",
    ])


def main() -> int:
    """Measure and print the section."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--wait-quiet", type=float, default=WAIT_QUIET, metavar="SECONDS",
                        help=f"before each round, wait this long at most for an idle machine (default {WAIT_QUIET})")
    args = parser.parse_args()
    print(markdown(measure(args.articles, args.rounds, warmup=not args.no_warmup, wait_quiet=args.wait_quiet)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
