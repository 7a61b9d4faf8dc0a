"""One row a crawl in the ``runs`` table, under a lock so two crawls never share a store.

The recorder is the first newsscraper component a crawl builds. Before the pipelines or the
middlewares open the store it takes the lock next to it (:class:`~newsscraper.store.lock.RunLock`):
if a previous crawl still holds it, it raises :class:`RunLockHeld` and the crawl stops before
writing anything. Otherwise it opens a ``running`` row. When the spider closes, it turns the
crawl's stats into a :class:`~newsscraper.store.RunRecord` (counts, drops by reason, per-site
health, warnings, exit code), writes it, reads it back and sends it with the :data:`run_finished`
signal, which the summary prints. Without a store the same record is built, just not kept.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals

from newsscraper.drops import ARTICLES_PREFIX, DROPPED_PREFIX
from newsscraper.exitcodes import ExitCode, exit_code_for
from newsscraper.health import COUNTERS, count_site, site_counts, site_of
from newsscraper.middlewares.incremental import SKIPPED_FRESH
from newsscraper.middlewares.notmodified import NOT_MODIFIED
from newsscraper.middlewares.sitehealth import RESPONSES_OK
from newsscraper.store import DEFAULT_BUSY_TIMEOUT, RunRecord, SiteHealth, open_store, store_path
from newsscraper.store.lock import LockHeld, RunLock, lock_path
from newsscraper.store.times import timestamp

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from newsscraper.store import ArticleStore

__all__ = ["EXTRACTION_FAILURES", "RunAborted", "RunLockHeld", "RunRecorder", "StoreUnavailable", "run_finished"]

logger = logging.getLogger(__name__)

#: signal sent once a run's record is final: ``run`` (a RunRecord) and ``store`` (its location or None)
run_finished = object()

#: item drop reasons that mean the page was fetched but no believable article came out of it
EXTRACTION_FAILURES = frozenset({"too_short", "missing_title", "missing_text", "shrunk"})
ITEM_ERRORS = "newsscraper/item_errors"
#: feeds and sitemaps that got no response (counted by the spider's listing errback)
LISTING_DOWNLOAD_ERRORS = ("newsscraper/feeds/failed/download_error", "newsscraper/sitemaps/failed/download_error")


class RunAborted(RuntimeError):
    """The run can't start; ``exit_code`` says why. Raised before any request or store write."""

    exit_code = ExitCode.NOT_STARTED


class RunLockHeld(RunAborted):
    """A previous crawl into the same store is still running."""

    exit_code = ExitCode.LOCKED


class StoreUnavailable(RunAborted):
    """The store can't be opened or written, so the run can't be recorded."""

    exit_code = ExitCode.STORE_ERROR


def _now() -> str:
    return timestamp()


class RunRecorder:
    """Extension: lock, ``runs`` row, per-site item counts, exit code."""

    def __init__(self, crawler: Crawler, arguments: dict[str, str]) -> None:
        self.crawler = crawler
        self.arguments = arguments
        self.spider_name = crawler.spider.name if crawler.spider else str(crawler.spidercls.name)
        self.started = _now()
        self.lock: RunLock | None = None
        self.store: ArticleStore | None = None
        self.run_id: int | None = None
        #: the final record and exit code, once the spider has closed
        self.run: RunRecord | None = None
        self.exit_code: ExitCode | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Take the lock and open the run now, before any other component touches the store."""
        arguments = {str(k): str(v) for k, v in crawler.settings.getdict("NEWSSCRAPER_RUN_ARGUMENTS").items()}
        recorder = cls(crawler, arguments)
        database = (crawler.settings.get("NEWSSCRAPER_DATABASE") or "").strip()
        if database:
            recorder.begin(database, crawler.settings.get("NEWSSCRAPER_LOCK_FILE") or "")
        crawler.signals.connect(recorder.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(recorder.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(recorder.item_error, signal=signals.item_error)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def begin(self, database: str, lock_file: str) -> None:
        """Lock the store, then open it and its ``running`` row; raise :class:`RunAborted` if we can't."""
        self.lock = RunLock(lock_file or lock_path(store_path(database)))
        try:
            self.lock.acquire(owner=f"scrapy crawl {self.spider_name}")
        except LockHeld as exc:
            raise RunLockHeld(f"{exc}: this crawl exits without crawling or writing anything") from None
        except OSError as exc:
            raise StoreUnavailable(f"can't create the lock file {self.lock.path}: {exc}") from exc
        try:
            timeout = self.crawler.settings.getfloat("NEWSSCRAPER_DATABASE_TIMEOUT", DEFAULT_BUSY_TIMEOUT)
            self.store = open_store(database, busy_timeout=timeout)
            self.run_id = self.store.start_run(spider=self.spider_name, arguments=self.arguments,
                                               now=datetime.now(timezone.utc))
        except Exception as exc:
            self.lock.release()
            raise StoreUnavailable(f"can't write the store: {exc}") from exc
        logger.info("Run %d: lock %s taken", self.run_id, self.lock.path)

    # --- per-site counts of what the pipelines did -----------------------------------------

    def item_scraped(self, item: Any, response: Response) -> None:
        """A stored item: new or updated counts as stored for its site, unchanged as unchanged."""
        change = ItemAdapter(item).get("change") if ItemAdapter.is_item(item) else None
        counter = {"new": "stored", "updated": "stored", "unchanged": "unchanged"}.get(change or "")
        if counter and response is not None and response.request is not None:
            count_site(self.crawler.stats, site_of(response.request), counter)

    def item_dropped(self, item: Any, response: Response, exception: BaseException) -> None:
        """A dropped item whose reason says extraction went wrong is a failure for its site."""
        if str(exception) in EXTRACTION_FAILURES and response is not None and response.request is not None:
            count_site(self.crawler.stats, site_of(response.request), "failures")

    def item_error(self) -> None:
        """A pipeline raised something other than DropItem: an error of the run."""
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(ITEM_ERRORS)

    # --- the end -----------------------------------------------------------------------------

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Write the run's record (or keep it in memory without a store) and announce it."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        run = self.record(stats, reason, [str(getattr(s, "name", s)) for s in getattr(spider, "sites", ())])
        if self.store is not None:
            try:
                run = replace(run, warnings=run.warnings + self.stopped_sites(run))
                self.store.finish_run(run)
                run = self.store.get_run(run.id) or run  # type: ignore[arg-type]
            except Exception:
                logger.exception("Could not record run %s in %s", run.id, self.store.location)
                run = replace(run, exit_code=ExitCode.STORE_ERROR)
            finally:
                self.store.close()
                self.store = None
        if reason == "finished":
            spend_jobdir(self.crawler.settings.get("JOBDIR") or "")
        if self.lock is not None:
            self.lock.release()
        self.run = run
        self.exit_code = ExitCode(run.exit_code or 0)
        location = self.crawler.settings.get("NEWSSCRAPER_DATABASE") or None
        self.crawler.signals.send_catch_log(run_finished, run=run, store=store_path(location) if location else None)

    def record(self, stats: dict[str, Any], reason: str, site_names: list[str]) -> RunRecord:
        """The run's record from its stats: everything but the warnings that need earlier runs."""
        dropped = {k[len(DROPPED_PREFIX):]: int(v) for k, v in stats.items() if k.startswith(DROPPED_PREFIX)}
        per_site = site_counts(stats)
        sites = tuple(
            SiteHealth(name, *(per_site.get(name, {}).get(c, 0) for c in COUNTERS))
            for name in sorted(set(site_names) | set(per_site))
        )
        not_modified = int(stats.get(NOT_MODIFIED, 0))
        responses = int(stats.get("downloader/response_count", 0))
        code = exit_code_for(reason, int(stats.get("downloader/request_count", 0)),
                             int(stats.get(RESPONSES_OK, 0)) + not_modified)
        warnings: tuple[str, ...] = ()
        if dropped.get("shrunk"):
            warnings += (f"{dropped['shrunk']} article(s) shrank sharply: the stored text was kept, the new one "
                         "is in the suspects table (suspected extraction failure)",)
        return RunRecord(
            id=self.run_id, spider=self.spider_name, arguments=self.arguments, started=self.started,
            finished=_now(), status=reason, exit_code=int(code),
            new=int(stats.get(ARTICLES_PREFIX + "new", 0)), updated=int(stats.get(ARTICLES_PREFIX + "updated", 0)),
            unchanged=int(stats.get(ARTICLES_PREFIX + "unchanged", 0)), not_modified=not_modified,
            skipped_fresh=int(stats.get(SKIPPED_FRESH, 0)), dropped=dropped,
            requests=int(stats.get("downloader/request_count", 0)),
            bodies=responses - int(stats.get("downloader/response_status_count/304", 0)),
            errors=_errors(stats),
            sites=sites, warnings=warnings,
        )

    def stopped_sites(self, run: RunRecord) -> tuple[str, ...]:
        """A warning for each site that yielded articles in its previous run and none in this one."""
        assert self.store is not None and run.id is not None
        silent = [s.site for s in run.sites if s.yielded == 0]
        before = self.store.last_yields(silent, before=run.id) if silent else {}
        return tuple(
            f"site {site} yielded no article; it yielded {count} in run {run_id}"
            for site, (run_id, count) in sorted(before.items()) if count > 0
        )


def spend_jobdir(jobdir: str) -> None:
    """Forget a finished job's queue and seen requests, so the next run with the same JOBDIR starts
    afresh instead of skipping every URL this one saw. Only Scrapy's own files are removed; a run
    that was stopped keeps them, and the next run resumes it."""
    if not jobdir:
        return
    folder = Path(jobdir)
    (folder / "requests.seen").unlink(missing_ok=True)
    shutil.rmtree(folder / "requests.queue", ignore_errors=True)
    logger.info("Job %s finished: its queue and seen requests are cleared for the next run", folder)


def _errors(stats: dict[str, Any]) -> int:
    """Requests that got no response after their retries (articles, feeds, sitemaps, robots.txt),
    callback exceptions, pipeline errors."""
    keys = (DROPPED_PREFIX + "download_error", *LISTING_DOWNLOAD_ERRORS, "spider_exceptions/count", ITEM_ERRORS)
    robots = sum(int(v) for k, v in stats.items() if k.startswith("robotstxt/exception_count/"))
    return sum(int(stats.get(key, 0)) for key in keys) + robots
