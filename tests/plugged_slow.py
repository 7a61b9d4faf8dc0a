"""cleaners.clean from a module that takes a second to load, as a heavy cleaner's imports do on a
busy machine (NEWSSCRAPER_CLEANER="plugged_slow.clean"): its worker's start-up must not count
against the first page's time limit."""

from __future__ import annotations

import time

from cleaners import clean

__all__ = ["clean"]

time.sleep(1.0)
