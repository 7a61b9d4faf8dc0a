"""Sitemaps, sitemap indexes and Google News sitemaps, read with the fields a news crawl needs.

Scrapy's :class:`scrapy.utils.sitemap.Sitemap` keeps only the text of each ``<url>``'s direct
children, so ``<news:news><news:publication_date>`` and ``<news:title>`` are lost, and many news
sitemaps have no ``<lastmod>``. This parser reads the same documents the same safe way (lxml,
entities never expanded, elements freed as they are read, size capped before and after gunzip)
and keeps those fields. Where the sitemaps are found comes from robots.txt (its ``Sitemap:`` lines,
read as Scrapy's :func:`~scrapy.utils.sitemap.sitemap_urls_from_robots` reads them, but one bad
line doesn't cost the others) or, failing that, common paths.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsscraper.discovery.dates import iso, parse_date
from newsscraper.discovery.safexml import ElementStream, RejectedXML, local_name, text_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime

    from lxml import etree

__all__ = [
    "Sitemap", "SitemapEntry", "fallback_sitemap_urls", "parse_sitemap", "robots_sitemap_urls",
    "site_roots",
]

ENTRY_TAGS = frozenset({"url", "sitemap"})
SITEMAP_TYPES = frozenset({"urlset", "sitemapindex"})


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` or ``<sitemap>``: its location and whatever dates and title it gives.

    ``news_published`` and ``news_title`` come from a Google News ``<news:news>`` block; ``is_news``
    says the block was there (the site lists this URL as a news article).
    """

    loc: str
    lastmod: str | None = None
    news_published: str | None = None
    news_title: str | None = None
    is_news: bool = False

    @property
    def date(self) -> datetime | None:
        """The date that says how fresh the entry is: the publication date, else ``lastmod``."""
        return parse_date(self.news_published) or parse_date(self.lastmod)


class Sitemap:
    """A sitemap being read: its :attr:`kind` (``urlset`` or ``sitemapindex``), its entries when
    iterated (lazily, so a caller that stops early reads no further), and once read, whether the
    document was cut short (:attr:`truncated`)."""

    def __init__(self, stream: ElementStream, base_url: str) -> None:
        self.kind = local_name(stream.root)
        self._stream = stream
        self._base_url = base_url

    def __iter__(self) -> Iterator[SitemapEntry]:
        return (entry for element in self._stream if (entry := _entry(element, self._base_url)) is not None)

    @property
    def truncated(self) -> bool:
        return self._stream.truncated


def parse_sitemap(body: bytes, base_url: str, *, max_bytes: int) -> Sitemap:
    """A urlset or sitemap index; raises :class:`RejectedXML` for anything else.

    The body may be gzipped and may have come with any Content-Type (``text/plain``,
    ``application/octet-stream``) from any URL (``sitemap.php?page=2``): only its content counts.
    """
    sitemap = Sitemap(ElementStream(body, ENTRY_TAGS, max_bytes), base_url)
    if sitemap.kind not in SITEMAP_TYPES:
        raise RejectedXML("not_a_sitemap", f"<{sitemap.kind}> is not a sitemap")
    return sitemap


def _entry(element: etree._Element, base_url: str) -> SitemapEntry | None:
    fields: dict[str, str] = {}
    news: dict[str, str] = {}
    is_news = False
    for child in element:
        name = local_name(child)
        if name == "news":
            is_news = True
            news.update((local_name(part), text_of(part)) for part in child.iter() if part is not child)
        elif name:
            fields[name] = text_of(child)
    loc = fields.get("loc", "")
    if not loc:
        return None
    if not loc.startswith(("http://", "https://")):  # sitemaps.org wants absolute URLs: most are
        with suppress(ValueError):  # "http://[oops" is kept as written: the spider skips and counts it
            loc = urljoin(base_url, loc)
        if not loc.startswith(("http://", "https://")):
            return None
    return SitemapEntry(
        loc,
        lastmod=iso(parse_date(fields.get("lastmod"))),
        news_published=iso(parse_date(news.get("publication_date"))),
        news_title=news.get("title") or None,
        is_news=is_news,
    )


def robots_sitemap_urls(body: bytes, robots_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, as absolute URLs; a line whose URL can't be parsed
    (``Sitemap: http://[oops``) is skipped, not the robots.txt."""
    urls = []
    for line in body.decode("utf-8", errors="ignore").splitlines():
        if line.lstrip().lower().startswith("sitemap:"):
            with suppress(ValueError):
                urls.append(urljoin(robots_url, line.split(":", 1)[1].strip()))
    return list(dict.fromkeys(u for u in urls if u.startswith(("http://", "https://"))))


def fallback_sitemap_urls(root: str, paths: Iterable[str]) -> list[str]:
    """Where sitemaps usually are on a host (``https://example.com``) whose robots.txt names none."""
    return [urljoin(root + "/", path.lstrip("/")) for path in paths]


def site_roots(urls: Iterable[str]) -> list[str]:
    """``scheme://host[:port]`` of each URL, once each, in order: where robots.txt is asked for."""
    roots = (f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls) if p.scheme in ("http", "https") and p.netloc)
    return list(dict.fromkeys(roots))
