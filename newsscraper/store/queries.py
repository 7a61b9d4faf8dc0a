"""What the ``newsscraper`` command asks a store: the latest articles of a site, date or language,
one article and its versions, a full-text search, every article in batches, the last runs.

Written once, with the shared SQL's ``?`` placeholders, for every backend; the one query whose SQL
differs, the full-text search, is each backend's :meth:`StoreQueries._search_rows`. The crawl
never reads through these: they are for people, and for the programs people write.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsscraper.discovery.links import canonical_url

from .records import ArticleRecord, FetchState, RunRecord, Validators
from .schema import ARTICLE_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from .sqlstore import Cursor

__all__ = ["ArticleFilter", "ArticleRow", "SearchHit", "StoreQueries", "VersionRow"]

#: an article's date: when it was published, else when the crawl first saw it (indexed, schema 5)
ARTICLE_DATE = "coalesce(a.published, a.first_seen)"
#: the columns of an article row, in :func:`_article`'s order
ROW_COLUMNS = ", ".join(["a.id", *(f"a.{c}" for c in ARTICLE_COLUMNS), "a.last_fetched", "a.etag", "a.last_modified"])


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a listing, a search or an export is about; None: any."""

    site: str | None = None
    #: ISO 8601 date or time: articles dated at or after it
    since: str | None = None
    #: ISO 8601 date or time: articles dated before it (the caller makes a day inclusive)
    before: str | None = None
    #: a language code, ``fr``, which also takes ``fr-CA``
    language: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """The conditions on ``articles a`` as ``AND …`` clauses, and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.site is not None:
            clauses.append("a.site = ?")
            params.append(self.site)
        if self.language is not None:
            clauses.append("(a.language = ? OR a.language LIKE ?)")
            params += [self.language, f"{self.language}-%"]
        if self.since is not None:
            clauses.append(f"{ARTICLE_DATE} >= ?")
            params.append(self.since)
        if self.before is not None:
            clauses.append(f"{ARTICLE_DATE} < ?")
            params.append(self.before)
        return "".join(f" AND {clause}" for clause in clauses), params


@dataclass(frozen=True)
class ArticleRow:
    """A stored article: what the crawl gave (with its site and aliases) and what the store adds."""

    id: int
    record: ArticleRecord
    first_seen: str
    last_seen: str
    last_changed: str
    last_fetched: str | None
    validators: Validators

    @property
    def date(self) -> str:
        """The date listings sort and filter by: published, else first seen."""
        return self.record.published or self.first_seen


@dataclass(frozen=True)
class VersionRow:
    """One distinct text an article has had, with when it was first seen and by which run."""

    id: int
    content_hash: str
    title: str
    text: str
    seen: str
    run_id: int | None


@dataclass(frozen=True)
class SearchHit:
    """A search result: the article, a snippet with the matches marked, and a rank (higher: better)."""

    article: ArticleRow
    snippet: str
    rank: float


class StoreQueries(ABC):
    """The reads of the ``newsscraper`` command, over the dialect's ``_execute``."""

    #: articles read by one statement of :meth:`each_article`: the most an export holds at once
    EXPORT_BATCH = 500

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement written with ``?`` placeholders."""

    @abstractmethod
    def _search_rows(self, query: str, where: ArticleFilter, limit: int, marks: tuple[str, str]) -> list[Any]:
        """The best ``limit`` matches of a full-text query, best first: each an article row
        (:data:`ROW_COLUMNS`), then its snippet with the matches between ``marks``, then its rank.
        Raises :class:`~newsscraper.store.errors.BadQuery` for a query the engine rejects."""

    @abstractmethod
    def fetch_states(self, urls: Iterable[str]) -> dict[str, FetchState]:
        """The article each URL names (see :meth:`newsscraper.store.ArticleStore.fetch_states`)."""

    @abstractmethod
    def get_run(self, run_id: int) -> RunRecord | None:
        """One run as recorded."""

    def articles(self, where: ArticleFilter, *, limit: int) -> list[ArticleRow]:
        """The ``limit`` latest articles (by date, then the latest stored), newest first."""
        conditions, params = where.sql()
        rows = self._execute(
            f"SELECT {ROW_COLUMNS} FROM articles a WHERE 1 = 1{conditions} "
            f"ORDER BY {ARTICLE_DATE} DESC, a.id DESC LIMIT ?", (*params, limit),
        ).fetchall()
        return self._articles(rows)

    def each_article(self, where: ArticleFilter) -> Iterator[ArticleRow]:
        """Every article, oldest stored first, read :attr:`EXPORT_BATCH` rows a statement (after
        the last id read, so each batch is an index range, however many came before)."""
        conditions, params = where.sql()
        last = 0
        while rows := self._execute(
            f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.id > ?{conditions} ORDER BY a.id LIMIT ?",
            (last, *params, self.EXPORT_BATCH),
        ).fetchall():
            yield from self._articles(rows)
            last = int(rows[-1][0])

    def article(self, ref: str) -> ArticleRow | None:
        """The article a user names: by its id, or by any URL the store knows it by (canonical,
        fetched, redirected from), as typed or canonicalised."""
        if ref.isdigit():
            rows = self._execute(f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.id = ?", (int(ref),)).fetchall()
            return self._articles(rows)[0] if rows else None
        urls = list(dict.fromkeys((ref, canonical_url(ref))))
        states = self.fetch_states(urls)
        state = next((states[url] for url in urls if url in states), None)
        if state is None:
            return None
        rows = self._execute(f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.canonical_url = ?",
                             (state.canonical_url,)).fetchall()
        return self._articles(rows)[0] if rows else None

    def versions(self, article_id: int) -> list[VersionRow]:
        """Every text the article has had, oldest first (the last one is its current text)."""
        rows = self._execute(
            "SELECT id, content_hash, title, text, seen, run_id FROM versions WHERE article_id = ? ORDER BY id",
            (article_id,),
        ).fetchall()
        return [VersionRow(*row) for row in rows]

    def search(self, query: str, where: ArticleFilter, *, limit: int,
               marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """The best ``limit`` articles for a full-text query, best first, each with a snippet."""
        rows = self._search_rows(query, where, limit, marks)
        articles = self._articles([row[:-2] for row in rows])
        return [SearchHit(article, row[-2] or "", float(row[-1])) for article, row in zip(articles, rows, strict=True)]

    def recent_runs(self, last: int) -> list[RunRecord]:
        """The ``last`` runs (every worker of a distributed crawl is one), newest first."""
        ids = self._execute("SELECT id FROM runs ORDER BY id DESC LIMIT ?", (last,)).fetchall()
        return [run for (run_id,) in ids if (run := self.get_run(int(run_id))) is not None]

    def _articles(self, rows: list[Any]) -> list[ArticleRow]:
        """Article rows with their aliases, read in one more statement."""
        if not rows:
            return []
        ids = [int(row[0]) for row in rows]
        aliases: dict[int, list[str]] = {}
        for article_id, url in self._execute(
            f"SELECT article_id, url FROM aliases WHERE article_id IN ({', '.join('?' * len(ids))}) ORDER BY url", ids,
        ).fetchall():
            aliases.setdefault(int(article_id), []).append(url)
        return [_article(tuple(row), tuple(aliases.get(int(row[0]), ()))) for row in rows]


def _article(row: tuple[Any, ...], aliases: tuple[str, ...]) -> ArticleRow:
    (article_id, url, canonical, title, text, paragraphs, authors, published, language, content_hash, standfirst,
     site, first_seen, last_seen, last_changed, last_fetched, etag, last_modified) = row
    record = ArticleRecord(
        url=url, canonical_url=canonical, title=title, text=text, paragraphs=tuple(json.loads(paragraphs)),
        authors=tuple(json.loads(authors)), published=published, language=language, content_hash=content_hash,
        standfirst=standfirst, aliases=aliases, site=site,
    )
    return ArticleRow(int(article_id), record, first_seen, last_seen, last_changed, last_fetched,
                      Validators(etag, last_modified))
