"""The SQLite store on real files: schema on first use, WAL, new/updated/unchanged, no half rows."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from newsscraper.store import ArticleRecord, Change, open_store
from newsscraper.store.schema import SCHEMA_VERSION
from newsscraper.store.sqlite import SQLiteStore, StoreVersionError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

T0 = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(tmp_path / "sub" / "articles.sqlite")
    yield opened
    opened.close()


def test_schema_is_created_on_first_use_with_wal_and_a_version(tmp_path: Path) -> None:
    path = tmp_path / "new" / "store.sqlite"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
    assert columns == [
        "id", "url", "canonical_url", "title", "text", "paragraphs", "authors", "published", "language",
        "content_hash", "first_seen", "last_seen", "last_changed",
    ]


def test_reopening_keeps_rows_and_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    first = SQLiteStore(path)
    first.save(RECORD, now=T0)
    first.close()
    second = SQLiteStore(path)
    assert second.count() == 1
    assert second.get(RECORD.canonical_url).record == RECORD
    second.close()


def test_new_then_unchanged_moves_only_last_seen(store: SQLiteStore) -> None:
    assert store.save(RECORD, now=T0) is Change.NEW
    later = T0 + timedelta(hours=1)
    assert store.save(replace(RECORD, title="Other title, same text"), now=later) is Change.UNCHANGED
    stored = store.get(RECORD.canonical_url)
    assert stored.record.title == RECORD.title
    assert (stored.first_seen, stored.last_seen, stored.last_changed) == (
        "2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z", "2024-05-01T12:00:00Z",
    )


def test_changed_hash_is_an_update_of_the_same_row(store: SQLiteStore) -> None:
    store.save(RECORD, now=T0)
    edited = replace(RECORD, text="Edited.", paragraphs=("Edited.",), content_hash="h2")
    assert store.save(edited, now=T0 + timedelta(days=1)) is Change.UPDATED
    stored = store.get(RECORD.canonical_url)
    assert stored.record == edited
    assert stored.first_seen == "2024-05-01T12:00:00Z"
    assert stored.last_changed == stored.last_seen == "2024-05-02T12:00:00Z"
    assert store.count() == 1


def test_lists_are_stored_as_json_with_unicode_intact(store: SQLiteStore) -> None:
    store.save(RECORD, now=T0)
    row = sqlite3.connect(store.path).execute("SELECT paragraphs, authors FROM articles").fetchone()
    assert row == ('["Première phrase.", "Second paragraph."]', '["Jane Doe"]')


def test_a_failed_write_leaves_no_half_row_and_the_store_usable(store: SQLiteStore) -> None:
    store.save(RECORD, now=T0)
    broken = replace(RECORD, title=None, text="Edited.", content_hash="h2")
    with pytest.raises(sqlite3.IntegrityError):
        store.save(broken, now=T0 + timedelta(days=1))  # type: ignore[arg-type]
    stored = store.get(RECORD.canonical_url)
    assert stored.record == RECORD
    assert stored.last_seen == "2024-05-01T12:00:00Z"
    assert store.save(replace(RECORD, canonical_url="https://example.com/x/123456"), now=T0) is Change.NEW


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreVersionError, match="upgrade newsscraper"):
        SQLiteStore(path)


def test_open_store_accepts_paths_and_sqlite_urls(tmp_path: Path) -> None:
    by_path = open_store(str(tmp_path / "a.sqlite"))
    assert by_path.location == str(tmp_path / "a.sqlite")
    by_path.close()
    by_url = open_store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    assert by_url.location == str(tmp_path / "b.sqlite")
    by_url.close()


def test_postgresql_is_refused_clearly_until_its_backend_exists() -> None:
    with pytest.raises(NotImplementedError, match="PostgreSQL"):
        open_store("postgresql://user@localhost/news")
