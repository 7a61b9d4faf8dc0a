"""The store writer's guarantees, through the real store pipeline and middlewares on SQLite files in
tmp_path: whole articles, exact counts, back-pressure, a reactor that keeps running, the queue
flushed before the run's end, errors that stop the crawl, and a crash that loses only the queue.
The tests that need no SQLite trigger or lock run on PostgreSQL too (the ``database`` fixture)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from crawlers import stop, store_crawler
from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from storedrows import rows

from newsscraper.extensions.runs import RunRecorder
from newsscraper.items import ArticleItem
from newsscraper.pipelines.store import StorePipeline
from newsscraper.scrapyapi import get_extension
from newsscraper.store import ArticleRecord, Change
from newsscraper.store.crawl import CrawlStore
from newsscraper.store.hashing import content_hash
from newsscraper.store.sqlite import SQLiteStore
from newsscraper.store.writer import StoreWriter, WriterClosed

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from scrapy.crawler import Crawler

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BODY = "The river rose overnight and the bridge was closed to traffic by the city. " * 4


def article(n: int, text: str | None = None, **fields: Any) -> ArticleItem:
    """Article number n, its text distinct from every other number's."""
    text = text or f"Story {n}. {BODY}"
    url = f"https://example.com/2024/05/01/story-{n:05d}.html"
    return ArticleItem(url=url, canonical_url=url, title=f"Story {n}", text=text, paragraphs=[text],
                       content_hash=content_hash(text), **fields)


def crawler_for(database: Path | str, **settings: Any) -> Crawler:
    return store_crawler(NEWSSCRAPER_DATABASE=str(database), **settings)


def pipeline_for(crawler: Crawler) -> StorePipeline:
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline


def counted(crawler: Crawler, prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in crawler.stats.get_stats().items() if k.startswith(prefix)}


async def outcome(pipeline: StorePipeline, item: ArticleItem) -> str:
    """What the pipeline did with the item: its change, or the reason it was dropped."""
    try:
        return str((await pipeline.process_item(item)).change)
    except Exception as exc:  # DropItem and storage errors alike
        return getattr(exc, "reason", type(exc).__name__)


def hold_write_lock(database: Path) -> sqlite3.Connection:
    """Another program's open write transaction on the store (usable from any thread)."""
    other = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def writer_statements(writer: StoreWriter) -> list[str]:
    """Every statement the writer's connection runs from now on (its connection is its thread's)."""
    statements: list[str] = []

    async def trace() -> None:
        await maybe_deferred_to_future(writer.submit(lambda store: store._conn.set_trace_callback(statements.append)))

    asyncio.run(trace())
    return statements


# --- each article whole, counted exactly ------------------------------------------------------------


def test_an_article_its_version_and_its_aliases_are_written_together_or_not_at_all(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    crawler = crawler_for(database)
    pipeline = pipeline_for(crawler)
    # the last of the article's three writes (row, version, alias) fails: the first two are undone too
    sqlite3.connect(database).execute(
        "CREATE TRIGGER refuse_alias BEFORE INSERT ON aliases BEGIN SELECT RAISE(ABORT, 'alias refused'); END")
    moved = "https://example.com/2024/05/01/moved"

    async def crawl() -> list[str]:
        return [await outcome(pipeline, article(1, redirected_from=[moved])), await outcome(pipeline, article(2))]

    assert asyncio.run(crawl()) == ["IntegrityError", "new"]
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT canonical_url FROM articles").fetchall() == [(article(2).url,)]
    assert conn.execute("SELECT article_id FROM versions").fetchall() == [(1,)]
    assert conn.execute("SELECT count(*) FROM aliases").fetchone() == (0,)
    stop(crawler)


def test_every_change_is_decided_in_the_writer_and_counted_exactly_on_the_reactor_thread(database: str) -> None:
    first = crawler_for(database)
    pipeline = pipeline_for(first)

    async def concurrently(items: list[ArticleItem]) -> list[str]:
        return list(await asyncio.gather(*(outcome(pipeline, item) for item in items)))

    assert set(asyncio.run(concurrently([article(n) for n in range(200)]))) == {"new"}
    stop(first)

    second = crawler_for(database)
    pipeline = pipeline_for(second)
    threads: set[str] = set()

    class Stats(dict[str, Any]):
        """The crawl's stats, noting which thread writes to them."""

        def __setitem__(self, key: str, value: Any) -> None:
            threads.add(threading.current_thread().name)
            super().__setitem__(key, value)

    second.stats._stats = Stats(second.stats._stats)  # type: ignore[attr-defined]
    items = (
        [article(n) for n in range(0, 50)]  # same text: unchanged
        + [article(n, text=f"Story {n}, edited. {BODY}") for n in range(50, 80)]  # updated
        + [article(n, text=f"Story {n}.") for n in range(80, 90)]  # a tenth of the text: shrunk
        + [article(n) for n in range(200, 260)]  # new
        + [replace(article(n), url=f"https://example.com/amp/{n}", canonical_url=f"https://example.com/amp/{n}")
           for n in range(0, 5)]  # another URL, a stored text: duplicate
    )
    results = asyncio.run(concurrently(items))
    assert {r: results.count(r) for r in set(results)} == {
        "unchanged": 50, "updated": 30, "shrunk": 10, "new": 60, "duplicate_text": 5}
    assert counted(second, "newsscraper/articles/") == {"unchanged": 50, "updated": 30, "new": 60}
    assert counted(second, "newsscraper/dropped/") == {"shrunk": 10, "duplicate_text": 5}
    assert threads == {threading.main_thread().name}
    stop(second)
    counts = [rows(database, f"SELECT count(*) FROM {table}")[0][0] for table in ("articles", "versions", "suspects")]
    assert counts == [260, 290, 10]


def test_a_lookup_sees_every_save_submitted_before_it(database: str) -> None:
    crawler = crawler_for(database)
    writer = CrawlStore.required(crawler, "").writer
    record = ArticleRecord(url="https://example.com/a/123456", canonical_url="https://example.com/a/123456",
                           title="t", text="x", paragraphs=("x",), authors=(), published=None, language=None,
                           content_hash="h")

    async def save_then_look_up() -> tuple[Change, list[str]]:
        saved = writer.save(record, now=datetime.now(timezone.utc))  # not awaited before the lookup
        states = await maybe_deferred_to_future(writer.fetch_states([record.url]))
        return await maybe_deferred_to_future(saved), list(states)

    assert asyncio.run(save_then_look_up()) == (Change.NEW, [record.url])
    stop(crawler)


# --- group commit ----------------------------------------------------------------------------------


def saves_queued_behind_a_busy_writer(pipeline: StorePipeline, items: list[ArticleItem]) -> list[str]:
    """The items' outcomes, their saves queued while the writer is busy, so that they form a batch."""
    writer = pipeline.owner.writer
    started, release = threading.Event(), threading.Event()

    async def crawl() -> list[str]:
        busy = writer.submit(lambda store: (started.set(), release.wait(10)))
        started.wait(5)
        saves = [asyncio.ensure_future(outcome(pipeline, item)) for item in items]
        await asyncio.sleep(0)  # every save is submitted
        release.set()
        await maybe_deferred_to_future(busy)
        return list(await asyncio.gather(*saves))

    return asyncio.run(crawl())


def test_queued_saves_share_one_commit_and_are_answered_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "news.sqlite"
    crawler = crawler_for(database, NEWSSCRAPER_STORE_BATCH_SIZE=100)
    pipeline = pipeline_for(crawler)
    statements = writer_statements(pipeline.owner.writer)
    reader = sqlite3.connect(database, check_same_thread=False)
    seen_when_answered: list[int] = []
    save = StorePipeline.process_item

    async def noting(self: StorePipeline, item: ArticleItem) -> ArticleItem:
        saved = await save(self, item)
        seen_when_answered.append(reader.execute("SELECT count(*) FROM articles").fetchone()[0])
        return saved

    monkeypatch.setattr(StorePipeline, "process_item", noting)
    assert saves_queued_behind_a_busy_writer(pipeline, [article(n) for n in range(50)]) == ["new"] * 50
    assert statements.count("BEGIN IMMEDIATE") == statements.count("COMMIT") == 1
    assert seen_when_answered == [50] * 50  # nobody heard of a save before all 50 were committed
    assert counted(crawler, "newsscraper/articles/") == {"new": 50}
    stop(crawler)


def test_a_save_that_fails_in_a_batch_fails_alone(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    crawler = crawler_for(database, NEWSSCRAPER_STORE_BATCH_SIZE=100)
    pipeline = pipeline_for(crawler)
    sqlite3.connect(database).execute(
        "CREATE TRIGGER refuse_alias BEFORE INSERT ON aliases BEGIN SELECT RAISE(ABORT, 'alias refused'); END")
    statements = writer_statements(pipeline.owner.writer)
    items = [article(1), article(2, redirected_from=["https://example.com/moved"]), article(3)]
    assert saves_queued_behind_a_busy_writer(pipeline, items) == ["new", "IntegrityError", "new"]
    # the batch was rolled back, then each save ran in its own transaction
    assert statements.count("ROLLBACK") == 2 and statements.count("COMMIT") == 2
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT a.canonical_url FROM articles a JOIN versions v ON v.article_id = a.id "
                        "ORDER BY a.id").fetchall() == [(article(1).url,), (article(3).url,)]
    assert counted(crawler, "newsscraper/articles/") == {"new": 2}
    stop(crawler)


def test_a_batch_that_cannot_get_the_lock_fails_whole_after_one_wait(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    crawler = crawler_for(database, NEWSSCRAPER_DATABASE_TIMEOUT=0.3, NEWSSCRAPER_STORE_BATCH_SIZE=100)
    pipeline = pipeline_for(crawler)
    other = hold_write_lock(database)
    started = time.monotonic()
    outcomes = saves_queued_behind_a_busy_writer(pipeline, [article(n) for n in range(10)])
    assert outcomes == ["OperationalError"] * 10
    assert time.monotonic() - started < 2  # one busy timeout for the batch, not one for each save
    other.rollback()
    assert sqlite3.connect(database).execute("SELECT count(*) FROM articles").fetchone() == (0,)
    assert counted(crawler, "newsscraper/articles/") == {}
    stop(crawler)


# --- the reactor keeps running; the queue is bounded ------------------------------------------------


def test_the_reactor_runs_on_while_a_foreign_lock_holds_a_save(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    crawler = crawler_for(database, NEWSSCRAPER_DATABASE_TIMEOUT=5)
    pipeline = pipeline_for(crawler)
    other = hold_write_lock(database)

    async def crawl() -> tuple[float, bool, str, float]:
        loop = asyncio.get_running_loop()
        started = loop.time()
        save = asyncio.ensure_future(outcome(pipeline, article(1)))
        timer = loop.create_future()
        loop.call_later(0.05, lambda: timer.set_result(loop.time() - started))
        fired_after = await timer  # while the save waits for the lock on the writer's thread
        waiting = not save.done()
        loop.call_later(0.3, other.rollback)
        return fired_after, waiting, await save, loop.time() - started

    fired_after, waiting, change, total = asyncio.run(crawl())
    assert waiting and fired_after < 0.25  # on time, not after the lock
    assert change == "new" and total >= 0.3  # the save waited for the lock, then went through
    stop(crawler)


def test_a_full_queue_makes_the_pipeline_wait_instead_of_growing(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path / "news.sqlite", NEWSSCRAPER_STORE_QUEUE_SIZE=3)
    pipeline = pipeline_for(crawler)
    writer = pipeline.owner.writer
    started, release = threading.Event(), threading.Event()

    async def crawl() -> tuple[int, int, int, int, list[str]]:
        blocked = writer.submit(lambda store: (started.set(), release.wait(10)))  # the writer is busy
        started.wait(5)
        saves = [asyncio.ensure_future(outcome(pipeline, article(n))) for n in range(10)]
        for _ in range(20):
            await asyncio.sleep(0)
        seen = (writer._queue.qsize(), len(writer._waiting), writer.pending, sum(s.done() for s in saves))
        release.set()
        await maybe_deferred_to_future(blocked)
        return (*seen, list(await asyncio.gather(*saves)))

    in_queue, waiting, pending, done, changes = asyncio.run(crawl())
    # the blocking call is being run; two saves are queued for the thread; eight wait on the reactor side
    assert (in_queue, waiting, pending, done) == (2, 8, 11, 0)
    assert changes == ["new"] * 10
    assert counted(crawler, "newsscraper/articles/") == {"new": 10}
    stop(crawler)


def test_the_busy_timeout_bounds_how_long_a_save_waits_and_the_store_error_stops_the_crawl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "news.sqlite"
    crawler = crawler_for(database, NEWSSCRAPER_DATABASE_TIMEOUT=0.2)
    pipeline = pipeline_for(crawler)
    closed: list[str] = []

    class Engine:
        async def close_spider_async(self, *, reason: str) -> None:
            closed.append(reason)

    def run_now(coroutine: Coroutine[Any, Any, None]) -> None:  # no engine in a unit test: close at once
        with pytest.raises(StopIteration):
            coroutine.send(None)

    monkeypatch.setattr("newsscraper.store.crawl.deferred_from_coro", run_now)
    crawler.crawling = True
    crawler.engine = Engine()  # type: ignore[assignment]
    other = hold_write_lock(database)

    async def crawl() -> None:
        await pipeline.process_item(article(1))

    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        asyncio.run(crawl())
    assert time.monotonic() - started < 2
    assert closed == ["store_error"]
    assert counted(crawler, "newsscraper/articles/") == {}
    other.rollback()
    assert asyncio.run(outcome(pipeline, article(1))) == "new"  # the writer's connection is still usable
    crawler.crawling = False
    stop(crawler)


# --- the end of a crawl -----------------------------------------------------------------------------


def log_articles_at_run_end(database: Path) -> sqlite3.Connection:
    """A trigger that records how many articles the store holds when the run's end is written."""
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("CREATE TABLE at_run_end (articles INTEGER)")
    conn.execute("CREATE TRIGGER run_end AFTER UPDATE OF finished ON runs "
                 "BEGIN INSERT INTO at_run_end SELECT count(*) FROM articles; END")
    return conn


class Spider:
    name = "news"
    sites = ()


#: the store and the run recorder, as settings.py orders them
WITH_RUNS = {"newsscraper.store.crawl.CrawlStore": 50, "newsscraper.extensions.runs.RunRecorder": 100}


def test_every_queued_write_is_committed_and_counted_before_the_run_end_is_written(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    SQLiteStore(database, busy_timeout=5).close()
    log = log_articles_at_run_end(database)
    crawler = store_crawler(NEWSSCRAPER_DATABASE=str(database), EXTENSIONS=WITH_RUNS)
    recorder = get_extension(crawler, RunRecorder)
    pipeline = pipeline_for(crawler)
    other = hold_write_lock(database)
    threading.Timer(0.3, other.rollback).start()  # the writes wait 0.3 s behind another program

    async def crawl() -> tuple[int, int]:
        saves = [asyncio.ensure_future(pipeline.process_item(article(n))) for n in range(20)]
        await asyncio.sleep(0)
        queued = pipeline.owner.writer.pending  # in the writer's queue, not written yet
        # what the engine does at the end: wait for the items in progress, then send spider_closed
        done = len(await asyncio.gather(*saves))
        crawler.signals.send_catch_log(signals.spider_closed, spider=Spider(), reason="finished")
        return queued, done

    assert asyncio.run(crawl()) == (20, 20)
    assert log.execute("SELECT articles FROM at_run_end").fetchall() == [(20,)]
    assert recorder is not None and recorder.run is not None and recorder.run.new == 20
    stop(crawler)


def test_a_write_nobody_awaited_is_still_committed_before_the_run_end(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "news.sqlite"
    SQLiteStore(database, busy_timeout=5).close()
    log = log_articles_at_run_end(database)
    crawler = store_crawler(NEWSSCRAPER_DATABASE=str(database), EXTENSIONS=WITH_RUNS)
    writer = CrawlStore.required(crawler, "").writer
    other = hold_write_lock(database)
    threading.Timer(0.3, other.rollback).start()

    async def fire_and_forget() -> None:
        writer.save(ArticleRecord(url="https://example.com/a/123456", canonical_url="https://example.com/a/123456",
                                  title="t", text="x", paragraphs=("x",), authors=(), published=None,
                                  language=None, content_hash="h"), now=datetime.now(timezone.utc))

    asyncio.run(fire_and_forget())
    # no pipeline to flush: the store's own spider_closed receiver, called before the recorder's, waits
    crawler.signals.send_catch_log(signals.spider_closed, spider=Spider(), reason="finished")
    assert log.execute("SELECT articles FROM at_run_end").fetchall() == [(1,)]
    assert "1 store operation(s) were still queued" in caplog.text
    stop(crawler)


def test_closing_runs_what_is_queued_then_refuses_more(database: str) -> None:
    crawler = crawler_for(database)
    pipeline = pipeline_for(crawler)
    writer = pipeline.owner.writer

    async def queue_saves() -> None:
        saves = [asyncio.ensure_future(pipeline.process_item(article(n))) for n in range(5)]
        await asyncio.sleep(0)  # submitted; the loop ends before they are answered
        assert not any(save.done() for save in saves)

    asyncio.run(queue_saves())
    stop(crawler)
    assert writer._thread is not None and not writer._thread.is_alive()
    assert rows(database, "SELECT count(*) FROM articles") == [(5,)]

    async def late() -> None:
        await maybe_deferred_to_future(writer.flush())

    with pytest.raises(WriterClosed):
        asyncio.run(late())


def test_a_writer_that_cannot_open_its_connection_fails_before_the_crawl_starts(tmp_path: Path) -> None:
    def unopenable() -> SQLiteStore:
        raise sqlite3.OperationalError("unable to open database file")

    writer = StoreWriter(unopenable, queue_size=10)
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        writer.start()
    assert writer._thread is not None and not writer._thread.is_alive()


def test_a_writer_nobody_closed_ends_its_thread_when_it_is_dropped(tmp_path: Path) -> None:
    import gc

    writer = StoreWriter(lambda: SQLiteStore(tmp_path / "news.sqlite", busy_timeout=5), queue_size=10)
    writer.start()
    thread = writer._thread
    assert thread is not None and thread.is_alive()
    del writer
    gc.collect()
    thread.join(5)
    assert not thread.is_alive()


# --- a crash loses at most the queue ----------------------------------------------------------------

CRASHING_CRAWL = textwrap.dedent("""
    import asyncio, sys
    from dataclasses import replace
    sys.path.insert(0, "tests")
    from crawlers import store_crawler
    from test_writer import article
    from newsscraper.pipelines.store import StorePipeline

    crawler = store_crawler(NEWSSCRAPER_DATABASE=sys.argv[1])
    pipeline = StorePipeline.from_crawler(crawler)

    async def crawl():
        done = 0
        async def save(item):
            nonlocal done
            await pipeline.process_item(item)
            done += 1
        for round in range(1000):  # new articles and new versions of them, with aliases, 50 at a time
            items = [article(n, text=f"Story {n}, version {round}. " + "word " * 80,
                             redirected_from=[f"https://example.com/moved/{n}"])
                     for n in range(round * 25, round * 25 + 50)]
            await asyncio.gather(*(save(item) for item in items))
            print(done, flush=True)

    asyncio.run(crawl())
""")


def test_a_killed_crawl_leaves_every_article_whole_and_the_store_usable(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    child = subprocess.Popen([sys.executable, "-c", CRASHING_CRAWL, str(database)], cwd=PROJECT_ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    done = 0
    deadline = time.monotonic() + 60
    while done < 1000 and time.monotonic() < deadline:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "no output"
        done = int(line)
    os.kill(child.pid, signal.SIGKILL)  # mid-writes: the next batch of 50 is being written
    child.wait()
    assert done >= 1000

    store = SQLiteStore(database, busy_timeout=5)  # opens, and (we hold no lock) nothing is left locked
    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # whole: each article's current text is its latest version, and its alias points at it
    assert conn.execute(
        "SELECT count(*) FROM articles a WHERE a.content_hash != (SELECT v.content_hash FROM versions v "
        "WHERE v.article_id = a.id ORDER BY v.id DESC LIMIT 1)").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM versions WHERE article_id NOT IN (SELECT id FROM articles)"
                        ).fetchone() == (0,)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM aliases").fetchone() == (stored,)  # one link redirected to each
    assert conn.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM aliases)"
                        ).fetchone() == (0,)
    # every save the crawl was told about is in the store (versions count saves: new and updated)
    assert conn.execute("SELECT count(*) FROM versions").fetchone()[0] >= done
    lock = store_crawler(NEWSSCRAPER_DATABASE=str(database))  # the lock died with the process
    lock.signals.send_catch_log(signals.engine_stopped)
    store.close()


# --- reactor-agnostic: the same save on Twisted's default (non-asyncio) reactor ----------------------

ON_THE_DEFAULT_REACTOR = textwrap.dedent("""
    import json, sys
    from twisted.internet import reactor  # the platform's default reactor, not asyncio's
    from twisted.internet.defer import ensureDeferred
    from scrapy.utils.defer import maybe_deferred_to_future
    sys.path.insert(0, "tests")
    from crawlers import stop, store_crawler
    from test_writer import article
    from newsscraper.pipelines.store import StorePipeline

    crawler = store_crawler(NEWSSCRAPER_DATABASE=sys.argv[1])
    pipeline = StorePipeline.from_crawler(crawler)
    results = []

    async def crawl():
        results.append((await pipeline.process_item(article(1))).change)
        results.append((await pipeline.process_item(article(1))).change)
        await maybe_deferred_to_future(pipeline.owner.writer.flush())

    done = ensureDeferred(crawl())
    done.addBoth(lambda outcome: (results.append(repr(outcome)), reactor.stop()))
    reactor.callLater(10, reactor.stop)
    reactor.run()
    stop(crawler)
    print(json.dumps([type(reactor).__name__, results]))
""")


def test_the_writer_answers_on_a_twisted_reactor_without_asyncio(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", ON_THE_DEFAULT_REACTOR, str(tmp_path / "news.sqlite")],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=True)
    reactor, results = json.loads(done.stdout.splitlines()[-1])
    assert "Asyncio" not in reactor
    assert results == ["new", "unchanged", "None"]



def test_flushing_an_idle_writer_answers_at_once(tmp_path: Path) -> None:
    """The end of a crawl whose callers all awaited their writes: a flush doesn't wait for the thread."""
    crawler = crawler_for(tmp_path / "news.sqlite")
    writer = CrawlStore.required(crawler, "").writer
    assert writer.pending == 0 and writer.flush().called
    stop(crawler)
