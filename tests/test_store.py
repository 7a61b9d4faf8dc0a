"""The store of each backend (a SQLite file in tmp_path, a PostgreSQL schema of its own): schema and
migrations, new/updated/unchanged, versions, suspects, runs. The behaviour tests run on both through
the ``database`` fixture; those of one dialect (WAL, PRAGMAs, query plans) take a SQLite store."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from storedrows import RECORD, T0, WAIT, Version, integrity_error, read_article, read_versions, rows, snapshot

from newsscraper.store import (
    ArticleStore,
    Change,
    FetchState,
    RunRecord,
    SiteHealth,
    Validators,
    open_store,
)
from newsscraper.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsscraper.store.sqlite import SQLiteStore, StoreVersionError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path



def fetch_state(store: ArticleStore, url: str) -> FetchState | None:
    """One URL's state, through the batched lookup the crawl uses."""
    return store.fetch_states([url]).get(url)


@pytest.fixture
def store(database: str) -> Iterator[ArticleStore]:
    """A new store of each backend."""
    opened = open_store(database, busy_timeout=WAIT)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """A new SQLite store, for what only SQLite has."""
    opened = SQLiteStore(tmp_path / "sub" / "articles.sqlite", busy_timeout=WAIT)
    yield opened
    opened.close()


def test_schema_is_created_on_first_use_with_wal_and_a_version(tmp_path: Path) -> None:
    path = tmp_path / "new" / "store.sqlite"
    SQLiteStore(path, busy_timeout=WAIT).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
    assert columns == [
        "id", "url", "canonical_url", "title", "text", "paragraphs", "authors", "published", "language",
        "content_hash", "first_seen", "last_seen", "last_changed", "standfirst", "etag", "last_modified",
        "last_fetched", "site",
    ]


def test_reopening_keeps_rows_and_does_not_migrate_twice(database: str) -> None:
    first = open_store(database, busy_timeout=WAIT)
    first.save(RECORD, now=T0)
    first.close()
    second = open_store(database, busy_timeout=WAIT)
    assert second.count() == 1
    assert read_article(database, RECORD.canonical_url).record == RECORD
    second.close()


def test_new_then_unchanged_moves_only_last_seen(store: ArticleStore, database: str) -> None:
    assert store.save(RECORD, now=T0) is Change.NEW
    later = T0 + timedelta(hours=1)
    assert store.save(replace(RECORD, title="Other title, same text"), now=later) is Change.UNCHANGED
    stored = read_article(database, RECORD.canonical_url)
    assert stored.record.title == RECORD.title
    assert (stored.first_seen, stored.last_seen, stored.last_changed) == (
        "2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z", "2024-05-01T12:00:00Z",
    )


def test_changed_hash_is_an_update_of_the_same_row(store: ArticleStore, database: str) -> None:
    store.save(RECORD, now=T0)
    edited = replace(RECORD, text="Edited.", paragraphs=("Edited.",), content_hash="h2")
    assert store.save(edited, now=T0 + timedelta(days=1)) is Change.UPDATED
    stored = read_article(database, RECORD.canonical_url)
    assert stored.record == edited
    assert stored.first_seen == "2024-05-01T12:00:00Z"
    assert stored.last_changed == stored.last_seen == "2024-05-02T12:00:00Z"
    assert store.count() == 1


def test_lists_are_stored_as_json_with_unicode_intact(store: ArticleStore, database: str) -> None:
    store.save(RECORD, now=T0)
    assert rows(database, "SELECT paragraphs, authors FROM articles") == [
        ('["Première phrase.", "Second paragraph."]', '["Jane Doe"]')]


def test_a_failed_write_leaves_no_half_row_and_the_store_usable(store: ArticleStore, database: str) -> None:
    store.save(RECORD, now=T0)
    broken = replace(RECORD, title=None, text="Edited.", content_hash="h2")
    with pytest.raises(integrity_error(database)):
        store.save(broken, now=T0 + timedelta(days=1))  # type: ignore[arg-type]
    stored = read_article(database, RECORD.canonical_url)
    assert stored.record == RECORD
    assert stored.last_seen == "2024-05-01T12:00:00Z"
    assert store.save(replace(RECORD, canonical_url="https://example.com/x/123456", content_hash="h3"),
                      now=T0) is Change.NEW


def test_a_full_disk_raises_the_real_error_and_leaves_the_store_usable(sqlite_store: SQLiteStore) -> None:
    sqlite_store.save(RECORD, now=T0)
    before = list(sqlite3.connect(sqlite_store.path).iterdump())
    pages = sqlite_store._conn.execute("PRAGMA page_count").fetchone()[0]
    sqlite_store._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for another page: SQLITE_FULL
    big = replace(RECORD, canonical_url="https://example.com/2024/05/02/big.html", text="x" * 200_000,
                  content_hash="h-big")
    with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
        sqlite_store.save(big, now=T0 + timedelta(hours=1))
    assert not sqlite_store._conn.in_transaction
    assert list(sqlite3.connect(sqlite_store.path).iterdump()) == before
    sqlite_store._conn.execute("PRAGMA max_page_count = 1073741823")
    assert sqlite_store.save(big, now=T0 + timedelta(hours=2)) is Change.NEW


class _FailingCommit:
    """The store's connection, except that COMMIT fails (as it may on a full disk or an I/O error)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("disk I/O error")
        return self.conn.execute(sql, *args)


def test_a_failed_commit_is_rolled_back(sqlite_store: SQLiteStore) -> None:
    conn = sqlite_store._conn
    sqlite_store._conn = _FailingCommit(conn)  # type: ignore[assignment]
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        sqlite_store.save(RECORD, now=T0)
    sqlite_store._conn = conn
    assert not conn.in_transaction
    assert sqlite_store.count() == 0
    assert sqlite_store.save(RECORD, now=T0) is Change.NEW


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreVersionError, match="upgrade newsscraper"):
        SQLiteStore(path, busy_timeout=WAIT)


def test_open_store_accepts_paths_and_sqlite_urls(tmp_path: Path) -> None:
    by_path = open_store(str(tmp_path / "a.sqlite"), busy_timeout=WAIT)
    assert by_path.location == str(tmp_path / "a.sqlite")
    by_path.close()
    by_url = open_store(f"sqlite:///{tmp_path / 'b.sqlite'}", busy_timeout=WAIT)
    assert by_url.location == str(tmp_path / "b.sqlite")
    by_url.close()


def test_a_postgresql_url_without_psycopg_installed_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import newsscraper.store

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "newsscraper.store.postgres", raising=False)
    monkeypatch.delattr(newsscraper.store, "postgres", raising=False)
    with pytest.raises(RuntimeError, match=r"needs psycopg 3: pip install 'newsscraper\[postgresql\]'"):
        open_store("postgresql://user@localhost/news", busy_timeout=WAIT)
    from crawlers import store_crawler

    from newsscraper.store.errors import StoreUnavailable

    monkeypatch.delitem(sys.modules, "newsscraper.store.pglock", raising=False)
    with pytest.raises(StoreUnavailable, match="needs psycopg 3"):  # a crawl's one line, before its lock
        store_crawler(NEWSSCRAPER_DATABASE="postgresql://user@localhost/news")


# --- schema 2: history, suspects, validators, runs ------------------------------------------------

EDITION1_SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL, canonical_url TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    text TEXT NOT NULL, paragraphs TEXT NOT NULL, authors TEXT NOT NULL, published TEXT, language TEXT,
    content_hash TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_changed TEXT NOT NULL
);
CREATE INDEX articles_last_seen ON articles (last_seen);
PRAGMA user_version = 1;
"""


def edition1_database(path: Path, rows: int) -> None:
    """A store as the first released newsscraper wrote it (schema 1, as shipped), with rows in it."""
    conn = sqlite3.connect(path)
    conn.executescript(EDITION1_SCHEMA)
    for n in range(rows):
        conn.execute(
            "INSERT INTO articles (url, canonical_url, title, text, paragraphs, authors, published, language, "
            "content_hash, first_seen, last_seen, last_changed) VALUES (?, ?, ?, ?, '[]', '[]', NULL, 'en', ?, "
            "'2024-05-01T12:00:00Z', '2024-05-02T12:00:00Z', '2024-05-01T18:00:00Z')",
            (f"https://example.com/a/{n}12345", f"https://example.com/a/{n}12345", f"Title {n}", f"Text {n}.", f"h{n}"),
        )
    conn.commit()
    conn.close()


def test_migration_2_upgrades_an_edition1_store_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    edition1_database(path, rows=3)
    store = SQLiteStore(path, busy_timeout=WAIT)
    assert store.count() == 3
    stored = read_article(path, "https://example.com/a/112345")
    assert (stored.record.title, stored.record.text) == ("Title 1", "Text 1.")
    assert stored.first_seen == "2024-05-01T12:00:00Z"
    assert stored.last_fetched == stored.last_seen == "2024-05-02T12:00:00Z"  # fetched when last seen
    assert stored.validators == Validators(None, None) and stored.record.standfirst is None
    # each existing article starts its history with its current text, dated when it last changed
    assert read_versions(path, "https://example.com/a/112345") == [
        Version("h1", "Title 1", "Text 1.", "2024-05-01T18:00:00Z")]
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "versions", "suspects", "runs", "run_sites", "aliases"} <= tables


def test_a_failed_migration_leaves_the_old_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    edition1_database(path, rows=2)
    broken = (*MIGRATIONS[1][:3], "CREATE TABLE oops (", *MIGRATIONS[1][3:])
    monkeypatch.setattr("newsscraper.store.sqlite.MIGRATIONS", (MIGRATIONS[0], broken))
    with pytest.raises(sqlite3.OperationalError):
        SQLiteStore(path, busy_timeout=WAIT)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [row[1] for row in conn.execute("PRAGMA table_info(articles)")][-1] == "last_changed"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_each_distinct_version_is_kept_and_unchanged_only_moves_last_seen(store: ArticleStore, database: str) -> None:
    store.save(RECORD, now=T0, run_id=None)
    store.save(RECORD, now=T0 + timedelta(hours=1))
    edited = replace(RECORD, text=RECORD.text + " A correction.", content_hash="h2", title="Fox crosses river again")
    assert store.save(edited, now=T0 + timedelta(hours=2)) is Change.UPDATED
    assert store.save(edited, now=T0 + timedelta(hours=3)) is Change.UNCHANGED
    assert store.save(RECORD, now=T0 + timedelta(hours=4)) is Change.UPDATED  # back to the first text
    assert [(v.content_hash, v.seen) for v in read_versions(database, RECORD.canonical_url)] == [
        ("h1", "2024-05-01T12:00:00Z"), ("h2", "2024-05-01T14:00:00Z"), ("h1", "2024-05-01T16:00:00Z")]
    assert read_versions(database, RECORD.canonical_url)[1].title == "Fox crosses river again"
    stored = read_article(database, RECORD.canonical_url)
    assert (stored.last_changed, stored.last_seen) == ("2024-05-01T16:00:00Z", "2024-05-01T16:00:00Z")


def test_a_sharply_shrunk_text_is_a_suspect_not_an_update(store: ArticleStore, database: str) -> None:
    store.save(RECORD, now=T0, validators=Validators('"v1"', "Wed, 01 May 2024 12:00:00 GMT"))
    cut = replace(RECORD, text="Première", paragraphs=("Première",), content_hash="h-cut")
    later = T0 + timedelta(hours=1)
    assert store.save(cut, now=later, shrink_ratio=0.5, validators=Validators('"v2"')) is Change.SHRUNK
    stored = read_article(database, RECORD.canonical_url)
    assert stored.record == RECORD  # the believable text stays current
    assert stored.validators == Validators('"v1"', "Wed, 01 May 2024 12:00:00 GMT")  # next visit: a full fetch
    assert (stored.last_seen, stored.last_fetched) == ("2024-05-01T13:00:00Z", "2024-05-01T13:00:00Z")
    assert [v.content_hash for v in read_versions(database, RECORD.canonical_url)] == ["h1"]
    assert rows(database, "SELECT reason, content_hash, text, chars, stored_chars FROM suspects") == [
        ("shrunk", "h-cut", "Première", 8, len("Premièrephrase.Secondparagraph."))]


def test_shrink_ratio_zero_and_modest_cuts_are_updates(store: ArticleStore) -> None:
    store.save(RECORD, now=T0)
    trimmed = replace(RECORD, text="Première phrase. Second", content_hash="h-trim")  # 21 of 31 characters
    assert store.save(trimmed, now=T0, shrink_ratio=0.5) is Change.UPDATED
    tiny = replace(RECORD, text="P.", content_hash="h-tiny")
    assert store.save(tiny, now=T0, shrink_ratio=0.0) is Change.UPDATED


def test_validators_and_fetch_state_for_conditional_requests(store: ArticleStore, database: str) -> None:
    assert fetch_state(store, RECORD.canonical_url) is None
    store.save(RECORD, now=T0, validators=Validators('"abc"', "Wed, 01 May 2024 12:00:00 GMT"))
    state = fetch_state(store, RECORD.canonical_url)
    assert state == FetchState(RECORD.canonical_url, "2024-05-01T12:00:00Z",
                               Validators('"abc"', "Wed, 01 May 2024 12:00:00 GMT"))
    assert fetch_state(store, RECORD.url) == state  # found by the URL it was fetched from, too
    assert store.touch(RECORD.canonical_url, now=T0 + timedelta(hours=2)) is True
    stored = read_article(database, RECORD.canonical_url)
    assert (stored.last_seen, stored.last_fetched, stored.last_changed) == (
        "2024-05-01T14:00:00Z", "2024-05-01T14:00:00Z", "2024-05-01T12:00:00Z")
    assert store.touch("https://example.com/never-stored-123456", now=T0) is False


def test_standfirst_is_stored_when_present(store: ArticleStore, database: str) -> None:
    store.save(replace(RECORD, standfirst="A short dek."), now=T0)
    assert read_article(database, RECORD.canonical_url).record.standfirst == "A short dek."


def test_runs_are_recorded_with_their_sites_and_stale_ones_marked_killed(store: ArticleStore) -> None:
    first = store.start_run(spider="news", arguments={"sites": "sites.toml"}, now=T0)
    second = store.start_run(spider="news", arguments={"sites": "sites.toml"}, now=T0 + timedelta(hours=1))
    assert store.get_run(first).status == "killed"  # the first died: the second took the lock
    run = RunRecord(id=second, spider="news", arguments={"sites": "sites.toml"}, started="2024-05-01T13:00:00Z",
                    finished="2024-05-01T13:05:00Z", status="finished", exit_code=0, new=1, not_modified=2,
                    unchanged=2, dropped={"http_404": 1}, requests=9, bodies=7, errors=1,
                    sites=(SiteHealth("b", 3, 1, 1, 2, 0), SiteHealth("a", 0, 0, 0, 0, 0)),
                    warnings=("site a yielded no article; it yielded 4 in run 1",))
    store.finish_run(run)
    assert store.get_run(second) == replace(run, sites=tuple(sorted(run.sites, key=lambda s: s.site)))
    assert store.get_run(first).arguments == {"sites": "sites.toml"}
    assert store.get_run(999) is None


def test_last_yields_finds_each_sites_latest_earlier_run(store: ArticleStore) -> None:
    ids = []
    for hour, sites in enumerate(((SiteHealth("a", stored=2), SiteHealth("b", unchanged=3)),
                                  (SiteHealth("a", unchanged=1),),
                                  (SiteHealth("a"), SiteHealth("b")))):
        run_id = store.start_run(spider="news", arguments={}, now=T0 + timedelta(hours=hour))
        store.finish_run(RunRecord(id=run_id, spider="news", arguments={}, started="", status="finished", sites=sites))
        ids.append(run_id)
    assert store.last_yields(["a", "b", "c"], before=ids[2]) == {"a": (ids[1], 1), "b": (ids[0], 3)}


# --- schema 3: the URLs that redirected to an article ---------------------------------------------


def test_an_article_is_found_by_the_links_that_redirected_to_it(store: ArticleStore) -> None:
    moved = "https://example.com/2024/05/01/story"  # answered 301 to RECORD.url
    assert store.save(replace(RECORD, aliases=(moved, RECORD.canonical_url)), now=T0) is Change.NEW
    state = fetch_state(store, RECORD.canonical_url)
    assert state is not None and fetch_state(store, moved) == state
    assert fetch_state(store, "https://example.com/2024/05/01/other") is None
    # a link that later redirects to another article is that article's now
    other = replace(RECORD, url="https://example.com/b/654321", canonical_url="https://example.com/b/654321",
                    content_hash="h2", aliases=(moved,))
    store.save(other, now=T0 + timedelta(hours=1))
    assert fetch_state(store, moved).canonical_url == other.canonical_url
    # the article's own URLs outrank an alias
    store.save(replace(RECORD, aliases=(other.canonical_url,)), now=T0 + timedelta(hours=2))
    assert fetch_state(store, other.canonical_url).canonical_url == other.canonical_url


def test_migration_3_upgrades_a_schema_2_store_without_losing_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v2.sqlite"
    with monkeypatch.context() as patched:  # a store as the previous release wrote it
        patched.setattr("newsscraper.store.sqlite.MIGRATIONS", MIGRATIONS[:2])
        patched.setattr("newsscraper.store.sqlite.SCHEMA_VERSION", 2)
        old = SQLiteStore(path, busy_timeout=WAIT)
        conn = old._conn
        for n in range(3):
            conn.execute(
                "INSERT INTO articles (url, canonical_url, title, text, paragraphs, authors, content_hash, first_seen, "
                "last_seen, last_changed, last_fetched) VALUES (?, ?, 't', 'x', '[]', '[]', ?, 'a', 'b', 'c', 'b')",
                (f"https://example.com/a/{n}12345", f"https://example.com/a/{n}12345", f"h{n}"),
            )
        conn.execute("INSERT INTO versions (article_id, content_hash, title, text, seen) "
                     "VALUES (1, 'h0', 't', 'x', 'a')")
        conn.execute("INSERT INTO runs (spider, arguments, started, status) VALUES ('news', '{}', 'a', 'finished')")
        old.close()
    before = {table: sqlite3.connect(path).execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
              for table in ("articles", "versions", "suspects", "run_sites")}
    upgraded = SQLiteStore(path, busy_timeout=WAIT)
    assert fetch_state(upgraded, "https://example.com/a/112345").last_fetched == "b"
    upgraded.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
    # every row as it was, in the columns it had (schema 5 adds articles.site)
    assert {table: [row[:len(before[table][0])] if before[table] else row
                    for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()]
            for table in before} == before
    assert conn.execute("SELECT count(*) FROM aliases").fetchone() == (0,)


def test_a_pages_links_are_looked_up_in_one_query_each_by_its_best_name(store: ArticleStore) -> None:
    moved = "https://example.com/2024/05/01/story"
    store.save(replace(RECORD, aliases=(moved,)), now=T0)
    other = replace(RECORD, url="https://example.com/b/654321?ref=1", canonical_url="https://example.com/b/654321",
                    content_hash="h2", aliases=(RECORD.canonical_url,))  # an alias never outranks the article
    store.save(other, now=T0 + timedelta(hours=1))
    unknown = [f"https://example.com/2024/05/01/unknown-{n}.html" for n in range(600)]  # more than one chunk
    statements: list[str] = []
    execute = store._execute  # type: ignore[attr-defined]
    store._execute = lambda sql, *params: statements.append(sql) or execute(sql, *params)  # type: ignore[attr-defined]
    states = store.fetch_states([RECORD.canonical_url, RECORD.url, moved, other.url, *unknown, moved])
    del store._execute  # type: ignore[attr-defined]
    assert {url: state.canonical_url for url, state in states.items()} == {
        RECORD.canonical_url: RECORD.canonical_url, RECORD.url: RECORD.canonical_url, moved: RECORD.canonical_url,
        other.url: other.canonical_url}
    assert states[RECORD.url] == fetch_state(store, RECORD.canonical_url)
    assert len(statements) == 2  # 604 distinct URLs, 500 a statement
    assert store.fetch_states([]) == {}


def test_a_batch_commits_its_writes_together_or_none_of_them(store: ArticleStore, database: str) -> None:
    other = replace(RECORD, url="https://example.com/b/654321", canonical_url="https://example.com/b/654321",
                    content_hash="h2")
    with store.batch():
        assert store.save(RECORD, now=T0) is Change.NEW
        assert store.touch(RECORD.canonical_url, now=T0 + timedelta(hours=1)) is True
        assert rows(database, "SELECT count(*) FROM articles") == [(0,)]  # not yet
        assert fetch_state(store, RECORD.canonical_url) is not None  # but the batch sees its own writes
    assert rows(database, "SELECT count(*) FROM articles") == [(1,)]
    with pytest.raises(integrity_error(database)), store.batch():
        store.save(other, now=T0)
        store.save(replace(other, canonical_url="https://example.com/c/1", title=None, content_hash="h3"),  # type: ignore[arg-type]
                   now=T0)
    assert store.count() == 1  # the first save went with the second
    assert store.save(other, now=T0) is Change.NEW  # and the store is usable, a transaction a write again


def test_the_lookup_uses_an_index_for_each_way_a_url_names_an_article(sqlite_store: SQLiteStore) -> None:
    from newsscraper.store.sqlstore import LOOKUP

    plan = sqlite_store._conn.execute("EXPLAIN QUERY PLAN " + LOOKUP.format(values="(?), (?)"), ("a", "b")).fetchall()
    details = [str(row[-1]) for row in plan]
    # only the list of wanted URLs is scanned; articles and aliases are searched by index
    assert {d for d in details if d.startswith("SCAN")} == {"SCAN w", "SCAN 2 CONSTANT ROWS"}, details
    assert [d.split(" (")[0] for d in details if d.startswith("SEARCH")] == [
        "SEARCH a USING INDEX sqlite_autoindex_articles_1", "SEARCH a USING INDEX articles_url",
        "SEARCH s USING INDEX sqlite_autoindex_aliases_1", "SEARCH a USING INTEGER PRIMARY KEY"], details


def test_a_new_url_with_a_stored_text_is_a_duplicate_and_writes_nothing(store: ArticleStore, database: str) -> None:
    store.save(RECORD, now=T0)
    before = snapshot(database)
    copy = replace(RECORD, url="https://example.com/print/story", canonical_url="https://example.com/print/story",
                   aliases=("https://example.com/p/1",))
    assert store.save(copy, now=T0 + timedelta(hours=1)) is Change.DUPLICATE
    assert snapshot(database) == before
    assert fetch_state(store, "https://example.com/p/1") is None
    # the same URL with the same text is the article itself, not a copy
    assert store.save(RECORD, now=T0 + timedelta(hours=2)) is Change.UNCHANGED


def test_the_content_hash_lookup_uses_an_index(sqlite_store: SQLiteStore) -> None:
    plan = sqlite_store._conn.execute("EXPLAIN QUERY PLAN SELECT id FROM articles WHERE content_hash = ?", ("h1",))
    assert "INDEX articles_content_hash" in " ".join(str(row[-1]) for row in plan)


def test_duplicates_are_kept_per_site_and_run(store: ArticleStore) -> None:
    run_id = store.start_run(spider="news", arguments={}, now=T0)
    site = SiteHealth("a", found=3, fetched=3, stored=1, duplicates=2)
    store.finish_run(RunRecord(id=run_id, spider="news", arguments={}, started="", status="finished", sites=(site,)))
    assert store.get_run(run_id).sites == (site,)


def test_without_dedup_a_copy_is_a_new_article(store: ArticleStore) -> None:
    store.save(RECORD, now=T0)
    copy = replace(RECORD, url="https://example.com/print/story", canonical_url="https://example.com/print/story")
    assert store.save(copy, now=T0, dedup=False) is Change.NEW
    assert store.count() == 2


def test_times_are_stored_in_utc_whatever_the_zone_of_now(store: ArticleStore, database: str) -> None:
    paris = timezone(timedelta(hours=2))
    store.save(RECORD, now=datetime(2024, 5, 1, 14, 0, tzinfo=paris))
    assert rows(database, "SELECT first_seen, last_fetched FROM articles") == [
        ("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z")]


def test_timestamps_read_back_as_the_same_utc_moment() -> None:
    from newsscraper.store.times import parse_timestamp, timestamp

    assert timestamp(datetime(2024, 5, 1, 12, 0, 0)) == "2024-05-01T12:00:00Z"  # naive: taken as UTC
    assert parse_timestamp("2024-05-01T12:00:00Z") == T0
    assert abs(parse_timestamp(timestamp()) - datetime.now(timezone.utc)) < timedelta(seconds=2)


def test_every_operation_of_the_store_interface_is_used_by_the_crawl() -> None:
    """Each backend implements the whole interface: nothing only tests need."""
    from pathlib import Path

    from newsscraper.store import ArticleStore

    package = Path(__file__).resolve().parent.parent / "newsscraper"
    # the crawl's components, and the writer thread that calls the backend for them
    code = "".join(f.read_text(encoding="utf-8") for f in package.rglob("*.py")
                   if f.parent.name != "store" or f.name in ("crawl.py", "writer.py"))
    operations = [name for name in vars(ArticleStore) if callable(getattr(ArticleStore, name))
                  and not name.startswith("_")]
    assert "save" in operations
    assert [name for name in operations if f"store.{name}(" not in code] == []
