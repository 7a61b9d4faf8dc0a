"""The end-of-crawl summary: what the run did, in a few lines a person reads, from its ``runs`` row.

::

    articles: new=2 updated=1 unchanged=22 dropped=5 (store: data/newsscraper.sqlite)
      run 2: requests=31 bodies=9 not_modified=22 skipped_fresh=0 errors=0
      dropped/http_404=1
      dropped/not_html=1
      site example: found=27 fetched=5 stored=3 unchanged=22 failures=2
      warning: site other yielded no article; it yielded 12 in run 1
      exit 0: ok

It is printed from the record the run recorder wrote to (and read back from) the ``runs`` table,
so the summary and the table never disagree. It is logged at INFO and, with
``NEWSSCRAPER_SUMMARY_FILE`` set, also written to that file (for the demo, cron mail or monitoring);
the project's ``scrapy crawl`` (:mod:`newsscraper.commands.crawl`) prints it on stdout once the
crawl is over, after every log line, whatever the log level.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from newsscraper.config import NewsSettings
from newsscraper.exitcodes import ExitCode
from newsscraper.extensions.runs import run_finished

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from newsscraper.store import RunRecord

__all__ = ["CrawlSummary", "summary_lines"]

logger = logging.getLogger(__name__)


def summary_lines(run: RunRecord, store: str | None = None, *, scraped: int | None = None) -> list[str]:
    """The counts line, the traffic line, one line per drop reason and per site, then trouble.

    Without a store nothing is new, updated or unchanged, so ``scraped`` (the items that went to
    the feed exports) says what the run produced.
    """
    drops = sorted(run.dropped.items())
    produced = f" scraped={scraped}" if scraped is not None else ""
    lines = [f"articles: new={run.new} updated={run.updated} unchanged={run.unchanged} "
             f"dropped={sum(n for _, n in drops)}{produced} (store: {store or 'none'})"]
    label = f"run {run.id}" if run.id is not None else "run"
    lines.append(f"  {label}: requests={run.requests} bodies={run.bodies} not_modified={run.not_modified} "
                 f"skipped_fresh={run.skipped_fresh} errors={run.errors}")
    lines += [f"  dropped/{reason}={count}" for reason, count in drops]
    lines += [f"  site {s.site}: found={s.found} fetched={s.fetched} stored={s.stored} unchanged={s.unchanged} "
              f"failures={s.failures}" for s in run.sites]
    if run.errors:
        lines.append(f"  errors={run.errors}: failed downloads or exceptions in callbacks and pipelines, see the log")
    if run.status not in ("finished", "running"):
        lines.append(f"  closed early: {run.status}")
    lines += [f"  warning: {warning}" for warning in run.warnings]
    code = ExitCode(run.exit_code or 0)
    lines.append(f"  exit {int(code)}: {code.meaning}")
    return lines


class CrawlSummary:
    """Logs :func:`summary_lines` once the run's record is final, and writes them to a file if asked."""

    def __init__(self, summary_file: str, stats: StatsCollector | None = None) -> None:
        self.summary_file = summary_file
        self.stats = stats
        #: the summary, once the run's record is final (none for a run that never started)
        self.lines: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Listen for the run recorder's :data:`~newsscraper.extensions.runs.run_finished`."""
        extension = cls(NewsSettings.from_settings(crawler.settings).summary_file, crawler.stats)
        crawler.signals.connect(extension.run_finished, signal=run_finished)
        return extension

    def run_finished(self, run: RunRecord, store: str | None) -> None:
        """Log the summary and write it to ``NEWSSCRAPER_SUMMARY_FILE`` if one is set; without a
        store, with the number of items scraped."""
        scraped = None
        if store is None and self.stats is not None:
            scraped = int(self.stats.get_value("item_scraped_count", 0))
        lines = self.lines = summary_lines(run, store, scraped=scraped)
        logger.info("Crawl summary\n%s", "\n".join(lines))
        if self.summary_file:
            path = Path(self.summary_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
