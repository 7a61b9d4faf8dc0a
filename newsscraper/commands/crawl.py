"""``scrapy crawl``, exiting with the run's code (:mod:`newsscraper.exitcodes`) so cron can tell.

Scrapy's command exits 0 however the crawl went (1 only when it could not start). This one runs
the crawl the same way, then takes the exit code the run recorder wrote in the ``runs`` table, or
the one a :class:`~newsscraper.exitcodes.RunAborted` carries when the run could not start
(the lock is held, the store can't be written, a user's mistake: a sites file, an ``-a`` argument,
an ``-s`` value), printing why in one line on stderr as well as in the log. A run that ran prints
its summary on stdout last, after every log line, whatever the log level (``--nolog`` too).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.utils.project import get_project_settings
from twisted.internet.defer import Deferred

from newsscraper.config import check_overrides
from newsscraper.exitcodes import ExitCode, RunAborted, UserError
from newsscraper.extensions.runs import RunRecorder
from newsscraper.extensions.summary import CrawlSummary
from newsscraper.scrapyapi import get_extension
from newsscraper.store.crawl import CrawlStore

if TYPE_CHECKING:
    import argparse

    from scrapy.crawler import Crawler

__all__ = ["Command"]

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    """``scrapy crawl <spider>`` whose exit code says how the run went."""

    def long_desc(self) -> str:
        """Shown by ``scrapy crawl -h``."""
        return ("Run a spider of the current project, by name. Exit codes: "
                + ", ".join(f"{int(c)} {c.meaning}" for c in ExitCode) + ".")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's ``crawl``, plus the spider arguments for the ``runs`` row and the exit code."""
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        try:
            check_overrides(dict(arg.split("=", 1) for arg in opts.set), get_project_settings())
        except UserError as exc:
            self.say(str(exc))
            self.exitcode = int(exc.exit_code)
            return
        crawler = self.crawler_process.create_crawler(args[0])
        crawler.settings.set("NEWSSCRAPER_RUN_ARGUMENTS", dict(opts.spargs), priority="cmdline")
        aborted: list[RunAborted] = []
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        _catch_aborted(started, aborted)
        self.crawler_process.start()
        self.exitcode = int(self.outcome(crawler, aborted))
        summary = get_extension(crawler, CrawlSummary)
        if summary is not None and summary.lines:
            print("\n".join(summary.lines), flush=True)

    def say(self, message: str) -> None:
        """Why the run could not start or had to stop, in one line on stderr (cron mails it), and in
        the log file if there is one (a log on stderr would show it twice)."""
        line = f"newsscraper: {message}"
        if self.settings.get("LOG_FILE"):
            logger.error(line)
        print(line, file=sys.stderr)

    def outcome(self, crawler: Crawler, aborted: list[RunAborted]) -> ExitCode:
        """Why the run could not start, else the recorder's code, else: stopped before its end."""
        if aborted:
            self.say(str(aborted[0]))
            return aborted[0].exit_code
        if self.crawler_process is not None and self.crawler_process.bootstrap_failed:
            return ExitCode.NOT_STARTED
        recorder = _recorder(crawler)
        if recorder is not None and recorder.exit_code is None:
            recorder.stopped_at_once()  # the reactor stopped before the spider closed (a second signal)
        if recorder is not None and recorder.exit_code is not None:
            owner = CrawlStore.of(crawler)
            if recorder.exit_code is ExitCode.STORE_ERROR and owner is not None and owner.error:
                self.say(f"{owner.error}; the crawl stopped")
            return recorder.exit_code
        return ExitCode.INTERRUPTED


def _recorder(crawler: Crawler) -> RunRecorder | None:
    return get_extension(crawler, RunRecorder)  # None when the crawl failed before its extensions were built


def _catch_aborted(started: Any, aborted: list[RunAborted]) -> None:
    """Keep a :class:`RunAborted` from the crawl's start, to report it in one line, not a traceback.

    Any other exception is logged here with its traceback: taking it out of the task (or Deferred)
    silences the "never retrieved" report that would otherwise show it.
    """
    def handle(exc: BaseException | None) -> None:
        if isinstance(exc, RunAborted):
            aborted.append(exc)
        elif exc is not None:
            logger.error("The crawl could not start: %s", exc, exc_info=exc)

    if isinstance(started, Deferred):
        started.addErrback(lambda failure: handle(failure.value))
    elif isinstance(started, asyncio.Future):
        started.add_done_callback(lambda task: None if task.cancelled() else handle(task.exception()))
