"""Fixture cases: saved pages and the hand-checked ``Article`` a perfect cleaner returns for them.

A case is ``fixtures/pages/<case>.html`` plus ``<case>.json``. The JSON is the cleaner's contract,
so it is written by a person and reviewed like code; this module only loads cases for the tests
and drafts or refreshes expectations (the workflow of Fundus's generate_parser_test_files.py)::

    python -m cleaners.fixtures              # draft JSON only for pages that have none yet
    python -m cleaners.fixtures --update     # re-run the cleaner on every page, print diffs, write
    python -m cleaners.fixtures --check      # write nothing; exit 1 if any expectation differs
    python -m cleaners.fixtures CASE ...     # restrict any of the above to some cases

A drafted or updated expectation is a review item, never a reflex: the cleaner is what is being
tested, so its output only becomes the truth once someone has read the diff and agreed with it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from . import Article, NotAnArticle, clean

__all__ = [
    "ARTICLE_KEYS",
    "ERROR_KEYS",
    "PAGES_DIR",
    "Case",
    "case_names",
    "dump_expected",
    "load_case",
    "load_cases",
    "main",
    "run_case",
]

#: where the saved pages live, next to the package in a source checkout
PAGES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
#: the keys of an article expectation: every Article field except the explanatory ``removed``
#: (``text`` is a property derived from ``paragraphs``, so it is not stored either)
ARTICLE_KEYS: frozenset[str] = frozenset(f.name for f in fields(Article) if f.name != "removed")
#: the keys of an expected-error case: the input URL and the ``NotAnArticle.reason``
ERROR_KEYS: frozenset[str] = frozenset({"url", "error"})

_CANONICAL = re.compile(rb"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']""", re.IGNORECASE)
_PLACEHOLDER_URL = "https://fixtures.invalid/{name}"


@dataclass(frozen=True)
class Case:
    """One saved page and its expectation (``None`` while no JSON has been written yet)."""

    name: str
    html: bytes = field(repr=False)
    expected: dict[str, Any] | None = field(repr=False)
    json_path: Path = field(repr=False)

    @property
    def url(self) -> str:
        """The URL the page was fetched from: the cleaner gets it as input, like the crawler gives it."""
        if self.expected is not None and isinstance(self.expected.get("url"), str):
            return str(self.expected["url"])
        match = _CANONICAL.search(self.html[:65536])
        if match:
            return match.group(1).decode("utf-8", "replace")
        return _PLACEHOLDER_URL.format(name=self.name)

    @property
    def is_error(self) -> bool:
        """Whether the page is expected to be refused with ``NotAnArticle``."""
        return self.expected is not None and "error" in self.expected


def case_names(pages_dir: Path = PAGES_DIR) -> list[str]:
    """Every case that has a saved page, sorted, so test ids and diffs come in a stable order."""
    return sorted(path.stem for path in pages_dir.glob("*.html"))


def load_case(name: str, pages_dir: Path = PAGES_DIR) -> Case:
    """Read one case's page bytes (exactly as saved: decoding is the cleaner's job) and its JSON."""
    json_path = pages_dir / f"{name}.json"
    expected = None
    if json_path.exists():
        data = json.loads(json_path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{json_path}: an expectation is a JSON object, got {type(data).__name__}")
        expected = data
    return Case(name=name, html=(pages_dir / f"{name}.html").read_bytes(), expected=expected, json_path=json_path)


def load_cases(names: list[str] | None = None, pages_dir: Path = PAGES_DIR) -> list[Case]:
    """Load the named cases, or all of them; an unknown name is an error rather than a silent skip."""
    known = case_names(pages_dir)
    unknown = sorted(set(names or ()) - set(known))
    if unknown:
        raise ValueError(f"no such case in {pages_dir}: {', '.join(unknown)}")
    return [load_case(name, pages_dir) for name in (names or known)]


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def run_case(case: Case) -> dict[str, Any]:
    """What the cleaner returns for the page now, in the shape of an expectation."""
    try:
        article = clean(case.html, case.url)
    except NotAnArticle as exc:
        return {"url": case.url, "error": exc.reason}
    return {key: _jsonable(getattr(article, key)) for key in sorted(ARTICLE_KEYS)}


def dump_expected(data: dict[str, Any]) -> str:
    """The one on-disk format (sorted, indent 2, UTF-8 unescaped, final newline) so diffs stay small."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _diff(case: Case, new_text: str) -> str:
    old_text = dump_expected(case.expected) if case.expected is not None else ""
    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=f"{case.name}.json (saved)", tofile=f"{case.name}.json (cleaner)",
    )
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Draft missing expectations, or update/check saved ones; exit 1 on ``--check`` differences."""
    parser = argparse.ArgumentParser(prog="python -m cleaners.fixtures", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="re-run the cleaner on every page and rewrite its JSON")
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 if any expectation differs")
    parser.add_argument("cases", nargs="*", help="case names (file stems); default: every case")
    parser.add_argument("--pages", type=Path, default=PAGES_DIR, help="fixture directory (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.cases or None, args.pages)
    except ValueError as exc:
        parser.error(str(exc))
    changed = 0
    for case in cases:
        if case.expected is not None and not (args.update or args.check):
            continue  # the default only drafts what is missing: saved truth is never touched
        new_text = dump_expected(run_case(case))
        if case.expected is not None and dump_expected(case.expected) == new_text:
            continue
        changed += 1
        sys.stdout.write(_diff(case, new_text))
        if not args.check:
            case.json_path.write_text(new_text, encoding="utf-8")
            verb = "updated" if case.expected is not None else "drafted (review it!)"
            print(f"{verb}: {case.json_path}", file=sys.stderr)
    print(f"{len(cases)} case(s), {changed} {'differ' if args.check else 'written'}", file=sys.stderr)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
