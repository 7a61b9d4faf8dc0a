"""Each site's yield (articles stored or confirmed unchanged) and failures over the last crawls,
oldest to newest, and the sites to look at: one whose yield fell to zero, one whose failures rose
since its previous crawl. The workers of a distributed crawl count as one crawl; a run that was
killed or is still running has no per-site counts and is left out.

Exit code 0 when every site is fine, 3 when one is flagged (for cron), 1 for an error.

  newsscraper health --runs 5
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsscraper.cli.output import add_format, print_jsonl, print_table
from newsscraper.cli.reading import add_store, one_line_errors, opened

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from newsscraper.store import RunRecord

__all__ = ["FLAGGED", "HELP", "NAME", "SiteTrend", "add_arguments", "run", "trends"]

NAME = "health"
HELP = "per-site yield over the last crawls, flagging sites that stopped yielding or fail more"
#: the exit code when a site is flagged
FLAGGED = 3
#: the statuses of runs without per-site counts: they died, or have not ended
NO_SITES = ("killed", "running")
#: runs read to find the last crawls, per crawl asked for (a distributed crawl has several)
RUNS_PER_CRAWL = 8


@dataclass(frozen=True)
class SiteTrend:
    """One site over the crawls it was in, oldest first."""

    site: str
    crawls: tuple[str, ...]
    yields: tuple[int, ...]
    failures: tuple[int, ...]

    @property
    def problem(self) -> str | None:
        """Why the site needs a look, or None."""
        if len(self.yields) > 1 and self.yields[-1] == 0 and max(self.yields[:-1]) > 0:
            return "yield fell to zero"
        if len(self.failures) > 1 and self.failures[-1] > self.failures[-2]:
            return "failures rose"
        return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store(parser)
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="the N latest crawls (default: 5)")
    add_format(parser, ("table", "jsonl"))


@one_line_errors(NAME)
def run(args: argparse.Namespace) -> int:
    """Print each site's trend; 3 when a site is flagged, 1 (one line) for a missing store."""
    crawls = max(args.runs, 1)
    with opened(args) as store:
        found = trends(store.recent_runs(crawls * RUNS_PER_CRAWL), crawls)
    if args.format == "jsonl":
        print_jsonl({"site": t.site, "crawls": list(t.crawls), "yields": list(t.yields),
                     "failures": list(t.failures), "problem": t.problem} for t in found)
    else:
        print_table(("site", "crawls", "yield", "failures", "status"), [_row(t) for t in found])
    return FLAGGED if any(t.problem for t in found) else 0


def trends(runs: Sequence[RunRecord], crawls: int) -> list[SiteTrend]:
    """Each site over the ``crawls`` latest crawls in ``runs`` (newest first), by site name."""
    by_crawl: dict[str, list[RunRecord]] = defaultdict(list)
    for record in runs:
        if record.status not in NO_SITES:
            by_crawl[record.crawl_id or f"run {record.id}"].append(record)
    latest = sorted(by_crawl.items(), key=lambda item: min(r.id or 0 for r in item[1]))[-crawls:]
    sites: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"yields": [], "failures": []})
    seen: dict[str, list[str]] = defaultdict(list)
    for name, workers in latest:
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for worker in workers:
            for health in worker.sites:
                totals[health.site][0] += health.yielded
                totals[health.site][1] += health.failures
        for site, (yielded, failures) in totals.items():
            sites[site]["yields"].append(yielded)
            sites[site]["failures"].append(failures)
            seen[site].append(_label(name, workers))
    return [SiteTrend(site, tuple(seen[site]), tuple(counts["yields"]), tuple(counts["failures"]))
            for site, counts in sorted(sites.items())]


def _label(name: str, workers: list[RunRecord]) -> str:
    """A crawl as people name it: its run id, or its crawl id and how many workers it had."""
    return name.removeprefix("run ") if len(workers) == 1 and name.startswith("run ") else f"{name}({len(workers)})"


def _row(trend: SiteTrend) -> list[Any]:
    return [trend.site, " ".join(trend.crawls), " ".join(map(str, trend.yields)),
            " ".join(map(str, trend.failures)), trend.problem or "ok"]
