"""Speed and memory of ``cleaners.clean`` as ratios against ``trafilatura.extract``, in one run.

    python bench/clean_speed.py [--pages DIR] [--rounds N]

Both run in this process over the same pages (the shared eval pages by default, else the
fixture pages), interleaved page by page (trafilatura, then the cleaner, on each page) so that
whatever else the machine does hits both alike; the ratio is the median over rounds. The target
(issue #4): the cleaner costs at most 30% more time than trafilatura.extract with its
defaults. Times are CPU seconds (``time.process_time``); memory is the peak of Python
allocations (``tracemalloc``) while cleaning one page, the largest over all pages.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import trafilatura

from cleaners import NotAnArticle, clean

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_PAGES = ROOT.parent / "shared" / "eval" / "zyte" / "html"
TARGET_TIME_RATIO = 1.30


def load_pages(folder: Path) -> list[str]:
    """Every page of the folder (``.html`` or ``.html.gz``) as text."""
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        elif path.suffix == ".html":
            pages.append(path.read_bytes().decode("utf-8", "replace"))
    return pages


def run_cleaner(html: str) -> None:
    with contextlib.suppress(NotAnArticle):
        clean(html)


def run_trafilatura(html: str) -> None:
    trafilatura.extract(html)


def interleaved_seconds(pages: list[str]) -> tuple[float, float]:
    """CPU seconds of trafilatura and of the cleaner over all pages, timed page by page."""
    theirs = ours = 0.0
    for html in pages:
        start = time.process_time()
        run_trafilatura(html)
        middle = time.process_time()
        run_cleaner(html)
        theirs, ours = theirs + middle - start, ours + time.process_time() - middle
    return theirs, ours


def peak_bytes(fn: Callable[[str], None], pages: list[str]) -> int:
    peak = 0
    for html in pages:
        tracemalloc.start()
        fn(html)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    fallback = ROOT / "fixtures" / "pages"
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES if DEFAULT_PAGES.exists() else fallback)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = load_pages(args.pages)
    interleaved_seconds(pages[:5])  # warm-up: imports, caches, compiled patterns
    rounds = [interleaved_seconds(pages) for _ in range(args.rounds)]
    ratio = statistics.median(ours / theirs for theirs, ours in rounds)
    t_theirs = statistics.median(theirs for theirs, _ in rounds)
    t_ours = statistics.median(ours for _, ours in rounds)
    m_ours, m_theirs = peak_bytes(run_cleaner, pages), peak_bytes(run_trafilatura, pages)
    print(f"pages: {len(pages)} from {args.pages}, rounds: {args.rounds} (median CPU seconds, interleaved)")
    for name, seconds, peak in (("trafilatura.extract", t_theirs, m_theirs), ("cleaners.clean", t_ours, m_ours)):
        print(f"{name:20s} {seconds:8.2f} s  {len(pages) / seconds:7.1f} pages/s  peak {peak / 2**20:6.1f} MiB")
    print(f"time ratio {ratio:.2f} (target <= {TARGET_TIME_RATIO:.2f}), peak memory ratio {m_ours / m_theirs:.2f}")
    return 0 if ratio <= TARGET_TIME_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
