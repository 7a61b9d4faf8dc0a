"""The crawls recorded in the store, newest first: when, how each ended, what it stored and
dropped, and the warnings it gave (a site that stopped yielding, suspected extraction failures).

Each worker of a distributed crawl is a run of its own; CRAWL names the crawl they share.

  newsscraper runs --last 5
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from newsscraper.cli.output import add_format, print_jsonl, print_table
from newsscraper.cli.reading import add_store, one_line_errors, opened

if TYPE_CHECKING:
    import argparse

    from newsscraper.store import RunRecord

__all__ = ["HELP", "NAME", "add_arguments", "run"]

NAME = "runs"
HELP = "the crawls recorded in the store, with their counts"
TABLE = ("id", "started", "finished", "status", "exit", "new", "updated", "unchanged", "dropped", "requests",
         "errors", "crawl")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store(parser)
    parser.add_argument("--last", type=int, default=10, metavar="N", help="the N latest runs (default: 10)")
    add_format(parser, ("table", "jsonl"))


@one_line_errors(NAME)
def run(args: argparse.Namespace) -> int:
    """Print the runs; 1 (one line) for a store that is not there."""
    with opened(args) as store:
        runs = store.recent_runs(max(args.last, 0))
    if args.format == "jsonl":
        print_jsonl(asdict(r) for r in runs)
        return 0
    print_table(TABLE, [_row(r) for r in runs])
    for record in runs:
        for warning in record.warnings:
            print(f"run {record.id}: {warning}")
    return 0


def _row(run: RunRecord) -> list[Any]:
    return [run.id, run.started, run.finished, run.status, run.exit_code, run.new, run.updated, run.unchanged,
            sum(run.dropped.values()), run.requests, run.errors, run.crawl_id]
