"""The store's tables, as numbered migrations every backend applies in order.

A store records the number of the last migration it applied (SQLite: ``PRAGMA user_version``;
PostgreSQL: a ``schema_version`` table) and applies the missing ones, each in one transaction, when
it is opened. Add a migration to change
the schema; never edit one that has shipped. Migration 2 (issue 5) adds ``versions`` (each
distinct text of an article, keyed by ``articles.id``), ``suspects`` (texts that shrank too much
to be believed), ``runs`` and ``run_sites`` (one row a crawl, one a site and crawl), and per-article
HTTP validators and fetch time for incremental re-crawls. Migration 3 adds ``aliases`` (the URLs
an article was requested by before a redirect led to it), an index on the content hash, by which
a new URL is found to be a copy of a stored article, and a per-site count of duplicates.
Migration 4 adds ``runs.crawl_id``: the workers of one distributed crawl each keep their row.
Migration 5 adds ``articles.site`` (the sites-file name an article was crawled for; an existing
article gets its URL's host), migration 6 the full-text index (:data:`Step.SEARCH_INDEX`).

A migration is mostly SQL, but a :class:`Step` is done in Python by the store (its SQL differs
between the backends, or needs Python, like the host of a URL).

The SQL is kept to what SQLite and PostgreSQL both accept, but for one word: an ``INTEGER PRIMARY
KEY`` numbers its rows by itself in SQLite only, so the PostgreSQL backend makes it an identity
column (:func:`newsscraper.store.postgres.dialect`).
"""

from __future__ import annotations

from enum import Enum

__all__ = ["ARTICLE_COLUMNS", "MIGRATIONS", "RUN_COUNT_COLUMNS", "SCHEMA_VERSION", "Step"]


class Step(Enum):
    """A migration step each backend does itself (:meth:`newsscraper.store.sqlstore.SQLStore._apply`)."""

    #: every article without a site gets its URL's host (what the crawl counts a start URL under)
    FILL_SITES = "fill sites"
    #: the backend's full-text index over title and text, kept in step by the database, filled
    SEARCH_INDEX = "search index"


#: Article columns in the order the backends read and write them (``id`` is the store's own).
ARTICLE_COLUMNS = (
    "url", "canonical_url", "title", "text", "paragraphs", "authors", "published", "language",
    "content_hash", "standfirst", "site", "first_seen", "last_seen", "last_changed",
)

#: ``runs`` columns after ``id`` that hold a count, in the order of :class:`~newsscraper.store.RunRecord`.
RUN_COUNT_COLUMNS = (
    "articles_new", "articles_updated", "articles_unchanged", "not_modified", "skipped_fresh",
    "requests", "bodies", "errors",
)

MIGRATIONS: tuple[tuple[str | Step, ...], ...] = (
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
    # 2: history and cron-safe runs. Existing articles keep their rows: each gets its current text
    # as its first version, and counts as fetched when it was last seen.
    (
        "ALTER TABLE articles ADD COLUMN standfirst TEXT",
        "ALTER TABLE articles ADD COLUMN etag TEXT",
        "ALTER TABLE articles ADD COLUMN last_modified TEXT",
        "ALTER TABLE articles ADD COLUMN last_fetched TEXT",
        "UPDATE articles SET last_fetched = last_seen",
        # the incremental middleware looks a request up by the URL it was fetched from, too
        "CREATE INDEX articles_url ON articles (url)",
        """
        CREATE TABLE runs (
            id                 INTEGER PRIMARY KEY,
            spider             TEXT NOT NULL,
            arguments          TEXT NOT NULL,
            started            TEXT NOT NULL,
            finished           TEXT,
            status             TEXT NOT NULL,
            exit_code          INTEGER,
            articles_new       INTEGER NOT NULL DEFAULT 0,
            articles_updated   INTEGER NOT NULL DEFAULT 0,
            articles_unchanged INTEGER NOT NULL DEFAULT 0,
            not_modified       INTEGER NOT NULL DEFAULT 0,
            skipped_fresh      INTEGER NOT NULL DEFAULT 0,
            requests           INTEGER NOT NULL DEFAULT 0,
            bodies             INTEGER NOT NULL DEFAULT 0,
            errors             INTEGER NOT NULL DEFAULT 0,
            dropped            TEXT NOT NULL DEFAULT '{}',
            warnings           TEXT NOT NULL DEFAULT '[]'
        )
        """,
        """
        CREATE TABLE run_sites (
            run_id    INTEGER NOT NULL REFERENCES runs (id),
            site      TEXT NOT NULL,
            found     INTEGER NOT NULL DEFAULT 0,
            fetched   INTEGER NOT NULL DEFAULT 0,
            stored    INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            failures  INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, site)
        )
        """,
        "CREATE INDEX run_sites_site ON run_sites (site, run_id)",
        """
        CREATE TABLE versions (
            id           INTEGER PRIMARY KEY,
            article_id   INTEGER NOT NULL REFERENCES articles (id),
            content_hash TEXT NOT NULL,
            title        TEXT NOT NULL,
            text         TEXT NOT NULL,
            seen         TEXT NOT NULL,
            run_id       INTEGER REFERENCES runs (id)
        )
        """,
        "CREATE INDEX versions_article ON versions (article_id, id)",
        """
        INSERT INTO versions (article_id, content_hash, title, text, seen)
        SELECT id, content_hash, title, text, last_changed FROM articles ORDER BY id
        """,
        """
        CREATE TABLE suspects (
            id           INTEGER PRIMARY KEY,
            article_id   INTEGER NOT NULL REFERENCES articles (id),
            run_id       INTEGER REFERENCES runs (id),
            seen         TEXT NOT NULL,
            reason       TEXT NOT NULL,
            url          TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text         TEXT NOT NULL,
            chars        INTEGER NOT NULL,
            stored_chars INTEGER NOT NULL
        )
        """,
    ),
    # 3: the URLs an article was requested by, when a redirect led elsewhere, so the incremental
    # middleware knows the article by the link it finds (it looks a request up before sending it);
    # a new URL whose text is already stored is a duplicate, found by its hash; duplicates per site.
    (
        """
        CREATE TABLE aliases (
            url        TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id)
        )
        """,
        "CREATE INDEX articles_content_hash ON articles (content_hash)",
        "ALTER TABLE run_sites ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0",
    ),
    # 4: the distributed crawl a run is one worker of (NEWSSCRAPER_CRAWL_ID): each worker keeps its
    # own row, and a crawl's totals are a GROUP BY crawl_id. Existing runs had one process: NULL.
    (
        "ALTER TABLE runs ADD COLUMN crawl_id TEXT",
        "CREATE INDEX runs_crawl_id ON runs (crawl_id)",
    ),
    # 5: the site an article was crawled for, to list and search one site's articles. Existing
    # articles get their URL's host: a sites-file name was not kept, and the host is what the
    # crawl counts a site without a name under.
    (
        "ALTER TABLE articles ADD COLUMN site TEXT",
        Step.FILL_SITES,
        "CREATE INDEX articles_site ON articles (site, id)",
        # an article's date, for listing the latest ones: when it was published, else first seen
        "CREATE INDEX articles_date ON articles ((coalesce(published, first_seen)))",
    ),
    # 6: full-text search over title and text, kept in step by the database itself (SQLite FTS5
    # and triggers; PostgreSQL a tsvector column, a trigger and a GIN index), filled for every
    # existing article.
    (Step.SEARCH_INDEX,),
)

#: The schema version a store is at once every migration is applied.
SCHEMA_VERSION = len(MIGRATIONS)
