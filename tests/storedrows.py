"""Read the store's rows back in tests, with SQL as a user would (README "The store"): the store's
own interface has only what the crawl needs."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsscraper.store import ArticleRecord, Validators

if TYPE_CHECKING:
    from pathlib import Path


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


def read_article(database: Path | str, canonical_url: str) -> StoredArticle | None:
    """The article stored under that canonical URL, if any."""
    with sqlite3.connect(database) as conn:
        row = conn.execute(
            "SELECT url, canonical_url, title, text, paragraphs, authors, published, language, content_hash, "
            "standfirst, first_seen, last_seen, last_changed, last_fetched, etag, last_modified FROM articles "
            "WHERE canonical_url = ?", (canonical_url,)
        ).fetchone()
    if row is None:
        return None
    (url, canonical, title, text, paragraphs, authors, published, language, content_hash, standfirst,
     first_seen, last_seen, last_changed, last_fetched, etag, last_modified) = row
    record = ArticleRecord(
        url=url, canonical_url=canonical, title=title, text=text,
        paragraphs=tuple(json.loads(paragraphs)), authors=tuple(json.loads(authors)),
        published=published, language=language, content_hash=content_hash, standfirst=standfirst,
    )
    return StoredArticle(record, first_seen, last_seen, last_changed, last_fetched, Validators(etag, last_modified))


def read_versions(database: Path | str, canonical_url: str) -> list[Version]:
    """Every text the article has had, oldest first."""
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT v.content_hash, v.title, v.text, v.seen, v.run_id FROM versions v "
            "JOIN articles a ON a.id = v.article_id WHERE a.canonical_url = ? ORDER BY v.id", (canonical_url,),
        ).fetchall()
    return [Version(*row) for row in rows]
