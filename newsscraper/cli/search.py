"""Full-text search of the stored articles' titles and texts, best match first, each with a
snippet where the matches are marked ([like this], or in bold on a terminal).

SQLite: FTS5 query syntax (words, "a phrase", OR, NOT, prefix*); accents don't count ("etat"
finds "État"). PostgreSQL: each article's language's stemming; words, "a phrase", or, -word.

  newsscraper search "river flood" --site demo
  newsscraper search 'etat OR "prime minister"' --format jsonl
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from newsscraper.cli.articles import listed
from newsscraper.cli.output import add_format, print_jsonl, shorten, width
from newsscraper.cli.reading import UserError, add_filters, add_store, article_filter, one_line_errors, opened

if TYPE_CHECKING:
    import argparse

__all__ = ["HELP", "NAME", "add_arguments", "run"]

NAME = "search"
HELP = "full-text search of the stored articles, ranked, with snippets"
#: how matches are marked in a snippet: in bold on a terminal, else in brackets
BOLD = ("\x1b[1m", "\x1b[0m")
BRACKETS = ("[", "]")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="what to look for")
    add_store(parser)
    add_filters(parser)
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default: 20)")
    add_format(parser, ("table", "jsonl"))


@one_line_errors(NAME)
def run(args: argparse.Namespace) -> int:
    """Print the best matches; 1 (one line) for a query the engine rejects, a missing store, a bad date."""
    if not args.query.strip():
        raise UserError("the query is empty")
    where = article_filter(args)
    marks = BOLD if args.format == "table" and sys.stdout.isatty() else BRACKETS
    with opened(args) as store:
        hits = store.search(args.query, where, limit=max(args.limit, 0), marks=marks)
    if args.format == "jsonl":
        print_jsonl({**listed(hit.article), "rank": round(hit.rank, 4), "snippet": hit.snippet} for hit in hits)
        return 0
    for hit in hits:
        article = hit.article
        head = f"{article.id}  {article.date[:10]}  {article.record.site}  "
        print(head + shorten(article.record.title, width() - len(head)))
        print(f"    {' '.join(hit.snippet.split())}")
        print(f"    {article.record.canonical_url}")
    if not hits:
        print("no article matches", file=sys.stderr)
    return 0
