"""The SQLite backend: one file, WAL, one short transaction per article.

A crawl opens it twice: once on the reactor thread for its ``runs`` row, and once on the store
writer's thread (:mod:`newsscraper.store.writer`) for everything else; SQLite connections belong to
the thread that opened them. Only a lock held by another program (the run lock keeps other crawls
out) can make a write wait, and then for ``busy_timeout`` seconds at most
(``NEWSSCRAPER_DATABASE_TIMEOUT``, 5 by default) before it fails with "database is locked". Errors are
never swallowed: a failed write raises and rolls back, so no row is ever half written.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import ArticleRecord, Change, FetchState, RunRecord, SiteHealth, Validators
from .schema import ARTICLE_COLUMNS, MIGRATIONS, RUN_COUNT_COLUMNS, SCHEMA_VERSION
from .times import timestamp

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime

__all__ = ["SQLiteStore", "StoreVersionError"]

#: the columns an update rewrites: everything but first_seen, last_seen, last_changed
CONTENT_COLUMNS = ARTICLE_COLUMNS[:10]
#: run_sites columns: SiteHealth's counters
SITE_COLUMNS = tuple(f.name for f in fields(SiteHealth))[1:]
#: URLs looked up by one statement: a section page's links, well under SQLite's 999 parameters
LOOKUP_CHUNK = 500
#: the articles some URLs name, each way a URL can name one (its rank: canonical URL, fetched URL,
#: a link that redirected to it), every branch an index lookup; the caller keeps the best rank
_LOOKUP = (
    "WITH wanted (url) AS (VALUES {values}) "
    "SELECT w.url, 0, a.id, a.canonical_url, a.last_fetched, a.etag, a.last_modified "
    "FROM wanted w JOIN articles a ON a.canonical_url = w.url "
    "UNION ALL SELECT w.url, 1, a.id, a.canonical_url, a.last_fetched, a.etag, a.last_modified "
    "FROM wanted w JOIN articles a ON a.url = w.url "
    "UNION ALL SELECT w.url, 2, a.id, a.canonical_url, a.last_fetched, a.etag, a.last_modified "
    "FROM wanted w JOIN aliases s ON s.url = w.url JOIN articles a ON a.id = s.article_id"
)


class StoreVersionError(RuntimeError):
    """The file was written by a newer newsscraper whose schema this one doesn't know."""


def _chars(text: str) -> int:
    """Characters that are not white space: how much text there is, whatever its layout."""
    return sum(len(word) for word in text.split())


class SQLiteStore:
    """Articles, their versions and the crawls' runs in a SQLite file, created on first use."""

    def __init__(self, path: str | Path, *, busy_timeout: float) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        #: inside batch(): writes join its transaction instead of opening their own
        self._batching = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly
            # what `_transaction` wraps; timeout: wait a little for another writer instead of failing
            # at once, but not long: the crawl's writes queue up behind the wait.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:  # the bare message ("unable to open database file") names no file
            raise type(exc)(f"{self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK and re-raise: all of a write or none of it.

        SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR): a ROLLBACK then
        would raise "no transaction is active" and hide the real error, so only an open transaction
        is rolled back. A failed COMMIT is rolled back too, so the connection stays usable. Inside
        :meth:`batch`, a write is part of the batch's transaction: its error rolls the batch back.
        """
        if self._batching:
            yield self._conn
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """The writes inside in one transaction: a commit (a WAL append) for many articles, not one each."""
        with self._transaction():
            self._batching = True
            try:
                yield
            finally:
                self._batching = False

    def _migrate(self) -> None:
        """Apply the missing migrations, all in one transaction: an upgrade is whole or not at all."""
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path} has schema version {version}; this newsscraper knows up to "
                f"{SCHEMA_VERSION}: upgrade newsscraper"
            )
        if version == SCHEMA_VERSION:
            return  # nothing to write: opening a current store never takes the write lock
        with self._transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
            for number, statements in enumerate(MIGRATIONS[version:], version + 1):
                for statement in statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number:d}")

    # --- articles ------------------------------------------------------------------------------

    def save(
        self, record: ArticleRecord, *, now: datetime, validators: Validators | None = None,
        shrink_ratio: float = 0.0, run_id: int | None = None, dedup: bool = True,
    ) -> Change:
        """Insert, update, only touch ``last_seen``, keep a shrunk text aside or refuse a copy of
        another stored article, and remember the URLs that redirected to the article: one transaction."""
        with self._transaction() as conn:
            article_id, change = _write(conn, record, timestamp(now), validators or Validators(), shrink_ratio,
                                        run_id, dedup)
            if change is Change.DUPLICATE:
                return change  # the stored copy is another article's: its URLs are not this one's
            conn.executemany(
                "INSERT INTO aliases (url, article_id) VALUES (?, ?) "
                "ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id",
                [(url, article_id) for url in record.aliases if url != record.canonical_url],
            )
        return change

    def fetch_states(self, urls: Iterable[str]) -> dict[str, FetchState]:
        """For each URL that names a stored article, that article: the one stored under that canonical
        URL, else the one last fetched from that URL, else the one a request for that URL was
        redirected to. One indexed query for up to ``LOOKUP_CHUNK`` URLs (a section page's links)."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, tuple[int, int, FetchState]] = {}
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start:start + LOOKUP_CHUNK]
            rows = self._conn.execute(_LOOKUP.format(values=", ".join(["(?)"] * len(chunk))), chunk).fetchall()
            for url, rank, article_id, canonical, last_fetched, etag, last_modified in rows:
                best = found.get(url)
                if best is None or (rank, article_id) < best[:2]:
                    state = FetchState(canonical, last_fetched, Validators(etag, last_modified))
                    found[url] = (rank, article_id, state)
        return {url: state for url, (_, _, state) in found.items()}

    def touch(self, canonical_url: str, *, now: datetime) -> bool:
        """Confirmed unchanged without a download (HTTP 304): last_seen and last_fetched move."""
        stamp = timestamp(now)
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE articles SET last_seen = ?, last_fetched = ? WHERE canonical_url = ?",
                (stamp, stamp, canonical_url),
            )
        return cursor.rowcount > 0

    def count(self) -> int:
        """How many articles are stored."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- runs ----------------------------------------------------------------------------------

    def start_run(self, *, spider: str, arguments: dict[str, str], now: datetime) -> int:
        """A new ``running`` row; rows still ``running`` belong to runs that died (we hold the lock)."""
        with self._transaction() as conn:
            conn.execute("UPDATE runs SET status = 'killed' WHERE status = 'running'")
            cursor = conn.execute(
                "INSERT INTO runs (spider, arguments, started, status) VALUES (?, ?, ?, 'running')",
                (spider, json.dumps(arguments, ensure_ascii=False, sort_keys=True), timestamp(now)),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run: RunRecord) -> None:
        """Write a run's end and its per-site health in one transaction."""
        counts = (run.new, run.updated, run.unchanged, run.not_modified, run.skipped_fresh,
                  run.requests, run.bodies, run.errors)
        with self._transaction() as conn:
            conn.execute(
                f"UPDATE runs SET finished = ?, status = ?, exit_code = ?, "
                f"{', '.join(f'{c} = ?' for c in RUN_COUNT_COLUMNS)}, dropped = ?, warnings = ? WHERE id = ?",
                (run.finished, run.status, run.exit_code, *counts,
                 json.dumps(run.dropped, sort_keys=True), json.dumps(list(run.warnings), ensure_ascii=False),
                 run.id),
            )
            conn.execute("DELETE FROM run_sites WHERE run_id = ?", (run.id,))
            conn.executemany(
                f"INSERT INTO run_sites (run_id, site, {', '.join(SITE_COLUMNS)}) "
                f"VALUES (?, ?, {', '.join('?' * len(SITE_COLUMNS))})",
                [(run.id, s.site, *(getattr(s, c) for c in SITE_COLUMNS)) for s in run.sites],
            )

    def get_run(self, run_id: int) -> RunRecord | None:
        """One run as recorded, its sites in name order."""
        row = self._conn.execute(
            f"SELECT id, spider, arguments, started, finished, status, exit_code, "
            f"{', '.join(RUN_COUNT_COLUMNS)}, dropped, warnings FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        if row is None:
            return None
        sites = self._conn.execute(
            f"SELECT site, {', '.join(SITE_COLUMNS)} FROM run_sites WHERE run_id = ? ORDER BY site", (run_id,)
        ).fetchall()
        return _run(row, tuple(SiteHealth(*site) for site in sites))

    def last_yields(self, sites: list[str], *, before: int) -> dict[str, tuple[int, int]]:
        """For each site, ``(run id, articles yielded)`` of the latest earlier run that crawled it."""
        found: dict[str, tuple[int, int]] = {}
        for site in sites:
            row = self._conn.execute(
                "SELECT run_id, stored + unchanged FROM run_sites WHERE site = ? AND run_id < ? "
                "ORDER BY run_id DESC LIMIT 1", (site, before),
            ).fetchone()
            if row is not None:
                found[site] = (int(row[0]), int(row[1]))
        return found

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._conn.close()


def _write(conn: sqlite3.Connection, record: ArticleRecord, stamp: str, fetch: Validators, shrink_ratio: float,
           run_id: int | None, dedup: bool) -> tuple[int, Change]:
    """The article's row written (or not, for a shrunk text): its id and what happened to it."""
    row = conn.execute(
        "SELECT id, content_hash, text FROM articles WHERE canonical_url = ?", (record.canonical_url,)
    ).fetchone()
    if row is None:
        copy = _same_text(conn, record.content_hash) if dedup else None
        if copy is not None:
            return copy, Change.DUPLICATE
        cursor = conn.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, etag, last_modified, last_fetched) "
            f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 3))})",
            (*_row_values(record), stamp, stamp, stamp, fetch.etag, fetch.last_modified, stamp),
        )
        article_id = int(cursor.lastrowid or 0)
        _add_version(conn, article_id, record, stamp, run_id)
        return article_id, Change.NEW
    article_id, stored_hash, stored_text = row
    if stored_hash == record.content_hash:
        conn.execute(
            "UPDATE articles SET last_seen = ?, last_fetched = ?, etag = ?, last_modified = ? WHERE id = ?",
            (stamp, stamp, fetch.etag, fetch.last_modified, article_id),
        )
        return article_id, Change.UNCHANGED
    if _chars(record.text) < shrink_ratio * _chars(stored_text):
        # Not believed: the stored text and its validators stay, so the next visit is a full fetch.
        conn.execute(
            "INSERT INTO suspects (article_id, run_id, seen, reason, url, content_hash, text, chars, "
            "stored_chars) VALUES (?, ?, ?, 'shrunk', ?, ?, ?, ?, ?)",
            (article_id, run_id, stamp, record.url, record.content_hash, record.text,
             _chars(record.text), _chars(stored_text)),
        )
        conn.execute("UPDATE articles SET last_seen = ?, last_fetched = ? WHERE id = ?", (stamp, stamp, article_id))
        return article_id, Change.SHRUNK
    conn.execute(
        f"UPDATE articles SET {', '.join(f'{c} = ?' for c in CONTENT_COLUMNS)}, etag = ?, "
        "last_modified = ?, last_seen = ?, last_fetched = ?, last_changed = ? WHERE id = ?",
        (*_row_values(record), fetch.etag, fetch.last_modified, stamp, stamp, stamp, article_id),
    )
    _add_version(conn, article_id, record, stamp, run_id)
    return article_id, Change.UPDATED


def _same_text(conn: sqlite3.Connection, digest: str) -> int | None:
    """The id of an article whose text has that hash, if one is stored."""
    row = conn.execute("SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (digest,)).fetchone()
    return None if row is None else int(row[0])


def _add_version(conn: sqlite3.Connection, article_id: int, record: ArticleRecord, stamp: str,
                 run_id: int | None) -> None:
    conn.execute(
        "INSERT INTO versions (article_id, content_hash, title, text, seen, run_id) VALUES (?, ?, ?, ?, ?, ?)",
        (article_id, record.content_hash, record.title, record.text, stamp, run_id),
    )


def _row_values(record: ArticleRecord) -> tuple[str | None, ...]:
    """The record's values in ``ARTICLE_COLUMNS`` order up to the timestamps, lists as JSON."""
    return (
        record.url, record.canonical_url, record.title, record.text,
        json.dumps(list(record.paragraphs), ensure_ascii=False),
        json.dumps(list(record.authors), ensure_ascii=False),
        record.published, record.language, record.content_hash, record.standfirst,
    )


def _run(row: tuple[Any, ...], sites: tuple[SiteHealth, ...]) -> RunRecord:
    run_id, spider, arguments, started, finished, status, exit_code, *counts, dropped, warnings = row
    new, updated, unchanged, not_modified, skipped_fresh, requests, bodies, errors = counts
    return RunRecord(
        id=run_id, spider=spider, arguments=json.loads(arguments), started=started, finished=finished,
        status=status, exit_code=exit_code, new=new, updated=updated, unchanged=unchanged,
        not_modified=not_modified, skipped_fresh=skipped_fresh, dropped=json.loads(dropped),
        requests=requests, bodies=bodies, errors=errors, sites=sites, warnings=tuple(json.loads(warnings)),
    )
