"""Why a crawl could not use its store, as exceptions that carry the crawl's exit code; and the two
mistakes a reader of the store can make (a store that is not there, a query the engine rejects).

The crawl's are raised before any request or store write, from the component that opens the store
for the crawl (:class:`~newsscraper.store.crawl.CrawlStore`) or the run recorder; the project's
``crawl`` command prints them in one line and exits with their code. The ``newsscraper`` command
prints a reader's in one line.
"""

from __future__ import annotations

from newsscraper.exitcodes import ExitCode, RunAborted

__all__ = ["BadQuery", "RunLockHeld", "StoreMissing", "StoreUnavailable"]


class RunLockHeld(RunAborted):
    """A previous crawl into the same store is still running."""

    exit_code = ExitCode.LOCKED


class StoreUnavailable(RunAborted):
    """The store can't be opened or written, so the run can't be recorded."""

    exit_code = ExitCode.STORE_ERROR


class StoreMissing(LookupError):
    """No store where a reader looked: a reader never creates an empty one."""


class BadQuery(ValueError):
    """The full-text engine rejects the query (an unbalanced quote, an unknown column filter)."""
