"""Plain data out of the cleaner: the article, what was removed and why, and the options."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["DEFAULT_OPTIONS", "Article", "CleanOptions", "Removed"]


@dataclass(frozen=True)
class Removed:
    """One block the cleaner took out, with the rule that took it (``reason``)."""

    reason: str
    text: str


@dataclass(frozen=True)
class CleanOptions:
    """Knobs of the cleaner. Keep them fixed in production: a change alters content hashes."""

    #: drop body blocks shorter than this many characters (0 keeps every block)
    min_paragraph_chars: int = 0
    #: keep the text of data tables in the body
    keep_tables: bool = True
    #: shortest repeated text (in words) treated as a repeat rather than a coincidence
    min_repeat_words: int = 10
    #: a block this long (in words) that ends like a sentence is running text
    min_sentence_words: int = 10


DEFAULT_OPTIONS = CleanOptions()


@dataclass(frozen=True)
class Article:
    """A cleaned article: title as a field, each body paragraph exactly once.

    ``problems`` names what the page did not let the cleaner read, though the article was
    kept, so that a crawler can count it (Scrapy stats ``newsscraper/cleaner/<problem>``):
    ``jsonld_unreadable`` (a JSON-LD block of a shape trafilatura's reader fails on: the
    metadata comes from meta tags and the page instead) and ``date_unreadable`` (htmldate
    failed on the page: ``published`` is None). Empty when everything could be read.
    """

    url: str | None
    canonical_url: str | None
    title: str | None
    paragraphs: tuple[str, ...]
    standfirst: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = None
    problems: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        """The body as plain text: the paragraphs joined by a blank line."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self, *, removed: bool = False) -> dict[str, Any]:
        """JSON-ready fields (lists, not tuples); ``removed`` only when asked for."""
        data = asdict(self)
        data["paragraphs"] = list(self.paragraphs)
        data["authors"] = list(self.authors)
        data["problems"] = list(self.problems)
        data["text"] = self.text
        if removed:
            data["removed"] = [asdict(r) for r in self.removed]
        else:
            del data["removed"]
        return data
