"""Where articles live between crawls: one interface, one backend per database.

The pipelines only see :class:`ArticleStore`; :func:`open_store` picks the backend from the
``NEWSSCRAPER_DATABASE`` value (a file path or ``sqlite:///path`` today; ``postgresql://…`` when
that backend lands). Each backend keeps one row per canonical URL and decides, inside one
transaction, whether a crawled article is new, updated or unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["ArticleRecord", "ArticleStore", "Change", "StoredArticle", "open_store"]


class Change(str, Enum):
    """What saving an article did to the store."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


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


@dataclass(frozen=True)
class StoredArticle:
    """An article row as stored, with the times (ISO 8601, UTC) the store keeps for it."""

    record: ArticleRecord
    first_seen: str
    last_seen: str
    last_changed: str


class ArticleStore(Protocol):
    """The operations the pipelines (and later the scheduler of issue 5) need from a store."""

    #: where the data is, for people: a file path or a URL without its password
    location: str

    def save(self, record: ArticleRecord, *, now: datetime) -> Change:
        """Insert or update one article in one transaction and say which of the two it was."""

    def get(self, canonical_url: str) -> StoredArticle | None:
        """The stored article with that canonical URL, if any."""

    def count(self) -> int:
        """How many articles are stored."""

    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""


def open_store(target: str) -> ArticleStore:
    """Open (and create on first use) the store named by a ``NEWSSCRAPER_DATABASE`` value."""
    if target.startswith(("postgresql:", "postgres:")):
        raise NotImplementedError(
            "PostgreSQL stores are not supported yet; use a SQLite file path for NEWSSCRAPER_DATABASE"
        )
    from .sqlite import SQLiteStore

    return SQLiteStore(target.removeprefix("sqlite:///"))
