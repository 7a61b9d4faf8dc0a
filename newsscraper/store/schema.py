"""The store's tables, as numbered migrations every backend applies in order.

A store records the number of the last migration it applied (SQLite: ``PRAGMA user_version``) and
applies the missing ones, each in one transaction, when it is opened. Add a migration to change
the schema; never edit one that has shipped. Issue 5 adds ``versions`` (each distinct text of an
article, keyed by ``articles.id``) and ``runs`` (one row a crawl) as migration 2.

The SQL is kept to what SQLite and PostgreSQL both accept.
"""

from __future__ import annotations

__all__ = ["ARTICLE_COLUMNS", "MIGRATIONS", "SCHEMA_VERSION"]

#: Article columns in the order the backends read and write them (``id`` is the store's own).
ARTICLE_COLUMNS = (
    "url", "canonical_url", "title", "text", "paragraphs", "authors", "published", "language",
    "content_hash", "first_seen", "last_seen", "last_changed",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, one row per canonical URL; paragraphs and authors are JSON arrays of strings;
    # times are ISO 8601 UTC text (2024-05-01T12:00:00Z), so they sort and compare as text.
    (
        """
        CREATE TABLE articles (
            id            INTEGER PRIMARY KEY,
            url           TEXT NOT NULL,
            canonical_url TEXT NOT NULL UNIQUE,
            title         TEXT NOT NULL,
            text          TEXT NOT NULL,
            paragraphs    TEXT NOT NULL,
            authors       TEXT NOT NULL,
            published     TEXT,
            language      TEXT,
            content_hash  TEXT NOT NULL,
            first_seen    TEXT NOT NULL,
            last_seen     TEXT NOT NULL,
            last_changed  TEXT NOT NULL
        )
        """,
        "CREATE INDEX articles_last_seen ON articles (last_seen)",
    ),
)

#: The schema version a store is at once every migration is applied.
SCHEMA_VERSION = len(MIGRATIONS)
