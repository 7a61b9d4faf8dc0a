"""Who wrote the article: names a user can trust, never the labels of the page's interface.

The sources, most explicit first: the author meta tags and JSON-LD (as trafilatura reads them),
the JSON-LD again (read leniently, see jsonld.py), the page's byline elements, trafilatura's
guess from class names. Every name is checked: "Username", "Authority control", "作者" or
"Rfcmarkup Version" are what the page's chrome says next to a name, not a name. A wire agency
or an organisation stands as the author only when no source names a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .patterns import (
    AGENCY_NAME,
    AGENCY_SUFFIX,
    AUTHOR_META,
    AUTHOR_TOKENS,
    BYLINE_PREFIX,
    CHROME_TAGS,
    CHROME_TOKENS,
    CO_AUTHOR_PAREN,
    CO_AUTHOR_SPLIT,
    CREDENTIAL,
    DOMAIN_ENDS,
    INTERFACE_LABELS,
    INTERFACE_WORDS,
    NAME_DATE_WORDS,
    OTHER_PAREN,
    PARTICLE_DOMAIN_ENDS,
    PICTURE_TOKENS,
    ROLE_WORDS,
)
from .text import clean_space, has_unspaced, words

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .jsonld import JsonLd

__all__ = ["is_plausible_name", "meta_author", "read_authors", "split_byline", "without_date"]

#: a byline element longer than this (in words) is an author box or a whole teaser, not a byline
MAX_BYLINE_WORDS = 12
#: a name longer than this (in words; characters of unspaced scripts count four to a word) is a
#: sentence or a title
MAX_NAME_WORDS = 6
#: a text longer than this (in characters) is a sentence that may name someone, not a byline
_BYLINE_CHARS = 200
_COMMENT_TOKENS = frozenset({"comment", "comments", "recentcomments"})
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_DIGIT = re.compile(r"\d")
#: an e-mail address (plain or "[at]"), a URL or a bare domain ("kath.net"): the site, not a name
_ADDRESS = re.compile(r"@|[\[(]at[\])]|://|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
#: how the rest of a name read from "Name (http://site/)" starts, once trafilatura split it
_URL_STARTS = frozenset({"http", "https", "www"})
#: the endings of a German label written for both genders: "Autor/in:", "Autor*innen:"
_GENDER_ENDINGS = frozenset({"in", "innen"})
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])")
#: what is left of an HTML entity a page left escaped ("Redacci&oacute;n") once split at "&" and ";"
_ENTITY_PIECE = re.compile(r"^(?:[a-z](?:acute|grave|uml|circ|tilde|cedil|ring|slash)|amp|nbsp|quot|apos)$", re.I)
#: a word or three before an English "by" that opens a byline: "Analysis by", "Edited by",
#: "Revised Edition Edited by" (other languages' "von", "da", "di" are also name particles)
_LEADING_BY = re.compile(r"^(?:[^\W\d_][\w'’-]*\s+){1,3}by\s+(?=[A-ZÀ-Ý])")


def is_plausible_name(name: str) -> bool:
    """A person's or an organisation's name: not an interface word or label, not a role alone
    ("Staff Writer"), no digit (a version, a date), two letters or more ("F" is an initial), not
    a domain, not the site's administrator account ("jdadmin", "oradmin")."""
    tokens = words(name)
    unspaced = has_unspaced(name)
    return (
        0 < len(tokens) <= (MAX_NAME_WORDS * 4 if unspaced else MAX_NAME_WORDS)
        and sum(c.isalpha() for c in name) >= 2 and (unspaced or len(name) >= 3)
        and not _DIGIT.search(name) and not _ADDRESS.search(name)
        and not any(t in INTERFACE_WORDS for t in tokens) and "".join(tokens) not in INTERFACE_LABELS
        and not all(t in ROLE_WORDS for t in tokens) and not CREDENTIAL.match(name)
        and not _is_domain(name) and not any(t.endswith("admin") for t in tokens)
    )


def _is_domain(name: str) -> bool:
    """A domain whose dots became spaces ("Ebb Org", "MesOpinions com", "FLVW de"), not a name
    ending in a particle ("Michiel de")."""
    parts = name.split()
    if len(parts) < 2 or parts[-1].lower() not in DOMAIN_ENDS:
        return False
    return parts[-1].lower() not in PARTICLE_DOMAIN_ENDS or not parts[-1].islower() or not parts[-2].istitle()


def without_date(name: str) -> str:
    """The name before a date or a link glued to it: "Malcolm Owen Monday" -> "Malcolm Owen",
    "Bradley M Kuhn http" -> "Bradley M Kuhn"; a "name" that opens with a month or a day
    ("Nov", "November 18") is none ("")."""
    kept = []
    for token in name.split():
        parts = _GLUED.split(token)  # "FoustMonday": a name glued to its date
        dated = [i for i, part in enumerate(parts)
                 if part.lower() in _URL_STARTS or any(w in NAME_DATE_WORDS for w in words(part))]
        if dated:
            kept.append("".join(parts[:dated[0]]))
            break
        kept.append(token)
    return " ".join(kept).strip(" ,.:;-–—|")


def split_byline(text: str) -> tuple[str, ...]:
    """The names of a byline: "By Martin Untersinger (avec Damien Leloup et Morgane Tual)" gives
    three; "作者：肖春芳" one; "Bruno (Henrique) Rodrigues" one, the nickname dropped."""
    text = clean_space(text)
    label, colon, rest = text.partition(":") if ":" in text else text.partition("：")
    label_words = words(label)
    if colon and (all(w in INTERFACE_WORDS or w in _GENDER_ENDINGS for w in label_words)
                  or "".join(label_words) in INTERFACE_LABELS):
        text = rest
    text = OTHER_PAREN.sub(" ", CO_AUTHOR_PAREN.sub(", ", _without_prefix(text.strip(" ,;:"))))
    names: list[str] = []
    for part in CO_AUTHOR_SPLIT.split(text):
        part = clean_space(part).strip(" ,:")
        if names and CREDENTIAL.match(part):
            names[-1] = f"{names[-1]}, {part}"
        elif part:
            names.append(part.rstrip("."))
    return tuple(names)


def meta_author(value: str | None) -> str | None:
    """A meta tag's author, unless one word: usually the site (trafilatura's own rule), except
    in a script written without spaces, where a whole name is one "word" ("肖春芳")."""
    if value and " " not in value.strip() and not has_unspaced(value):
        return None
    return value


def _without_prefix(text: str) -> str:
    """A byline without the words before its names: "Posted by", "par", "Analysis by"."""
    return _LEADING_BY.sub("", BYLINE_PREFIX.sub("", text))


def _declared(value: str | None) -> tuple[str, ...]:
    """trafilatura's "A; B" list of names, each without the words of its link or label
    ("View all posts by X", "Veröffentlicht von X", "par X")."""
    return tuple(_without_prefix(clean_space(a)) for a in (value or "").split(";"))


def _names_of(found: Iterable[str]) -> list[str]:
    """A source's names read as one list: a name with a wire agency glued on is two ("JILL
    LAWLESS Associated Press"); among several, a one-word part that is no agency is a piece of
    something the split cut, not a name ("Olympia-Verlag GmbH, Nürnberg, Germany", "Ministerium
    für Wirtschaft und Klimaschutz", "Reuters, Washington, Nov 20"), or a credential or a
    handle beside a name ("Ilana Muhlstein, RDN"). A list cut at an escaped HTML entity
    ("Redacci; Oacute; N Diario") names nobody: the names are in the next source."""
    found = tuple(found)
    if any(_ENTITY_PIECE.match(part.strip()) for part in found):
        return []
    names: list[str] = []
    for name in filter(None, (without_date(_once(n)) for n in found)):
        glued = AGENCY_SUFFIX.search(name)
        if glued and len(name[:glued.start()].split()) >= 2:
            names += [name[:glued.start()], glued.group().strip()]
        else:
            names.append(name)
    if len(names) < 2:
        return names
    return [n for n in names if len(n.split()) > 1 or has_unspaced(n) or AGENCY_NAME.match(n)]


def _once(name: str) -> str:
    """A name written twice, once for the eye and once for a screen reader, or a handle
    doubled as "first last" ("Jane DoeJane Doe", "jesusfreak jesusfreak"): once."""
    half = len(name) // 2
    if half and name[:half] == name[-half:] and not name[half:-half].strip():
        return name[:half]
    return name


def _is_desk(name: str) -> bool:
    """A job title or a desk: "AP Auto Writer", "CNN Editor-at-large", "HNN Staff"."""
    last = name.split()[-1].lower().split("-")[0]
    return len(name.split()) > 1 and last in ROLE_WORDS


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Each name once, whatever its case: "Jane Doe" and "JANE DOE" are one author."""
    seen: dict[tuple[str, ...], str] = {}
    for name in names:
        seen.setdefault(words(name), name)
    return tuple(seen.values())


def _outside_chrome(element: HtmlElement) -> bool:
    """Not in a menu, a sidebar, a footer or the comments, where other people's names stand, nor
    one of their own ("comment-author", "related-author")."""
    for parent in (element, *element.iterancestors()):
        tokens = _TOKEN_SPLIT.split(f"{parent.get('class', '')} {parent.get('id', '')}".lower())
        if parent.tag in CHROME_TAGS or CHROME_TOKENS.intersection(tokens):
            return False
    return True


def _byline_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The byline elements: ``itemprop=author`` first, then ``rel=author``, then elements whose
    class or id is an author token (as a whole token: "authority-control" is not)."""
    for element in tree.xpath("//*[@itemprop='author']"):
        named = element.xpath(".//*[@itemprop='name']")
        yield named[0] if named else element
    yield from tree.xpath("//a[@rel='author']")
    for element in tree.xpath("//*[@class or @id][not(self::meta or self::link or self::body or self::html)]"):
        tokens = _TOKEN_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
        if AUTHOR_TOKENS.intersection(tokens) and not PICTURE_TOKENS.intersection(tokens):
            yield element


def _from_bylines(tree: HtmlElement) -> Iterator[tuple[str, ...]]:
    for element in _byline_elements(tree):
        text = element.get("content") or element.text_content()
        if 0 < len(text.split()) <= MAX_BYLINE_WORDS and _outside_chrome(element):
            yield split_byline(text)


def _sources(
    tree: HtmlElement, declared: str | None, json_ld: JsonLd, guess: Callable[[], str | None]
) -> Iterator[tuple[str, ...]]:
    """Names by source, most explicit first, each read only when the ones before named nobody."""
    yield _declared(declared)
    yield tuple(p for p in json_ld.people if meta_author(p))  # one word: the site, as in the meta tags
    yield from _from_bylines(tree)
    yield tuple(n for n in _declared(guess()) if words(n) and _shown_as_byline(tree, n))


def _shown_as_byline(tree: HtmlElement, name: str) -> bool:
    """``name`` stands in a short text outside the comments: trafilatura's guess also reads the
    "comment-author" of a recent-comments widget. (Only the comments: a page's body or article
    classes often name a sidebar or a menu, "one-sidebar", "has-nav-menu".)"""
    key = words(name)[:1]  # the first word: the guess may glue a name to an agency or double it
    for element in tree.iter():
        text = element.text if isinstance(element.tag, str) else None
        if text and len(text) <= _BYLINE_CHARS and key[0] in words(text) and not _in_comments(element):
            return True
    return False


def _in_comments(element: HtmlElement) -> bool:
    for parent in (element, *element.iterancestors()):
        tokens = _TOKEN_SPLIT.split(f"{parent.get('class', '')} {parent.get('id', '')}".lower())
        if _COMMENT_TOKENS.intersection(tokens):
            return True
    return False


def read_authors(
    tree: HtmlElement, declared: str | None, json_ld: JsonLd, guess: Callable[[], str | None]
) -> tuple[str, ...]:
    """The article's authors: the people named by the first source that names one or a desk
    (a desk only when the source names no person: "Tom Krisher, AP Auto Writer", and no later
    source names the person the desk's name starts with), else the organisations or agencies
    named, else nothing. ``guess`` is trafilatura's class-name reader,
    called last: it copies the whole tree."""
    fallback: tuple[str, ...] = ()
    desks: tuple[str, ...] = ()
    for found in _sources(tree, declared, json_ld, guess):
        names = _distinct(n for n in _names_of(found) if is_plausible_name(n))
        people = tuple(n for n in names if not AGENCY_NAME.match(n) and not _is_desk(n))
        if desks:  # "Adam Aaronson PhillyVoice Staff", then "Adam Aaronson" alone
            glued = tuple(p for p in people if any(words(d)[:len(words(p))] == words(p) for d in desks))
            if glued:
                return glued
        elif people:
            return people
        desks = desks or tuple(n for n in names if _is_desk(n))
        fallback = fallback or names
    if desks:
        return desks
    sites = (p for p in json_ld.people if not meta_author(p))
    others = (*json_ld.organizations, *sites, *(clean_space(a) for a in tree.xpath(AUTHOR_META)))
    return fallback or _distinct(
        n for n in (without_date(_without_prefix(o)) for o in others) if is_plausible_name(n))
