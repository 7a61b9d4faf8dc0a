"""Every ``newsscraper/...`` stats key of a crawl, defined once, and the counting of drops.

The stats are the crawl's one channel for counts: the spider, the middlewares and the pipelines
add to them, and the run recorder turns them into the ``runs`` row the summary prints. So every
key, drop reason and per-site counter has one name here, and nobody matches log text:

- ``newsscraper/dropped/<reason>``: a page or item the crawl gave up on, one reason each
  (:class:`Drop`, or the cleaner's :class:`cleaners.NotAnArticle` reason);
- ``newsscraper/articles/<change>``: what the store did with an article (new, updated, unchanged);
- ``newsscraper/site/<site>/<counter>``: per-site health (:data:`COUNTERS`);
- ``newsscraper/<listing>/<event>``: what the feeds, sitemaps and section links gave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

if TYPE_CHECKING:
    from scrapy.statscollectors import StatsCollector

__all__ = [
    "ARTICLES_PREFIX", "CLEANER_PREFIX", "COUNTERS", "DROPPED_PREFIX", "EXTRACTION_FAILURES",
    "FRONTIER_BAD_MESSAGES", "FRONTIER_RUN_ANSWERED", "FRONTIER_START_URLS", "ITEM_ERRORS",
    "LISTING_DOWNLOAD_ERRORS", "NOT_MODIFIED", "RESPONSES_OK", "SITE_PREFIX", "SKIPPED_FRESH", "STORE",
    "ArticleDropped", "Drop", "Site", "count", "count_drop", "count_site", "drop_item", "listing_key", "route_key",
    "site_counts",
]

DROPPED_PREFIX = "newsscraper/dropped/"
ARTICLES_PREFIX = "newsscraper/articles/"
SITE_PREFIX = "newsscraper/site/"
#: problems the cleaner reported on pages it still cleaned (unreadable JSON-LD, dates…)
CLEANER_PREFIX = "newsscraper/cleaner/"
#: the store's location, for people
STORE = "newsscraper/store"
#: responses other than robots.txt that reached the spider with a status below 400
RESPONSES_OK = "newsscraper/responses/ok"
#: article requests answered 304: unchanged, nothing downloaded
NOT_MODIFIED = "newsscraper/not_modified"
#: article requests dropped before the scheduler: fetched within NEWSSCRAPER_REFETCH_AFTER
SKIPPED_FRESH = "newsscraper/skipped/fresh"
#: a pipeline raised something other than DropItem
ITEM_ERRORS = "newsscraper/item_errors"
#: start URLs read from the shared frontier's ``<spider>:start_urls`` key, and messages there with none
FRONTIER_START_URLS = "newsscraper/frontier/start_urls"
FRONTIER_BAD_MESSAGES = "newsscraper/frontier/bad_messages"
#: 1 when some process of this shared-frontier run got a usable response (this one or another)
FRONTIER_RUN_ANSWERED = "newsscraper/frontier/run_answered"


class Drop:
    """The drop reasons the crawl itself gives (the cleaner's own come with its NotAnArticle)."""

    MISSING_URL = "missing_url"
    MISSING_TITLE = "missing_title"
    MISSING_TEXT = "missing_text"
    TOO_SHORT = "too_short"
    SHRUNK = "shrunk"
    DUPLICATE_URL = "duplicate_url"
    DUPLICATE_TEXT = "duplicate_text"
    NOT_HTML = "not_html"
    ROBOTS_TXT = "robots_txt"
    IGNORED = "ignored"
    DOWNLOAD_ERROR = "download_error"
    TOO_DEEP = "too_deep"
    #: a page over NEWSSCRAPER_MAX_PAGE_BYTES, or over DOWNLOAD_MAXSIZE once inflated (a gzip bomb): not cleaned
    TOO_LARGE = "too_large"
    #: redirected REDIRECT_MAX_TIMES times and still not there
    TOO_MANY_REDIRECTS = "too_many_redirects"
    #: a redirect back to a URL of its own chain
    REDIRECT_LOOP = "redirect_loop"

    @staticmethod
    def http(status: int) -> str:
        """An error status: ``http_404``."""
        return f"http_{status}"


#: item drop reasons that mean the page was fetched but no believable article came out of it
EXTRACTION_FAILURES = frozenset({Drop.TOO_SHORT, Drop.MISSING_TITLE, Drop.MISSING_TEXT, Drop.SHRUNK})


class Site:
    """Per-site health counters: ``newsscraper/site/<site>/<counter>``."""

    #: article URLs found
    FOUND = "found"
    #: article bodies downloaded
    FETCHED = "fetched"
    #: new or updated in the store
    STORED = "stored"
    #: same text, HTTP 304 or fetched recently
    UNCHANGED = "unchanged"
    #: a fetched page that gave no article
    FAILURES = "failures"
    #: a copy of an article seen this run or already stored
    DUPLICATES = "duplicates"


#: the per-site counters, in the order of the store's SiteHealth fields
COUNTERS = (Site.FOUND, Site.FETCHED, Site.STORED, Site.UNCHANGED, Site.FAILURES, Site.DUPLICATES)


def listing_key(kind: str, event: str) -> str:
    """``newsscraper/<kind>/<event>``: ``kind`` is feeds, sitemaps or links; ``event`` read,
    entries, bad_url, ``failed/<reason>``…"""
    return f"newsscraper/{kind}/{event}"


def route_key(route: str) -> str:
    """Article URLs found by a route (section, feed, sitemap)."""
    return f"newsscraper/routes/{route}"


#: feeds and sitemaps that got no response, counted with the run's errors
LISTING_DOWNLOAD_ERRORS = tuple(listing_key(kind, f"failed/{Drop.DOWNLOAD_ERROR}") for kind in ("feeds", "sitemaps"))


class ArticleDropped(DropItem):
    """A counted item drop; ``reason`` is its stats name, whatever the message says."""

    def __init__(self, reason: str, *, log_level: str = "INFO") -> None:
        super().__init__(reason, log_level=log_level)
        self.reason = reason


def count(stats: StatsCollector | None, key: str, value: int = 1) -> None:
    """Add to a stats key; components driven without a crawl have no stats."""
    if stats is not None:
        stats.inc_value(key, value)


def count_drop(stats: StatsCollector | None, reason: str) -> None:
    """Add one to ``newsscraper/dropped/<reason>``."""
    count(stats, DROPPED_PREFIX + reason)


def drop_item(stats: StatsCollector | None, reason: str, *, log_level: str = "INFO") -> ArticleDropped:
    """Count the drop and return the exception to raise; Scrapy logs it once with the URL."""
    count_drop(stats, reason)
    return ArticleDropped(reason, log_level=log_level)


def count_site(stats: StatsCollector | None, site: str, counter: str, value: int = 1) -> None:
    """Add to ``newsscraper/site/<site>/<counter>``."""
    count(stats, f"{SITE_PREFIX}{site}/{counter}", value)


def site_counts(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """``{site: {counter: n}}`` from a crawl's stats; site names may contain slashes."""
    sites: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if key.startswith(SITE_PREFIX):
            site, _, counter = key[len(SITE_PREFIX):].rpartition("/")
            if site and counter in COUNTERS:
                sites.setdefault(site, {})[counter] = int(value)
    return sites
