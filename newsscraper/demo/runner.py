"""``make demo``: crawl the bundled news site twice into SQLite and print what each crawl did.

Serves ``newsscraper/demo/site`` on 127.0.0.1, runs the real ``scrapy crawl news`` on edition 1, then
on edition 2 (one article edited, two added, one no longer linked) into the same store, and prints
each crawl's summary, read from its row in the ``runs`` table. Every stored article is revisited
(``NEWSSCRAPER_REFETCH_AFTER=0``), so edition 2 shows the 304s of the unchanged articles and the
edited one downloaded again. The store, ``data/demo.sqlite``, is kept between demos: a second demo
loses nothing and counts the articles it finds again as unchanged. To keep the article URLs (and so the
rows) the same from one demo to the next, the server asks for the port it used last time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from newsscraper.config import NewsSettings
from newsscraper.demo.server import DEMO_SITE_ROOT, DemoSite
from newsscraper.store import ArticleStore, open_store

__all__ = ["main"]

#: in the folder the demo runs from (the project's, for ``make demo``), as the crawl's own default is
DEFAULT_DATABASE = Path("data") / "demo.sqlite"
# Localhost answers at once: no politeness delay for the demo (settings.py keeps it for real sites).
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
        # edition 2 comes seconds after edition 1: revisit every stored article (304 or edited)
        "NEWSSCRAPER_REFETCH_AFTER": "0"}


def crawl(url: str, database: Path, log_file: Path, now: str = "") -> tuple[int, list[str]]:
    """One ``scrapy crawl news`` in a subprocess (Twisted's reactor can't start twice in a process),
    in the current folder, with the project's settings module: no scrapy.cfg is needed, so this
    also runs from a plain ``pip install``. Its summary is what it prints on stdout."""
    settings = {**FAST, "NEWSSCRAPER_DATABASE": str(database), "LOG_FILE": str(log_file), "LOG_FILE_APPEND": "False"}
    if now:  # the edition's own "now", so its sitemap entries are as fresh as the day it stands for
        settings["NEWSSCRAPER_NOW"] = now
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={url}"]
    command += [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsscraper.settings"}
    done = subprocess.run(command, env=env, check=False, stdout=subprocess.PIPE, text=True)
    return done.returncode, done.stdout.splitlines()


def edition_now(root: Path, edition: int) -> str:
    """The date an edition of the demo site stands for (manifest.json), or "" for the clock."""
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        return str(manifest["editions"][str(edition)].get("now", ""))
    except (OSError, ValueError, KeyError):
        return ""


def serve(root: Path, port_file: Path) -> DemoSite:
    """The demo server on the port of the last demo if it is free, else on any free port."""
    try:
        wanted = int(port_file.read_text(encoding="ascii"))
    except (OSError, ValueError):
        wanted = 0
    try:
        site = DemoSite(root, port=wanted)
    except OSError:
        site = DemoSite(root, port=0)
    port_file.parent.mkdir(parents=True, exist_ok=True)
    port_file.write_text(str(site.port), encoding="ascii")
    return site


def shown(path: Path) -> str:
    """A path relative to the current folder when it is inside it: shorter to read and to copy."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """Run the demo; 0 when both crawls ran to their summaries."""
    parser = argparse.ArgumentParser(prog="python -m newsscraper.demo", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--database", type=Path, default=DEFAULT_DATABASE, help="SQLite file (default: %(default)s)")
    parser.add_argument("--site", type=Path, default=DEMO_SITE_ROOT, help="site folder (default: %(default)s)")
    args = parser.parse_args(argv)
    database: Path = args.database
    if not (args.site / "edition1").is_dir():
        print(f"demo site not found: no edition1/ in {args.site}", file=sys.stderr)
        return 2
    if database.exists():
        store = _open(database)
        print(f"{shown(database)} already holds {store.count()} articles from an earlier demo; "
              "this demo adds to it.")
        store.close()
    with serve(args.site, database.with_suffix(".port")) as site:
        for edition in (1, 2):
            site.set_edition(edition)
            log_file = database.with_name(f"{database.stem}-edition{edition}.log")
            print(f"\n== Edition {edition} of the demo site at {site.url}: scrapy crawl news "
                  f"-a start_urls={site.url}")
            code, summary = crawl(site.url, database, log_file, edition_now(args.site, edition))
            print("\n".join(summary) if summary else "(no summary)")
            print(f"   log: {shown(log_file)}")
            if code != 0 or not summary:
                print(f"the crawl failed (exit code {code}); see {shown(log_file)}", file=sys.stderr)
                return 1
    store = _open(database)
    command = shown(Path(sys.executable).parent / "newsscraper")  # the console script beside this Python
    print(f"\n{shown(database)} now holds {store.count()} articles. Look inside with:\n"
          f"  {command} articles --db {shown(database)}\n"
          f"  {command} search grève --db {shown(database)}\n"
          f"  {command} runs --db {shown(database)}")
    store.close()
    return 0



def _open(database: Path) -> ArticleStore:
    return open_store(str(database), busy_timeout=NewsSettings.defaults().database_timeout)
