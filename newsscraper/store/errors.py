"""Why a crawl could not use its store, as exceptions that carry the crawl's exit code.

Raised before any request or store write, from the component that opens the store for the crawl
(:class:`~newsscraper.store.crawl.CrawlStore`) or the run recorder; the project's ``crawl``
command prints them in one line and exits with their code.
"""

from __future__ import annotations

from newsscraper.exitcodes import ExitCode, RunAborted

__all__ = ["RunLockHeld", "StoreUnavailable"]


class RunLockHeld(RunAborted):
    """A previous crawl into the same store is still running."""

    exit_code = ExitCode.LOCKED


class StoreUnavailable(RunAborted):
    """The store can't be opened or written, so the run can't be recorded."""

    exit_code = ExitCode.STORE_ERROR
