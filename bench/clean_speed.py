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
import json
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


Page = tuple[bytes, "str | None"]


def load_pages(folder: Path) -> list[Page]:
    """Every page of the folder (``.html`` or ``.html.gz``) as the crawler hands it over: the
    raw bytes and, where a ``truth.json`` beside the folder knows it, the page's URL."""
    truth = folder.parent / "truth.json"
    urls = {key: rec.get("url") for key, rec in json.loads(truth.read_text()).items()} if truth.exists() else {}
    pages: list[Page] = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append((gzip.decompress(path.read_bytes()), urls.get(path.name.removesuffix(".html.gz"))))
        elif path.suffix == ".html":
            pages.append((path.read_bytes(), urls.get(path.stem)))
    return pages


def run_cleaner(page: Page) -> None:
    """The cleaner as the spider calls it: bytes and URL (decoding included)."""
    with contextlib.suppress(NotAnArticle):
        clean(*page)


def run_trafilatura(page: Page) -> None:
    """The peer with its defaults, on the same bytes and URL."""
    trafilatura.extract(page[0], url=page[1])


def interleaved_seconds(pages: list[Page]) -> tuple[float, float]:
    """CPU seconds of trafilatura and of the cleaner over all pages, timed page by page."""
    theirs = ours = 0.0
    for page in pages:
        start = time.process_time()
        run_trafilatura(page)
        middle = time.process_time()
        run_cleaner(page)
        theirs, ours = theirs + middle - start, ours + time.process_time() - middle
    return theirs, ours


def peak_bytes(fn: Callable[[Page], None], pages: list[Page]) -> int:
    """The largest Python allocation peak while handling one page."""
    peak = 0
    for page in pages:
        tracemalloc.start()
        fn(page)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peak


def main() -> int:
    """Print both systems' times and peaks and the ratios; exit 1 when over the time target."""
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
