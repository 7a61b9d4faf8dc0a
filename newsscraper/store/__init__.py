"""Where articles live between crawls: one interface, one backend per database.

The pipelines, middlewares and the run recorder only see :class:`ArticleStore`, opened once per
crawl by :class:`~newsscraper.store.crawl.CrawlStore`; :func:`open_store`
picks the backend from the ``NEWSSCRAPER_DATABASE`` value (a file path or ``sqlite:///path``, or a
``postgresql://`` URL). Each backend keeps one row per canonical URL and decides, inside one
transaction, whether a crawled article is new, updated, unchanged or a suspected extraction
failure; it keeps every distinct version of an article's text, and one row per crawl (per worker
of a distributed crawl) in ``runs``. The decision is written once (:mod:`.sqlstore`); a backend
supplies its SQL dialect only.

The ``newsscraper`` command reads a store with :func:`open_reader`: the same backends, with the
queries of :mod:`.queries` (listings, search, export, runs), and never an empty store created
where the user mistyped a path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .records import ArticleRecord, Change, FetchState, RunRecord, SiteHealth, Validators

if TYPE_CHECKING:
    from collections.abc import Iterable
    from contextlib import AbstractContextManager
    from datetime import datetime
    from types import ModuleType

    from .sqlstore import SQLStore

__all__ = [
    "ArticleRecord", "ArticleStore", "Change", "FetchState", "RunRecord", "SiteHealth",
    "Validators", "is_postgresql", "open_reader", "open_store", "postgres_backend",
]


class ArticleStore(Protocol):
    """The operations the pipelines, the incremental middlewares and the run recorder need."""

    #: where the data is, for people: a file path or a URL without its password
    location: str

    def save(
        self, record: ArticleRecord, *, now: datetime, validators: Validators | None = None,
        shrink_ratio: float = 0.0, run_id: int | None = None, dedup: bool = True,
    ) -> Change:
        """Insert or update one article in one transaction and say which of the two it was; remember
        the record's aliases (the URLs that redirected to it) as URLs of the article.

        A changed text shorter than ``shrink_ratio`` times the stored one is not an update: it
        is recorded as a suspect and :attr:`Change.SHRUNK` is returned. With ``dedup``, a new
        canonical URL whose content hash is already stored is a copy: nothing is written and
        :attr:`Change.DUPLICATE` is returned.
        """

    def fetch_states(self, urls: Iterable[str]) -> dict[str, FetchState]:
        """For each of those URLs that names a stored article (canonical, as fetched, or redirected
        from), when that article was last fetched and its validators; in one query per batch of URLs,
        not one per URL (the incremental middleware asks for a whole page's links at once)."""

    def article_urls(self, hosts: Iterable[str], *, limit: int) -> list[str]:
        """The canonical URLs of the articles stored under those hosts (with ``www.`` or not, on
        the default port), last seen first, ``limit`` at most: the spider reads a site's article
        URL shapes from them once a run."""

    def touch(self, canonical_url: str, *, now: datetime) -> bool:
        """The article was confirmed unchanged without a download (HTTP 304): move last_seen only."""

    def batch(self) -> AbstractContextManager[None]:
        """One transaction for every operation run inside: committed together when the block ends,
        or not at all if it raises (the store writer's group commit). Each operation is as whole as
        ever; only the commit is shared."""

    def count(self) -> int:
        """How many articles are stored."""

    def start_run(self, *, spider: str, arguments: dict[str, str], now: datetime,
                  crawl_id: str | None = None) -> int:
        """Open a ``runs`` row for a crawl that holds the lock and return its id; ``crawl_id`` names
        the distributed crawl it is one worker of."""

    def finish_run(self, run: RunRecord) -> None:
        """Write a run's end: counts, per-site health, warnings and exit status."""

    def get_run(self, run_id: int) -> RunRecord | None:
        """One run as recorded."""

    def last_yields(self, sites: list[str], *, before: int) -> dict[str, tuple[int, int]]:
        """For each site, ``(run id, articles yielded)`` of the latest earlier run that crawled it."""

    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""


def open_store(target: str, *, busy_timeout: float) -> ArticleStore:
    """Open (and create or upgrade on first use) the store named by a ``NEWSSCRAPER_DATABASE`` value.

    ``busy_timeout`` bounds how long one operation waits for a lock another program holds before it
    fails as a storage error (the crawl's writes wait on the store writer's thread, not the reactor).
    """
    if is_postgresql(target):
        return postgres_backend().PostgresStore(target, busy_timeout=busy_timeout)
    from .sqlite import SQLiteStore

    return SQLiteStore(store_path(target), busy_timeout=busy_timeout)


def open_reader(target: str, *, busy_timeout: float) -> SQLStore:
    """Open an existing store to query it (upgrading one an earlier newsscraper wrote, as a crawl
    would); :class:`~newsscraper.store.errors.StoreMissing` when there is none, never a new one."""
    if is_postgresql(target):
        store: SQLStore = postgres_backend().PostgresStore(target, busy_timeout=busy_timeout, create=False)
        return store
    from .sqlite import SQLiteStore

    return SQLiteStore(store_path(target), busy_timeout=busy_timeout, create=False)


def postgres_backend() -> ModuleType:
    """The PostgreSQL backend's module, or a ``RuntimeError`` saying what to install (psycopg is
    an optional dependency: SQLite users need no libpq)."""
    try:
        from . import postgres
    except ModuleNotFoundError as exc:
        if exc.name not in ("psycopg", "psycopg_binary"):
            raise
        raise RuntimeError("a PostgreSQL store needs psycopg 3: pip install 'newsscraper[postgresql]'") from None
    return postgres


def is_postgresql(target: str) -> bool:
    """Whether a ``NEWSSCRAPER_DATABASE`` value names a PostgreSQL database (a libpq URL)."""
    return target.startswith(("postgresql://", "postgres://"))


def store_path(target: str) -> str:
    """The file a SQLite ``NEWSSCRAPER_DATABASE`` value names (a path or ``sqlite:///path``)."""
    return target.removeprefix("sqlite:///")
