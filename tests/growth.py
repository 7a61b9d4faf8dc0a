"""Counting the work of a cleaning, for growth guards that compare a page of size n with one of 4n:
the calls cProfile counts are the same on every run and machine, unlike seconds."""

from __future__ import annotations

import cProfile
import pstats
from contextlib import suppress

from cleaners import NotAnArticle, clean

__all__ = ["MAX_CALLS_GROWTH", "calls", "clean_quietly"]

#: 4x the input costs at most this many times more calls: linear is 4 (less with fixed costs), quadratic 16
MAX_CALLS_GROWTH = 6.0


def clean_quietly(page: bytes | str) -> None:
    """Clean a page, an article or not."""
    with suppress(NotAnArticle):
        clean(page)


def calls(page: bytes | str) -> int:
    """How many calls cleaning ``page`` makes."""
    profile = cProfile.Profile()
    profile.runcall(clean_quietly, page)
    return int(pstats.Stats(profile).total_calls)
