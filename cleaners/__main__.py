"""``python -m cleaners FILE... | -``: one JSON object a line per page (the eval interface).

With ``--explain``, every block of the page that did not make it into the text, and why (the
pruning's, extraction's and the rules' reasons), in a form to read on a terminal, or in the JSON
(``removed``) when the output is piped or with ``--json``.

Exit codes: 0 every file was read (a page that is not an article says so in its record); 1 the
cleaner failed on a page (a bug: its record says ``crash``); 2 a file could not be read, or the
command line is wrong. When a page failed and a file could not be read, 1.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import NotAnArticle, clean

if TYPE_CHECKING:
    from .article import Article

#: the exit codes
OK, CRASHED, UNREADABLE = 0, 1, 2


def _read(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()


def main(argv: list[str] | None = None) -> int:
    """Clean each file; a page that is not an article prints its reason instead of failing the run."""
    parser = argparse.ArgumentParser(prog="python -m cleaners", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="HTML files, or - for standard input")
    parser.add_argument("--url", help="the page's URL (one file), used for relative links and metadata")
    parser.add_argument("--explain", action="store_true",
                        help="also list every block left out of the text, and why")
    parser.add_argument("--json", action="store_true", help="JSON lines even on a terminal (with --explain)")
    args = parser.parse_args(argv)
    readable = args.explain and not args.json and sys.stdout.isatty()
    status = OK
    for path in args.files:
        record: dict[str, Any] = {"path": path}
        article = None
        try:
            article = clean(_read(path), args.url, explain=args.explain)
        except NotAnArticle as exc:
            record.update(title="", text="", paragraphs=[], error=exc.reason, message=str(exc))
        except OSError as exc:
            record.update(title="", text="", paragraphs=[], error="unreadable", message=str(exc))
            status = status or UNREADABLE
        except Exception as exc:  # a bug: say so for this file, go on with the others, exit non-zero
            record.update(title="", text="", paragraphs=[], error="crash", message=repr(exc))
            status = CRASHED
        else:
            record.update(article.to_dict(removed=args.explain))
        print(explanation(path, article, record) if readable else json.dumps(record, ensure_ascii=False))
    return status


def explanation(path: str, article: Article | None, record: dict[str, Any]) -> str:
    """A page's explanation for a person: its title, the paragraphs kept, then each block left
    out with its reason, each on one line cut to the terminal's width."""
    width = shutil.get_terminal_size().columns
    if article is None:
        return f"{path}: no article ({record['error']}): {record['message']}\n"
    lines = [f"{path}: {article.title or '(no title)'}", f"  kept {len(article.paragraphs)} paragraph(s):"]
    lines += [f"    {p}" for p in article.paragraphs]
    lines.append(f"  left out {len(article.removed)} block(s):")
    reasons = max((len(r.reason) for r in article.removed), default=0)
    lines += [f"    {r.reason:<{reasons}}  {r.text}" for r in article.removed]
    return "".join(_cut(line, width) + "\n" for line in lines)


def _cut(line: str, width: int) -> str:
    return line if len(line) < width else line[:max(width - 2, 1)] + "…"


if __name__ == "__main__":
    sys.exit(main())
