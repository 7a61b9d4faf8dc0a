"""Scale: newsscraper's full crawl at 1,000, 5,000 and 20,000 articles; time linear, memory flat.

    python bench/crawl_scale.py [--sizes 1000,5000,20000] [--set NAME=VALUE ...]

Row c of crawl_speed.py (``scrapy crawl news`` from the project root into a temporary SQLite
store, 32 concurrent requests, no delay, no AutoThrottle) once per size, each on its own
generated site (bench/newssite.py; the smaller sites are the first articles of the larger ones),
after a warm-up crawl of 100 articles, and after waiting (two minutes at most) for the machine to
be idle. Per size: Scrapy's crawl time, pages/s, the time per
article, and the peak RSS of the crawler and its workers (summed, sampled every 0.1 s).

The bare spider of crawl_speed.py (row a) crawls the smallest and the largest site too: what
Scrapy itself needs to hold a crawl of that size (the scheduler keeps every request found but not
yet fetched, the dupefilter a fingerprint a URL), the peer for memory growth.

Targets (issue 9): time linear, i.e. the time per article at the largest size at most 1.25x that
at the smallest (a crawl whose bookkeeping grows with what it has seen gets slower per page);
peak RSS under 400 MB at every size, and flat: newsscraper's peak RSS grows from the smallest
size to the largest by at most 1.5x what the bare spider's grows (a growth ratio against a peer,
not against newsscraper's own base, which the cleaning workers raise; Scrapy's growth below
5 MB counts as 5 MB, the noise of sampling RSS).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import crawlrun
import report
from crawl_speed import BUSY_PCT, WAIT_QUIET, WARMUP_ARTICLES, crawl
from newssite import Served

TITLE = "Scale: 1,000 to 20,000 articles (issue 9, benchmark 3)"
SIZES, QUICK_SIZES = (1000, 5000, 20000), (200, 800)
TIME_RATIO, RSS_LIMIT_MB, GROWTH_RATIO, GROWTH_FLOOR_MB = 1.25, 400, 1.5, 5.0


def measure(sizes: tuple[int, ...], extra: dict[str, str] | None = None, warmup: bool = True,
            log: Any = sys.stderr, wait_quiet: float = 0) -> list[dict[str, Any]]:
    """One row-c crawl per size, a row-a crawl at the smallest and largest; then the three checks."""
    if warmup:
        with Served(WARMUP_ARTICLES) as small:
            crawl("c", small, extra)
    rows, peers = [], []
    for size in sizes:
        with Served(size) as site:
            if wait_quiet:
                crawlrun.wait_for_quiet(wait_quiet, BUSY_PCT, log)
            for row in ("c", "a") if size in (sizes[0], sizes[-1]) else ("c",):
                result = crawl(row, site, extra if row == "c" else None)
                result["ms_per_page"] = 1000 * result["crawl_s"] / size
                if row == "a":
                    result["crawler"] = "bare spider (Scrapy's own memory)"
                result["extra"] = dict(extra or {})
                (rows if row == "c" else peers).append(result)
                print(f"scale: row {row}, {size:,} articles in {result['crawl_s']:.1f} s, "
                      f"{result['pages_s']:.1f} pages/s, peak RSS {result['rss_mb']:.0f} MB", file=log, flush=True)
    first, last = rows[0], rows[-1]
    time_ratio = last["ms_per_page"] / first["ms_per_page"]
    ours, scrapys = last["rss_mb"] - first["rss_mb"], peers[-1]["rss_mb"] - peers[0]["rss_mb"]
    growth_ratio = ours / max(scrapys, GROWTH_FLOOR_MB)
    peak = max(r["rss_mb"] for r in rows)
    sizes_text = f"{first['articles']:,} -> {last['articles']:,}"
    checks = [
        {"check": "time per article", "pass": time_ratio <= TIME_RATIO, "result": f"{time_ratio:.2f}x",
         "target": f"time per article at {sizes_text} articles grows <= {TIME_RATIO:.2f}x"},
        {"check": "peak RSS", "pass": peak < RSS_LIMIT_MB, "result": f"{peak:.0f} MB",
         "target": f"peak RSS (crawler + workers) < {RSS_LIMIT_MB} MB at every size"},
        {"check": "RSS growth", "pass": growth_ratio <= GROWTH_RATIO,
         "result": f"{growth_ratio:.2f}x ({ours:+.0f} MB against {scrapys:+.0f} MB)",
         "target": f"peak RSS growth at {sizes_text} articles <= {GROWTH_RATIO:.1f}x the bare spider's"},
    ]
    return rows + peers + checks


def run(quick: bool) -> list[dict[str, Any]]:
    """run_all's entry: 1,000, 5,000 and 20,000 articles; quick: 200 and 800, no warm-up."""
    return measure(QUICK_SIZES, warmup=False) if quick else measure(SIZES, wait_quiet=WAIT_QUIET)


COLUMNS = [("crawler", "crawler"), ("articles", "articles", ","), ("requests", "requests", ","),
           ("crawl_s", "crawl s", ".1f"),
           ("pages_s", "pages/s", ",.1f"), ("ms_per_page", "ms per article", ".2f"), ("wall_s", "command s", ".1f"),
           ("rss_mb", "peak RSS MB", ".0f"), ("main_cpu_pct", "crawler process CPU % of a core", ".0f"),
           ("tree_cpu_pct", "crawler + workers CPU % of all cores", ".0f"),
           ("others_pct", "other processes CPU % of all cores", ".0f")]


def markdown(rows: list[dict[str, Any]]) -> str:
    """The section: what runs, the command, the targets, the table, the checks."""
    sizes = [r for r in rows if "articles" in r]
    checks = report.checks(rows)
    extra = " ".join(f"--set {k}={v}" for k, v in sizes[0]["extra"].items())
    ours = [r["articles"] for r in sizes if r["row"] == "c"]
    lines = [
        "Row c of benchmark 1 (`scrapy crawl news` into a temporary SQLite store, 32 concurrent "
        "requests, no delay, no AutoThrottle), once per size, each on its own generated site after a "
        "warm-up crawl; crawl s is Scrapy's crawl time, peak RSS the crawler process plus its children "
        "(summed, sampled every 0.1 s). The bare spider of benchmark 1 (row a) crawls the smallest and "
        "the largest site too: what Scrapy itself holds for a crawl of that size, the peer for memory growth.",
        "",
        f"Run alone: `python bench/crawl_scale.py --sizes {','.join(map(str, ours))}"
        f"{' ' + extra if extra else ''}`",
        "",
        f"Targets: time per article at the largest size <= {TIME_RATIO:.2f}x that at the smallest (linear); "
        f"peak RSS < {RSS_LIMIT_MB} MB at every size; its growth from the smallest size to the largest <= "
        f"{GROWTH_RATIO:.1f}x the bare spider's (flat: newsscraper keeps at most half as much again per URL "
        f"as Scrapy's own scheduler and dupefilter; a growth under {GROWTH_FLOOR_MB:.0f} MB counts as "
        f"{GROWTH_FLOOR_MB:.0f} MB).",
        "",
        report.table(sizes, COLUMNS),
        "",
        report.table([{**c, "verdict": f"**{report.verdict(c['pass'])}**"} for c in checks],
                     [("target", "target"), ("result", "result"), ("verdict", "")]),
    ]
    return "\n".join(lines)


def main() -> int:
    """Measure and print the section; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a setting for the crawl")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--wait-quiet", type=float, default=WAIT_QUIET, metavar="SECONDS",
                        help=f"before each size, wait this long at most for an idle machine (default {WAIT_QUIET})")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    rows = measure(sizes, dict(item.split("=", 1) for item in args.set), warmup=not args.no_warmup,
                   wait_quiet=args.wait_quiet)
    print(markdown(rows))
    return 0 if all(row["pass"] for row in report.checks(rows)) else 1


if __name__ == "__main__":
    sys.exit(main())
