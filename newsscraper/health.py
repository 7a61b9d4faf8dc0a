"""Per-site health counters and the two questions every incremental component asks of a request:
is it an article request, and which site is it for?

The counters are Scrapy stats, ``newsscraper/site/<site>/<counter>``, so the middlewares, the
pipelines' signals and the run recorder need no channel of their own; the recorder turns them into
one ``run_sites`` row a site when the crawl ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsscraper.links import site_host

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.statscollectors import StatsCollector

__all__ = [
    "ARTICLE_CALLBACK", "COUNTERS", "SITE_PREFIX", "count_site", "is_article_request", "site_counts", "site_of",
]

SITE_PREFIX = "newsscraper/site/"
#: found: article URLs found; fetched: article bodies downloaded; stored: new or updated;
#: unchanged: same text, HTTP 304 or fetched recently; failures: no article from a fetched page;
#: duplicates: a copy of an article seen this run or already stored. In the order of SiteHealth's fields.
COUNTERS = ("found", "fetched", "stored", "unchanged", "failures", "duplicates")
#: the callback every newsscraper spider sends article responses to (spiders/base.py)
ARTICLE_CALLBACK = "parse_article"
#: request.meta key the spiders' ``article_request`` fills with {"site": name, ...}
SPIDER_META_KEY = "newsscraper"


def is_article_request(request: Request) -> bool:
    """An article request, as opposed to a section page, feed, sitemap or robots.txt."""
    if isinstance(request.meta.get(SPIDER_META_KEY), dict):
        return True
    return getattr(request.callback, "__name__", None) == ARTICLE_CALLBACK


def site_of(request: Request) -> str:
    """The sites-file name of the request's site, else its host (``-a start_urls`` sites are hosts)."""
    info: Any = request.meta.get(SPIDER_META_KEY)
    if isinstance(info, dict) and info.get("site"):
        return str(info["site"])
    site = request.cb_kwargs.get("site")
    name = getattr(site, "name", None)
    return str(name) if name else site_host(request.url)


def count_site(stats: StatsCollector | None, site: str, counter: str, count: int = 1) -> None:
    """Add to ``newsscraper/site/<site>/<counter>``."""
    if stats is not None:
        stats.inc_value(f"{SITE_PREFIX}{site}/{counter}", count)


def site_counts(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """``{site: {counter: n}}`` from a crawl's stats; site names may contain slashes."""
    sites: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if key.startswith(SITE_PREFIX):
            site, _, counter = key[len(SITE_PREFIX):].rpartition("/")
            if site and counter in COUNTERS:
                sites.setdefault(site, {})[counter] = int(value)
    return sites
