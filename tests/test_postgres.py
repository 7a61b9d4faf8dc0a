"""What only the PostgreSQL store has: its schema version, concurrent writers, the advisory run lock
shared by the workers of one crawl, and its URL (the shared behaviour is test_store.py's, on both).
Each test has a schema of its own on the server (the ``postgres_database`` fixture)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from crawlers import stop, store_crawler
from storedrows import RECORD, T0, WAIT, read_versions, rows

from newsscraper.extensions.runs import RunRecorder
from newsscraper.store import Change, RunRecord, open_store
from newsscraper.store.errors import RunLockHeld, StoreUnavailable
from newsscraper.store.lock import LockHeld
from newsscraper.store.pglock import AdvisoryLock
from newsscraper.store.postgres import PostgresStore, public_url
from newsscraper.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsscraper.store.sqlstore import StoreVersionError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# --- schema ----------------------------------------------------------------------------------------


def test_the_schema_is_created_on_first_use_with_the_sqlite_columns_and_version(postgres_database: str) -> None:
    open_store(postgres_database, busy_timeout=WAIT).close()
    assert rows(postgres_database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    columns = rows(postgres_database, "SELECT column_name FROM information_schema.columns "
                   "WHERE table_schema = current_schema() AND table_name = 'articles' ORDER BY ordinal_position")
    assert [c for (c,) in columns] == [
        "id", "url", "canonical_url", "title", "text", "paragraphs", "authors", "published", "language",
        "content_hash", "first_seen", "last_seen", "last_changed", "standfirst", "etag", "last_modified",
        "last_fetched", "site", "search",
    ]


def test_an_upgrade_from_schema_3_keeps_every_row(postgres_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patched:  # a store as the previous release wrote it
        patched.setattr("newsscraper.store.postgres.MIGRATIONS", MIGRATIONS[:3])
        patched.setattr("newsscraper.store.postgres.SCHEMA_VERSION", 3)
        PostgresStore(postgres_database, busy_timeout=WAIT).close()
        rows(postgres_database, "INSERT INTO articles (url, canonical_url, title, text, paragraphs, authors, "
             "content_hash, first_seen, last_seen, last_changed) VALUES (?, ?, 't', 'x', '[]', '[]', 'h1', 'a', 'b', "
             "'c') RETURNING id", RECORD.url, RECORD.canonical_url)
        rows(postgres_database, "INSERT INTO versions (article_id, content_hash, title, text, seen) "
             "VALUES (1, 'h1', 't', 'x', 'a') RETURNING id")
        rows(postgres_database, "INSERT INTO runs (spider, arguments, started, status) "
             "VALUES ('news', '{}', 'a', 'finished') RETURNING id")
    before = {t: rows(postgres_database, f"SELECT * FROM {t} ORDER BY 1") for t in ("articles", "versions")}
    upgraded = PostgresStore(postgres_database, busy_timeout=WAIT)
    assert upgraded.get_run(1) is not None and upgraded.get_run(1).crawl_id is None
    upgraded.close()
    assert rows(postgres_database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    # every row as it was, in the columns it had (schemas 5 and 6 add articles.site and .search)
    assert {t: [row[:len(before[t][0])] for row in rows(postgres_database, f"SELECT * FROM {t} ORDER BY 1")]
            for t in before} == before


def test_a_failed_migration_leaves_the_schema_as_it_was(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    monkeypatch.setattr("newsscraper.store.postgres.MIGRATIONS", (MIGRATIONS[0], ("CREATE TABLE oops (",)))
    with pytest.raises(psycopg.errors.SyntaxError):
        PostgresStore(postgres_database, busy_timeout=WAIT)
    assert rows(postgres_database, "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = current_schema()") == [(0,)]  # not even articles, nor schema_version


def test_a_store_from_a_newer_version_is_refused(postgres_database: str) -> None:
    open_store(postgres_database, busy_timeout=WAIT).close()
    rows(postgres_database, "UPDATE schema_version SET version = ? RETURNING version", SCHEMA_VERSION + 1)
    with pytest.raises(StoreVersionError, match="upgrade newsscraper"):
        open_store(postgres_database, busy_timeout=WAIT)


# --- concurrent writers --------------------------------------------------------------------------


def meet(database: str, records: list[Any], monkeypatch: pytest.MonkeyPatch) -> list[Change]:
    """Save each record on a connection and thread of its own, all of them past their first look at
    the article (each finds no row) before any of them inserts: the race two processes can run."""
    stores = [open_store(database, busy_timeout=WAIT) for _ in records]
    barrier = threading.Barrier(len(records), timeout=10)
    same_text = PostgresStore._same_text

    def looked(store: PostgresStore, record: Any) -> int | None:
        if threading.current_thread() is not threading.main_thread():
            barrier.wait()
        return same_text(store, record)

    monkeypatch.setattr(PostgresStore, "_same_text", looked)
    changes: list[Change | BaseException] = [RuntimeError("did not run")] * len(records)

    def save(n: int) -> None:
        try:
            changes[n] = stores[n].save(records[n], now=T0 + timedelta(minutes=n))
        except BaseException as exc:  # reported below, on the test's thread
            changes[n] = exc

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(records))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for store in stores:
        store.close()
    assert all(isinstance(change, Change) for change in changes), changes
    return changes  # type: ignore[return-value]


def test_two_writers_saving_one_new_article_at_once_make_one_row_and_one_new(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = meet(postgres_database, [RECORD, RECORD], monkeypatch)
    assert sorted(changes) == [Change.NEW, Change.UNCHANGED]
    assert rows(postgres_database, "SELECT count(*) FROM articles") == [(1,)]
    assert len(read_versions(postgres_database, RECORD.canonical_url)) == 1


def test_two_writers_with_two_texts_of_one_new_article_keep_both_versions(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = replace(RECORD, text="Edited.", paragraphs=("Edited.",), content_hash="h2")
    changes = meet(postgres_database, [RECORD, edited], monkeypatch)
    assert sorted(changes) == [Change.NEW, Change.UPDATED]
    assert rows(postgres_database, "SELECT count(*) FROM articles") == [(1,)]
    versions = read_versions(postgres_database, RECORD.canonical_url)
    assert sorted(v.content_hash for v in versions) == ["h1", "h2"]
    # the article holds the text saved last: no update is lost
    assert rows(postgres_database, "SELECT content_hash FROM articles") == [(versions[-1].content_hash,)]


def test_many_writers_updating_one_article_lose_no_update(postgres_database: str) -> None:
    first = open_store(postgres_database, busy_timeout=WAIT)
    first.save(RECORD, now=T0)
    stores = [open_store(postgres_database, busy_timeout=WAIT) for _ in range(4)]
    barrier = threading.Barrier(len(stores), timeout=10)
    changes: list[Change] = []

    def save(n: int) -> None:
        barrier.wait()
        changes.append(stores[n].save(replace(RECORD, text=f"Text {n}.", content_hash=f"t{n}"), now=T0))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for store in (first, *stores):
        store.close()
    assert changes == [Change.UPDATED] * 4
    assert len(read_versions(postgres_database, RECORD.canonical_url)) == 5


def test_two_writers_batching_the_same_articles_in_opposite_orders_count_each_new_once(postgres_database: str) -> None:
    """Two workers' group commits lock the same rows in opposite orders: PostgreSQL aborts one batch
    as a deadlock, and its writer runs the batch again one save at a time."""
    import asyncio

    from scrapy.utils.defer import maybe_deferred_to_future

    from newsscraper.store.writer import StoreWriter

    records = [replace(RECORD, url=f"https://example.com/a/{n}12345", canonical_url=f"https://example.com/a/{n}12345",
                       content_hash=f"h{n}") for n in range(40)]
    writers = [StoreWriter(lambda: open_store(postgres_database, busy_timeout=WAIT), queue_size=100, batch_size=100)
               for _ in range(2)]
    for writer in writers:
        writer.start()

    async def crawl() -> list[Change]:
        saves = [writer.save(record, now=T0) for writer, order in zip(writers, (records, records[::-1]), strict=True)
                 for record in order]
        return list(await asyncio.gather(*(maybe_deferred_to_future(save) for save in saves)))

    changes = asyncio.run(crawl())
    for writer in writers:
        writer.close()
    assert {c: changes.count(c) for c in set(changes)} == {Change.NEW: 40, Change.UNCHANGED: 40}
    assert rows(postgres_database, "SELECT count(*), count(DISTINCT canonical_url) FROM articles") == [(40, 40)]
    assert rows(postgres_database, "SELECT count(*) FROM versions") == [(40,)]


# --- the run lock and runs shared by the workers of one crawl ------------------------------------


def advisory(database: str, crawl_id: str | None = None, **arguments: str) -> AdvisoryLock:
    return AdvisoryLock(database, spider="news", arguments=arguments, crawl_id=crawl_id, busy_timeout=WAIT)


def test_the_advisory_lock_keeps_a_second_crawl_out_and_says_who_holds_it(postgres_database: str) -> None:
    first = advisory(postgres_database).acquire(owner="scrapy crawl news")
    with pytest.raises(LockHeld, match=r"advisory lock of news \{\} in .*\(newsscraper scrapy crawl news, crawl solo-"):
        advisory(postgres_database).acquire()
    other_arguments = advisory(postgres_database, sites="other.toml").acquire()  # another spider argument set
    first.release()
    assert not first.held
    advisory(postgres_database).acquire().release()
    other_arguments.release()


def test_the_workers_of_one_crawl_share_the_lock_and_keep_another_crawl_out(postgres_database: str) -> None:
    workers = [advisory(postgres_database, "crawl-7").acquire() for _ in range(3)]
    for crawl_id in ("crawl-8", None):
        with pytest.raises(LockHeld, match="crawl crawl-7"):
            advisory(postgres_database, crawl_id).acquire()
    for worker in workers:
        worker.release()
    advisory(postgres_database, "crawl-8").acquire().release()


def test_a_solo_crawl_keeps_the_workers_of_a_distributed_one_out(postgres_database: str) -> None:
    solo = advisory(postgres_database).acquire()
    with pytest.raises(LockHeld):
        advisory(postgres_database, "crawl-7").acquire()
    solo.release()


def test_the_lock_of_a_killed_process_is_released_by_the_server(postgres_database: str) -> None:
    code = ("import sys, time; from newsscraper.store.pglock import AdvisoryLock\n"
            f"lock = AdvisoryLock({postgres_database!r}, spider='news', arguments={{}}, crawl_id=None, "
            "busy_timeout=5).acquire(); print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(LockHeld):
            advisory(postgres_database).acquire()
    finally:
        holder.kill()
        holder.wait()
    retry_until(lambda: advisory(postgres_database).acquire().release())


def retry_until(attempt: Callable[[], object], tries: int = 50) -> None:
    """The server ends a dead client's session a moment after its socket closes."""
    import time

    for _ in range(tries - 1):
        try:
            attempt()
            return
        except LockHeld:
            time.sleep(0.1)
    attempt()


def test_each_worker_of_a_crawl_keeps_its_own_run_row_and_only_other_crawls_rows_die(postgres_database: str) -> None:
    store = open_store(postgres_database, busy_timeout=WAIT)
    dead = store.start_run(spider="news", arguments={}, now=T0, crawl_id="crawl-6")
    other = store.start_run(spider="news", arguments={"sites": "b.toml"}, now=T0)  # another lock: alive
    one = store.start_run(spider="news", arguments={}, now=T0, crawl_id="crawl-7")
    two = store.start_run(spider="news", arguments={}, now=T0, crawl_id="crawl-7")
    assert [store.get_run(r).status for r in (dead, other, one, two)] == ["killed", "running", "running", "running"]
    assert (store.get_run(one).crawl_id, store.get_run(two).crawl_id) == ("crawl-7", "crawl-7")
    for run_id, new in ((one, 3), (two, 4)):
        store.finish_run(RunRecord(id=run_id, spider="news", arguments={}, started="", status="finished", new=new))
    store.close()
    assert rows(postgres_database, "SELECT crawl_id, count(*), sum(articles_new) FROM runs WHERE crawl_id = ? "
                "GROUP BY crawl_id", "crawl-7") == [("crawl-7", 2, 7)]


def test_two_workers_of_one_crawl_both_start_and_record_their_crawl_id(postgres_database: str) -> None:
    settings = {"NEWSSCRAPER_DATABASE": postgres_database, "NEWSSCRAPER_CRAWL_ID": "crawl-7"}
    first, second = store_crawler(**settings), store_crawler(**settings)
    recorders = [RunRecorder.from_crawler(first), RunRecorder.from_crawler(second)]
    with pytest.raises(RunLockHeld, match="exits without crawling"):
        RunRecorder.from_crawler(store_crawler(NEWSSCRAPER_DATABASE=postgres_database))
    for crawler in (first, second):
        stop(crawler)
    assert rows(postgres_database, "SELECT id, crawl_id, status FROM runs ORDER BY id") == [
        (recorders[0].run_id, "crawl-7", "running"), (recorders[1].run_id, "crawl-7", "running")]


# --- the URL and its errors ----------------------------------------------------------------------


def test_the_location_shows_the_url_without_its_password() -> None:
    assert public_url("postgresql://news:s3cret@db.example:5432/news?sslmode=require") == (
        "postgresql://news@db.example:5432/news?sslmode=require")
    assert public_url("postgresql://db.example/news?password=s3cret&application_name=x") == (
        "postgresql://db.example/news?application_name=x")
    assert public_url("postgresql://news@db.example/news") == "postgresql://news@db.example/news"


def test_the_store_location_is_its_url(postgres_database: str) -> None:
    store = open_store(postgres_database, busy_timeout=WAIT)
    assert store.location == postgres_database
    store.close()


@pytest.mark.parametrize(("url", "says"), [
    ("postgresql://postgres@127.0.0.1:1/test", "127.0.0.1"),  # nothing listens there
    ("postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dno_such_schema", "no schema"),
    ("postgresql://postgres@127.0.0.1:5432/test?sslmode=sometimes", "sslmode"),  # a bad parameter
    ("postgresql://postgres:s3cret@[127.0.0.1/test", "can't be parsed"),
    ("postgresql://nobody:s3cret@127.0.0.1:5432/test", 'role "nobody" does not exist'),
])
def test_an_unusable_store_is_a_one_line_error_at_the_start(postgres_url: str, url: str, says: str) -> None:
    with pytest.raises(StoreUnavailable) as raised:
        store_crawler(NEWSSCRAPER_DATABASE=url)
    message = str(raised.value)
    assert says in message and "\n" not in message and "s3cret" not in message


def test_a_crawl_into_an_unreachable_server_exits_with_the_store_error(crawl: Callable[..., Any]) -> None:
    run = crawl("http://127.0.0.1:1/", "postgresql://postgres:s3cret@127.0.0.1:1/test")
    assert run.returncode == 5, run.log
    assert "Traceback" not in run.log and "s3cret" not in run.log
    assert "can't take the advisory lock" in run.log


# --- end to end ------------------------------------------------------------------------------------


def test_the_demo_crawls_into_postgresql_count_as_into_sqlite(
    crawl: Callable[..., Any], postgres_database: str, tmp_path: Path
) -> None:
    """`scrapy crawl news` on the demo site, edition 1 then edition 2, into each backend: the same
    summary, the same new/updated/unchanged on the second crawl, the same articles stored."""
    from newsscraper.demo.server import DEMO_SITE_ROOT, DemoSite

    editions = json.loads((DEMO_SITE_ROOT / "manifest.json").read_text(encoding="utf-8"))["editions"]
    outcome: dict[str, list[tuple[dict[str, int], dict[str, int]]]] = {}
    stored: dict[str, list[tuple[str, str]]] = {}
    for backend, database in (("sqlite", str(tmp_path / "demo.sqlite")), ("postgresql", postgres_database)):
        with DemoSite() as site:
            for edition in (1, 2):
                site.set_edition(edition)
                now = editions[str(edition)]["now"]
                run = crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={now}")
                assert run.returncode == 0, run.log
                outcome.setdefault(backend, []).append((run.counts(), run.drops()))
            paths = rows(database, "SELECT canonical_url, content_hash FROM articles ORDER BY canonical_url")
            stored[backend] = [("/" + url.split("/", 3)[3], digest) for url, digest in paths]
    assert outcome["postgresql"] == outcome["sqlite"]
    assert outcome["sqlite"][0][0]["new"] > 0 and outcome["sqlite"][1][0]["updated"] > 0  # both crawls wrote
    assert stored["postgresql"] == stored["sqlite"]


def test_two_workers_of_one_crawl_store_the_demo_once_and_count_each_article_new_once(
    crawl: Callable[..., Any], postgres_database: str
) -> None:
    """Two `scrapy crawl` processes with one NEWSSCRAPER_CRAWL_ID, at the same time, into one store
    (no shared frontier: both crawl the whole demo site): neither stops the other, each keeps its
    own runs row, and every article is one row that one of them counted new."""
    from newsscraper.demo.server import DEMO_SITE_ROOT, DemoSite

    edition = json.loads((DEMO_SITE_ROOT / "manifest.json").read_text(encoding="utf-8"))["editions"]["1"]
    runs: list[Any] = [None, None]
    with DemoSite() as site:
        def worker(n: int) -> None:
            runs[n] = crawl(site.url, postgres_database, "-s", f"NEWSSCRAPER_NOW={edition['now']}",
                            "-s", "NEWSSCRAPER_CRAWL_ID=demo-1")

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
    assert [run.returncode for run in runs] == [0, 0], [run.log[-2000:] for run in runs]
    assert sum(run.counts()["new"] for run in runs) == len(edition["articles"])
    assert rows(postgres_database, "SELECT count(*), count(DISTINCT canonical_url) FROM articles") == [
        (len(edition["articles"]), len(edition["articles"]))]
    assert rows(postgres_database, "SELECT crawl_id, status, count(*) FROM runs GROUP BY crawl_id, status") == [
        ("demo-1", "finished", 2)]
