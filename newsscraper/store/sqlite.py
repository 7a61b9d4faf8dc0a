"""The SQLite backend: one file, WAL, one short transaction per article.

A crawl opens it twice: once on the reactor thread for its ``runs`` row, and once on the store
writer's thread (:mod:`newsscraper.store.writer`) for everything else; SQLite connections belong to
the thread that opened them. Only a lock held by another program (the run lock keeps other crawls
out) can make a write wait, and then for ``busy_timeout`` seconds at most
(``NEWSSCRAPER_DATABASE_TIMEOUT``, 5 by default) before it fails with "database is locked". Errors are
never swallowed: a failed write raises and rolls back, so no row is ever half written.

What a save decides and writes is :mod:`newsscraper.store.sqlstore`'s; this module is the dialect:
the connection, ``BEGIN IMMEDIATE`` transactions, ``PRAGMA user_version`` migrations, and full-text
search with FTS5: ``articles_fts`` indexes each article's title and text (``unicode61 remove_diacritics
2``: "etat" finds "État"), an external-content table kept in step by triggers on ``articles``, so
a save and its index entry commit together.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadQuery, StoreMissing
from .queries import ROW_COLUMNS
from .schema import MIGRATIONS, SCHEMA_VERSION
from .sqlstore import SQLStore, StoreVersionError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from .queries import ArticleFilter

__all__ = ["SQLiteStore", "StoreVersionError"]

#: migration 6: the FTS5 index over title and text, its triggers, and its first fill
SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
)
#: a title match weighs this many text matches in the rank
TITLE_WEIGHT = 4.0


class SQLiteStore(SQLStore):
    """Articles, their versions and the crawls' runs in a SQLite file, created on first use, unless
    ``create`` is false: then a file that is not a newsscraper store is :class:`StoreMissing`."""

    def __init__(self, path: str | Path, *, busy_timeout: float, create: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.location = str(self.path)
        if not create and not self.path.is_file():
            raise StoreMissing(f"{self.path}: no such store")
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly
            # what `_transaction` wraps; timeout: wait a little for another writer instead of failing
            # at once, but not long: the crawl's writes queue up behind the wait.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout)
            if not create and self._conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                self._conn.close()
                raise StoreMissing(f"{self.path} is not a newsscraper store")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:  # the bare message ("unable to open database file") names no file
            raise type(exc)(f"{self.path}: {exc}") from exc

    @contextmanager
    def _begin(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK and re-raise: all of a write or none of it.

        SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR): a ROLLBACK then
        would raise "no transaction is active" and hide the real error, so only an open transaction
        is rolled back. A failed COMMIT is rolled back too, so the connection stays usable.
        """
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _migrate(self) -> None:
        """Apply the missing migrations, all in one transaction: an upgrade is whole or not at all."""
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreVersionError(self.location, version, SCHEMA_VERSION)
        if version == SCHEMA_VERSION:
            return  # nothing to write: opening a current store never takes the write lock
        with self._transaction():
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
            for number, statements in enumerate(MIGRATIONS[version:], version + 1):
                for statement in statements:
                    self._apply(statement)
                self._conn.execute(f"PRAGMA user_version = {number:d}")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def _create_search_index(self) -> None:
        for statement in SEARCH_INDEX:
            self._conn.execute(statement)

    def _search_rows(self, query: str, where: ArticleFilter, limit: int, marks: tuple[str, str]) -> list[Any]:
        """FTS5's MATCH, ranked by bm25 (a title match weighs more), with snippet()'s best fragment."""
        conditions, params = where.sql()
        try:
            return self._conn.execute(
                f"SELECT {ROW_COLUMNS}, snippet(articles_fts, -1, ?, ?, '…', 24), "
                f"-bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS rank "
                f"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                f"WHERE articles_fts MATCH ?{conditions} ORDER BY rank DESC, a.id LIMIT ?",
                (*marks, query, *params, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "SQLITE_ERROR") != "SQLITE_ERROR":
                raise  # busy, locked, I/O: the store's trouble, not the query's
            raise BadQuery(f"the search engine rejects {query!r}: {exc} (FTS5 query syntax: put a phrase or a "
                           "word with punctuation in double quotes, \"covid-19\")") from None

    def _stale_runs(self, spider: str, arguments: str, crawl_id: str | None) -> tuple[str, tuple[Any, ...]]:
        """The lock file covers the whole store: every ``running`` row is a dead crawl's."""
        return "status = 'running'", ()

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._conn.close()
