"""The SQLite backend: one file, WAL, one short transaction per article.

Writes happen on the reactor thread: one row in WAL mode with ``synchronous=NORMAL`` takes well
under a millisecond, far below a polite crawl's request rate, so moving them to a thread would
buy nothing. Errors are never swallowed: a failed write raises and rolls back, so no row is ever
half written.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import ArticleRecord, Change, StoredArticle
from .schema import ARTICLE_COLUMNS, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

__all__ = ["SQLiteStore", "StoreVersionError"]


class StoreVersionError(RuntimeError):
    """The file was written by a newer newsscraper whose schema this one doesn't know."""


def _timestamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


class SQLiteStore:
    """Articles in a SQLite file, created with its schema on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly
            # what `_transaction` wraps; timeout: wait for another writer instead of failing at once.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:  # the bare message ("unable to open database file") names no file
            raise type(exc)(f"{self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK and re-raise: all of a write or none of it."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self._transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"{self.path} has schema version {version}; this newsscraper knows up to "
                    f"{SCHEMA_VERSION}: upgrade newsscraper"
                )
            for number, statements in enumerate(MIGRATIONS[version:], version + 1):
                for statement in statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number:d}")

    def save(self, record: ArticleRecord, *, now: datetime) -> Change:
        """Insert, update or only touch ``last_seen``, decided and done in one transaction."""
        stamp = _timestamp(now)
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT content_hash FROM articles WHERE canonical_url = ?", (record.canonical_url,)
            ).fetchone()
            if row is None:
                values = _row_values(record) + (stamp, stamp, stamp)
                conn.execute(
                    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                    values,
                )
                return Change.NEW
            if row[0] == record.content_hash:
                conn.execute(
                    "UPDATE articles SET last_seen = ? WHERE canonical_url = ?", (stamp, record.canonical_url)
                )
                return Change.UNCHANGED
            columns = ARTICLE_COLUMNS[:9]  # everything but first_seen, last_seen, last_changed
            conn.execute(
                f"UPDATE articles SET {', '.join(f'{c} = ?' for c in columns)}, last_seen = ?, "
                "last_changed = ? WHERE canonical_url = ?",
                _row_values(record) + (stamp, stamp, record.canonical_url),
            )
            return Change.UPDATED

    def get(self, canonical_url: str) -> StoredArticle | None:
        """The stored article with that canonical URL, if any."""
        row = self._conn.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE canonical_url = ?", (canonical_url,)
        ).fetchone()
        return None if row is None else _stored(row)

    def count(self) -> int:
        """How many articles are stored."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._conn.close()


def _row_values(record: ArticleRecord) -> tuple[str | None, ...]:
    """The record's values in ``ARTICLE_COLUMNS`` order, lists as JSON."""
    return (
        record.url, record.canonical_url, record.title, record.text,
        json.dumps(list(record.paragraphs), ensure_ascii=False),
        json.dumps(list(record.authors), ensure_ascii=False),
        record.published, record.language, record.content_hash,
    )


def _stored(row: tuple[str, ...]) -> StoredArticle:
    (url, canonical, title, text, paragraphs, authors, published, language, content_hash,
     first_seen, last_seen, last_changed) = row
    record = ArticleRecord(
        url=url, canonical_url=canonical, title=title, text=text,
        paragraphs=tuple(json.loads(paragraphs)), authors=tuple(json.loads(authors)),
        published=published, language=language, content_hash=content_hash,
    )
    return StoredArticle(record, first_seen, last_seen, last_changed)
