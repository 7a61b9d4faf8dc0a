"""Crawl throughput: newsscraper's full crawl as a ratio against a spider calling trafilatura.

    python bench/crawl_speed.py [--articles 2000] [--rounds 5] [--rows abc] [--set NAME=VALUE ...]
    python bench/crawl_speed.py --profile [--articles 2000]     # where row c's time goes

Three crawlers fetch the same generated site (bench/newssite.py: N distinct articles, served from
memory by its own process on 127.0.0.1), each as a real command in a subprocess, with the same
Scrapy settings where it matters: 32 concurrent requests (32 per domain), no delay, no
AutoThrottle, robots.txt obeyed, Scrapy's default retries, the same user agent, log level INFO.

- a: ``scrapy runspider bench/peer_spider.py -a extract=none``: raw HTML to JSON lines (the
  ceiling: what fetching the site costs Scrapy itself; if it isn't far faster than b, the server
  or the loopback is what limits the rows, not the work per page);
- b: the same spider calling ``trafilatura.extract`` with its defaults in the callback, text to JSON
  lines: what a user would write instead of newsscraper;
- c: ``python -m scrapy crawl news -a start_urls=… -s NEWSSCRAPER_DATABASE=<temp file>`` from the
  project root (scrapy.cfg applies): links, cleaning, validation, dedup, the SQLite store.

A warm-up crawl of a 100-article site runs each row first (imports, .pyc files, page cache); then
``--rounds`` rounds run a, b, c in turn, so what else the machine does falls on all rows alike,
each round after waiting (``--wait-quiet``, 120 s at most) for the machine to be idle: row c needs
both cores, row b one, so another process holding a core understates c/b.
Pages/s are articles written (rows a and b: feed lines; c: rows in the store, all N, checked) over
Scrapy's own crawl time; the ratio is the median over rounds of c/b within each round. Every row
must produce exactly N articles, else the run stops with the row's log. ``--set`` passes settings
to row c only (e.g. ``--set NEWSSCRAPER_CLEAN_WORKERS=0``). The target (issue 9): c ≥ 1.3x b's
pages/s on the 2-core machine; aim for 1.5x. ``--profile`` runs row c once under py-spy
(``--subprocesses``: the main process and the cleaning workers apart), else cProfile (main only).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import crawlrun
import report
from newssite import Served

TITLE = "Crawl throughput against a spider calling trafilatura (issue 9, benchmark 1)"
ROOT = report.ROOT
PEER = Path(__file__).resolve().parent / "peer_spider.py"
TARGET, AIM = 1.30, 1.50
ARTICLES, QUICK_ARTICLES, WARMUP_ARTICLES = 2000, 300, 100
ROUNDS = 5
#: seconds `make bench` waits, before each round, for other work on the shared machine to stop
WAIT_QUIET = 120
#: other processes' share of the CPU (%) above which the machine counts as busy
BUSY_PCT = 15
#: what every row runs with, on its command line
SHARED = {"CONCURRENT_REQUESTS": "32", "CONCURRENT_REQUESTS_PER_DOMAIN": "32", "DOWNLOAD_DELAY": "0",
          "AUTOTHROTTLE_ENABLED": "False"}
CRAWLERS = {
    "a": "bare spider, raw HTML (ceiling)",
    "b": "spider + trafilatura.extract",
    "c": "newsscraper: scrapy crawl news",
}
REQUESTS_RE = re.compile(r"'downloader/request_count': (\d+)")


def _settings(settings: dict[str, str]) -> list[str]:
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def command(row: str, url: str, work: Path, extra: dict[str, str] | None = None) -> tuple[list[str], Path, Path]:
    """The argv of a row, its working folder and the file it writes its articles to."""
    if row == "c":
        database = work / "news.sqlite"
        argv = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={url}",
                *_settings({"NEWSSCRAPER_DATABASE": str(database), **SHARED, **(extra or {})})]
        return argv, ROOT, database
    output = work / f"{row}.jsonl"
    extract = "none" if row == "a" else "trafilatura"
    argv = [sys.executable, "-m", "scrapy", "runspider", str(PEER), "-a", f"start_url={url}",
            "-a", f"extract={extract}", "-O", str(output), *_settings(SHARED)]
    return argv, work, output


def articles_written(row: str, output: Path) -> int:
    """How many articles a row produced: feed lines with content, or rows in the store."""
    if not output.exists():
        return 0
    if row == "c":
        with sqlite3.connect(output) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    key = "html" if row == "a" else "text"
    with output.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if json.loads(line).get(key))


def crawl(row: str, site: Served, extra: dict[str, str] | None = None) -> dict[str, Any]:
    """One measured run of one row against a served site; raises with the log if it went wrong."""
    with tempfile.TemporaryDirectory(prefix=f"bench-crawl-{row}-") as folder:
        work = Path(folder)
        argv, cwd, output = command(row, site.url, work, extra)
        server_before = site.cpu_seconds()
        run = crawlrun.measure(argv, cwd, work / "crawl.log", crawlrun.clean_env())
        server = site.cpu_seconds() - server_before
        written = articles_written(row, output)
        if run.returncode != 0 or written != site.articles or run.crawl_s is None:
            tail = "\n".join(run.log.splitlines()[-40:])
            raise RuntimeError(f"row {row}: exit code {run.returncode}, {written} of {site.articles} articles "
                               f"written, crawl time {run.crawl_s}\n$ {' '.join(argv)}\n{tail}")
    requests = REQUESTS_RE.findall(run.log)
    cores = len(run.cores_pct) or 1
    ours = 100 * (run.cpu_s + server) / (run.wall_s * cores)
    return {
        "row": row, "crawler": CRAWLERS[row], "articles": written, "requests": int(requests[-1]) if requests else None,
        "crawl_s": run.crawl_s, "pages_s": written / run.crawl_s, "wall_s": run.wall_s, "rss_mb": run.rss_mb,
        "cpu_s": run.cpu_s, "cpu_ms": 1000 * run.crawl_cpu_s / written if run.crawl_cpu_s else None,
        "main_cpu_pct": run.main_cpu_pct, "tree_cpu_pct": run.tree_cpu_pct,
        "cores": " / ".join(f"{c:.0f}" for c in run.cores_pct), "server_cpu_s": server,
        "others_pct": max(0.0, sum(run.cores_pct) / cores - ours),
    }


def _median_row(runs: list[dict[str, Any]]) -> dict[str, Any]:
    row = dict(runs[len(runs) // 2])
    for key in runs[0]:
        values = [r[key] for r in runs if isinstance(r[key], float)]
        if values:
            row[key] = statistics.median(values)
    speeds = [r["pages_s"] for r in runs]
    row["spread"] = f"{min(speeds):,.0f}-{max(speeds):,.0f}" if len(runs) > 1 else None
    return row


def measure(articles: int, rounds: int, rows: str = "abc", extra: dict[str, str] | None = None,
            warmup: bool = True, log: Any = sys.stderr, wait_quiet: float = 0) -> list[dict[str, Any]]:
    """Warm up, then ``rounds`` interleaved rounds of ``rows``, each after waiting up to
    ``wait_quiet`` seconds for other work on the machine to stop; one median row per crawler, the
    checks (c/b against the target, a/b as the ceiling check) on row c."""
    if warmup:
        with Served(WARMUP_ARTICLES) as small:
            for row in rows:
                print(f"warm-up: row {row}, {WARMUP_ARTICLES} articles", file=log, flush=True)
                crawl(row, small, extra)
    runs: dict[str, list[dict[str, Any]]] = {row: [] for row in rows}
    with Served(articles) as site:
        for number in range(1, rounds + 1):
            if wait_quiet:
                crawlrun.wait_for_quiet(wait_quiet, BUSY_PCT, log)
            for row in rows:
                result = crawl(row, site, extra)
                runs[row].append(result)
                print(f"round {number}/{rounds}: row {row} {result['pages_s']:7.1f} pages/s "
                      f"({result['crawl_s']:.1f} s, peak RSS {result['rss_mb']:.0f} MB)", file=log, flush=True)
        page_kib = site.raw_bytes / 1024 / site.articles
    table = [_median_row(runs[row]) for row in rows]
    for row in table:
        row.update(site_articles=articles, rounds=rounds, page_kib=page_kib, extra=dict(extra or {}))
    by_row = {row["row"]: row for row in table}
    if "b" in runs and "c" in runs:
        ratio = statistics.median(c["pages_s"] / b["pages_s"] for b, c in zip(runs["b"], runs["c"], strict=True))
        command_ratio = statistics.median(b["wall_s"] / c["wall_s"] for b, c in zip(runs["b"], runs["c"], strict=True))
        by_row["c"].update(ratio=ratio, command_ratio=command_ratio, **{"pass": ratio >= TARGET},
                           target=f"newsscraper >= {TARGET:.2f}x the pages/s of spider + trafilatura (aim {AIM:.1f}x)",
                           result=f"{ratio:.2f}x" + _busy_note(table))
    if "a" in runs and "b" in runs:
        pairs = zip(runs["a"], runs["b"], strict=True)
        by_row["a"]["ceiling"] = statistics.median(a["pages_s"] / b["pages_s"] for a, b in pairs)
    return table


def _busy_note(rows: list[dict[str, Any]]) -> str:
    """`` (machine busy: …)`` when other processes took a share of the CPU during a row that makes
    a two-core target hard to judge (the pool can't use a core someone else holds)."""
    busy = max(r["others_pct"] for r in rows)
    return f" (machine busy: other processes took {busy:.0f}% of its CPU)" if busy > BUSY_PCT else ""


def run(quick: bool) -> list[dict[str, Any]]:
    """run_all's entry: 2,000 articles, 5 rounds after a warm-up, then row c once more under the
    profiler; quick: 300 articles, one round, no profile."""
    if quick:
        return measure(QUICK_ARTICLES, 1, warmup=False)
    return [*measure(ARTICLES, ROUNDS, wait_quiet=WAIT_QUIET), {"profile": profile(ARTICLES, top=15)}]


COLUMNS = [("row", "row"), ("crawler", "crawler"), ("articles", "articles", ","), ("requests", "requests", ","),
           ("crawl_s", "crawl s", ".1f"), ("pages_s", "pages/s", ",.1f"), ("spread", "pages/s min-max"),
           ("wall_s", "command s", ".1f"), ("rss_mb", "peak RSS MB", ".0f"),
           ("cpu_ms", "CPU ms per article", ".1f"), ("main_cpu_pct", "crawler process CPU % of a core", ".0f"),
           ("tree_cpu_pct", "crawler + workers CPU % of all cores", ".0f"),
           ("cores", "machine cores busy %"), ("others_pct", "other processes CPU % of all cores", ".0f"),
           ("server_cpu_s", "site server CPU s", ".2f")]


def markdown(rows: list[dict[str, Any]]) -> str:
    """The section: setup, command, target, table, ratio, ceiling check, and the profile if any."""
    profiles = [r["profile"] for r in rows if "profile" in r]
    rows = [r for r in rows if "row" in r]
    first = rows[0]
    extra = " ".join(f"--set {k}={v}" for k, v in first["extra"].items())
    lines = [
        f"Each row crawls the same generated site of {first['site_articles']:,} distinct articles (mean "
        f"{first['page_kib']:.1f} KiB of HTML, gzipped on the wire; bench/newssite.py) served from memory "
        "by its own process on 127.0.0.1, as a real command in a subprocess: 32 concurrent requests (32 "
        "per domain), no delay, no AutoThrottle, robots.txt obeyed, Scrapy's default retries. A warm-up "
        f"crawl first, then {first['rounds']} round{'s' if first['rounds'] != 1 else ''} running a, b, c in "
        "turn, each after waiting up to 2 minutes for the machine to be idle; medians. Pages/s: articles "
        "written over Scrapy's crawl time (`elapsed_time_seconds`); command s: the whole command. Peak "
        "RSS: the crawler process plus its children, summed (an upper bound). Over the crawl itself (from "
        "'Spider opened' in its log to its end): CPU ms per article of the crawler and its workers, the "
        "crawler process alone in % of one core (100 "
        "= its reactor thread never waits) and the crawler with its workers in % of all cores; machine "
        "cores busy: each core over the command, every process on the machine; other processes: that "
        "load less the crawler's and the server's (the machine is shared: what others ran meanwhile).",
        "",
        "Row a: `scrapy runspider bench/peer_spider.py -a extract=none` (raw HTML); b: the same spider "
        "calling `trafilatura.extract(response.body, url=response.url)`; c: `python -m scrapy crawl news "
        "-a start_urls=URL -s NEWSSCRAPER_DATABASE=<temp file> -s CONCURRENT_REQUESTS=32 -s "
        "CONCURRENT_REQUESTS_PER_DOMAIN=32 -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False` from the "
        "project root.",
        "",
        f"Run alone: `python bench/crawl_speed.py --articles {first['site_articles']} --rounds "
        f"{first['rounds']}{' ' + extra if extra else ''}`; `--profile` shows where row c's time goes.",
        "",
        f"Target: newsscraper's pages/s **>= {TARGET:.2f}x** those of the spider calling trafilatura "
        f"(aim {AIM:.2f}x), on this 2-core machine.",
        "",
        report.table(rows, COLUMNS),
        "",
    ]
    c = next((r for r in rows if r["row"] == "c" and "ratio" in r), None)
    if c is not None:
        lines.append(f"**c / b = {c['ratio']:.2f}x** (target >= {TARGET:.2f}x, aim {AIM:.2f}x): "
                     f"**{report.verdict(c['pass'])}**. On the whole command's time (start-up and shutdown, a "
                     f"worker pool's included): {c['command_ratio']:.2f}x.")
        cores = len(c["cores"].split("/"))
        b = next((r for r in rows if r["row"] == "b"), None)
        if c["cpu_ms"] and b is not None and b["cpu_ms"]:
            bound = cores * 1000 / c["cpu_ms"]
            lines.append(f"\nCPU bound: at {c['cpu_ms']:.1f} ms of CPU per article, row c can do at most "
                         f"{bound:,.0f} pages/s with its {cores} cores fully busy, {bound / b['pages_s']:.2f}x row b "
                         f"(which uses {b['cpu_ms']:.1f} ms per article, on one core).")
    a = next((r for r in rows if r["row"] == "a" and "ceiling" in r), None)
    if a is not None:
        ok = "so the server and Scrapy's own fetching are not what limits b and c" if a["ceiling"] >= 2 else (
            "**too close: the server or Scrapy's fetching may be what limits b and c**")
        lines.append(f"\nCeiling check: a / b = {a['ceiling']:.2f}x, {ok}.")
    busy = max(r["others_pct"] for r in rows)
    if busy > BUSY_PCT:
        lines.append(f"\nThe machine was shared: other processes used up to {busy:.0f}% of its CPU during a row "
                     "(median over rounds). That slows every row, but not alike: row b needs one core, row c "
                     "both, so a busy machine understates c / b. Judge the target on a quiet machine.")
    for text in profiles:
        lines += ["", "Where row c's time goes (`python bench/crawl_speed.py --profile`):", "", "```", text, "```"]
    return "\n".join(lines)


# --- where the time goes ---------------------------------------------------------------------

def py_spy() -> str | None:
    """The py-spy executable beside this Python (the bench extra) or on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def _frame(name: str) -> str:
    return re.sub(r":\d+\)$", ")", name)


#: frames every sample passes through on its way to real work (the command runner, the event loop,
#: a pool worker's loop), left out of the cumulative list so that it shows the work
PLUMBING_RE = re.compile(
    r"\((<frozen runpy>|scrapy/__main__\.py|scrapy/cmdline\.py|scrapy/crawler\.py|newsscraper/commands/crawl\.py|"
    r"scrapy/utils/(asyncgen|asyncio|defer|python|decorators)\.py|scrapy/core/spidermw\.py|"
    r"scrapy/spidermiddlewares/base\.py|"
    r"asyncio/(base_events|events|runners)\.py|twisted/internet/(asyncioreactor|base)\.py|"
    r"multiprocessing/(process|popen_\w+|pool|context|forkserver|spawn)\.py|concurrent/futures/process\.py|"
    r"threading\.py|<string>)\)$")


def _frames(stack: str) -> list[str]:
    """One py-spy raw stack split into frames; a process frame (``process 12:"cmdline"``) keeps a
    command line that has ``;`` in it (a forkserver's ``python -c 'import …; main(…)'``)."""
    frames: list[str] = []
    for piece in stack.split(";"):
        if frames and frames[-1].startswith("process ") and frames[-1].count('"') % 2:
            frames[-1] += ";" + piece
        else:
            frames.append(piece)
    return frames


def _package(frame: str) -> str:
    """The top-level package of a frame's file: ``trafilatura``, ``lxml``, ``asyncio``, ``(python)``."""
    where = frame.rsplit("(", 1)[-1].rstrip(")")
    if where.startswith("<"):
        return "(python)"
    return where.split("/", 1)[0].removesuffix(".py")


def pyspy_report(raw: str, rate: int, top: int) -> str:
    """py-spy's raw stacks per role (the crawler process, its workers): inclusive and self time."""
    total: Counter[str] = Counter()
    inclusive: dict[str, Counter[str]] = {"main process": Counter(), "workers": Counter()}
    own: dict[str, Counter[str]] = {"main process": Counter(), "workers": Counter()}
    pids: dict[str, set[str]] = {"main process": set(), "workers": set()}
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = _frames(stack)
        procs = [f for f in frames if f.startswith("process ")]
        role = "main process" if len(procs) <= 1 else "workers"
        if procs:
            pids[role].add(procs[-1].split(":", 1)[0])
        names = [_frame(f) for f in frames if not f.startswith("process ")]
        n = int(count)
        total[role] += n
        for name in set(names):
            inclusive[role][name] += n
        if names:
            own[role][names[-1]] += n
    out = []
    for role in ("main process", "workers"):
        if not total[role]:
            out.append(f"{role}: no samples" + (" (no worker processes: cleaning runs in the crawler)"
                                                if role == "workers" else ""))
            continue
        out.append(f"{role} ({len(pids[role])} process(es)): {total[role]} samples = {total[role] / rate:.1f} s "
                   "not idle")
        packages: Counter[str] = Counter()
        for name, n in own[role].items():
            packages[_package(name)] += n
        cumulative = Counter({k: v for k, v in inclusive[role].items() if not PLUMBING_RE.search(k)})
        for title, counter, limit in (
                ("package (self time of its functions)", packages, 12),
                ("cumulative (the function and all it called; runner and event-loop frames left out)",
                 cumulative, top),
                ("self (the function's own code)", own[role], top)):
            out.append(f"  top by {title}:")
            for name, n in counter.most_common(limit):
                out.append(f"    {100 * n / total[role]:5.1f}%  {n / rate:6.1f} s  {name}")
    return "\n".join(out)


def profile(articles: int, extra: dict[str, str] | None = None, top: int = 25, rate: int = 100) -> str:
    """Row c once under py-spy (all processes), else cProfile (the crawler process only)."""
    with Served(articles) as site, tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        work = Path(folder)
        argv, cwd, _ = command("c", site.url, work, extra)
        spy = py_spy()
        if spy:
            raw = work / "stacks.txt"
            done = subprocess.run([spy, "record", "--subprocesses", "--nonblocking", "--format", "raw",
                                   "--rate", str(rate), "-o", str(raw), "--", *argv], cwd=cwd,
                                  env=crawlrun.clean_env(), capture_output=True, text=True, check=False)
            if raw.exists():
                return (f"py-spy, {rate} samples/s, row c on {articles:,} articles (samples of threads that were "
                        f"not idle; on a busy machine, waiting for a core counts as not idle):\n"
                        + pyspy_report(raw.read_text(), rate, top))
            print(f"py-spy failed ({done.stderr.strip()[-300:]}); using cProfile", file=sys.stderr)
        stats = work / "crawl.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), *argv[1:]], cwd=cwd,
                       env=crawlrun.clean_env(), capture_output=True, check=False)
        import io
        import pstats

        buffer = io.StringIO()
        for order in ("cumulative", "tottime"):
            pstats.Stats(str(stats), stream=buffer).sort_stats(order).print_stats(top)
        return f"cProfile, row c on {articles:,} articles, crawler process only:\n{buffer.getvalue()}"


def main() -> int:
    """Measure (or profile) and print the section; exit 1 when c/b misses the target."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--rows", default="abc", help="which rows, e.g. bc (default abc)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a setting for row c")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--wait-quiet", type=float, default=WAIT_QUIET, metavar="SECONDS",
                        help=f"before each round, wait this long at most for an idle machine (default {WAIT_QUIET})")
    parser.add_argument("--profile", action="store_true", help="profile row c once instead")
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.set)
    if args.profile:
        print(profile(args.articles, extra, args.top))
        return 0
    rows = measure(args.articles, args.rounds, args.rows, extra, warmup=not args.no_warmup, wait_quiet=args.wait_quiet)
    print(markdown(rows))
    return 0 if all(row["pass"] for row in report.checks(rows)) else 1


if __name__ == "__main__":
    sys.exit(main())
