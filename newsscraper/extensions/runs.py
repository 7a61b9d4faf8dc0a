"""One row a crawl in the ``runs`` table, and the crawl's exit code.

The recorder is built right after :class:`~newsscraper.store.crawl.CrawlStore` (which took the
lock and opened the store) and before the pipelines and middlewares: it opens a ``running`` row
at once. When the spider closes, it turns the crawl's stats into a
:class:`~newsscraper.store.RunRecord` (counts, drops by reason, per-site health, warnings, exit
code), writes it, reads it back and sends it with the :data:`run_finished` signal, which the
summary prints. Without a store the same record is built, just not kept.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals

from newsscraper.config import NewsSettings
from newsscraper.exitcodes import ExitCode, exit_code_for
from newsscraper.meta import site_of
from newsscraper.stats import (
    ARTICLES_PREFIX,
    COUNTERS,
    DROPPED_PREFIX,
    EXTRACTION_FAILURES,
    FRONTIER_RUN_ANSWERED,
    ITEM_ERRORS,
    LISTING_DOWNLOAD_ERRORS,
    NOT_MODIFIED,
    RESPONSES_OK,
    SKIPPED_FRESH,
    Drop,
    Site,
    count,
    count_site,
    site_counts,
)
from newsscraper.store import RunRecord, SiteHealth
from newsscraper.store.crawl import CrawlStore, one_line
from newsscraper.store.errors import StoreUnavailable
from newsscraper.store.times import timestamp

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

__all__ = ["RunRecorder", "run_finished"]

logger = logging.getLogger(__name__)

#: the status of a run stopped by a signal (Scrapy's close reason "shutdown")
STOPPED = "stopped"
#: signal sent once a run's record is final: ``run`` (a RunRecord) and ``store`` (its location or None)
run_finished = object()


def _now() -> str:
    return timestamp()


class RunRecorder:
    """Extension: lock, ``runs`` row, per-site item counts, exit code."""

    def __init__(self, crawler: Crawler, arguments: dict[str, str], owner: CrawlStore | None,
                 crawl_id: str = "") -> None:
        self.crawler = crawler
        self.arguments = arguments
        #: the distributed crawl this run is a worker of, if any
        self.crawl_id = crawl_id or None
        self.owner = owner
        self.spider_name = str(crawler.spidercls.name)
        self.started = _now()
        self.run_id: int | None = None
        #: the final record and exit code, once the spider has closed
        self.run: RunRecord | None = None
        self.exit_code: ExitCode | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Open the run now, before any other component writes to the store."""
        config = NewsSettings.from_settings(crawler.settings)
        recorder = cls(crawler, config.run_arguments, CrawlStore.of(crawler), config.crawl_id)
        if recorder.owner is not None:
            recorder.begin(recorder.owner)
        crawler.signals.connect(recorder.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(recorder.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(recorder.item_error, signal=signals.item_error)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def begin(self, owner: CrawlStore) -> None:
        """Open the ``running`` row; raise :class:`StoreUnavailable` (releasing the lock) if we can't."""
        try:
            self.run_id = owner.run_id = owner.store.start_run(
                spider=self.spider_name, arguments=self.arguments, now=datetime.now(timezone.utc),
                crawl_id=self.crawl_id)
        except Exception as exc:
            owner.close()
            raise StoreUnavailable(f"can't write the store {owner.store.location}: {one_line(exc)}") from exc
        logger.info("Run %d started", self.run_id)

    # --- per-site counts of what the pipelines did -----------------------------------------

    def item_scraped(self, item: Any, response: Response) -> None:
        """A stored item: new or updated counts as stored for its site, unchanged as unchanged."""
        change = ItemAdapter(item).get("change") if ItemAdapter.is_item(item) else None
        counter = {"new": Site.STORED, "updated": Site.STORED, "unchanged": Site.UNCHANGED}.get(change or "")
        if counter and response is not None and response.request is not None:
            count_site(self.crawler.stats, site_of(response.request), counter)

    def item_dropped(self, item: Any, response: Response, exception: BaseException) -> None:
        """A dropped item whose reason says extraction went wrong is a failure for its site."""
        reason = getattr(exception, "reason", None)
        if reason in EXTRACTION_FAILURES and response is not None and response.request is not None:
            count_site(self.crawler.stats, site_of(response.request), Site.FAILURES)

    def item_error(self) -> None:
        """A pipeline raised something other than DropItem: an error of the run."""
        count(self.crawler.stats, ITEM_ERRORS)

    # --- the end -----------------------------------------------------------------------------

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Write the run's record (or keep it in memory without a store) and announce it."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        run = self.record(stats, reason, [str(getattr(s, "name", s)) for s in getattr(spider, "sites", ())])
        if self.owner is not None:
            store = self.owner.store
            try:
                run = replace(run, warnings=run.warnings + self.stopped_sites(run))
                store.finish_run(run)
                run = store.get_run(run.id) or run  # type: ignore[arg-type]
            except Exception as exc:
                logger.exception("Could not record run %s in %s", run.id, store.location)
                self.owner.failed(exc)
                run = replace(run, exit_code=ExitCode.STORE_ERROR)
        self.run = run
        self.exit_code = ExitCode(run.exit_code or 0)
        location = self.owner.store.location if self.owner is not None else None
        self.crawler.signals.send_catch_log(run_finished, run=run, store=location)

    def stopped_at_once(self) -> None:
        """The reactor stopped before the spider closed (a second shutdown signal): Scrapy sent no
        ``spider_closed``. Record the run as stopped, from the stats as they are, and close the store
        (its writer commits what was queued, the lock is released): the row never stays
        ``running``. (A crawl killed outright leaves it so, and the next run marks it ``killed``.)"""
        if self.run is None and self.crawler.spider is not None:
            self.spider_closed(self.crawler.spider, "shutdown")
        if self.owner is not None:
            self.owner.close()

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
        # on a shared frontier, "every request failed" is said of the run, not of this process
        usable = int(stats.get(RESPONSES_OK, 0)) + not_modified + int(stats.get(FRONTIER_RUN_ANSWERED, 0))
        code = exit_code_for(reason, _attempted(stats), usable)
        warnings: tuple[str, ...] = ()
        if shrunk := dropped.get(Drop.SHRUNK):
            warnings += (f"{shrunk} article(s) shrank sharply: the stored text was kept, the new one "
                         "is in the suspects table (suspected extraction failure)",)
        return RunRecord(
            id=self.run_id, spider=self.spider_name, arguments=self.arguments, started=self.started,
            finished=_now(), status=STOPPED if reason == "shutdown" else reason, exit_code=int(code),
            new=int(stats.get(ARTICLES_PREFIX + "new", 0)), updated=int(stats.get(ARTICLES_PREFIX + "updated", 0)),
            unchanged=int(stats.get(ARTICLES_PREFIX + "unchanged", 0)), not_modified=not_modified,
            skipped_fresh=int(stats.get(SKIPPED_FRESH, 0)), dropped=dropped,
            requests=int(stats.get("downloader/request_count", 0)),
            bodies=responses - int(stats.get("downloader/response_status_count/304", 0)),
            errors=_errors(stats),
            sites=sites, warnings=warnings, crawl_id=self.crawl_id,
        )

    def stopped_sites(self, run: RunRecord) -> tuple[str, ...]:
        """A warning for each site that yielded articles in its previous run and none in this one."""
        assert self.owner is not None and run.id is not None
        silent = [s.site for s in run.sites if s.yielded == 0]
        before = self.owner.store.last_yields(silent, before=run.id) if silent else {}
        return tuple(
            f"site {site} yielded no article; it yielded {yielded} in run {run_id}"
            for site, (run_id, yielded) in sorted(before.items()) if yielded > 0
        )


def _attempted(stats: dict[str, Any]) -> int:
    """The pages the run asked for: every download but robots.txt, plus the requests robots.txt
    forbade. A resumed job with nothing left downloads robots.txt only: it asked for nothing."""
    downloads = int(stats.get("downloader/request_count", 0)) - int(stats.get("robotstxt/request_count", 0))
    return downloads + int(stats.get("robotstxt/forbidden", 0))


def _errors(stats: dict[str, Any]) -> int:
    """Requests that got no response after their retries (articles, feeds, sitemaps, robots.txt),
    callback exceptions, pipeline errors."""
    keys = (DROPPED_PREFIX + Drop.DOWNLOAD_ERROR, *LISTING_DOWNLOAD_ERRORS, "spider_exceptions/count", ITEM_ERRORS)
    robots = sum(int(v) for k, v in stats.items() if k.startswith("robotstxt/exception_count/"))
    return sum(int(stats.get(key, 0)) for key in keys) + robots
