"""The crawl's cleaning: pages go to a pool of worker processes, so the reactor only moves bytes.

:class:`Cleaning` is an extension: it starts the pool when the spider opens and ends it when the
spider closes, and ``await``-ing :meth:`Cleaning.clean` from a callback gives the Article without
blocking the reactor. ``NEWSSCRAPER_CLEAN_WORKERS = 0`` cleans in the crawling process instead
(for debugging: no limit can be enforced there).

A shutdown signal (SIGTERM, SIGINT) stops the pool at once, before Scrapy's graceful stop waits
for the callbacks still running: their pages fail as ``clean_cancelled``, and the crawl ends
within seconds instead of after its slowest pages.
"""

from __future__ import annotations

import logging
import signal
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newsscraper.config import NewsSettings

from .pool import CleanerPool, outcome
from .worker import clean_task, load_cleaner

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future
    from types import FrameType

    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from cleaners import Article

__all__ = ["Cleaning"]

logger = logging.getLogger(__name__)

SHUTDOWN_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGBREAK") if hasattr(signal, name))

#: each crawl's cleaning, by crawler: the spider asks for it in its own from_crawler
_CLEANINGS: WeakKeyDictionary[Crawler, Cleaning] = WeakKeyDictionary()


class Cleaning:
    """Extension: the cleaner pool of a crawl (or the cleaner itself, with no workers)."""

    def __init__(self, config: NewsSettings) -> None:
        self.config = config
        #: the cleaner, loaded here too: a bad NEWSSCRAPER_CLEANER stops the crawl before any request
        self.cleaner = load_cleaner(config.cleaner)
        self.pool: CleanerPool | None = None
        if config.clean_workers > 0:
            self.pool = CleanerPool(config.cleaner, workers=config.clean_workers, timeout=config.clean_timeout,
                                    memory_bytes=config.clean_memory_mb * 1024 * 1024)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read the NEWSSCRAPER_CLEAN* settings; start with the spider, stop with it."""
        cleaning = cls(NewsSettings.from_settings(crawler.settings))
        _CLEANINGS[crawler] = cleaning
        crawler.signals.connect(cleaning.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(cleaning.stop, signal=signals.spider_closed)
        crawler.signals.connect(cleaning.stop, signal=signals.engine_stopped)  # also when the spider never opened
        return cleaning

    @staticmethod
    def of(crawler: Crawler) -> Cleaning:
        """The crawl's cleaning; one cleaning in the crawling process when the extension is off."""
        cleaning = _CLEANINGS.get(crawler)
        if cleaning is None:
            config = NewsSettings.from_settings(crawler.settings)
            cleaning = _CLEANINGS[crawler] = Cleaning(config.with_clean_workers(0))
        return cleaning

    def spider_opened(self) -> None:
        """Start the workers, and stop them on the first shutdown signal."""
        if self.pool is None:
            return
        self.pool.start()
        logger.info("Cleaning pages in %d worker processes (%s, %g s and %d MiB a page)", len(self.pool.slots),
                    self.config.cleaner, self.config.clean_timeout, self.config.clean_memory_mb)
        _after_scrapys_handlers(self._chain_shutdown_signals)

    async def clean(self, body: bytes, url: str, encoding: str | None) -> Article:
        """The page's Article; raises NotAnArticle, or CleanFailed (timeout, memory, crash…)."""
        task = (body, url, encoding)
        if self.pool is None:
            return cast("Article", outcome(clean_task(self.cleaner, task)))
        return cast("Article", await maybe_deferred_to_future(_deferred(self.pool.submit(task))))

    def stop(self) -> None:
        """End the workers (the pages still waiting fail as ``clean_cancelled``)."""
        if self.pool is not None and not self.pool.stopped:
            self.pool.stop()
            logger.info("Cleaner workers stopped (%d started in all)", self.pool.started)

    def _chain_shutdown_signals(self) -> None:
        for number in SHUTDOWN_SIGNALS:
            previous = signal.getsignal(number)
            signal.signal(number, self._shutdown_handler(previous))

    def _shutdown_handler(self, previous: Any) -> Callable[[int, FrameType | None], None]:
        def handler(number: int, frame: FrameType | None) -> None:
            from twisted.internet import reactor

            if self.pool is not None:
                self.pool.stopping = True  # the slots see it within their poll, kill their workers
            reactor.callFromThread(self.stop)
            if callable(previous):
                previous(number, frame)

        return handler


def _deferred(future: Future[Any]) -> Deferred[Any]:
    """A Deferred fired on the reactor thread when the Future (of a slot thread) is done."""
    from twisted.internet import reactor

    deferred: Deferred[Any] = Deferred()

    def fire(done: Future[Any]) -> None:
        error = done.exception()
        if error is not None:
            deferred.errback(error)
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))
    return deferred


def _after_scrapys_handlers(install: Callable[[], None]) -> None:
    """Run ``install`` once Scrapy has put its own shutdown handlers in place (after the reactor
    starts), so that ours run first and then hand over to Scrapy's."""
    from twisted.internet import reactor

    def soon() -> None:
        reactor.callLater(0, install)  # type: ignore[arg-type]  # zope.interface method typed with self

    if reactor.running:
        soon()
    else:
        reactor.callWhenRunning(soon)
