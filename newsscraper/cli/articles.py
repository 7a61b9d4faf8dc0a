"""List the latest stored articles, newest first: a site's, a language's, a span of days'.

An article's date is when it was published, else when the crawl first saw it.

  newsscraper articles --site demo --since 2024-05-01 --limit 5
  newsscraper articles --lang fr --format jsonl
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsscraper.cli.output import add_format, print_rows
from newsscraper.cli.reading import add_filters, add_store, article_filter, one_line_errors, opened

if TYPE_CHECKING:
    import argparse

    from newsscraper.store.queries import ArticleRow

__all__ = ["HELP", "NAME", "add_arguments", "listed", "run"]

NAME = "articles"
HELP = "list the latest stored articles"
#: the columns of the table (JSON lines and CSV have every field of :func:`listed`, the URL too)
TABLE = ("id", "date", "site", "language", "title")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store(parser)
    add_filters(parser)
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N articles (default: 20)")
    add_format(parser)


@one_line_errors(NAME)
def run(args: argparse.Namespace) -> int:
    """Print the articles; 1 (one line) for a store that is not there or a malformed date."""
    where = article_filter(args)
    with opened(args) as store:
        rows = store.articles(where, limit=max(args.limit, 0))
    print_rows(args.format, [listed(row) for row in rows], TABLE, flexible="title")
    return 0


def listed(row: ArticleRow) -> dict[str, Any]:
    """An article as a listing shows it: who, when, what, where; not its text."""
    record = row.record
    return {
        "id": row.id, "date": row.date[:10], "site": record.site, "language": record.language,
        "title": record.title, "url": record.canonical_url, "published": record.published,
        "authors": list(record.authors), "first_seen": row.first_seen, "last_changed": row.last_changed,
    }
