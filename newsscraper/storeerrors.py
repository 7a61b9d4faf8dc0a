"""A storage error stops the crawl: whichever component hit it, the spider is closed with reason
``store_error`` (exit code 5) instead of fetching pages the crawl can't keep, and the error itself
propagates so Scrapy logs it."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from scrapy.utils.defer import deferred_from_coro

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler

__all__ = ["STORE_ERROR", "closing_crawl_on_error"]

#: the close reason of a crawl stopped by a storage error
STORE_ERROR = "store_error"


@contextmanager
def closing_crawl_on_error(crawler: Crawler) -> Iterator[None]:
    """Re-raise whatever the block raises, after asking the engine to close the spider with
    ``store_error``; a component driven by hand (in a unit test) has no crawl to close."""
    try:
        yield
    except Exception:
        if crawler.crawling:
            deferred_from_coro(crawler.engine.close_spider_async(reason=STORE_ERROR))
        raise
