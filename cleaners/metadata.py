"""Metadata fields of the Article: trafilatura's readers of meta tags, JSON-LD and bylines.

Only the fields the Article has are read (trafilatura's ``extract_metadata`` also reads
site names, categories, tags and licences, which costs as much as the extraction itself),
and dates are read with a fixed latest date, so the output never depends on the clock.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date as date_type
from typing import TYPE_CHECKING

from htmldate import find_date

from .authors import meta_author, read_authors
from .canonical import canonical_url
from .jsonld import JsonLd, read_json_ld
from .text import clean_space
from .titles import choose_title, title_forms
from .trafilatura_api import examine_meta, extract_author, extract_meta_json, extract_title, normalize_authors

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
#: htmldate's latest plausible date, fixed so that output never depends on today's date
_LATEST_DATE = "2099-12-31"
#: htmldate's earliest plausible date
_EARLIEST_DATE = "1995-01-01"

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


def _language(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += tree.xpath("//meta[@http-equiv='content-language' or @property='og:locale']/@content")
    for value in candidates:
        match = _LANG.match(value or "")
        if match:
            return match.group(1).lower()
    return None


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


def _declared_authors(meta: str | None, every_story: str | None, json_ld: JsonLd) -> str | None:
    """The authors the page declares, as trafilatura lists them ("A; B"): its meta tags' and
    its story's JSON-LD ones. trafilatura's JSON-LD reader (``every_story``) appends the authors
    of every story object on the page, the teasers of other stories too ("related", a section
    front's list); it stands only when the page has no story object that reads (a broken
    block, which its regex fallback reads)."""
    if not json_ld.story:
        return "; ".join(filter(None, (meta, every_story))) or None
    for person in json_ld.people:
        # one word: the site, as in the meta tags; a digit: a generated handle ("majainfos_zlfca4v6"),
        # which trafilatura would turn into a "name" ("Majainfos Zlfca")
        if meta_author(normalize_authors(None, person)) and not any(c.isdigit() for c in person):
            meta = normalize_authors(meta, person)
    return meta


def _published(
    tree: HtmlElement, declared: str | None, canonical: str | None, url: str | None
) -> tuple[str | None, str | None]:
    """The publication date (YYYY-MM-DD), and the problem if htmldate failed: a date is
    optional, the page is not. The story's JSON-LD ``datePublished`` comes first: htmldate may
    prefer a date it finds first, such as the ``article:modified_time`` of a page updated since."""
    if declared and _plausible_date(declared):
        return declared, None
    try:
        date = find_date(tree, url=canonical, original_date=True, extensive_search=False, max_date=_LATEST_DATE)
    except _DATE_ERRORS as exc:
        _LOG.debug("%s: date unreadable: %r", url, exc)
        return None, DATE_UNREADABLE
    return (date[:10] if date and _DATE.match(date) else None), None


def _plausible_date(value: str) -> bool:
    """A real calendar day between the web's first news sites and htmldate's latest date."""
    try:
        day = date_type.fromisoformat(value[:10])
    except ValueError:
        return False
    return _EARLIEST_DATE <= day.isoformat() <= _LATEST_DATE


def read_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    """Read the page's metadata once, before any pruning, so bylines in pruned parts count."""
    doc = examine_meta(tree)
    meta = meta_author(doc.author)
    doc.author = None
    doc, json_ld_problem = _with_json_ld(tree, doc, url)
    json_ld = read_json_ld(tree)
    declared = _declared_authors(meta, doc.author, json_ld)
    title, refused = choose_title(tree, url, doc.title, extract_title)
    canonical = canonical_url(tree, url)
    published, date_problem = _published(tree, json_ld.published, canonical, url)
    return Metadata(
        title=clean_space(title) if title else None,
        titles=title_forms(tree, title, refused),
        description=clean_space(doc.description) if doc.description else None,
        authors=read_authors(tree, declared, json_ld, lambda: extract_author(tree)),
        published=published,
        language=_language(tree),
        canonical_url=canonical,
        problems=tuple(p for p in (json_ld_problem, date_problem) if p),
    )
