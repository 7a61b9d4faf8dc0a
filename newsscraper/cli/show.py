"""One stored article: its metadata and text; with ``--versions``, every text it has had; with
``--diff``, what changed from each version to the next, word by word.

The article is named by its id (``newsscraper articles`` lists them) or by a URL the store knows
it by: canonical, fetched, or one that redirected to it.

  newsscraper show 12
  newsscraper show https://example.com/2024/05/01/story.html --versions --diff
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from newsscraper.cli.output import print_table
from newsscraper.cli.reading import UserError, add_store, one_line_errors, opened
from newsscraper.cli.worddiff import word_diff
from newsscraper.store.sqlstore import chars

if TYPE_CHECKING:
    import argparse

    from newsscraper.store.queries import ArticleRow, VersionRow

__all__ = ["HELP", "NAME", "add_arguments", "run"]

NAME = "show"
HELP = "one stored article, its versions and what changed between them"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="URL|ID", help="the article's id, or a URL it is stored under")
    add_store(parser)
    parser.add_argument("--versions", action="store_true", help="list every text the article has had")
    parser.add_argument("--diff", action="store_true", help="a word diff from each version to the next")


@one_line_errors(NAME)
def run(args: argparse.Namespace) -> int:
    """Print the article (its text only without ``--versions`` and ``--diff``); 1 (one line) for
    an article the store doesn't have."""
    with opened(args) as store:
        row = store.article(args.article.strip())
        if row is None:
            raise UserError(f"no article {args.article!r} in {store.location}")
        versions = store.versions(row.id)
    print_metadata(row, len(versions))
    if args.versions:
        print()
        print_table(("version", "seen", "run", "chars", "hash", "title"),
                    [[n, v.seen, v.run_id, chars(v.text), v.content_hash[:12], v.title]
                     for n, v in enumerate(versions, 1)], flexible="title")
    if args.diff:
        print_diffs(versions)
    if not (args.versions or args.diff):
        print()
        print(row.record.text)
    return 0


def print_metadata(row: ArticleRow, versions: int) -> None:
    """Every field but the text, one a line, a missing one as "-"."""
    record = row.record
    fields = [
        ("Title", record.title), ("URL", record.canonical_url),
        ("Fetched from", record.url if record.url != record.canonical_url else None),
        ("Redirected from", ", ".join(record.aliases) or None), ("Site", record.site),
        ("Published", record.published), ("Language", record.language), ("Authors", ", ".join(record.authors) or None),
        ("Standfirst", record.standfirst), ("First seen", row.first_seen), ("Last seen", row.last_seen),
        ("Last changed", row.last_changed), ("Last fetched", row.last_fetched), ("ETag", row.validators.etag),
        ("Last-Modified", row.validators.last_modified), ("Content hash", record.content_hash),
        ("Versions", str(versions)), ("Id", str(row.id)),
    ]
    label = max(len(name) for name, _ in fields) + 1
    for name, value in fields:
        print(f"{name + ':':<{label}} {value if value else '-'}")


def print_diffs(versions: list[VersionRow]) -> None:
    """Each version against the one before it: the title's change, then the text's."""
    if len(versions) < 2:
        print("\nOnly one version: nothing to compare.")
    for n, (old, new) in enumerate(pairwise(versions), 2):
        print(f"\n--- version {n - 1} ({old.seen}) -> version {n} ({new.seen})")
        changes = [f"title: [-{old.title}-]{{+{new.title}+}}"] if old.title.split() != new.title.split() else []
        changes += word_diff(old.text, new.text)
        for line in changes or ["(same words; only the layout changed)"]:
            print(line)
