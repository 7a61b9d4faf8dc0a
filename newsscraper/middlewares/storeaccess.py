"""The store as the middlewares use it: named by a setting, opened on first use, closed at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsscraper.store import DEFAULT_BUSY_TIMEOUT, open_store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newsscraper.store import ArticleStore

__all__ = ["StoreAccess"]


class StoreAccess:
    """One store connection per middleware, opened only if a request needs it.

    Raises ``NotConfigured`` (switching the middleware off) when ``NEWSSCRAPER_DATABASE``
    is empty, with ``why`` saying what the crawl does without it.
    """

    def __init__(self, crawler: Crawler, why: str) -> None:
        self.database = (crawler.settings.get("NEWSSCRAPER_DATABASE") or "").strip()
        if not self.database:
            raise NotConfigured(f"NEWSSCRAPER_DATABASE is empty: {why}")
        self.busy_timeout = crawler.settings.getfloat("NEWSSCRAPER_DATABASE_TIMEOUT", DEFAULT_BUSY_TIMEOUT)
        self._store: ArticleStore | None = None
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @property
    def store(self) -> ArticleStore:
        if self._store is None:
            self._store = open_store(self.database, busy_timeout=self.busy_timeout)
        return self._store

    def close(self) -> None:
        """Close the connection, if one was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None
