"""How the subcommands print rows: an aligned table for people, JSON lines or CSV for programs.

A table fits the terminal by cutting its widest free-text column (a title) with "…"; JSON lines
keep non-ASCII text as it is, one object a line, the way the crawl's ``-O`` export writes them.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["FORMATS", "add_format", "print_csv", "print_jsonl", "print_rows", "print_table", "shorten", "width"]

#: every format a subcommand may offer, in --help order
FORMATS = ("table", "jsonl", "csv")
#: a table is cut to this width when the terminal's is unknown (piped, no COLUMNS)
DEFAULT_WIDTH = 120


def add_format(parser: Any, formats: Sequence[str] = FORMATS) -> None:
    """``--format``, table by default."""
    parser.add_argument("--format", choices=formats, default=formats[0],
                        help=f"how rows are printed: {', '.join(formats)} (default: {formats[0]})")


def print_rows(fmt: str, rows: Sequence[dict[str, Any]], table: Sequence[str], *, flexible: str | None = None) -> None:
    """``rows`` in ``fmt``: JSON lines and CSV with every key, the table with the ``table`` keys."""
    if fmt == "jsonl":
        print_jsonl(rows)
    elif fmt == "csv":
        print_csv(rows)
    else:
        print_table(table, [[row[key] for key in table] for row in rows], flexible=flexible)


def print_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


def print_csv(rows: Sequence[dict[str, Any]]) -> None:
    """A header line, then a line a row; lists become JSON arrays."""
    if not rows:
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row.values()])


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, flexible: str | None = None) -> None:
    """Columns aligned under upper-case headers; ``flexible`` is cut to fit the terminal's width."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(header), *(len(row[i]) for row in cells)]) for i, header in enumerate(headers)]
    if flexible is not None:
        column = list(headers).index(flexible)
        room = width() - sum(widths) - 2 * (len(widths) - 1)
        widths[column] = max(len(flexible), min(widths[column], widths[column] + room))
        for row in cells:
            row[column] = shorten(row[column], widths[column])
    print("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def shorten(text: str, most: int) -> str:
    """The text on one line, cut to ``most`` characters with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= most else line[:max(most - 1, 0)] + "…"


def width() -> int:
    """The terminal's width (``COLUMNS`` when set), else :data:`DEFAULT_WIDTH`."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
