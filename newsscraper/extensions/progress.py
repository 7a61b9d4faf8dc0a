"""What a running crawl has done so far, every ``NEWSSCRAPER_PROGRESS_INTERVAL`` seconds, from its stats.

On a terminal (stdout is a TTY) it is one line, redrawn in place::

    pages=48 (96/min) new=27 updated=0 unchanged=0 dropped=5 [0:31]

A log record shown on the terminal meanwhile erases the line first, so the two never share a
line (the next report draws it again), and the line is erased when the spider closes: the
summary printed next is the last thing a crawl shows. Elsewhere (a pipe, a file, cron) each report
is a log line at INFO (``Progress: pages=48 …``), as Scrapy's LogStats are.

The counts are the crawl's stats, the ones the summary is made from: pages are the responses
downloaded (304s included), ``new``/``updated``/``unchanged`` what the store did (``unchanged``
includes the 304s and the articles skipped as fetched recently), ``dropped`` every counted drop.
The rate is pages a minute over the last :data:`RATE_WINDOW` seconds.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from newsscraper.config import NewsSettings
from newsscraper.stats import ARTICLES_PREFIX, DROPPED_PREFIX

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from twisted.python.failure import Failure
    from typing_extensions import Self

__all__ = ["Progress", "Snapshot"]

logger = logging.getLogger(__name__)

#: seconds the current rate is measured over: long enough to smooth a burst, short enough to follow
RATE_WINDOW = 10.0
#: back to the start of the line, and erase it
ERASE = "\r\x1b[K"


@dataclass(frozen=True)
class Snapshot:
    """The counts a progress report shows, read from the crawl's stats at one moment."""

    pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    dropped: int = 0

    @classmethod
    def of(cls, stats: dict[str, Any]) -> Self:
        """The counts in a crawl's stats."""
        return cls(
            pages=int(stats.get("downloader/response_count", 0)),
            new=int(stats.get(ARTICLES_PREFIX + "new", 0)),
            updated=int(stats.get(ARTICLES_PREFIX + "updated", 0)),
            unchanged=int(stats.get(ARTICLES_PREFIX + "unchanged", 0)),
            dropped=sum(int(v) for k, v in stats.items() if k.startswith(DROPPED_PREFIX)),
        )

    def line(self, rate: float, elapsed: float) -> str:
        """``pages=48 (96/min) new=27 updated=0 unchanged=0 dropped=5 [0:31]``."""
        minutes, seconds = divmod(int(elapsed), 60)
        return (f"pages={self.pages} ({rate:.0f}/min) new={self.new} updated={self.updated} "
                f"unchanged={self.unchanged} dropped={self.dropped} [{minutes}:{seconds:02d}]")


class Progress:
    """Extension: a progress report every ``interval`` seconds while the spider runs."""

    def __init__(self, stats: StatsCollector, interval: float, stream: TextIO,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stats = stats
        self.interval = interval
        self.stream = stream
        #: redraw one line in place, or log
        self.on_terminal = stream.isatty()
        self.clock = clock
        self.started = clock()
        #: (time, pages) of the reports within the rate window, oldest first
        self.samples: deque[tuple[float, int]] = deque()
        #: a progress line is on the terminal now
        self.shown = False
        self.task: LoopingCall | None = None
        self.guarded: list[logging.Handler] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off (NotConfigured) unless ``NEWSSCRAPER_PROGRESS_INTERVAL`` is set."""
        interval = NewsSettings.from_settings(crawler.settings).progress_interval
        if not interval or crawler.stats is None:
            raise NotConfigured  # no message: Scrapy would log it as a warning on every crawl
        progress = cls(crawler.stats, interval, sys.stdout)
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self) -> None:
        """Report now, then every interval; on a terminal, keep log records off the progress line."""
        self.started = self.clock()
        if self.on_terminal:
            self.guard(logging.getLogger().handlers)
        self.task = LoopingCall(self.report)
        self.task.start(self.interval, now=True).addErrback(self.failed)

    def spider_closed(self) -> None:
        """Stop reporting, and leave the terminal's line to what comes next (the summary)."""
        if self.task is not None and self.task.running:
            self.task.stop()
        for handler in self.guarded:
            handler.removeFilter(self.erase)
        self.guarded = []
        self.erase()

    def failed(self, failure: Failure) -> None:
        """A report that raised stops the reports, never the crawl."""
        logger.warning("Progress reports stopped: %s", failure.getErrorMessage())

    def guard(self, handlers: list[logging.Handler]) -> None:
        """Erase the progress line before each record these handlers show on a terminal."""
        for handler in handlers:
            stream = getattr(handler, "stream", None)
            if stream is not None and stream.isatty():
                handler.addFilter(self.erase)
                self.guarded.append(handler)

    def erase(self, record: logging.LogRecord | None = None) -> bool:
        """Take the progress line off the terminal, if it is there; as a logging filter, let the
        record through."""
        if self.shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self.shown = False
        return True

    def report(self) -> None:
        """One report: the line redrawn on a terminal, else a log line."""
        now = self.clock()
        snapshot = Snapshot.of(self.stats.get_stats())
        line = snapshot.line(self.rate(now, snapshot.pages), now - self.started)
        if not self.on_terminal:
            logger.info("Progress: %s", line)
            return
        width = shutil.get_terminal_size().columns
        self.stream.write(ERASE + line[:max(width - 1, 1)])  # a wrapped line could not be redrawn
        self.stream.flush()
        self.shown = True

    def rate(self, now: float, pages: int) -> float:
        """Pages a minute since the oldest report of the window (the previous one at least)."""
        self.samples.append((now, pages))
        while len(self.samples) > 2 and self.samples[1][0] <= now - RATE_WINDOW:
            self.samples.popleft()
        then, before = self.samples[0]
        return (pages - before) * 60.0 / (now - then) if now > then else 0.0
