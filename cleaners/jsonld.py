"""The article's own JSON-LD, read once: when it says it was published, and who wrote it.

trafilatura's reader gives up on blocks real sites serve (a ``<![CDATA[`` wrapper, a trailing
comma) and keeps only ``Person`` authors; here a block is read leniently, and people and
organisations are kept apart, so that an organisation (a wire agency, "Contributors to
Wikimedia projects") only stands as the author when no person is named anywhere on the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any

from .text import clean_space

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["JsonLd", "json_ld_types", "read_json_ld"]

#: what CMSs wrap a block in: ``<![CDATA[ ... ]]>``, ``<!-- ... -->``
_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
#: schema.org types of a story: NewsArticle, ReportageNewsArticle, BlogPosting, Report, Review...
#: (a WebPage's dates are the page's, not the story's)
_STORY_TYPE = re.compile(r"(?:Article|Posting|Report|Review)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: what a malformed or hostile block raises (nesting past the recursion limit, huge integers)
_JSON_ERRORS = (ValueError, RecursionError)


@dataclass(frozen=True)
class JsonLd:
    """What the page's story objects declare (empty when it has none)."""

    published: str | None = None
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()


def _load(text: str) -> Any:
    text = _WRAPPER.sub("", text)
    try:
        return json.loads(text)
    except _JSON_ERRORS:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text))
    except _JSON_ERRORS:
        return None


def _objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object of a block, top-level and in ``@graph`` lists (not the nested values)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"), depth + 1)


def _is_story(obj: dict[str, Any]) -> bool:
    types = obj.get("@type")
    return any(isinstance(t, str) and _STORY_TYPE.search(t) for t in (types if isinstance(types, list) else [types]))


def _authors(value: Any) -> tuple[list[str], list[str]]:
    """(people, organisations) named by an ``author`` value: a name, an object or a list; HTML
    entities a CMS left in the JSON ("Redacci&oacute;n") decoded."""
    people: list[str] = []
    organizations: list[str] = []
    for author in value if isinstance(value, list) else [value]:
        if isinstance(author, str):
            people.append(clean_space(unescape(author)))
        elif isinstance(author, dict) and isinstance(author.get("name"), str):
            types = author.get("@type")
            is_org = any(isinstance(t, str) and t != "Person" for t in (types if isinstance(types, list) else [types]))
            (organizations if is_org else people).append(clean_space(unescape(author["name"])))
    return [p for p in people if p], [o for o in organizations if o]


def read_json_ld(tree: HtmlElement) -> JsonLd:
    """The first story object's publication date and authors; a broken block is skipped."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        for obj in _objects(_load(script.text or "")):
            if not _is_story(obj):
                continue
            published = obj.get("datePublished")
            people, organizations = _authors(obj.get("author"))
            return JsonLd(
                published=published[:10] if isinstance(published, str) and _DATE.match(published) else None,
                people=tuple(dict.fromkeys(people)), organizations=tuple(dict.fromkeys(organizations)),
            )
    return JsonLd()


def json_ld_types(tree: HtmlElement) -> frozenset[str]:
    """The schema.org types the page's JSON-LD objects declare ("Recipe", "NewsArticle"...)."""
    found: set[str] = set()
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        for obj in _objects(_load(script.text or "")):
            types = obj.get("@type")
            found.update(t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str))
    return frozenset(found)
