"""Metadata fields of the Article: trafilatura's readers of meta tags, JSON-LD and bylines.

Only the fields the Article has are read (trafilatura's ``extract_metadata`` also reads
site names, categories, tags and licences, which costs as much as the extraction itself),
and dates are read with a fixed latest date, so the output never depends on the clock.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from htmldate import find_date

from .patterns import AUTHOR_META, TITLE_PARTS
from .text import clean_space
from .trafilatura_api import examine_meta, extract_author, extract_meta_json, extract_title, extract_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .trafilatura_api import Document

__all__ = ["Metadata", "read_metadata"]

# DEBUG, not WARNING: the page's markup is at fault, not the cleaner; a site that gets it wrong
# does so on every page, and the crawler counts each problem in its stats anyway
_LOG = logging.getLogger(__name__)

#: "fr", "fr-FR", "fr_FR" (og:locale writes an underscore, which \b does not see as a border)
_LANG = re.compile(r"^([a-z]{2,3})(?![a-z])", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SPACE_RUN = re.compile(r"\s+")
#: htmldate's latest plausible date, fixed so that output never depends on today's date
_LATEST_DATE = "2099-12-31"

#: names of ``Article.problems``
JSONLD_UNREADABLE = "jsonld_unreadable"
DATE_UNREADABLE = "date_unreadable"
#: what trafilatura's JSON-LD reader raises on a shape it does not expect (a number or a list
#: where it wants an object, a number for an author or a section), and what json.loads raises
#: past its limits (nesting deeper than the recursion limit, integers of over 4300 digits);
#: malformed JSON (JSONDecodeError) it handles itself, with a regex fallback
_JSONLD_ERRORS = (AttributeError, TypeError, RecursionError, ValueError)
#: what htmldate raises: lxml's assertion when it drops the root of a fragment (<svg>,
#: <embed>…), and datetime's ValueError on a UTC offset of a day or more ("…T10:00+24:00")
_DATE_ERRORS = (AssertionError, ValueError)


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself; ``titles`` are every form the title takes on the page."""

    title: str | None
    titles: tuple[str, ...]
    description: str | None
    authors: tuple[str, ...]
    published: str | None
    language: str | None
    canonical_url: str | None
    #: what could not be read on the page (``Article.problems``)
    problems: tuple[str, ...]


def _split_authors(value: str | None) -> tuple[str, ...]:
    names = (clean_space(a) for a in (value or "").split(";"))
    return tuple(dict.fromkeys(a for a in names if a and "://" not in a))


def _language(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += tree.xpath("//meta[@http-equiv='content-language' or @property='og:locale']/@content")
    for value in candidates:
        match = _LANG.match(value or "")
        if match:
            return match.group(1).lower()
    return None


def _titles(tree: HtmlElement, title: str | None) -> tuple[str, ...]:
    """The title, og:title, the first h1 and the long parts of ``<title>`` ("Title | Site")."""
    found = [title or ""]
    found += tree.xpath("//meta[@property='og:title' or @name='twitter:title']/@content")
    first_h1 = next(tree.iter("h1"), None)  # later h1s may title teasers of other articles
    if first_h1 is not None:
        found.append(first_h1.text_content())
    for raw in tree.xpath("//title/text()"):
        # each run of white space read as one space: the same parts, once clean, but a separator
        # is not looked for at every space of a long run
        found += [raw, *TITLE_PARTS.split(_SPACE_RUN.sub(" ", raw))]
    return tuple(dict.fromkeys(t for t in (clean_space(f) for f in found) if _long_enough(t)))


def _long_enough(title: str) -> bool:
    """Three words, or (scripts written without spaces) twelve characters: never "Home"."""
    return len(title.split()) >= 3 or len(title) >= 12


def _with_json_ld(tree: HtmlElement, doc: Document, url: str | None) -> tuple[Document, str | None]:
    """``doc`` completed from the page's JSON-LD, and the problem if a block could not be read:
    a broken block costs the fields it holds, never the page (earlier blocks' fields stay)."""
    try:
        doc = extract_meta_json(tree, doc)
    except _JSONLD_ERRORS as exc:
        _LOG.debug("%s: JSON-LD unreadable: %r", url, exc)
        return doc, JSONLD_UNREADABLE
    if doc.title is not None and not isinstance(doc.title, str):  # trafilatura takes any "headline"
        _LOG.debug("%s: JSON-LD unreadable: a headline that is not text: %r", url, doc.title)
        doc.title = None
        return doc, JSONLD_UNREADABLE
    return doc, None


def _published(tree: HtmlElement, canonical: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The publication date (YYYY-MM-DD), and the problem if htmldate failed: a date is
    optional, the page is not."""
    try:
        date = find_date(tree, url=canonical, original_date=True, extensive_search=False, max_date=_LATEST_DATE)
    except _DATE_ERRORS as exc:
        _LOG.debug("%s: date unreadable: %r", url, exc)
        return None, DATE_UNREADABLE
    return (date[:10] if date and _DATE.match(date) else None), None


def read_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    """Read the page's metadata once, before any pruning, so bylines in pruned parts count."""
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None  # trafilatura's own rule: a one-word meta author is usually a site
    doc, json_ld_problem = _with_json_ld(tree, doc, url)
    title = doc.title or extract_title(tree)
    authors = _split_authors(doc.author or extract_author(tree))
    canonical = doc.url or extract_url(tree, url) or url
    published, date_problem = _published(tree, canonical, url)
    return Metadata(
        title=clean_space(title) if title else None,
        titles=_titles(tree, title),
        description=clean_space(doc.description) if doc.description else None,
        authors=authors or _split_authors(";".join(tree.xpath(AUTHOR_META))),
        published=published,
        language=_language(tree),
        canonical_url=canonical,
        problems=tuple(p for p in (json_ld_problem, date_problem) if p),
    )
