"""Crawl news sites into the store: ``scrapy crawl news``, for people who don't know Scrapy.

  newsscraper crawl https://www.example.com/ https://www.example.com/world/
  newsscraper crawl sites.toml -O articles.jsonl
  newsscraper crawl sites.toml --db data/news.sqlite -s NEWSSCRAPER_REFETCH_AFTER=0

Give start URLs (one site per host) or a sites file. The -a, -s, -o, -O, -L, --nolog and
--logfile options are those of `scrapy crawl news` (see README.md). On a terminal, one line shows
what the crawl has done so far and the log shows warnings and errors only (unless -L, --nolog or
--logfile says otherwise); elsewhere (a pipe, a file, cron) the log is Scrapy's, with a progress
line in it every --progress seconds. The summary is printed last, on stdout. The exit code is the
crawl's: 0 ok, 1 could not start, 2 bad command line, 3 another crawl holds the store's lock,
4 every request failed, 5 the store could not be written, 6 stopped before its end.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["HELP", "NAME", "add_arguments", "command", "run"]

NAME = "crawl"
HELP = "crawl news sites into the store (scrapy crawl news)"
#: seconds between two progress reports, on a terminal and in a log
TERMINAL_PROGRESS, LOG_PROGRESS = 1.0, 10.0
#: the project's settings, so the crawl runs from any folder, without scrapy.cfg
SETTINGS_MODULE = "newsscraper.settings"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``scrapy crawl news`` a user needs, and the targets in plain words."""
    parser.add_argument("targets", nargs="*", metavar="URL|SITES_FILE",
                        help="start URLs (http:// or https://), or one sites file (TOML, see sites.example.toml)")
    parser.add_argument("--db", metavar="PATH|URL",
                        help="the store: a SQLite file or a postgresql:// URL (default: the NEWSSCRAPER_DATABASE "
                             "setting or environment variable); same as -s NEWSSCRAPER_DATABASE=…")
    parser.add_argument("-a", dest="arguments", action="append", default=[], metavar="NAME=VALUE",
                        help="a spider argument: start_urls=URL[,URL…] or sites=FILE")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="override a setting for this crawl (README.md, Settings)")
    parser.add_argument("-o", dest="append", action="append", default=[], metavar="FILE",
                        help="also append the articles downloaded to FILE (.jsonl, .csv…)")
    parser.add_argument("-O", dest="overwrite", action="append", default=[], metavar="FILE",
                        help="also write the articles downloaded to FILE, replacing it")
    parser.add_argument("-L", "--loglevel", metavar="LEVEL", help="log level (default: WARNING on a terminal, "
                        "else INFO)")
    parser.add_argument("--nolog", action="store_true", help="no log at all")
    parser.add_argument("--logfile", metavar="FILE", help="the log goes to FILE instead of stderr")
    parser.add_argument("--progress", type=float, metavar="SECONDS",
                        help=f"seconds between progress reports (default: {TERMINAL_PROGRESS:g} on a terminal, "
                             f"{LOG_PROGRESS:g} in the log; 0: none)")


def run(args: argparse.Namespace) -> int:
    """Run ``scrapy crawl news`` with these arguments; its exit code, or 2 for unusable targets."""
    try:
        argv = command(args, on_terminal=sys.stdout.isatty())
    except ValueError as exc:
        print(f"newsscraper crawl: {exc}", file=sys.stderr)
        return 2
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": os.environ.get("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE)}
    return _wait(subprocess.Popen(argv, env=env))


def command(args: argparse.Namespace, *, on_terminal: bool) -> list[str]:
    """The ``scrapy crawl news`` command line; ValueError for targets that are neither URLs nor one
    sites file."""
    argv = [sys.executable, "-m", "scrapy", "crawl", "news", *_targets(args.targets)]
    argv += [arg for value in args.arguments for arg in ("-a", value)]
    progress = args.progress if args.progress is not None else TERMINAL_PROGRESS if on_terminal else LOG_PROGRESS
    settings = [f"NEWSSCRAPER_PROGRESS_INTERVAL={progress:g}"]
    if args.db is not None:
        settings.append(f"NEWSSCRAPER_DATABASE={args.db}")
    argv += [arg for value in [*settings, *args.settings] for arg in ("-s", value)]  # the user's -s win
    argv += [arg for path in args.append for arg in ("-o", path)]
    argv += [arg for path in args.overwrite for arg in ("-O", path)]
    if args.nolog:
        argv.append("--nolog")
    if args.logfile:
        argv += ["--logfile", args.logfile]
    if args.loglevel:
        argv += ["-L", args.loglevel]
    elif on_terminal and not (args.nolog or args.logfile):
        argv += ["-L", "WARNING"]  # the progress line says how it goes; the log, what went wrong
    return argv


def _targets(targets: list[str]) -> list[str]:
    """``-a start_urls=…`` for the URLs, or ``-a sites=FILE`` for the one sites file."""
    urls = [t for t in targets if "://" in t]
    files = [t for t in targets if "://" not in t]
    for path in files:
        if not Path(path).is_file():
            raise ValueError(f"{path}: no such sites file (a start URL begins with http:// or https://)")
    if files and (urls or len(files) > 1):
        raise ValueError("give start URLs or one sites file, not both")
    if files:
        return ["-a", f"sites={files[0]}"]
    return ["-a", f"start_urls={','.join(urls)}"] if urls else []


def _wait(crawl: subprocess.Popen[bytes]) -> int:
    """The crawl's exit code (128 + N if signal N killed it). Ctrl-C on a terminal reaches the crawl
    itself, which stops cleanly (a second one stops it at once): this process ignores it and waits;
    a SIGTERM sent to this process is passed on."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN), signal.signal(
        signal.SIGTERM, lambda signum, frame: crawl.send_signal(signum))
    try:
        code = crawl.wait()
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])
    return 128 - code if code < 0 else code
