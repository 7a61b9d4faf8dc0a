"""The records the store takes and gives back: plain frozen dataclasses, no database types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "ArticleRecord", "Change", "FetchState", "RunRecord", "SiteHealth", "Validators",
]


class Change(str, Enum):
    """What saving an article did to the store."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    #: the text shrank sharply against the stored one: recorded as a suspect, not stored as an update
    SHRUNK = "shrunk"
    #: a new canonical URL whose text is already stored under another one: nothing is written
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class ArticleRecord:
    """An article as the store receives it: everything but the store's own timestamps."""

    url: str
    canonical_url: str
    title: str
    text: str
    paragraphs: tuple[str, ...]
    authors: tuple[str, ...]
    published: str | None
    language: str | None
    content_hash: str
    standfirst: str | None = None
    #: other URLs the article was requested by: the links that redirected to ``url``
    aliases: tuple[str, ...] = ()
    #: the site it was crawled for: its name in the sites file; None: the host of ``url``
    site: str | None = None


@dataclass(frozen=True)
class Validators:
    """The HTTP validators of the response the stored text came from, for conditional requests."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class FetchState:
    """What the incremental middlewares need to know about an article URL before requesting it."""

    canonical_url: str
    last_fetched: str | None
    validators: Validators


@dataclass(frozen=True)
class SiteHealth:
    """One site's share of a run, to notice a site that stopped yielding articles."""

    site: str
    #: article URLs the run found for the site, fetched or not
    found: int = 0
    #: article bodies downloaded (2xx responses)
    fetched: int = 0
    #: articles stored as new or updated
    stored: int = 0
    #: articles confirmed unchanged: same text, HTTP 304, or skipped as fetched recently
    unchanged: int = 0
    #: pages that gave no article (cleaner refusal, not HTML, too short) or a shrunk text
    failures: int = 0
    #: articles dropped as a copy of one seen this run or already stored (same canonical URL or text)
    duplicates: int = 0

    @property
    def yielded(self) -> int:
        """Articles the site gave this run, whether or not their text changed."""
        return self.stored + self.unchanged


@dataclass(frozen=True)
class RunRecord:
    """One crawl as the ``runs`` table keeps it; the end-of-run summary is printed from this."""

    id: int | None
    spider: str
    arguments: dict[str, str]
    started: str
    finished: str | None = None
    #: ``running`` until the end, then ``finished`` or Scrapy's close reason; ``killed`` when the
    #: process died without closing it (found by the next run)
    status: str = "running"
    exit_code: int | None = None
    new: int = 0
    updated: int = 0
    #: the same meaning as SiteHealth.unchanged: includes the ``not_modified`` and ``skipped_fresh`` ones
    unchanged: int = 0
    not_modified: int = 0
    skipped_fresh: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    bodies: int = 0
    errors: int = 0
    sites: tuple[SiteHealth, ...] = ()
    warnings: tuple[str, ...] = ()
    #: the distributed crawl this run is one worker of (``NEWSSCRAPER_CRAWL_ID``), else None
    crawl_id: str | None = None
