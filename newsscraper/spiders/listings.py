"""Feeds and sitemaps as routes to articles, shared by the generic ``news`` spider.

A site's feeds are its ``feed_urls``, or, when it has none, the feeds its section pages announce
with ``<link rel="alternate">``. Its sitemaps are its ``sitemap_urls``, or the ``Sitemap:`` lines
of its robots.txt, or, when robots.txt names none, the common paths of
``NEWSSCRAPER_SITEMAP_FALLBACK_PATHS``. Sitemap indexes are followed a few levels deep. Only
sitemap entries (and index children) dated within ``NEWSSCRAPER_SITEMAP_MAX_AGE_DAYS`` of now are
followed, so an hourly run reads today's news sitemap, not the archive: the model is
``SitemapSpider.sitemap_filter``, with the news fields Scrapy's parser drops.

A listing that fails (404, not XML, too large, hostile) is counted under
``newsscraper/feeds/failed/<reason>`` or ``newsscraper/sitemaps/failed/<reason>`` and logged; it
is not an article drop. Guessed sitemap paths that don't exist are only counted. An entry whose URL
can't be parsed is skipped and counted (``newsscraper/feeds/bad_url``, ``…/sitemaps/bad_url``).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.asyncio import is_asyncio_available

from newsscraper.discovery.dates import parse_now
from newsscraper.discovery.feeds import parse_feed
from newsscraper.discovery.links import LinkKind, is_same_site, site_host
from newsscraper.discovery.safexml import RejectedXML
from newsscraper.discovery.sitemaps import fallback_sitemap_urls, parse_sitemap, robots_sitemap_urls, site_roots
from newsscraper.middlewares.robots import RobotsTxtMiddleware
from newsscraper.scrapyapi import get_downloader_middleware
from newsscraper.spiders.base import ArticleSpider, site_meta
from newsscraper.stats import Drop, count, listing_key

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure
    from typing_extensions import Self

    from newsscraper.discovery.sitemaps import SitemapEntry
    from newsscraper.discovery.sites import Site

__all__ = ["ListingSpider", "is_listed_article"]

MAX_SITEMAP_DEPTH = 3  # robots.txt -> index -> index -> sitemap
#: listings go out before the articles they name (Scrapy: higher first; articles keep 0)
LISTING_PRIORITY = 10


class Breath:
    """A pause between sitemap entries, where the reactor gets a turn (see ``parse_sitemap``)."""


BREATH = Breath()
#: sitemap entries read between two turns of the reactor (some milliseconds of work)
BREATH_EVERY = 500


def breathing(entries: Iterator[SitemapEntry]) -> Iterator[SitemapEntry | Breath]:
    """The entries, with a :data:`BREATH` after every ``BREATH_EVERY`` of them."""
    for n, entry in enumerate(entries, 1):
        yield entry
        if n % BREATH_EVERY == 0:
            yield BREATH


async def let_the_reactor_run() -> None:
    """Give the event loop one turn: what is ready (downloads, timers) runs, then we go on."""
    if is_asyncio_available():
        await asyncio.sleep(0)


def is_listed_article(site: Site, url: str, *, trusted: bool) -> bool:
    """Whether a URL a feed or sitemap lists is worth fetching as an article.

    A feed item or a Google News entry is an article by the site's own word (``trusted``) unless it
    is off-site or a static file; a plain sitemap entry also lists sections and tags, so it must
    look like an article. A site's ``article_pattern`` has the last word either way.
    """
    kind = site.classify(url)
    if kind in (LinkKind.OFFSITE, LinkKind.STATIC):
        return False
    if site.article_pattern is not None:
        return kind is LinkKind.ARTICLE
    return trusted or kind is LinkKind.ARTICLE


class ListingSpider(ArticleSpider):
    """Adds the feed and sitemap routes; a subclass yields :meth:`discovery_requests` per site."""

    #: the moment sitemap ages are measured from (``NEWSSCRAPER_NOW``, else the clock at the start)
    now: datetime

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Fix "now"; a bad ``NEWSSCRAPER_NOW`` stops the crawl before any request."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.now = parse_now(spider.config.now)
        return spider

    def discovery_requests(self, site: Site) -> Iterator[scrapy.Request]:
        """The site's configured feeds, and its sitemaps: configured, else robots.txt first.

        With the project's robots.txt middleware on, robots.txt is the one it downloads to obey,
        read by :meth:`robots_sitemap_requests`; without it (``ROBOTSTXT_OBEY = False``), the
        spider requests robots.txt itself.
        """
        for url in site.feed_urls:
            yield self.feed_request(url, site)
        if site.sitemap_urls:
            for url in site.sitemap_urls:
                yield self.sitemap_request(url, site, depth=0)
            return
        if self.robots_middleware() is not None:
            return
        for root in site_roots(site.start_urls or site.feed_urls):
            yield self.listing_request(root + "/robots.txt", site, self.parse_robots, {"site": site},
                                       dont_obey_robotstxt=True)

    async def robots_sitemap_requests(self, sites: Iterable[Site]) -> AsyncIterator[scrapy.Request]:
        """The sitemaps each site's robots.txt names, from the robots.txt middleware's copy; the
        spider yields these after every site's other start requests, as robots.txt may take a while."""
        robots = self.robots_middleware()
        if robots is None:
            return
        for site in sites:
            if site.sitemap_urls:
                continue
            for root in site_roots(site.start_urls or site.feed_urls):
                urls = await robots.sitemap_urls(root)
                if urls is None:  # no response: Scrapy logged it, and the run counts it as an error
                    continue
                for request in self.robots_sitemaps(site, root, urls):
                    yield request

    def robots_middleware(self) -> RobotsTxtMiddleware | None:
        """The project's robots.txt middleware, if this crawl's downloader has it (not before the
        engine exists, nor with ``ROBOTSTXT_OBEY = False``)."""
        return get_downloader_middleware(self.crawler, RobotsTxtMiddleware)

    def feed_request(self, url: str, site: Site) -> scrapy.Request:
        return self.listing_request(url, site, self.parse_feed, {"site": site})

    def sitemap_request(self, url: str, site: Site, *, depth: int, guessed: bool = False) -> scrapy.Request:
        return self.listing_request(url, site, self.parse_sitemap, {"site": site, "depth": depth, "guessed": guessed})

    def listing_request(self, url: str, site: Site, callback: Any, cb_kwargs: dict[str, Any],
                        **meta: Any) -> scrapy.Request:
        """A feed, sitemap or robots.txt request: size-capped, its failures counted as listing failures,
        and scheduled before article requests, so that what every listing says of an article (its
        date, its title) is known before the article is fetched, whichever listing names it first."""
        return scrapy.Request(url, callback=callback, errback=self.listing_failed, cb_kwargs=cb_kwargs,
                              priority=LISTING_PRIORITY,
                              meta={**site_meta(site), "download_maxsize": self.config.xml_max_bytes, **meta})

    def parse_feed(self, response: Response, site: Site) -> Iterator[scrapy.Request]:
        """Request every article the feed lists, with the feed's title and date for it."""
        if response.status >= 400:
            self.listing_problem("feeds", Drop.http(response.status), response.url)
            return
        try:
            entries = parse_feed(response.body, response.url, max_bytes=self.config.xml_max_bytes)
        except RejectedXML as exc:
            self.listing_problem("feeds", exc.reason, response.url, str(exc))
            return
        self.count("feeds", "read")
        for entry in entries:
            self.count("feeds", "entries")
            if not self.requestable(entry.url, "feeds"):
                continue
            if is_listed_article(site, entry.url, trusted=True):
                yield self.article_request(entry.url, site, "feed", published=entry.published, title=entry.title)
            else:
                self.count("feeds", "not_article")

    def parse_robots(self, response: Response, site: Site) -> Iterator[scrapy.Request]:
        """The spider's own robots.txt request (``ROBOTSTXT_OBEY = False``): see :meth:`robots_sitemaps`."""
        urls = robots_sitemap_urls(response.body, response.url) if response.status < 400 else []
        yield from self.robots_sitemaps(site, urljoin(response.url, "/").rstrip("/"), urls)

    def robots_sitemaps(self, site: Site, root: str, urls: list[str]) -> Iterator[scrapy.Request]:
        """The sitemaps robots.txt names, or the common paths on ``root`` when it names none."""
        for url in urls:
            yield self.sitemap_request(url, site, depth=0)
        if not urls:
            for url in fallback_sitemap_urls(root, self.config.sitemap_fallback_paths):
                yield self.sitemap_request(url, site, depth=0, guessed=True)

    async def parse_sitemap(
        self, response: Response, site: Site, depth: int, guessed: bool = False
    ) -> AsyncIterator[scrapy.Request]:
        """Follow a sitemap index's fresh children, or request a urlset's fresh article entries.

        A sitemap may list 50,000 URLs or more, most of them too old: reading them takes seconds,
        which every download in flight would spend waiting (and time out). So the reactor gets a
        turn every ``BREATH_EVERY`` entries, the callback's ``await`` (an async callback)."""
        if response.status >= 400:
            self.listing_problem("sitemaps", Drop.http(response.status), response.url, guessed=guessed)
            return
        try:
            sitemap = parse_sitemap(response.body, response.url, max_bytes=self.config.xml_max_bytes)
        except RejectedXML as exc:
            self.listing_problem("sitemaps", exc.reason, response.url, str(exc), guessed=guessed)
            return
        self.count("sitemaps", "read")
        cutoff = self.now - self.config.sitemap_max_age
        entries = breathing(iter(sitemap))
        if sitemap.kind == "sitemapindex":
            requests = self.sitemap_children(entries, site, response.url, depth, cutoff)
        else:
            requests = self.sitemap_articles(entries, site, cutoff)
        for request in requests:
            if request is BREATH:
                await let_the_reactor_run()
            else:
                yield request
        if sitemap.truncated:
            self.listing_problem("sitemaps", "truncated", response.url, "the entries before the cut were read")

    def sitemap_articles(self, entries: Iterator[SitemapEntry | Breath], site: Site,
                         cutoff: datetime) -> Iterator[scrapy.Request | Breath]:
        """A urlset's fresh entries that look like articles (and the breaths among them)."""
        for entry in entries:
            if entry is BREATH:
                yield entry
                continue
            self.count("sitemaps", "entries")
            # the date first: most entries of a large sitemap are old, and their URLs cost nothing then
            if not self.fresh(entry, cutoff, undated_ok=False):
                continue
            if not self.requestable(entry.loc, "sitemaps"):
                continue
            if is_listed_article(site, entry.loc, trusted=entry.is_news):
                yield self.article_request(entry.loc, site, "sitemap", published=entry.news_published,
                                           title=entry.news_title)
            else:
                self.count("sitemaps", "not_article")

    def sitemap_children(self, entries: Iterator[SitemapEntry | Breath], site: Site, index_url: str, depth: int,
                         cutoff: datetime) -> Iterator[scrapy.Request | Breath]:
        """An index's children changed since the cutoff (or undated), on the site or the index's host."""
        if depth + 1 > MAX_SITEMAP_DEPTH:
            self.listing_problem("sitemaps", Drop.TOO_DEEP, index_url)
            return
        hosts = (*site.allowed_domains, site_host(index_url))
        for entry in entries:
            if entry is BREATH:
                yield entry
                continue
            if not self.requestable(entry.loc, "sitemaps") or not self.fresh(entry, cutoff, undated_ok=True):
                continue
            if is_same_site(entry.loc, hosts):
                yield self.sitemap_request(entry.loc, site, depth=depth + 1)
            else:
                self.count("sitemaps", "offsite")

    def fresh(self, entry: SitemapEntry, cutoff: datetime, *, undated_ok: bool) -> bool:
        """Dated at or after the cutoff; an undated entry only where ``undated_ok`` (index children)."""
        date = entry.date
        if date is None:
            if not undated_ok:
                self.count("sitemaps", "undated")
            return undated_ok
        if date < cutoff:
            self.count("sitemaps", "too_old")
            return False
        return True

    def listing_failed(self, failure: Failure) -> None:
        """Errback of listing requests: robots.txt forbids it, or no response came."""
        request = failure.request  # type: ignore[attr-defined]
        kind = "feeds" if request.callback == self.parse_feed else "sitemaps"
        reason = Drop.ROBOTS_TXT if failure.check(IgnoreRequest) else Drop.DOWNLOAD_ERROR
        self.listing_problem(kind, reason, request.url, repr(failure.value),
                             guessed=request.cb_kwargs.get("guessed", False))

    def listing_problem(self, kind: str, reason: str, url: str, detail: str = "", *, guessed: bool = False) -> None:
        """Count a listing that gave nothing; a guessed sitemap path that isn't there is only counted."""
        if guessed:
            self.count("sitemaps", "guesses_missed")
            self.logger.debug("No sitemap at guessed %s (%s)", url, reason)
            return
        self.count(kind, f"failed/{reason}")
        self.logger.warning("Unusable %s (%s): %s%s", kind[:-1], reason, url, f" ({detail})" if detail else "")

    def count(self, kind: str, event: str) -> None:
        """Add one to ``newsscraper/<kind>/<event>``."""
        count(self.crawler.stats, listing_key(kind, event))
