"""The exit codes of ``scrapy crawl`` in this project, for cron and monitoring (README: "Exit codes").

Scrapy's own ``scrapy crawl`` exits 0 whatever the crawl did; the project's ``crawl`` command
(:mod:`newsscraper.commands.crawl`) exits with the code the run recorder decided and wrote in the
``runs`` table. 1 and 2 keep their Scrapy meanings.
"""

from __future__ import annotations

import difflib
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from typing_extensions import Self

__all__ = ["STORE_ERROR", "ExitCode", "RunAborted", "UserError", "exit_code_for"]

#: the close reason of a crawl stopped by a storage error
STORE_ERROR = "store_error"


class ExitCode(IntEnum):
    """Why a crawl ended, as a process exit code."""

    #: the crawl ran to its end and got at least one usable response
    OK = 0
    #: Scrapy's: the crawl could not start (unknown spider, bad -a value, malformed sites file)
    NOT_STARTED = 1
    #: Scrapy's: bad command line
    USAGE = 2
    #: another crawl into the same store still holds the lock; this one did nothing
    LOCKED = 3
    #: no request got a usable response (every site down, DNS, robots.txt forbids all…); on a
    #: shared frontier, no request of any process of the run did
    ALL_FAILED = 4
    #: the store could not be opened or written; the crawl stopped
    STORE_ERROR = 5
    #: the crawl was stopped before its end (SIGTERM/SIGINT, or closed early for another reason)
    INTERRUPTED = 6

    @property
    def meaning(self) -> str:
        """A few words for the summary's last line."""
        return {
            ExitCode.OK: "ok",
            ExitCode.NOT_STARTED: "the crawl could not start",
            ExitCode.USAGE: "bad command line",
            ExitCode.LOCKED: "another crawl holds the lock",
            ExitCode.ALL_FAILED: "every request failed",
            ExitCode.STORE_ERROR: "the store could not be written",
            ExitCode.INTERRUPTED: "stopped before its end",
        }[self]


class RunAborted(RuntimeError):
    """The run can't start; ``exit_code`` says why. Raised before any request or store write."""

    exit_code = ExitCode.NOT_STARTED


class UserError(RunAborted, ValueError):
    """A mistake in what the user gave (the sites file, an ``-a`` argument, an ``-s`` value): the
    message says what and where, in one line; the command prints it without a traceback."""

    @classmethod
    def unknown(cls, what: str, name: str, known: Iterable[str], otherwise: str = "") -> Self:
        """``unknown argument start_url; did you mean start_urls?``: a misspelt name and its fix, or
        ``otherwise`` (default: the known names) when no known name is close."""
        names = sorted(known)
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"did you mean {close[0]}?" if close else otherwise or f"known: {', '.join(names)}"
        return cls(f"unknown {what} {name}; {hint}")


def exit_code_for(reason: str, requests: int, usable_responses: int) -> ExitCode:
    """The exit code of a crawl that ran: from Scrapy's close reason, its requests and usable responses.

    ``closespider_*`` reasons are limits the user set (CLOSESPIDER_TIMEOUT…), not failures. A run
    that had nothing to request (a resumed JOBDIR whose queue was already done) did not fail.
    """
    if reason == STORE_ERROR:
        return ExitCode.STORE_ERROR
    if reason != "finished" and not reason.startswith("closespider_"):
        return ExitCode.INTERRUPTED
    if requests and not usable_responses:
        return ExitCode.ALL_FAILED
    return ExitCode.OK
