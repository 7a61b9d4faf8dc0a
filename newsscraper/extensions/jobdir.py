"""Scrapy's ``JOBDIR``, resumed only when the run that left it closed: its state is reset otherwise.

Scrapy writes a job's seen requests (``requests.seen``) and its queue (``requests.queue/``) to disk as
it goes, but the index saying where in the queue the job was (``requests.queue/active.json``) only
when the spider closes. A crawl that ends without closing (``kill -9``, the OOM killer, a power
cut, a second Ctrl-C) leaves the seen requests without a queue that can be read: resumed as it is,
the next run would skip every URL the dead one had seen, its start pages included, and fetch
nothing. So this extension marks the folder while a crawl uses it, and a run that finds the mark
of one that never closed forgets the job's requests and starts afresh (what the store already has
is still not fetched again: ``NEWSSCRAPER_REFETCH_AFTER``). A run that finishes forgets them too,
so the next hourly run starts afresh; one stopped cleanly (one Ctrl-C, SIGTERM) keeps them, and
the next run resumes it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsscraper.scrapyapi import forget_job

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

__all__ = ["RUNNING_MARK", "JobDirGuard"]

logger = logging.getLogger(__name__)

#: the file that says a crawl is using the folder, written at the start and removed when it closes
RUNNING_MARK = "newsscraper.running"


class JobDirGuard:
    """Extension: reset a ``JOBDIR`` a dead crawl left, and clear a finished job's requests."""

    def __init__(self, jobdir: Path) -> None:
        self.jobdir = jobdir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Look at the folder now, before the scheduler reads it (it opens with the spider)."""
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured("no JOBDIR")
        guard = cls(Path(jobdir))
        guard.reset_if_dead()
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    @property
    def mark(self) -> Path:
        return self.jobdir / RUNNING_MARK

    def reset_if_dead(self) -> None:
        """Forget the requests of a job whose last crawl never closed."""
        if self.mark.exists():
            holder = self.mark.read_text(encoding="utf-8").strip()
            logger.warning("JOBDIR %s was left by a crawl that did not close (%s): its queue can't be "
                           "resumed, so this run starts afresh", self.jobdir, holder)
            forget_job(str(self.jobdir))
            self.mark.unlink()

    def spider_opened(self) -> None:
        """The scheduler holds the folder from now on, until the spider closes."""
        self.jobdir.mkdir(parents=True, exist_ok=True)
        self.mark.write_text(f"pid {os.getpid()}\n", encoding="utf-8")

    def spider_closed(self, reason: str) -> None:
        """Scrapy has written the job's queue by now: the folder can be resumed, or, for a run that
        finished, forgotten."""
        if reason == "finished":
            forget_job(str(self.jobdir))
        self.mark.unlink(missing_ok=True)
