"""The article's title, and every form it takes on the page.

A title the page declares (og:title, JSON-LD headline) is taken as it is. Otherwise trafilatura
guesses one from the headings, and its guess is checked against the page's ``<title>``: a
heading whose words are nowhere in the ``<title>`` heads a sidebar, a promotion or the site's
logo ("Information and Resources", "Take your next trip with…", "Archive of Our Own beta"), so
the ``<title>`` stands instead, less the site's name when its last part is that name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .patterns import TITLE_PARTS
from .text import clean_space, words

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["choose_title", "title_forms"]

_SPACE_RUN = re.compile(r"\s+")


def long_enough(title: str) -> bool:
    """Three words, or (scripts written without spaces) twelve characters: never "Home"."""
    return len(title.split()) >= 3 or len(title) >= 12


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    return bool(inner) and any(outer[i:i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


def _agrees(heading: str, title: str) -> bool:
    """The heading's words are a run of the ``<title>``'s (or the other way round)."""
    a, b = words(heading), words(title)
    return _contains(b, a) or _contains(a, b)


def _site_names(tree: HtmlElement, url: str | None) -> list[tuple[str, ...]]:
    """What the page calls its site: og:site_name, the text of its links home, its host."""
    names = [*tree.xpath("//meta[@property='og:site_name' or @name='application-name']/@content")]
    root = urlsplit(url or "")
    homes = {"/", f"{root.scheme}://{root.netloc}", f"{root.scheme}://{root.netloc}/"} if root.netloc else {"/"}
    for link in tree.iterfind(".//a[@href]"):
        if link.get("href", "").strip() in homes:
            names += [link.text_content(), *link.xpath(".//img/@alt")]
    names += (root.hostname or "").split(".")
    return [w for w in map(words, names) if w]


def _names_site(part: str, sites: list[tuple[str, ...]]) -> bool:
    """The part shares two words in a row with a site name, or is one word of it."""
    tokens = words(part)
    pairs = set(pairwise(tokens))
    return any(pairs & set(pairwise(site)) or (len(tokens) == 1 and tokens[0] in site) for site in sites)


def _less_site_name(title: str, sites: list[tuple[str, ...]]) -> str:
    """"Headline | Site" -> "Headline" when the last part names the site; else the ``<title>``
    whole ("Site - Section » Page" puts the site first, and keeps it)."""
    separators = list(TITLE_PARTS.finditer(title))
    if separators:
        head, last = title[:separators[-1].start()], title[separators[-1].end():]
        if long_enough(head) and _names_site(last, sites):
            return head
    return title


def _page_title(tree: HtmlElement) -> str | None:
    found = tree.find(".//head//title")
    text = clean_space(found.text_content()) if found is not None else ""
    return text if long_enough(text) else None


def choose_title(
    tree: HtmlElement, url: str | None, declared: str | None, guess: Callable[[HtmlElement], str | None]
) -> tuple[str | None, str | None]:
    """The declared title, else trafilatura's ``guess`` when the ``<title>`` bears it out; and
    the guess refused, if any (it titles a sidebar or a promotion: no body text either)."""
    if declared:
        return declared, None
    guessed = guess(tree)
    page_title = _page_title(tree)
    if not guessed or page_title is None or _agrees(guessed, page_title):
        return guessed, None
    return _less_site_name(page_title, _site_names(tree, url)), guessed


def title_forms(tree: HtmlElement, title: str | None, refused: str | None = None) -> tuple[str, ...]:
    """The title, og:title, the first h1, the long parts of ``<title>`` ("Title | Site"), and
    the heading refused as the title: a block that is one of them is not body text."""
    found = [title or "", refused or ""]
    found += tree.xpath("//meta[@property='og:title' or @name='twitter:title']/@content")
    first_h1 = next(tree.iter("h1"), None)  # later h1s may title teasers of other articles
    if first_h1 is not None:
        found.append(first_h1.text_content())
    for raw in tree.xpath("//title/text()"):
        # each run of white space read as one space: the same parts, once clean, but a separator
        # is not looked for at every space of a long run
        found += [raw, *TITLE_PARTS.split(_SPACE_RUN.sub(" ", raw))]
    return tuple(dict.fromkeys(t for t in (clean_space(f) for f in found) if long_enough(t)))
