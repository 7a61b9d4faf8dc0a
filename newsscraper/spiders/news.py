"""The ``news`` spider: from each site's section pages, feeds and sitemaps to its articles.

One generic spider serves every site of the sites file (sites are data): each site's routes
differ only in configuration, never in code. ::

    scrapy crawl news -a start_urls=https://example.com/,https://example.com/world/
    scrapy crawl news -a sites=sites.toml
    scrapy crawl news -a start_urls=https://example.com/ -O articles.jsonl

Section and pagination links are followed up to ``NEWSSCRAPER_SECTION_DEPTH`` links away from a
start URL; article links (recognised by :meth:`newsscraper.discovery.sites.Site.classify`) are fetched once
each and cleaned. Tag, author, off-site, static and utility links are not followed. Section pages
also announce the site's feeds (``<link rel="alternate">``), which are read when the site lists
no ``feed_urls``. Feeds and sitemaps: :mod:`newsscraper.spiders.listings`.

On a shared frontier (``NEWSSCRAPER_REDIS_URL``), start URLs can also be pushed to Redis
(:mod:`newsscraper.frontier.starts`), and a worker may run without sites. ::

    scrapy crawl news -s NEWSSCRAPER_REDIS_URL=redis://127.0.0.1:6379/0
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

import scrapy
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import get_base_url

from newsscraper.discovery.context import ArticleShapes, PagePlaces, decide
from newsscraper.discovery.feeds import feed_links
from newsscraper.discovery.links import LinkKind, canonical_url, could_be_article, is_same_site
from newsscraper.discovery.sites import sites_from_urls
from newsscraper.frontier.starts import RedisStartUrls
from newsscraper.spiders.base import site_meta
from newsscraper.spiders.listings import ListingSpider
from newsscraper.store.crawl import CrawlStore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Any

    from scrapy.http import Response, TextResponse

    from newsscraper.discovery.sites import Site

__all__ = ["NewsSpider"]

LISTING_KINDS = frozenset({LinkKind.SECTION, LinkKind.PAGINATION})
#: stored article URLs a site's URL shapes are read from: its latest ones
SHAPE_URLS = 1000


class NewsSpider(ListingSpider):
    """Section pages, feeds and sitemaps in, articles out; every link decision is the site's
    classifier's (:meth:`newsscraper.discovery.sites.Site.classify`)."""

    name = "news"

    # Every link is judged by `classify`, static files included, so none is filtered here.
    link_extractor = LinkExtractor(deny_extensions=())
    #: the URL shapes of each site's stored articles, by site name, read once a run
    article_shapes: dict[str, ArticleShapes]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article_shapes = {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Every start URL of every site is a section page at depth 0; then its feeds and sitemaps;
        then the sitemaps named in robots.txt, which wait for it; last, on a shared frontier, the
        start URLs pushed to Redis."""
        for site in self.sites:
            await self.read_article_shapes(site)
            for request in self.site_requests(site):
                yield request
        async for request in self.robots_sitemap_requests(self.sites):
            yield request
        pushed = RedisStartUrls.of(self.crawler)
        if pushed is not None:
            async for request in pushed.start(self):
                yield request

    def site_requests(self, site: Site) -> Iterator[scrapy.Request]:
        """A site's start URLs as section pages at depth 0, then its feeds and sitemaps."""
        for url in site.start_urls:
            yield self.section_request(url, site, depth=0)
        yield from self.discovery_requests(site)

    async def start_url_requests(self, url: str) -> AsyncIterator[scrapy.Request]:
        """A start URL pushed to the shared frontier: a start page of the sites-file site it is on,
        else of a site of its own (as ``-a start_urls`` makes them); raises ValueError for a URL
        that is not http(s)."""
        own = sites_from_urls([url])
        known = [s for s in self.sites if is_same_site(url, s.allowed_domains)]
        site = replace(known[0], start_urls=(url,)) if known else own[0]
        await self.read_article_shapes(site)
        for request in self.site_requests(site):
            yield request
        async for request in self.robots_sitemap_requests([site]):
            yield request

    async def read_article_shapes(self, site: Site) -> None:
        """Read the URL shapes of the site's stored articles, once a run: one query on the store's
        writer thread (none without a store: the shapes then say nothing)."""
        if site.name in self.article_shapes:
            return
        owner = CrawlStore.of(self.crawler)
        urls: list[str] = []
        if owner is not None:
            with owner.closing_crawl_on_error():
                urls = await maybe_deferred_to_future(owner.writer.article_urls(site.allowed_domains,
                                                                                limit=SHAPE_URLS))
        self.article_shapes[site.name] = ArticleShapes.from_urls(urls)

    def section_request(self, url: str, site: Site, depth: int) -> scrapy.Request:
        """A request for a listing page that carries its site and depth to the callback."""
        return scrapy.Request(
            url, callback=self.parse_section, errback=self.on_error, cb_kwargs={"site": site, "depth": depth},
            meta=site_meta(site),
        )

    def parse_section(self, response: Response, site: Site, depth: int) -> Iterator[scrapy.Request]:
        """Request every article linked from a section page, the sections one level deeper, and the
        feeds the page announces when the site lists none."""
        if not self.usable(response):
            return
        if not site.feed_urls:
            for url in feed_links(response):  # type: ignore[arg-type]  # usable() made sure it is HTML
                if self.requestable(url, "links") and is_same_site(url, site.allowed_domains):
                    yield self.feed_request(url, site)
        page = cast("TextResponse", response)  # usable() made sure it is HTML
        places = PagePlaces(page.selector.root, get_base_url(page), page.url, page.encoding)
        for link in self.link_extractor.extract_links(page):
            kind = self.link_kind(link.url, site, places)
            self.count("links", kind.value)
            if kind is LinkKind.ARTICLE:
                yield self.article_request(link.url, site, "section")
            elif kind in LISTING_KINDS and depth < self.config.section_depth:
                yield self.section_request(canonical_url(link.url), site, depth + 1)

    def link_kind(self, url: str, site: Site, places: PagePlaces) -> LinkKind:
        """The site's classifier's kind of a link, unless the URL leaves it undecided: then the page
        around the link and the site's stored URL shapes decide, and the decision is counted
        (``newsscraper/links/context/<decision>``, :func:`newsscraper.discovery.context.decide`)."""
        kind = site.classify(url)
        if kind is LinkKind.ARTICLE or site.article_pattern is not None:
            return kind
        if not could_be_article(url, site.allowed_domains):
            return kind
        shapes = self.article_shapes.get(site.name) or ArticleShapes()
        is_article, decision = decide(places.place(url), shapes.has(url))
        self.count("links", f"context/{decision}")
        return LinkKind.ARTICLE if is_article else kind
