"""Metadata fields of the Article: trafilatura's readers of meta tags, JSON-LD and bylines.

Only the fields the Article has are read (trafilatura's ``extract_metadata`` also reads
site names, categories, tags and licences, which costs as much as the extraction itself),
and dates are read with a fixed latest date, so the output never depends on the clock.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from htmldate import find_date

from .patterns import AUTHOR_META, TITLE_PARTS
from .text import clean_space
from .trafilatura_api import examine_meta, extract_author, extract_meta_json, extract_title, extract_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["Metadata", "read_metadata"]

#: "fr", "fr-FR", "fr_FR" (og:locale writes an underscore, which \b does not see as a border)
_LANG = re.compile(r"^([a-z]{2,3})(?![a-z])", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: htmldate's latest plausible date, fixed so that output never depends on today's date
_LATEST_DATE = "2099-12-31"


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
        found += [raw, *TITLE_PARTS.split(raw)]
    return tuple(dict.fromkeys(t for t in (clean_space(f) for f in found) if _long_enough(t)))


def _long_enough(title: str) -> bool:
    """Three words, or (scripts written without spaces) twelve characters: never "Home"."""
    return len(title.split()) >= 3 or len(title) >= 12


def read_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    """Read the page's metadata once, before any pruning, so bylines in pruned parts count."""
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None  # trafilatura's own rule: a one-word meta author is usually a site
    # a broken JSON-LD block (trafilatura's reader can raise on odd shapes) must not lose the page
    with contextlib.suppress(Exception):
        doc = extract_meta_json(tree, doc)
    title = doc.title or extract_title(tree)
    authors = _split_authors(doc.author or extract_author(tree))
    canonical = doc.url or extract_url(tree, url) or url
    date = None
    # htmldate asserts on some fragment roots (<svg>, <embed>…): a date is optional, the page is not
    with contextlib.suppress(Exception):
        date = find_date(tree, url=canonical, original_date=True, extensive_search=False, max_date=_LATEST_DATE)
    return Metadata(
        title=clean_space(title) if title else None,
        titles=_titles(tree, title),
        description=clean_space(doc.description) if doc.description else None,
        authors=authors or _split_authors(";".join(tree.xpath(AUTHOR_META))),
        published=date[:10] if date and _DATE.match(date) else None,
        language=_language(tree),
        canonical_url=canonical,
    )
