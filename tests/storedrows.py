"""Read the store's rows back in tests, with SQL as a user would (README "The store"): the store's
own interface has only what the crawl needs. ``database`` is a ``NEWSSCRAPER_DATABASE`` value of
either backend: a SQLite path, or a PostgreSQL URL (then ``?`` placeholders become ``%s``)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from newsscraper.store import ArticleRecord, Validators, is_postgresql

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

T0 = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
#: seconds a write waits for another program's lock (NEWSSCRAPER_DATABASE_TIMEOUT)
WAIT = 5.0
RECORD = ArticleRecord(
    url="https://example.com/2024/05/01/story.html?utm_source=x",
    canonical_url="https://example.com/2024/05/01/story.html",
    title="Fox crosses river",
    text="Première phrase.\n\nSecond paragraph.",
    paragraphs=("Première phrase.", "Second paragraph."),
    authors=("Jane Doe",),
    published="2024-05-01",
    language="fr",
    content_hash="h1",
)

#: every table a store has, for snapshots
TABLES = ("articles", "versions", "suspects", "runs", "run_sites", "aliases")


@dataclass(frozen=True)
class StoredArticle:
    """An article row: the record, and the times and validators the store keeps for it."""

    record: ArticleRecord
    first_seen: str
    last_seen: str
    last_changed: str
    last_fetched: str | None
    validators: Validators


@dataclass(frozen=True)
class Version:
    """One row of ``versions``."""

    content_hash: str
    title: str
    text: str
    seen: str
    run_id: int | None = None


def rows(database: Path | str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """What one query returns, on a connection of its own."""
    if is_postgresql(str(database)):
        import psycopg

        with psycopg.connect(str(database), autocommit=True) as conn:
            return [tuple(row) for row in conn.execute(sql.replace("?", "%s"), params).fetchall()]  # type: ignore[arg-type]
    with closing(sqlite3.connect(database)) as conn:
        return conn.execute(sql, params).fetchall()


def snapshot(database: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to tell that nothing was written."""
    return {table: rows(database, f"SELECT * FROM {table} ORDER BY 1") for table in TABLES}


def integrity_error(database: Path | str) -> type[Exception]:
    """The exception the backend raises for a broken constraint (NOT NULL, UNIQUE)."""
    if is_postgresql(str(database)):
        import psycopg

        return psycopg.IntegrityError
    return sqlite3.IntegrityError


def read_article(database: Path | str, canonical_url: str) -> StoredArticle | None:
    """The article stored under that canonical URL, if any."""
    found = rows(
        database,
        "SELECT url, canonical_url, title, text, paragraphs, authors, published, language, content_hash, "
        "standfirst, first_seen, last_seen, last_changed, last_fetched, etag, last_modified FROM articles "
        "WHERE canonical_url = ?", canonical_url,
    )
    if not found:
        return None
    (url, canonical, title, text, paragraphs, authors, published, language, content_hash, standfirst,
     first_seen, last_seen, last_changed, last_fetched, etag, last_modified) = found[0]
    record = ArticleRecord(
        url=url, canonical_url=canonical, title=title, text=text,
        paragraphs=tuple(json.loads(paragraphs)), authors=tuple(json.loads(authors)),
        published=published, language=language, content_hash=content_hash, standfirst=standfirst,
    )
    return StoredArticle(record, first_seen, last_seen, last_changed, last_fetched, Validators(etag, last_modified))


def read_versions(database: Path | str, canonical_url: str) -> list[Version]:
    """Every text the article has had, oldest first."""
    found = rows(
        database,
        "SELECT v.content_hash, v.title, v.text, v.seen, v.run_id FROM versions v "
        "JOIN articles a ON a.id = v.article_id WHERE a.canonical_url = ? ORDER BY v.id", canonical_url,
    )
    return [Version(*row) for row in found]


@contextmanager
def postgres_schema(server_url: str) -> Iterator[str]:
    """A new, empty schema on the server, as a store URL whose search_path is that schema; the
    schema and everything in it are dropped afterwards."""
    import psycopg
    from psycopg import sql

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield f"{server_url}{'&' if '?' in server_url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
