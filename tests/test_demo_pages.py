"""The demo site's article pages, cleaned straight from disk, against its manifest.

The end-to-end crawl checks what is stored; this checks the cleaner alone, exactly, on every
article of both editions: the title as a field, the first and last body paragraph, the
paragraph count and the language. The pages are old table layouts, div soup and semantic
HTML in four languages, each with its lead repeated in one of the ways news sites do it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners import clean
from newsscraper.demo.server import DEMO_SITE_ROOT as SITE

MANIFEST = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))


def page_file(path: str, edition: str) -> Path:
    """The file the demo server answers ``path`` with, edition 2 overlaying edition 1."""
    for root in ([SITE / "edition2"] if edition == "2" else []) + [SITE / "edition1"]:
        candidate = root / path.lstrip("/")
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(path)


CASES = [
    pytest.param(edition, path, expected, id=f"ed{edition}{path}")
    for edition, data in sorted(MANIFEST["editions"].items())
    for path, expected in sorted(data["articles"].items())
]


def test_every_edition_has_articles() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize(("edition", "path", "expected"), CASES)
def test_demo_article_cleans_to_manifest(edition: str, path: str, expected: dict[str, object]) -> None:
    article = clean(page_file(path, edition).read_bytes(), f"http://127.0.0.1{path}")
    assert article.title == expected["title"]
    assert article.language == expected["language"]
    assert article.paragraphs[0] == expected["first_paragraph"]
    assert article.paragraphs[-1] == expected["last_paragraph"]
    assert len(article.paragraphs) == expected["paragraph_count"]
    assert len(set(article.paragraphs)) == len(article.paragraphs), "a paragraph came out twice"
    # the pages declare relative canonical links: resolved against where the page was served, never
    # completed with the host of another tag (their og:image is on img.example.net)
    assert article.canonical_url is not None and article.canonical_url.startswith("http://127.0.0.1/")
