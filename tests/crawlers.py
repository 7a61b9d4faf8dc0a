"""Crawlers for unit tests of the store-backed components, built the way Scrapy builds them."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.test import get_crawler

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy import Spider
    from scrapy.crawler import Crawler

#: the project's store extension, which opens the crawl's store (and takes its lock) when the
#: settings name one; get_crawler builds the extensions, not the engine
WITH_STORE = {"EXTENSIONS": {"newsscraper.store.crawl.CrawlStore": 50}}


def store_crawler(spidercls: type[Spider] | None = None, **settings: Any) -> Crawler:
    """A crawler whose store is open when ``NEWSSCRAPER_DATABASE`` names one."""
    return get_crawler(spidercls, settings_dict={**WITH_STORE, **settings})


def stop(crawler: Crawler) -> None:
    """What the engine's stop does for the store: close it and release the run lock."""
    crawler.signals.send_catch_log(signals.engine_stopped)


def collect(results: AsyncIterator[Any]) -> list[Any]:
    """What an asynchronous callback yields, run to its end (article callbacks await the cleaner)."""

    async def gather() -> list[Any]:
        return [result async for result in results]

    return asyncio.run(gather())
