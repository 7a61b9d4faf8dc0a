"""Whether a link whose URL can't tell is an article: its anchor, its place, the site's URL shapes.

A listing links its stories from lists of teasers in its main content: a headline of several
words each, the same markup repeated for every story. Its menus, header, footer and sidebars link
sections, tags and services with a word or two. So a link whose URL ends in a short slug
(:func:`newsscraper.discovery.links.could_be_article`) is an article when its anchor reads like
a headline, it is outside the page's chrome, and either it sits in such a list of teasers, or it
is a teaser's heading (``<h2><a>``) and its URL has the shape of articles the site already has
in the store (a lone "More from our Home desk" link to a sub-section may have that shape too).
Each decision has a name the spider counts (:func:`decide`).

The page is read once, in one pass over its elements (:func:`page_links`); the shapes once a run
and site (:class:`ArticleShapes`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree
from w3lib.html import strip_html5_whitespace
from w3lib.url import canonicalize_url, safe_url_string

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement

__all__ = ["ArticleShapes", "LinkPlace", "PagePlaces", "decide", "is_headline", "link_key", "page_links", "url_shape"]

#: a headline has this many words at least ("Chile copper workers strike"); a menu entry fewer
MIN_HEADLINE_WORDS = 4
#: more words than this is a paragraph made a link, not a headline
MAX_HEADLINE_WORDS = 40
#: in a script written without spaces, a headline has this many characters at least
MIN_UNSPACED_HEADLINE_CHARS = 8
#: a list of teasers has this many items with a headline link at least
MIN_TEASERS = 3
#: how far above its link a teaser's item may start (``li > article > h2 > a``)
MAX_ITEM_DEPTH = 4
#: a URL shape is the site's when this many stored articles have it
MIN_SHAPE_ARTICLES = 3

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: elements that are chrome wherever they are
CHROME_TAGS = frozenset({"nav", "aside"})
#: the page's header and footer (an article's own ``<header>`` holds its headline)
EDGE_TAGS = frozenset({"header", "footer"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search"})
#: class or id names of chrome, written without their dashes and underscores ("site-header")
CHROME_NAMES = frozenset({
    "breadcrumb", "breadcrumbs", "globalfooter", "globalheader", "mainmenu", "mainnav", "masthead",
    "megamenu", "menu", "nav", "navbar", "navigation", "pagefooter", "pageheader", "sidebar",
    "sitefooter", "siteheader", "sitenav", "skiplink", "skiplinks", "submenu", "topbar",
})
#: of those, the ones that are chrome only outside an article (an article's own header and footer)
EDGE_NAMES = frozenset({"footer", "header"})
#: words of a class or id name that make it chrome ("nav-primary", "menu-item", "left-sidebar")
CHROME_WORDS = frozenset({"breadcrumb", "breadcrumbs", "masthead", "menu", "nav", "navbar", "navigation", "sidebar"})
_NAME_SPLIT = re.compile(r"[-_]+")
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SLUG_SPLIT = re.compile(r"[-_.+]+")


@dataclass(frozen=True)
class LinkPlace:
    """What the page says of a link: its anchor reads like a headline, it sits in the page's
    chrome (menu, header, footer, sidebar), in a list of teasers, in or around a heading."""

    headline: bool
    chrome: bool
    listed: bool = False
    heading: bool = False

    def rank(self) -> tuple[bool, bool, bool, bool]:
        """Of several anchors of one URL, the one that says most for it counts."""
        return (self.headline and not self.chrome, self.listed, self.heading, not self.chrome)


def is_headline(text: str) -> bool:
    """A headline-like anchor: several words, fewer than a paragraph's."""
    text = " ".join(text.split())
    if len(_UNSPACED.findall(text)) >= MIN_UNSPACED_HEADLINE_CHARS:
        return len(text) <= MAX_HEADLINE_WORDS * 6
    lettered = [w for w in text.split() if any(c.isalpha() for c in w)]
    return MIN_HEADLINE_WORDS <= len(lettered) <= MAX_HEADLINE_WORDS


def link_key(url: str) -> str:
    """One spelling of a URL for matching a link to its anchors (fragment and query order aside)."""
    return canonicalize_url(url, keep_fragments=False)


def _names(element: HtmlElement) -> Iterable[str]:
    for name in [*(element.get("class") or "").split(), element.get("id") or ""]:
        if name:
            yield name.lower()


def _own_chrome(element: HtmlElement, in_article: bool) -> bool:
    """Whether the element itself is chrome (its ancestors aside)."""
    tag = element.tag
    if tag in CHROME_TAGS or (tag in EDGE_TAGS and not in_article):
        return True
    if (element.get("role") or "").lower() in CHROME_ROLES:
        return True
    for name in _names(element):
        compact = _NAME_SPLIT.sub("", name)
        if compact in CHROME_NAMES or (compact in EDGE_NAMES and not in_article):
            return True
        if CHROME_WORDS.intersection(_NAME_SPLIT.split(name)):
            return True
    return False


def _chrome_map(root: HtmlElement) -> dict[HtmlElement, bool]:
    """Every element: whether it is in the page's chrome, in one pass (parents come first)."""
    chrome: dict[HtmlElement, bool] = {}
    in_article: dict[HtmlElement, bool] = {}
    for element in root.iter(etree.Element):
        parent = element.getparent()
        inherited = chrome.get(parent, False) if parent is not None else False
        parent_article = in_article.get(parent, False) if parent is not None else False
        in_article[element] = parent_article or element.tag == "article"
        chrome[element] = inherited or _own_chrome(element, parent_article)
    return chrome


def _absolute(href: str, base_url: str, page_url: str, encoding: str) -> str | None:
    """The link's URL as Scrapy's link extractor makes it, or None for a bogus one."""
    try:
        return urljoin(page_url, safe_url_string(urljoin(base_url, strip_html5_whitespace(href)), encoding=encoding))
    except ValueError:
        return None


def page_links(root: HtmlElement, base_url: str, page_url: str, encoding: str = "utf-8") -> dict[str, LinkPlace]:
    """Each link of the page (by :func:`link_key`) but those to the page itself ("Skip to main
    content"), with the place of its best anchor.

    Linear in the page's size: one pass marks the chrome, another the elements holding a
    headline link (up to ``MAX_ITEM_DEPTH`` above it); a parent's items are counted once per tag.
    """
    chrome = _chrome_map(root)
    anchors: list[tuple[HtmlElement, str, bool, bool]] = []
    for anchor in root.iter("a"):
        href = anchor.get("href")
        url = _absolute(href, base_url, page_url, encoding) if href else None
        if url is not None:
            anchors.append((anchor, url, is_headline(anchor.text_content()), chrome.get(anchor, False)))
    holding: set[HtmlElement] = set()
    for anchor, _, headline, in_chrome in anchors:
        if headline and not in_chrome:
            holding.update(_item_candidates(anchor))
    items: dict[tuple[HtmlElement, str], int] = {}
    places: dict[str, LinkPlace] = {}
    try:
        own = link_key(page_url)
    except ValueError:
        own = page_url
    for anchor, url, headline, in_chrome in anchors:
        listed = headline and not in_chrome and any(
            _items(candidate, holding, items) >= MIN_TEASERS for candidate in _item_candidates(anchor))
        place = LinkPlace(headline=headline, chrome=in_chrome, listed=listed, heading=headline and _is_heading(anchor))
        try:
            key = link_key(url)
        except ValueError:
            continue
        if key != own and (key not in places or place.rank() > places[key].rank()):
            places[key] = place
    return places


def _is_heading(anchor: HtmlElement) -> bool:
    """A heading holds the anchor (``<h2><a>``), or the anchor holds one (``<a><h2>``)."""
    return any(e.tag in HEADINGS for e in anchor.iter()) or any(
        e.tag in HEADINGS for e in _item_candidates(anchor)[1:3])


def _item_candidates(anchor: HtmlElement) -> list[HtmlElement]:
    """The anchor and its ancestors that may be its teaser, nearest first."""
    found = [anchor]
    for parent in anchor.iterancestors():
        if len(found) > MAX_ITEM_DEPTH or parent.tag in ("body", "html"):
            break
        found.append(parent)
    return found


def _items(candidate: HtmlElement, holding: set[HtmlElement], counted: dict[tuple[HtmlElement, str], int]) -> int:
    """How many children of the candidate's parent, of its tag, hold a headline link."""
    parent = candidate.getparent()
    if parent is None:
        return 0
    key = (parent, candidate.tag)
    if key not in counted:
        counted[key] = sum(1 for child in parent if child.tag == candidate.tag and child in holding)
    return counted[key]


def url_shape(url: str) -> tuple[str, ...]:
    """A URL's path as classes of segments: digits, a word, a slug of two words or more; the last
    segment's extension and a trailing slash. ``/world/feather-duvet-lung.html`` and
    ``/sport/a-much-longer-story-slug.html`` have one shape."""
    path = urlsplit(url).path
    segments = [s for s in path.lower().split("/") if s]
    shape = []
    for i, segment in enumerate(segments):
        stem, dot, ext = segment.rpartition(".") if "." in segment else (segment, "", "")
        words = [w for w in _SLUG_SPLIT.split(stem) if w]
        if stem.isdigit():
            shape.append("#")
        elif len([w for w in words if any(c.isalpha() for c in w)]) >= 2:
            shape.append("slug")
        else:
            shape.append("word")
        if dot and i == len(segments) - 1:
            shape.append("." + ext)
    if path.endswith("/"):
        shape.append("/")
    return tuple(shape)


@dataclass(frozen=True)
class ArticleShapes:
    """The URL shapes of a site's stored articles, each had by ``MIN_SHAPE_ARTICLES`` at least."""

    shapes: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def from_urls(cls, urls: Iterable[str]) -> ArticleShapes:
        """The shapes of those article URLs, a shape only one or two of them have left out."""
        counts = Counter(url_shape(url) for url in urls)
        return cls(frozenset(shape for shape, n in counts.items() if n >= MIN_SHAPE_ARTICLES))

    def has(self, url: str) -> bool:
        """Whether the URL has the shape of the site's stored articles."""
        return url_shape(url) in self.shapes


def decide(place: LinkPlace | None, stored_shape: bool) -> tuple[bool, str]:
    """Whether a could-be-article link is an article, and the decision's name for the stats:
    ``list``, ``store``, ``list_store`` (the signals beside its headline) when it is; ``chrome``,
    ``no_headline``, ``alone`` (a headline neither in a list nor a heading of a stored shape),
    ``unplaced`` (no anchor of the page has its URL: an ``<area>``, the page itself) when it is not."""
    if place is None:
        return False, "unplaced"
    if place.chrome:
        return False, "chrome"
    if not place.headline:
        return False, "no_headline"
    signals = [name for name, on in (("list", place.listed), ("store", stored_shape and place.heading)) if on]
    if not signals:
        return False, "alone"
    return True, "_".join(signals)


class PagePlaces:
    """The places of a page's links, read the first time a link needs one: most pages have
    no link the URL leaves undecided, and cost nothing more."""

    def __init__(self, root: HtmlElement, base_url: str, page_url: str, encoding: str) -> None:
        self._page = (root, base_url, page_url, encoding)
        self._places: dict[str, LinkPlace] | None = None

    def place(self, url: str) -> LinkPlace | None:
        """The place of the link's best anchor, or None when no anchor has its URL."""
        if self._places is None:
            self._places = page_links(*self._page)
        try:
            return self._places.get(link_key(url))
        except ValueError:
            return None
