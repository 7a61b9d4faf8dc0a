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
_TAG = re.compile(r"<[^>]*>")
#: what a malformed or hostile block raises (nesting past the recursion limit, huge integers)
_JSON_ERRORS = (ValueError, RecursionError)


@dataclass(frozen=True)
class JsonLd:
    """What the page's story objects declare (empty when it has none)."""

    published: str | None = None
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    #: the page has a story object: its authors are the article's, not the other stories'
    story: bool = False


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


def _authors(value: Any, by_id: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(people, organisations) named by an ``author`` value: a name, an object, a reference
    to an object of the page's graph (``{"@id": ...}``, as Yoast writes it) or a list; an
    object's ``name`` may be a list too, of links ("<a href=...>Jane Doe</a>"); HTML entities a
    CMS left in the JSON ("Redacci&oacute;n") decoded."""
    people: list[str] = []
    organizations: list[str] = []
    for author in value if isinstance(value, list) else [value]:
        if isinstance(author, dict) and "name" not in author and isinstance(author.get("@id"), str):
            author = by_id.get(author["@id"], author)
        if isinstance(author, str):
            people.append(author)
        elif isinstance(author, dict):
            types = author.get("@type")
            is_org = any(isinstance(t, str) and t != "Person" for t in (types if isinstance(types, list) else [types]))
            names = author.get("name")
            (organizations if is_org else people).extend(
                n for n in (names if isinstance(names, list) else [names]) if isinstance(n, str))
    return _texts(people), _texts(organizations)


def _texts(names: list[str]) -> list[str]:
    """Names as text: without tags and entities, the empty ones dropped."""
    return [t for t in (clean_space(unescape(_TAG.sub("", n))) for n in names) if t]


def read_json_ld(tree: HtmlElement) -> JsonLd:
    """The first story object's publication date and authors: the page's main entity, the
    objects after it being the teasers of other stories; a broken block is skipped."""
    objects = [obj for script in tree.iterfind(".//script[@type='application/ld+json']")
               for obj in _objects(_load(script.text or ""))]
    story = next((obj for obj in objects if _is_story(obj)), None)
    if story is None:
        return JsonLd()
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    published = story.get("datePublished")
    people, organizations = _authors(story.get("author"), by_id)
    return JsonLd(
        published=published[:10] if isinstance(published, str) and _DATE.match(published) else None,
        people=tuple(dict.fromkeys(people)), organizations=tuple(dict.fromkeys(organizations)), story=True,
    )


def json_ld_types(tree: HtmlElement) -> frozenset[str]:
    """The schema.org types the page's JSON-LD objects declare ("Recipe", "NewsArticle"...)."""
    found: set[str] = set()
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        for obj in _objects(_load(script.text or "")):
            types = obj.get("@type")
            found.update(t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str))
    return frozenset(found)
