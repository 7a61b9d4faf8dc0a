"""Serve the bundled demo news site on 127.0.0.1 until Ctrl-C, to crawl it by hand.

The site's pages are dated: crawl edition N with the "now" it stands for (printed at start, as
NEWSSCRAPER_NOW), or its sitemap entries look too old to follow. On exit it reports how many
requests it answered and which paths were asked for more than once.

  newsscraper demo-site --port 8473
  NEWSSCRAPER_NOW=... scrapy crawl news -a start_urls=http://127.0.0.1:8473/
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading

from newsscraper.demo.runner import edition_now
from newsscraper.demo.server import DEMO_SITE_ROOT, DemoSite, request_report

__all__ = ["HELP", "NAME", "add_arguments", "run"]

NAME = "demo-site"
HELP = "serve the bundled demo news site on 127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8473, help="port on 127.0.0.1 (default: 8473; 0: any free one)")
    parser.add_argument("--edition", type=int, default=1, help="the edition served (default: 1; the demo has 2)")


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM; 1 (one line) when the port or the edition is not available."""
    if not (DEMO_SITE_ROOT / f"edition{args.edition}").is_dir():
        print(f"newsscraper demo-site: no edition {args.edition} in the demo site", file=sys.stderr)
        return 1
    try:
        served = DemoSite(edition=args.edition, port=args.port)
    except OSError as exc:
        print(f"newsscraper demo-site: can't serve on 127.0.0.1:{args.port}: {exc.strerror} "
              "(choose another with --port)", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl-C does, with the report
    now = edition_now(DEMO_SITE_ROOT, args.edition)
    with served as site:
        print(f"Serving edition {args.edition} of the demo site at {site.url} (Ctrl-C stops)", flush=True)
        if now:
            print(f"Crawl it with: NEWSSCRAPER_NOW={now} scrapy crawl news -a start_urls={site.url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
        print(request_report(site.requested))
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
