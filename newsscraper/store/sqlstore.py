"""What every SQL backend does the same way: the new/updated/unchanged/shrunk/duplicate decision,
the record mapping, the lookups and the runs, written once with ``?`` placeholders.

A backend (:mod:`~newsscraper.store.sqlite`, :mod:`~newsscraper.store.postgres`) supplies only its
dialect: how a statement is executed, how a transaction begins and ends, how the schema's version
is kept, and the few clauses that differ (``FOR UPDATE``, which ``running`` rows a new run may call
dead). Every write runs inside :meth:`SQLStore._transaction`, so a row is whole or absent whatever
the database.

Concurrent writers (several crawler processes on one PostgreSQL store) are safe by construction:
the article row is read ``FOR UPDATE`` where the dialect has it, a new row is inserted with
``ON CONFLICT DO NOTHING``, and when another writer inserted the same canonical URL first the row
is read again and the save goes on as an update of it, so one URL never gets two rows and exactly
one writer reports it new.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Protocol

from newsscraper.discovery.links import site_host

from .queries import StoreQueries
from .records import ArticleRecord, Change, FetchState, RunRecord, SiteHealth, Validators
from .schema import ARTICLE_COLUMNS, RUN_COUNT_COLUMNS, Step
from .times import timestamp

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from contextlib import AbstractContextManager
    from datetime import datetime

__all__ = ["Cursor", "SQLStore", "StoreVersionError"]

#: the columns an update rewrites: everything but first_seen, last_seen, last_changed
CONTENT_COLUMNS = ARTICLE_COLUMNS[:-3]
#: run_sites columns: SiteHealth's counters
SITE_COLUMNS = tuple(f.name for f in fields(SiteHealth))[1:]
#: runs columns read back, in :func:`_run`'s order
RUN_COLUMNS = ("id", "spider", "arguments", "started", "finished", "status", "exit_code", *RUN_COUNT_COLUMNS,
               "dropped", "warnings", "crawl_id")
#: the articles some URLs name, each way a URL can name one (its rank: canonical URL, fetched URL,
#: a link that redirected to it), every branch an index lookup; the caller keeps the best rank
LOOKUP = (
    "WITH wanted (url) AS (VALUES {values}) "
    "SELECT w.url, 0, a.id, a.canonical_url, a.last_fetched, a.etag, a.last_modified "
    "FROM wanted w JOIN articles a ON a.canonical_url = w.url "
    "UNION ALL SELECT w.url, 1, a.id, a.canonical_url, a.last_fetched, a.etag, a.last_modified "
    "FROM wanted w JOIN articles a ON a.url = w.url "
    "UNION ALL SELECT w.url, 2, a.id, a.canonical_url, a.last_fetched, a.etag, a.last_modified "
    "FROM wanted w JOIN aliases s ON s.url = w.url JOIN articles a ON a.id = s.article_id"
)


class StoreVersionError(RuntimeError):
    """The store was written by a newer newsscraper whose schema this one doesn't know."""

    def __init__(self, location: str, version: int, known: int) -> None:
        super().__init__(f"{location} has schema version {version}; this newsscraper knows up to {known}: "
                         "upgrade newsscraper")


class Cursor(Protocol):
    """What the shared code reads from a statement: both sqlite3's and psycopg's cursors have it."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


def chars(text: str) -> int:
    """Characters that are not white space: how much text there is, whatever its layout."""
    return sum(len(word) for word in text.split())


class SQLStore(StoreQueries, ABC):
    """Articles, their versions and the crawls' runs in SQL tables (schema.py), any dialect; the
    ``newsscraper`` command's reads are :class:`~newsscraper.store.queries.StoreQueries`'."""

    #: where the data is, for people: a file path or a URL without its password
    location: str
    #: appended to the read of an article row before a save decides: locks it until the commit
    FOR_UPDATE = ""
    #: URLs looked up by one statement: a section page's links, well under SQLite's 999 parameters
    LOOKUP_CHUNK = 500

    def __init__(self) -> None:
        #: inside batch(): writes join its transaction instead of opening their own
        self._batching = False

    # --- the dialect -----------------------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement written with ``?`` placeholders."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    @abstractmethod
    def _begin(self) -> AbstractContextManager[None]:
        """A real transaction: committed when the block ends, rolled back if it raises."""

    @abstractmethod
    def _stale_runs(self, spider: str, arguments: str, crawl_id: str | None) -> tuple[str, tuple[Any, ...]]:
        """The ``running`` rows a new run may mark ``killed`` (their crawl can't be running: we
        hold the run lock), as a condition and its parameters: whatever the backend's lock covers."""

    @abstractmethod
    def _create_search_index(self) -> None:
        """Migration step :data:`Step.SEARCH_INDEX`: the full-text index, its upkeep, its first fill."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""

    # --- migrations ------------------------------------------------------------------------------

    def _apply(self, statement: str | Step) -> None:
        """One statement of a migration, or a step the store does itself."""
        if statement is Step.FILL_SITES:
            self._fill_sites()
        elif statement is Step.SEARCH_INDEX:
            self._create_search_index()
        else:
            self._execute(statement)

    def _fill_sites(self, batch: int = 1000) -> None:
        """Each article without a site gets its URL's host, a batch of rows at a time."""
        last = 0
        while rows := self._execute("SELECT id, url FROM articles WHERE id > ? AND site IS NULL ORDER BY id LIMIT ?",
                                    (last, batch)).fetchall():
            self._executemany("UPDATE articles SET site = ? WHERE id = ?",
                              [(site_host(url), article_id) for article_id, url in rows])
            last = rows[-1][0]

    # --- transactions ----------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All of a write or none of it; inside :meth:`batch`, part of the batch's transaction
        (its error rolls the batch back)."""
        if self._batching:
            yield
            return
        with self._begin():
            yield

    @contextmanager
    def batch(self) -> Iterator[None]:
        """The writes inside in one transaction: one commit for many articles, not one each."""
        with self._transaction():
            self._batching = True
            try:
                yield
            finally:
                self._batching = False

    # --- articles --------------------------------------------------------------------------------

    def save(
        self, record: ArticleRecord, *, now: datetime, validators: Validators | None = None,
        shrink_ratio: float = 0.0, run_id: int | None = None, dedup: bool = True,
    ) -> Change:
        """Insert, update, only touch ``last_seen``, keep a shrunk text aside or refuse a copy of
        another stored article, and remember the URLs that redirected to the article: one transaction."""
        with self._transaction():
            article_id, change = self._write(record, timestamp(now), validators or Validators(), shrink_ratio,
                                             run_id, dedup)
            if change is Change.DUPLICATE:
                return change  # the stored copy is another article's: its URLs are not this one's
            self._executemany(
                "INSERT INTO aliases (url, article_id) VALUES (?, ?) "
                "ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id",
                [(url, article_id) for url in record.aliases if url != record.canonical_url],
            )
        return change

    def _write(self, record: ArticleRecord, stamp: str, fetch: Validators, shrink_ratio: float,
               run_id: int | None, dedup: bool) -> tuple[int, Change]:
        """The article's row written (or not, for a shrunk text or a copy): its id and what happened."""
        row = self._stored(record.canonical_url)
        if row is None:
            copy = self._same_text(record) if dedup else None
            if copy is not None:
                return copy, Change.DUPLICATE
            inserted = self._execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, etag, last_modified, last_fetched) "
                f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 3))}) "
                "ON CONFLICT (canonical_url) DO NOTHING RETURNING id",
                (*_row_values(record), stamp, stamp, stamp, fetch.etag, fetch.last_modified, stamp),
            ).fetchall()  # all: SQLite finishes a RETURNING statement only once its rows are read
            if inserted:
                self._add_version(int(inserted[0][0]), record, stamp, run_id)
                return int(inserted[0][0]), Change.NEW
            # another writer stored this URL since we looked (and has committed): ours is its next visit
            row = self._stored(record.canonical_url)
        article_id, stored_hash, stored_text = row
        if stored_hash == record.content_hash:
            self._execute(
                "UPDATE articles SET last_seen = ?, last_fetched = ?, etag = ?, last_modified = ? WHERE id = ?",
                (stamp, stamp, fetch.etag, fetch.last_modified, article_id),
            )
            return article_id, Change.UNCHANGED
        if chars(record.text) < shrink_ratio * chars(stored_text):
            # Not believed: the stored text and its validators stay, so the next visit is a full fetch.
            self._execute(
                "INSERT INTO suspects (article_id, run_id, seen, reason, url, content_hash, text, chars, "
                "stored_chars) VALUES (?, ?, ?, 'shrunk', ?, ?, ?, ?, ?)",
                (article_id, run_id, stamp, record.url, record.content_hash, record.text,
                 chars(record.text), chars(stored_text)),
            )
            self._execute("UPDATE articles SET last_seen = ?, last_fetched = ? WHERE id = ?",
                          (stamp, stamp, article_id))
            return article_id, Change.SHRUNK
        self._execute(
            f"UPDATE articles SET {', '.join(f'{c} = ?' for c in CONTENT_COLUMNS)}, etag = ?, "
            "last_modified = ?, last_seen = ?, last_fetched = ?, last_changed = ? WHERE id = ?",
            (*_row_values(record), fetch.etag, fetch.last_modified, stamp, stamp, stamp, article_id),
        )
        self._add_version(article_id, record, stamp, run_id)
        return article_id, Change.UPDATED

    def _stored(self, canonical_url: str) -> tuple[int, str, str] | None:
        """The stored row's id, hash and text, locked until the commit where the dialect can."""
        row = self._execute(
            f"SELECT id, content_hash, text FROM articles WHERE canonical_url = ?{self.FOR_UPDATE}",
            (canonical_url,),
        ).fetchone()
        return None if row is None else (int(row[0]), row[1], row[2])

    def _same_text(self, record: ArticleRecord) -> int | None:
        """The id of another article whose text has the record's hash, if one is stored (not the
        record's own URL, which a concurrent writer may have stored since we looked)."""
        row = self._execute(
            "SELECT id FROM articles WHERE content_hash = ? AND canonical_url <> ? LIMIT 1",
            (record.content_hash, record.canonical_url),
        ).fetchone()
        return None if row is None else int(row[0])

    def _add_version(self, article_id: int, record: ArticleRecord, stamp: str, run_id: int | None) -> None:
        self._execute(
            "INSERT INTO versions (article_id, content_hash, title, text, seen, run_id) VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, record.content_hash, record.title, record.text, stamp, run_id),
        )

    def fetch_states(self, urls: Iterable[str]) -> dict[str, FetchState]:
        """For each URL that names a stored article, that article: the one stored under that canonical
        URL, else the one last fetched from that URL, else the one a request for that URL was
        redirected to. One indexed query for up to ``LOOKUP_CHUNK`` URLs (a section page's links)."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, tuple[int, int, FetchState]] = {}
        for start in range(0, len(wanted), self.LOOKUP_CHUNK):
            chunk = wanted[start:start + self.LOOKUP_CHUNK]
            rows = self._execute(LOOKUP.format(values=", ".join(["(?)"] * len(chunk))), chunk).fetchall()
            for url, rank, article_id, canonical, last_fetched, etag, last_modified in rows:
                best = found.get(url)
                if best is None or (rank, article_id) < best[:2]:
                    state = FetchState(canonical, last_fetched, Validators(etag, last_modified))
                    found[url] = (rank, article_id, state)
        return {url: state for url, (_, _, state) in found.items()}

    def article_urls(self, hosts: Iterable[str], *, limit: int) -> list[str]:
        """The canonical URLs stored under those hosts, last seen first: one query, read along the
        ``last_seen`` index until ``limit`` match (prefixes compared as text: no LIKE escaping)."""
        bare = dict.fromkeys(host.lower().removeprefix("www.") for host in hosts)
        prefixes = [f"{scheme}://{www}{host}/" for host in bare
                    for scheme in ("https", "http") for www in ("", "www.")]
        if not prefixes or limit <= 0:
            return []
        where = " OR ".join(["substr(canonical_url, 1, ?) = ?"] * len(prefixes))
        params: list[Any] = [v for prefix in prefixes for v in (len(prefix), prefix)]
        rows = self._execute(
            f"SELECT canonical_url FROM articles WHERE {where} ORDER BY last_seen DESC LIMIT ?", (*params, limit),
        ).fetchall()
        return [row[0] for row in rows]

    def touch(self, canonical_url: str, *, now: datetime) -> bool:
        """Confirmed unchanged without a download (HTTP 304): last_seen and last_fetched move."""
        stamp = timestamp(now)
        with self._transaction():
            cursor = self._execute(
                "UPDATE articles SET last_seen = ?, last_fetched = ? WHERE canonical_url = ?",
                (stamp, stamp, canonical_url),
            )
        return cursor.rowcount > 0

    def count(self) -> int:
        """How many articles are stored."""
        return int(self._execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- runs ------------------------------------------------------------------------------------

    def start_run(self, *, spider: str, arguments: dict[str, str], now: datetime,
                  crawl_id: str | None = None) -> int:
        """A new ``running`` row; the ``running`` rows the run lock says are dead become ``killed``."""
        encoded = json.dumps(arguments, ensure_ascii=False, sort_keys=True)
        stale, params = self._stale_runs(spider, encoded, crawl_id)
        with self._transaction():
            self._execute(f"UPDATE runs SET status = 'killed' WHERE {stale}", params)
            row = self._execute(
                "INSERT INTO runs (spider, arguments, started, status, crawl_id) VALUES (?, ?, ?, 'running', ?) "
                "RETURNING id",
                (spider, encoded, timestamp(now), crawl_id),
            ).fetchall()
        return int(row[0][0])

    def finish_run(self, run: RunRecord) -> None:
        """Write a run's end and its per-site health in one transaction."""
        counts = (run.new, run.updated, run.unchanged, run.not_modified, run.skipped_fresh,
                  run.requests, run.bodies, run.errors)
        with self._transaction():
            self._execute(
                f"UPDATE runs SET finished = ?, status = ?, exit_code = ?, "
                f"{', '.join(f'{c} = ?' for c in RUN_COUNT_COLUMNS)}, dropped = ?, warnings = ? WHERE id = ?",
                (run.finished, run.status, run.exit_code, *counts,
                 json.dumps(run.dropped, sort_keys=True), json.dumps(list(run.warnings), ensure_ascii=False),
                 run.id),
            )
            self._execute("DELETE FROM run_sites WHERE run_id = ?", (run.id,))
            self._executemany(
                f"INSERT INTO run_sites (run_id, site, {', '.join(SITE_COLUMNS)}) "
                f"VALUES (?, ?, {', '.join('?' * len(SITE_COLUMNS))})",
                [(run.id, s.site, *(getattr(s, c) for c in SITE_COLUMNS)) for s in run.sites],
            )

    def get_run(self, run_id: int) -> RunRecord | None:
        """One run as recorded, its sites in name order."""
        row = self._execute(f"SELECT {', '.join(RUN_COLUMNS)} FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            return None
        sites = self._execute(
            f"SELECT site, {', '.join(SITE_COLUMNS)} FROM run_sites WHERE run_id = ? ORDER BY site", (run_id,)
        ).fetchall()
        return _run(tuple(row), tuple(SiteHealth(*site) for site in sites))

    def last_yields(self, sites: list[str], *, before: int) -> dict[str, tuple[int, int]]:
        """For each site, ``(run id, articles yielded)`` of the latest earlier run that crawled it."""
        found: dict[str, tuple[int, int]] = {}
        for site in sites:
            row = self._execute(
                "SELECT run_id, stored + unchanged FROM run_sites WHERE site = ? AND run_id < ? "
                "ORDER BY run_id DESC LIMIT 1", (site, before),
            ).fetchone()
            if row is not None:
                found[site] = (int(row[0]), int(row[1]))
        return found


def _row_values(record: ArticleRecord) -> tuple[str | None, ...]:
    """The record's values in ``ARTICLE_COLUMNS`` order up to the timestamps, lists as JSON."""
    return (
        record.url, record.canonical_url, record.title, record.text,
        json.dumps(list(record.paragraphs), ensure_ascii=False),
        json.dumps(list(record.authors), ensure_ascii=False),
        record.published, record.language, record.content_hash, record.standfirst,
        record.site or site_host(record.url),
    )


def _run(row: tuple[Any, ...], sites: tuple[SiteHealth, ...]) -> RunRecord:
    run_id, spider, arguments, started, finished, status, exit_code, *counts, dropped, warnings, crawl_id = row
    new, updated, unchanged, not_modified, skipped_fresh, requests, bodies, errors = counts
    return RunRecord(
        id=run_id, spider=spider, arguments=json.loads(arguments), started=started, finished=finished,
        status=status, exit_code=exit_code, new=new, updated=updated, unchanged=unchanged,
        not_modified=not_modified, skipped_fresh=skipped_fresh, dropped=json.loads(dropped),
        requests=requests, bodies=bodies, errors=errors, sites=sites, warnings=tuple(json.loads(warnings)),
        crawl_id=crawl_id,
    )
