"""``python -m cleaners FILE... | -``: one JSON object a line per page (the eval interface)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import NotAnArticle, clean


def _read(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()


def main(argv: list[str] | None = None) -> int:
    """Clean each file; a page that is not an article prints its reason instead of failing the run."""
    parser = argparse.ArgumentParser(prog="python -m cleaners", description=__doc__)
    parser.add_argument("files", nargs="+", help="HTML files, or - for standard input")
    parser.add_argument("--url", help="the page's URL (one file), used for relative links and metadata")
    parser.add_argument("--explain", action="store_true", help="also print each removed block and its reason")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        record: dict[str, object] = {"path": path}
        try:
            article = clean(_read(path), args.url)
        except NotAnArticle as exc:
            record.update(title="", text="", paragraphs=[], error=exc.reason, message=str(exc))
        except OSError as exc:
            record.update(title="", text="", paragraphs=[], error="unreadable", message=str(exc))
            status = 2
        except Exception as exc:  # a bug: say so for this file, go on with the others, exit non-zero
            record.update(title="", text="", paragraphs=[], error="crash", message=repr(exc))
            status = 1
        else:
            record.update(article.to_dict(removed=args.explain))
        print(json.dumps(record, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
