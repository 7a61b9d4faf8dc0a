"""What the subcommands that read the store share: ``--db`` and the filters, the store opened
without ever creating one, and a user's mistake said in one line.

``--db`` defaults to the ``NEWSSCRAPER_DATABASE`` the crawl would use (the project's settings, the
environment variable, else ``data/newsscraper.sqlite``), read the way the crawl reads it
(:class:`~newsscraper.config.NewsSettings`).
"""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from newsscraper.config import NewsSettings
from newsscraper.store import open_reader
from newsscraper.store.crawl import one_line
from newsscraper.store.errors import BadQuery, StoreMissing
from newsscraper.store.queries import ArticleFilter
from newsscraper.store.sqlstore import StoreVersionError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator

    from scrapy.settings import BaseSettings

    from newsscraper.store.sqlstore import SQLStore

__all__ = ["UserError", "add_filters", "add_store", "article_filter", "one_line_errors", "opened"]


class UserError(Exception):
    """A mistake the user can fix (a store that is not there, a bad date, an unknown article):
    one line on stderr, exit code 1, no traceback."""


def add_store(parser: argparse.ArgumentParser) -> None:
    """``--db``, which every reading subcommand takes."""
    parser.add_argument("--db", metavar="PATH|URL", help="the store: a SQLite file or a postgresql:// URL "
                        "(default: NEWSSCRAPER_DATABASE, as the crawl uses it)")


def add_filters(parser: argparse.ArgumentParser, *, until: bool = True) -> None:
    """``--site``, ``--since``, ``--until`` and ``--lang``: which articles."""
    parser.add_argument("--site", help="only this site's articles (its name in the sites file, or its host)")
    parser.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE "
                        "(YYYY-MM-DD, today or yesterday; an article's date: published, else first seen)")
    if until:
        parser.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE")
    parser.add_argument("--lang", metavar="L", help="only articles in this language (en, fr…; fr takes fr-CA)")


def article_filter(args: argparse.Namespace) -> ArticleFilter:
    """The filter the arguments ask for; a malformed date is a :class:`UserError`."""
    since = _day(args.since, "--since") if args.since else None
    until = _day(args.until, "--until") if getattr(args, "until", None) else None
    return ArticleFilter(site=args.site, since=since.isoformat() if since else None,
                         before=(until + timedelta(days=1)).isoformat() if until else None, language=args.lang)


def _day(value: str, option: str) -> date:
    today = datetime.now(timezone.utc).date()
    named = {"today": today, "yesterday": today - timedelta(days=1)}
    if value.strip().lower() in named:
        return named[value.strip().lower()]
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{option} {value!r} is not a date: use YYYY-MM-DD, today or yesterday") from None


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[SQLStore]:
    """The store ``--db`` names, open for the block; a :class:`UserError` if it can't be read."""
    config = NewsSettings.from_settings(_project_settings())
    target = (args.db or config.database).strip()
    if not target:
        raise UserError("no store: pass --db PATH|URL or set NEWSSCRAPER_DATABASE")
    try:
        store = open_reader(target, busy_timeout=config.database_timeout)
    except (StoreMissing, StoreVersionError, RuntimeError) as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:
        if not _database_error(exc):
            raise
        raise UserError(f"can't open the store: {one_line(exc)}") from None
    try:
        yield store
    finally:
        store.close()


def _project_settings() -> BaseSettings:
    """The crawl's settings when run in the project (scrapy.cfg), else settings.py's defaults."""
    from scrapy.utils.project import get_project_settings

    return get_project_settings()


def _database_error(exc: BaseException) -> bool:
    """Whether the error is the database's (a file that is not SQLite, a server that refuses)."""
    if isinstance(exc, sqlite3.Error):
        return True
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.Error)


def one_line_errors(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """A subcommand's ``run`` whose user mistakes, rejected queries and database errors are one
    line (``newsscraper NAME: …``) and exit code 1, and whose reader closing the pipe
    (``| head``) ends it quietly."""

    def decorate(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        @functools.wraps(run)
        def guarded(args: argparse.Namespace) -> int:
            try:
                return run(args)
            except (UserError, BadQuery) as exc:
                message = str(exc)
            except BrokenPipeError:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
                return 0
            except Exception as exc:
                if not _database_error(exc):
                    raise
                message = f"store error: {one_line(exc)}"
            print(f"newsscraper {name}: {message}", file=sys.stderr)
            return 1

        return guarded

    return decorate
