"""Per-site health, spider side: article URLs found, bodies fetched, pages that gave no article.

Counted as ``newsscraper/site/<site>/found|fetched|failures`` (see :mod:`newsscraper.stats`);
the run recorder adds what the pipelines did with the items and writes one ``run_sites`` row a
site. Also counts the responses that reached the spider with a usable status
(``newsscraper/responses/ok``): a run with none failed as a whole. robots.txt is not one: a site
whose robots.txt forbids everything answered nothing the crawl could use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.utils.httpobj import urlparse_cached

from newsscraper.meta import is_article_request, site_of
from newsscraper.stats import RESPONSES_OK, Site, count, count_site

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

__all__ = ["SiteHealthMiddleware"]


class SiteHealthMiddleware:
    """Spider middleware that only counts; it never changes what passes through."""

    def __init__(self, stats: StatsCollector | None) -> None:
        self.stats = stats
        self.found: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """The counters are the crawl's stats."""
        return cls(crawler.stats)

    def process_spider_input(self, response: Response) -> None:
        """Count usable responses (robots.txt aside), and article bodies per site."""
        if response.status < 400 and urlparse_cached(response).path != "/robots.txt":
            count(self.stats, RESPONSES_OK)
        if response.request is not None and is_article_request(response.request) and 200 <= response.status < 300:
            count_site(self.stats, site_of(response.request), Site.FETCHED)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Article URLs among the start requests count as found too."""
        async for item_or_request in start:
            self.note(item_or_request)
            yield item_or_request

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """Count article URLs found; a 2xx article page that gave no item is a failure."""
        items = 0
        for obj in result:
            items += self.note(obj)
            yield obj
        self.after(response, items)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The same for asynchronous callbacks."""
        items = 0
        async for obj in result:
            items += self.note(obj)
            yield obj
        self.after(response, items)

    def note(self, obj: Any) -> int:
        """1 for an item, 0 for a request (counted as found the first time it is an article URL)."""
        if isinstance(obj, Request):
            if is_article_request(obj) and obj.url not in self.found:
                self.found.add(obj.url)
                count_site(self.stats, site_of(obj), Site.FOUND)
            return 0
        return 1 if ItemAdapter.is_item(obj) else 0

    def after(self, response: Response, items: int) -> None:
        """The spider refused a fetched article page (not HTML, not an article): an extraction failure."""
        request = response.request
        if not items and request is not None and is_article_request(request) and 200 <= response.status < 300:
            count_site(self.stats, site_of(request), Site.FAILURES)
