"""The crawl's store: one component opens it, under the run lock, and hands it to the others.

:class:`CrawlStore` is an extension (the first one a crawl builds, see ``EXTENSIONS``), so it
exists before any middleware or pipeline. It is the only reader of ``NEWSSCRAPER_DATABASE``: it
takes the run lock (a file next to a SQLite store; a PostgreSQL advisory lock per spider and
arguments, shared by the workers of one ``NEWSSCRAPER_CRAWL_ID``), so a crawl already running into
the store stops this one before anything is written; it opens the crawl's connections, and closes
them when the engine stops. The run
recorder, the incremental middlewares and the store pipeline get it with :meth:`CrawlStore.of`,
the way Scrapy hands out ``crawler.stats``.

Two connections, each on one thread: :attr:`CrawlStore.store`, on the reactor, for the run's row
(written once at the start and once at the end); and the :attr:`CrawlStore.writer`'s, on its own
thread, for every article save, 304 touch and incremental lookup, so none of them blocks the
reactor. Before the run's end is written (``spider_closed``), every queued operation has run: the
components await each of theirs (the store pipeline its save, the 304 middleware its touch), and
Scrapy closes the spider only once every request and item in progress is done; this extension's own
``spider_closed`` receiver, connected before the run recorder's, waits for anything still queued.
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

from . import is_postgresql, open_store, postgres_backend, store_path
from .errors import RunLockHeld, StoreUnavailable
from .lock import LockHeld, RunLock, lock_path
from .writer import StoreWriter

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from . import ArticleStore
    from .pglock import AdvisoryLock

__all__ = ["CrawlStore"]

logger = logging.getLogger(__name__)

#: each crawl's owner, by crawler: the run recorder asks while Scrapy is still building the
#: extensions, when ``crawler.get_extension`` can't answer yet
_OWNERS: WeakKeyDictionary[Crawler, CrawlStore] = WeakKeyDictionary()


class CrawlStore:
    """Extension: the run lock, the run's connection and the store writer of a crawl."""

    def __init__(self, crawler: Crawler, store: ArticleStore, lock: RunLock | AdvisoryLock,
                 writer: StoreWriter) -> None:
        self.crawler = crawler
        #: the reactor thread's connection: the run's row only
        self.store = store
        self.lock = lock
        #: the thread every article save, touch and lookup goes through
        self.writer = writer
        #: this crawl's ``runs`` row, once the run recorder opened it: each version says which run found it
        self.run_id: int | None = None
        #: the storage error the crawl stopped on, in one line (the command prints it)
        self.error: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Lock and open the store now; off (``NotConfigured``) when ``NEWSSCRAPER_DATABASE`` is empty."""
        config = NewsSettings.from_settings(crawler.settings)
        if not config.database:
            raise NotConfigured("NEWSSCRAPER_DATABASE is empty: articles are not stored")
        spider = crawler.spidercls.name
        try:
            lock = _run_lock(config, spider)
        except RuntimeError as exc:  # psycopg is not installed
            raise StoreUnavailable(str(exc)) from None
        try:
            lock.acquire(owner=f"scrapy crawl {spider}")
        except LockHeld as exc:
            raise RunLockHeld(f"{exc}: this crawl exits without crawling or writing anything") from None
        except Exception as exc:
            raise StoreUnavailable(f"can't take {lock.name}: {one_line(exc)}") from exc
        writer = StoreWriter(lambda: open_store(config.database, busy_timeout=config.database_timeout),
                             queue_size=config.store_queue_size, batch_size=config.store_batch_size)
        try:
            store = open_store(config.database, busy_timeout=config.database_timeout)  # creates or upgrades it
        except Exception as exc:
            lock.release()
            raise StoreUnavailable(f"can't write the store: {one_line(exc)}") from exc
        try:
            writer.start()
        except Exception as exc:
            store.close()
            lock.release()
            raise StoreUnavailable(f"can't write the store: {one_line(exc)}") from exc
        owner = _OWNERS[crawler] = cls(crawler, store, lock, writer)
        # connected before the run recorder exists, so called before it writes the run's end
        crawler.signals.connect(owner.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(owner.close, signal=signals.engine_stopped)
        logger.info("Store %s opened, %s taken", store.location, lock.name)
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
        except Exception as exc:
            self.failed(exc)
            if self.crawler.crawling:  # not a component driven by hand in a test
                deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORE_ERROR))
            raise

    def failed(self, exc: BaseException) -> None:
        """Remember the first storage error, for the crawl's one-line report of why it stopped."""
        if self.error is None:
            self.error = f"can't write the store {self.store.location}: {one_line(exc)}"

    def spider_closed(self) -> None:
        """Let every queued store operation finish before the run recorder writes the run's end.

        Every component awaits its writes, and Scrapy waits for every request and item in progress
        before it closes the spider, so nothing is normally left here, and this returns at once.
        Anything that is left (a write nobody awaited) is committed now, blocking the reactor for
        as long as it takes: the crawl is over, and a run row that says "finished" before its
        articles are written would be wrong."""
        if pending := self.writer.drain():
            logger.warning("%d store operation(s) were still queued when the spider closed; written before "
                           "the run's end", pending)

    def close(self) -> None:
        """Let the writer finish and close its connection, close the run's, then release the lock;
        once, whatever called it first."""
        if self.lock.held:
            try:
                self.writer.close()
            finally:
                self.store.close()
                self.lock.release()


def _run_lock(config: NewsSettings, spider: str) -> RunLock | AdvisoryLock:
    """The lock that keeps two crawls out of one store: a file next to a SQLite store; for a
    PostgreSQL one, an advisory lock per spider and arguments that the workers of one crawl share."""
    if is_postgresql(config.database):
        postgres_backend()  # psycopg is there
        from .pglock import AdvisoryLock

        return AdvisoryLock(config.database, spider=spider, arguments=config.run_arguments,
                            crawl_id=config.crawl_id or None, busy_timeout=config.database_timeout)
    return RunLock(config.lock_file or lock_path(store_path(config.database)))


def one_line(exc: BaseException) -> str:
    """An error's message on one line (libpq's run over several), for the crawl's one-line error."""
    return " ".join(str(exc).split()) or type(exc).__name__
