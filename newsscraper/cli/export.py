"""Every stored article (or a site's, or since a day) as JSON lines or CSV, with the fields and
the format of the crawl's ``-O`` export (Scrapy's own exporters write both), so a program written
for one reads the other. What only a crawl knows is empty: ``change``, ``discovered_via`` and
``listed_published``.

Articles are read a batch at a time, in the order they were stored: memory stays the same for
any store. ``-o FILE`` is written whole or not at all (a temporary file, renamed at the end).

  newsscraper export --format jsonl -o articles.jsonl
  newsscraper export --format csv --site demo --since 2024-05-01 > demo.csv
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from scrapy.exporters import CsvItemExporter, JsonLinesItemExporter

from newsscraper import settings
from newsscraper.cli.reading import UserError, add_filters, add_store, article_filter, one_line_errors, opened
from newsscraper.items import ArticleItem

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from newsscraper.store.queries import ArticleRow

__all__ = ["HELP", "NAME", "add_arguments", "item", "run"]

NAME = "export"
HELP = "every stored article as JSON lines or CSV, the fields of the crawl's -O export"
EXPORTERS = {"jsonl": JsonLinesItemExporter, "csv": CsvItemExporter}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=tuple(EXPORTERS), required=True, help="jsonl or csv")
    add_store(parser)
    add_filters(parser, until=False)
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")


@one_line_errors(NAME)
def run(args: argparse.Namespace) -> int:
    """Write every article that passes the filters; 1 (one line) for a missing store or a bad date."""
    where = article_filter(args)
    with opened(args) as store, destination(args.output) as out:
        exporter = EXPORTERS[args.format](out, encoding=settings.FEED_EXPORT_ENCODING)
        exporter.start_exporting()
        for row in store.each_article(where):
            exporter.export_item(item(row))
        exporter.finish_exporting()
    return 0


def item(row: ArticleRow) -> ArticleItem:
    """A stored article as the crawl yielded it."""
    record = row.record
    return ArticleItem(
        url=record.url, title=record.title, text=record.text, paragraphs=list(record.paragraphs),
        canonical_url=record.canonical_url, authors=list(record.authors), published=record.published,
        language=record.language, content_hash=record.content_hash, standfirst=record.standfirst,
        etag=row.validators.etag, last_modified=row.validators.last_modified,
        redirected_from=list(record.aliases), site=record.site,
    )


@contextmanager
def destination(path: str | None) -> Iterator[BinaryIO]:
    """Standard output, or a file that appears (or is replaced) only once everything is written."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.part")
    try:
        out = partial.open("wb")
    except OSError as exc:
        raise UserError(f"can't write {path}: {exc.strerror}") from None
    try:
        with out:
            yield out
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
