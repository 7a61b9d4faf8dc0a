"""The crawl's store: one component opens it, under the run lock, and hands it to the others.

:class:`CrawlStore` is an extension (the first one a crawl builds, see ``EXTENSIONS``), so it
exists before any middleware or pipeline. It is the only reader of ``NEWSSCRAPER_DATABASE``: it
takes the lock next to the store (a crawl already running into it stops this one before anything
is written), opens the one connection of the crawl, and closes both when the engine stops. The
run recorder, the incremental middlewares and the store pipeline get it with
:meth:`CrawlStore.of`, the way Scrapy hands out ``crawler.stats``.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from newsscraper.config import NewsSettings
from newsscraper.exitcodes import STORE_ERROR

from . import open_store, store_path
from .errors import RunLockHeld, StoreUnavailable
from .lock import LockHeld, RunLock, lock_path

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from . import ArticleStore

__all__ = ["CrawlStore"]

logger = logging.getLogger(__name__)

#: each crawl's owner, by crawler: the run recorder asks while Scrapy is still building the
#: extensions, when ``crawler.get_extension`` can't answer yet
_OWNERS: WeakKeyDictionary[Crawler, CrawlStore] = WeakKeyDictionary()


class CrawlStore:
    """Extension: the run lock and the one store connection of a crawl."""

    def __init__(self, crawler: Crawler, store: ArticleStore, lock: RunLock) -> None:
        self.crawler = crawler
        self.store = store
        self.lock = lock
        #: this crawl's ``runs`` row, once the run recorder opened it: each version says which run found it
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Lock and open the store now; off (``NotConfigured``) when ``NEWSSCRAPER_DATABASE`` is empty."""
        config = NewsSettings.from_settings(crawler.settings)
        if not config.database:
            raise NotConfigured("NEWSSCRAPER_DATABASE is empty: articles are not stored")
        lock = RunLock(config.lock_file or lock_path(store_path(config.database)))
        spider = crawler.spidercls.name
        try:
            lock.acquire(owner=f"scrapy crawl {spider}")
        except LockHeld as exc:
            raise RunLockHeld(f"{exc}: this crawl exits without crawling or writing anything") from None
        except OSError as exc:
            raise StoreUnavailable(f"can't create the lock file {lock.path}: {exc}") from exc
        try:
            store = open_store(config.database, busy_timeout=config.database_timeout)
        except Exception as exc:
            lock.release()
            raise StoreUnavailable(f"can't write the store: {exc}") from exc
        owner = _OWNERS[crawler] = cls(crawler, store, lock)
        crawler.signals.connect(owner.close, signal=signals.engine_stopped)
        logger.info("Store %s opened, lock %s taken", store.location, lock.path)
        return owner

    @staticmethod
    def of(crawler: Crawler) -> CrawlStore | None:
        """The crawl's store owner, or None when storage is off."""
        return _OWNERS.get(crawler)

    @staticmethod
    def required(crawler: Crawler, without: str) -> CrawlStore:
        """The crawl's store owner for a component that needs one, else ``NotConfigured`` saying
        why and what the crawl does ``without`` it."""
        owner = _OWNERS.get(crawler)
        if owner is not None:
            return owner
        database = NewsSettings.from_settings(crawler.settings).database
        if database:
            raise NotConfigured(f"the CrawlStore extension is not in EXTENSIONS, so {database} is not used: {without}")
        raise NotConfigured(f"NEWSSCRAPER_DATABASE is empty: {without}")

    @contextmanager
    def closing_crawl_on_error(self) -> Iterator[None]:
        """Re-raise whatever the block raises, after asking the engine to close the spider with
        ``store_error``: pages the crawl can't keep are not fetched."""
        try:
            yield
        except Exception:
            if self.crawler.crawling:  # not a component driven by hand in a test
                deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORE_ERROR))
            raise

    def close(self) -> None:
        """Close the connection, then release the lock; once, whatever called it first."""
        if self.lock.held:
            self.store.close()
            self.lock.release()
