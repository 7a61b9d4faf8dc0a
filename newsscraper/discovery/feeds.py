"""RSS 2.0, RSS 1.0 and Atom feeds: the article links they list, with titles and published dates.

Feeds are read with :mod:`newsscraper.discovery.safexml` (lxml, entities never expanded, size capped).
Element names are matched by local name, so namespaced variants (``rdf:RDF``, Atom inside
another namespace prefix, ``dc:date``) need no special case. Section pages announce their feeds
with ``<link rel="alternate" type="application/rss+xml" href="…">``; :func:`feed_links` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from newsscraper.discovery.dates import iso, parse_date
from newsscraper.discovery.safexml import RejectedXML, local_name, parse, text_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml import etree
    from scrapy.http import TextResponse

__all__ = ["FEED_TYPES", "FeedEntry", "feed_links", "parse_feed"]

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
RSS_DATES = ("pubDate", "date", "published", "issued", "modified", "updated")
ATOM_DATES = ("published", "issued", "updated", "modified", "date")
HTML_TYPES = ("text/html", "application/xhtml")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its absolute URL, and the title and date the feed gives (ISO 8601)."""

    url: str
    title: str | None = None
    published: str | None = None


def parse_feed(body: bytes, base_url: str, *, max_bytes: int) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed; raises :class:`RejectedXML` for anything else."""
    root = parse(body, max_bytes)
    kind = local_name(root).lower()
    if kind == "feed":
        items, read = _children(root, "entry"), _atom_entry
    elif kind in ("rss", "rdf"):
        channel = next(iter(_children(root, "channel")), root)
        items, read = _children(channel, "item") or _children(root, "item"), _rss_item
    else:
        raise RejectedXML("not_a_feed", f"<{kind}> is not an RSS or Atom feed")
    entries = []
    for item in items:
        entry = read(item, base_url)
        if entry is not None:
            entries.append(entry)
    return entries


def feed_links(response: TextResponse) -> list[str]:
    """Absolute URLs of the feeds an HTML page announces with ``<link rel="alternate" type=…>``."""
    urls = []
    for link in response.xpath("//link[@href]"):
        rels = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES:
            urls.append(_join(response.urljoin, link.attrib["href"].strip()))
    return list(dict.fromkeys(urls))


def _join(join: Callable[[str], str], url: str) -> str:
    """``url`` made absolute by ``join``; one that can't be parsed ("http://[oops") is kept as
    written, so the spider skips and counts it rather than losing the whole feed or page."""
    try:
        return join(url)
    except ValueError:
        return url


def _children(parent: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in parent if local_name(child) == name]


def _first(parent: etree._Element, names: tuple[str, ...]) -> etree._Element | None:
    """The first child named by the earliest name in ``names`` that has text."""
    for name in names:
        for child in _children(parent, name):
            if text_of(child):
                return child
    return None


def _rss_item(item: etree._Element, base_url: str) -> FeedEntry | None:
    url = text_of(_first(item, ("link",)))
    if not url:  # RSS 2.0: a guid is the permalink unless isPermaLink="false"
        guid = _first(item, ("guid",))
        if guid is not None and guid.get("isPermaLink", "true").strip().lower() != "false":
            url = text_of(guid)
    if not url:
        url = (item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or "").strip()
    return _entry(url, item, base_url, RSS_DATES)


def _atom_entry(entry: etree._Element, base_url: str) -> FeedEntry | None:
    links = _children(entry, "link")
    alternate = [link for link in links if (link.get("rel") or "alternate").strip() == "alternate"]
    html = [link for link in alternate if (link.get("type") or "text/html").startswith(HTML_TYPES)]
    chosen = (html or alternate or [None])[0]
    url = (chosen.get("href") or "").strip() if chosen is not None else ""
    return _entry(url, entry, base_url, ATOM_DATES)


def _entry(url: str, item: etree._Element, base_url: str, date_names: tuple[str, ...]) -> FeedEntry | None:
    if not url:
        return None
    url = _join(partial(urljoin, base_url), url)
    if not url.startswith(("http://", "https://")):
        return None
    title = text_of(_first(item, ("title",))) or None
    published = iso(parse_date(text_of(_first(item, date_names))))
    return FeedEntry(url, title, published)
