"""What every newsscraper spider shares: which sites to crawl, the article callback, counted drops.

However an article URL is found (a section page, a feed, a sitemap), it becomes one request made by
:meth:`ArticleSpider.article_request`: the URL in its canonical form, so that Scrapy's dupefilter
fetches a URL found by several routes once, and ``meta["newsscraper"]`` saying how it was found
and what the listing said about it. :meth:`ArticleSpider.parse_article` turns the response into
an item.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakValueDictionary

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from w3lib.encoding import http_content_type_encoding
from w3lib.url import safe_url_string

from cleaners import NotAnArticle
from newsscraper.config import NewsSettings
from newsscraper.discovery.links import canonical_url, choose_canonical
from newsscraper.discovery.sites import Site, load_sites, sites_from_urls
from newsscraper.exitcodes import UserError
from newsscraper.extraction.cleaning import Cleaning
from newsscraper.extraction.pool import CleanFailed
from newsscraper.items import ArticleItem
from newsscraper.meta import ARTICLE_META, is_article_request
from newsscraper.middlewares.notmodified import NotModified
from newsscraper.middlewares.robots import ForbiddenByRobots
from newsscraper.scrapyapi import inflated_too_large
from newsscraper.stats import CLEANER_PREFIX, Drop, count, count_drop, listing_key, route_key

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, MutableMapping

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure
    from typing_extensions import Self

__all__ = ["ArticleSpider", "Listing", "resolve_sites", "site_meta"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: the spider arguments (``-a NAME=VALUE``) of every newsscraper spider
ARGUMENTS = ("start_urls", "sites")
#: keyword arguments handed on to scrapy.Spider: its own, and scrapyd's job id
PASSED_THROUGH = frozenset({"name", "_job"})


def resolve_sites(start_urls: str | None, sites: str | None, sites_setting: str | None, *,
                  shared_frontier: bool = False) -> list[Site]:
    """The sites of this run: ``-a start_urls=…`` wins, then ``-a sites=FILE``, then the setting; on
    a shared frontier, none is fine (the start URLs pushed to Redis, and the shared queue)."""
    if start_urls:
        return sites_from_urls(start_urls.split(","))
    path = sites or sites_setting
    if path:
        return load_sites(path)
    if shared_frontier:
        return []
    raise UserError(
        "nothing to crawl: pass -a start_urls=URL[,URL...] or -a sites=sites.toml, "
        "or set NEWSSCRAPER_SITES (or NEWSSCRAPER_REDIS_URL, and push start URLs to Redis)"
    )


def site_meta(site: Site) -> dict[str, Any]:
    """Request meta every request of a site carries: its own download slot when it has its own
    delay (``DOWNLOAD_SLOTS``), kept as set rather than tuned by AutoThrottle."""
    if site.download_slot is None:
        return {}
    return {"download_slot": site.download_slot, "autothrottle_dont_adjust_delay": True}


class Listing(dict):  # type: ignore[type-arg]
    """What the listings said of one article URL (``meta["newsscraper"]``): a dict that can be
    referred to weakly, so the spider finds it while a request carries it, and no longer."""

    __slots__ = ("__weakref__",)


class ArticleSpider(scrapy.Spider):
    """Base of the newsscraper spiders; subclasses find article URLs and request
    ``parse_article`` with ``cb_kwargs={"site": site}`` and ``errback=self.on_error``."""

    # Error responses reach the callbacks, which count them as drops (one log line each),
    # instead of HttpErrorMiddleware logging and swallowing them. Redirects still work.
    handle_httpstatus_list: ClassVar[list[int]] = list(range(400, 600))

    def __init__(self, *args: Any, start_urls: str | None = None, sites: str | None = None, **kwargs: Any):
        unknown = sorted(set(kwargs) - PASSED_THROUGH)
        if unknown:  # Scrapy would set it as an attribute nobody reads: a misspelt -a is lost silently
            raise UserError.unknown("argument", unknown[0], ARGUMENTS)
        super().__init__(*args, **kwargs)
        self.start_urls_arg = start_urls
        self.sites_arg = sites
        self.sites: list[Site] = []
        #: the crawl's NEWSSCRAPER_* settings, read in from_crawler
        self.config: NewsSettings
        # What the listings said about each article URL whose request is waiting, by canonical
        # URL: the meta of its first request, which later routes complete while it waits its turn.
        # Weak: once the request is done, nothing of it stays for the rest of the run (on a shared
        # frontier, from_crawler makes it strong: the queued request is a copy in Redis).
        self.listed: MutableMapping[str, Listing] = WeakValueDictionary()
        # The routes each article URL was found by, for the whole run (each counted once per URL):
        # one shared set per combination of routes, so a URL costs one dictionary entry.
        self.found_by: dict[str, frozenset[str]] = {}
        self._route_sets: dict[frozenset[str], frozenset[str]] = {}
        #: REDIRECT_MAX_TIMES: a request ignored after that many redirects was given up for them
        self.max_redirects = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Resolve the sites here, so a bad sites file stops the crawl before any request."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = NewsSettings.from_settings(crawler.settings)
        spider.sites = resolve_sites(spider.start_urls_arg, spider.sites_arg, spider.config.sites,
                                     shared_frontier=bool(spider.config.redis_url))
        if spider.config.redis_url:
            spider.listed = {}  # listing_info() takes each entry back when its article arrives
        spider.max_redirects = crawler.settings.getint("REDIRECT_MAX_TIMES")
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        spider.add_download_slots(crawler)
        return spider

    def add_download_slots(self, crawler: Crawler) -> None:
        """One ``DOWNLOAD_SLOTS`` entry per site with its own ``download_delay``.

        Scrapy reads the setting when the downloader starts, after ``from_crawler``, while the
        settings can still change; a frozen copy (a test's crawler) only gets a warning.
        """
        slots = {s.download_slot: {"delay": s.download_delay} for s in self.sites if s.download_slot}
        if not slots:
            return
        if crawler.settings.frozen:
            self.logger.warning("settings frozen: per-site download delays not applied")
            return
        merged = {**crawler.settings.getdict("DOWNLOAD_SLOTS"), **slots}
        crawler.settings.set("DOWNLOAD_SLOTS", merged, priority="spider")

    def article_request(
        self, url: str, site: Site, route: str, *, published: str | None = None, title: str | None = None
    ) -> scrapy.Request:
        """The request for an article URL found by ``route``; the same URL found again by another
        route yields the same canonical request (dropped by the dupefilter) and completes the
        listing data of the first one if it is still waiting."""
        url = canonical_url(url)
        info = self.listed.get(url)
        if info is None:
            info = Listing(site=site.name, discovered_via=route, routes=[], listed_published=None, listed_title=None)
        if route not in info["routes"]:
            info["routes"].append(route)
        info["listed_published"] = info["listed_published"] or published
        info["listed_title"] = info["listed_title"] or title
        request = scrapy.Request(url, callback=self.parse_article, errback=self.on_error, cb_kwargs={"site": site},
                                 meta={**site_meta(site), ARTICLE_META: info})
        self.listed.setdefault(request.url, info)  # the request's own string: the one the run keeps
        routes = self.found_by.get(url, frozenset())
        if route not in routes:
            routes = routes | {route}
            self.found_by[request.url] = self._route_sets.setdefault(routes, routes)
            count(self.crawler.stats, route_key(route))
        return request

    def requestable(self, url: str, kind: str) -> bool:
        """Whether ``url`` can be requested at all. One that can't be parsed ("http://[oops", a port
        out of range) is skipped and counted as ``newsscraper/<kind>/bad_url``: one bad link in a
        feed, sitemap or page must not cost the good ones after it."""
        try:
            # what scrapy.Request does with it: w3lib < 2.5 lets a port past 65535 through canonical_url
            safe_url_string(canonical_url(url))
        except ValueError:
            count(self.crawler.stats, listing_key(kind, "bad_url"))
            self.logger.debug("Skipped an unparsable URL (%s): %r", kind, url)
            return False
        return True

    async def parse_article(self, response: Response, site: Site) -> AsyncIterator[ArticleItem]:
        """Hand the page to the cleaner (a worker process) and yield the article, or count why
        there is none."""
        if not self.usable(response):
            return
        if len(response.body) > self.config.max_page_bytes:
            self.drop(Drop.TOO_LARGE, response.url, f"{len(response.body)} bytes", level=logging.WARNING)
            return
        encoding = http_content_type_encoding(response.headers.get(b"Content-Type", b"").decode("latin-1"))
        try:
            article = await Cleaning.of(self.crawler).clean(response.body, response.url, encoding)
        except NotAnArticle as exc:
            self.drop(exc.reason, response.url, str(exc))
            return
        except CleanFailed as exc:
            self.drop(exc.reason, response.url, exc.detail, level=logging.WARNING)
            return
        for problem in article.problems:  # read anyway, but a site whose JSON-LD or dates broke shows
            count(self.crawler.stats, CLEANER_PREFIX + problem)
        info = self.listing_info(response)
        listed = info.get("listed_published")
        yield ArticleItem(
            url=response.url,
            title=article.title or info.get("listed_title"),
            text=article.text,
            paragraphs=list(article.paragraphs),
            standfirst=article.standfirst,
            canonical_url=choose_canonical(response.url, article.canonical_url, site.allowed_domains),
            authors=list(article.authors),
            published=article.published or (listed[:10] if listed else None),
            language=article.language,
            discovered_via=info.get("discovered_via"),
            listed_published=listed,
            redirected_from=list(response.meta.get("redirect_urls", ())),
            site=site.name,
        )

    def listing_info(self, response: Response) -> dict[str, Any]:
        """What the listings said about the article: this process's record of its first request,
        which later routes completed, else the request's copy (a request that went through the
        shared frontier's queue is a pickled copy, and may come from another process)."""
        first_url = response.meta.get("redirect_urls", [response.url])[0]
        info: dict[str, Any] = self.listed.pop(first_url, None) or response.meta.get(ARTICLE_META) or {}
        return info

    def usable(self, response: Response) -> bool:
        """False (and a counted drop) for an error status or a response that is not HTML."""
        if response.status >= 400:
            self.drop(Drop.http(response.status), response.url, level=logging.WARNING)
            return False
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        # Scrapy guesses HtmlResponse from a URL ending in .html even when the server says PDF;
        # the server's Content-Type, when there is one, is what the body is.
        mime = content_type.split(";")[0].strip().lower()
        if (mime and mime not in HTML_TYPES) or not isinstance(response, HtmlResponse):
            self.drop(Drop.NOT_HTML, response.url, content_type or "no Content-Type")
            return False
        return True

    def on_error(self, failure: Failure) -> None:
        """Errback: a request that got no response (robots.txt, DNS, timeout…) is a counted drop;
        a 304 (the stored article is current) is not."""
        url = failure.request.url  # type: ignore[attr-defined]
        if failure.check(NotModified):
            return
        if failure.check(IgnoreRequest):
            self.drop(self.ignored_reason(failure), url, str(failure.value))
        else:
            self.drop(Drop.DOWNLOAD_ERROR, url, repr(failure.value), level=logging.WARNING)

    def ignored_reason(self, failure: Failure) -> str:
        """Why a middleware gave up a request: robots.txt, a gzip bomb, a chain of redirects."""
        if failure.check(ForbiddenByRobots):
            return Drop.ROBOTS_TXT
        if inflated_too_large(failure.value):
            return Drop.TOO_LARGE
        if len(failure.request.meta.get("redirect_urls", ())) >= self.max_redirects > 0:  # type: ignore[attr-defined]
            return Drop.TOO_MANY_REDIRECTS
        return Drop.IGNORED

    def request_dropped(self, request: scrapy.Request) -> None:
        """An article request the scheduler refused as already seen, after redirects that came back
        to a URL of their own chain: a redirect loop, counted (Scrapy ends it without an errback).
        A redirect to an article requested by another link is just that article, fetched once."""
        redirects = request.meta.get("redirect_urls")
        if redirects and request.url in redirects and is_article_request(request):
            self.drop(Drop.REDIRECT_LOOP, redirects[0], f"redirected back to {request.url}")

    def drop(self, reason: str, url: str, detail: str = "", *, level: int = logging.INFO) -> None:
        """Count ``newsscraper/dropped/<reason>`` and log it once with the URL."""
        count_drop(self.crawler.stats, reason)
        self.logger.log(level, "Dropped (%s): %s%s", reason, url, f" ({detail})" if detail else "")
