"""The cleaner's contract: each saved page in fixtures/pages against its hand-checked expectation.

One test per (case, field), so a report reads like a to-do list ("es_read_also_inline-paragraphs").
The expectations themselves are kept honest by one ``test_fixture_is_valid[case]`` each: right
keys, no empty values, canonical JSON formatting, expected text that really is on the page. Those
checks read only the fixture, so a broken one fails once, naming all that is wrong with it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

import lxml.html
import pytest

from cleaners import Article, NotAnArticle, clean
from cleaners.fixtures import ARTICLE_KEYS, ERROR_KEYS, Case, dump_expected, load_cases, run_case

CASES = load_cases()
BY_NAME = {case.name: case for case in CASES}
ARTICLE_CASES = [case for case in CASES if case.expected is not None and not case.is_error]
ERROR_CASES = [case for case in CASES if case.is_error]
ERROR_REASONS = {"empty", "not_html", "no_body", "undecodable"}
PROBLEMS = {"jsonld_unreadable", "date_unreadable"}
NON_LATIN = {"ar", "el", "fa", "he", "hi", "ja", "ko", "ru", "uk", "zh"}
#: fields checked on every article case, in the order a reader scans an article. Not ``url``:
#: the cleaner echoes the URL it is given, which is the case's own ``url``, so a test per case
#: would compare the fixture with itself (test_url_is_the_one_given_and_canonical_url_the_pages)
FIELD_ORDER = [
    "title", "paragraphs", "standfirst", "description", "authors", "published", "language", "canonical_url",
    "problems",
]


@functools.cache
def _outcome(name: str) -> dict[str, Any]:
    """The cleaner's output for a case, computed once however many field tests read it."""
    return run_case(BY_NAME[name])


def _page_text(case: Case) -> str:
    """All text of the page with whitespace collapsed, to check that expected text is really there."""
    tree = lxml.html.fromstring(case.html)
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    return " ".join(tree.text_content().split())


# --- the contract: one test per (case, field) ---------------------------------------------------

@pytest.mark.parametrize(
    ("case", "field"),
    [pytest.param(case, field, id=f"{case.name}-{field}") for case in ARTICLE_CASES for field in FIELD_ORDER],
)
def test_field(case: Case, field: str) -> None:
    assert case.expected is not None
    outcome = _outcome(case.name)
    assert "error" not in outcome, f"cleaner refused an article page: {outcome['error']}"
    assert outcome[field] == case.expected[field]


@pytest.mark.parametrize("case", [pytest.param(case, id=f"{case.name}-error") for case in ERROR_CASES])
def test_expected_error(case: Case) -> None:
    assert case.expected is not None
    with pytest.raises(NotAnArticle) as excinfo:
        clean(case.html, case.url)
    assert excinfo.value.reason == case.expected["error"]


def test_url_is_the_one_given_and_canonical_url_the_pages() -> None:
    """Given a URL that is not the page's, ``url`` echoes it and ``canonical_url`` still comes from
    the page: in all cases but one the URL a case gives is its canonical, so the per-case
    canonical_url tests alone could not tell reading the page from echoing the input."""
    wrong = []
    for case in ARTICLE_CASES:
        assert case.expected is not None
        given = f"https://fixtures.invalid/{case.name}"
        article = clean(case.html, given)
        if (article.url, article.canonical_url) != (given, case.expected["canonical_url"]):
            wrong.append(f"{case.name}: url={article.url!r} canonical_url={article.canonical_url!r}")
    assert wrong == []


# --- the fixtures themselves ------------------------------------------------------------------

def _article_faults(case: Case, expected: dict[str, Any]) -> list[str]:
    """What is wrong with an article expectation that has the right keys."""
    faults = []
    if not (isinstance(expected["title"], str) and expected["title"].strip()):
        faults.append("title is not a non-empty string")
    if not (isinstance(expected["paragraphs"], list) and expected["paragraphs"]):
        faults.append("paragraphs is not a non-empty list")
        return faults
    for key, value in expected.items():
        # unknown is null, never "" or []; no problem at all is a known value, though, and so is no
        # author (a shop's or a documentation page: Article.authors is a tuple, never None)
        if key not in ("problems", "authors") and value in ("", []):
            faults.append(f"{key} is empty: use null for an unknown value")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item != " ".join(item.split()):
                faults.append(f"{key}: not whitespace-normalised: {item!r}")
    if "repeated_on_purpose" not in case.name and len(set(expected["paragraphs"])) < len(expected["paragraphs"]):
        faults.append("a paragraph is expected twice: name the case after the legitimate repetition it tests")
    if not (expected["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(expected["published"]))):
        faults.append(f"published is not YYYY-MM-DD: {expected['published']!r}")
    if not (expected["language"] is None or re.fullmatch(r"[a-z]{2,3}", str(expected["language"]))):
        faults.append(f"language is not a lower-case primary subtag: {expected['language']!r}")
    for key in ("url", "canonical_url"):
        if not (re.match(r"https?://", str(expected[key])) or (key == "canonical_url" and expected[key] is None)):
            faults.append(f"{key} is not an http(s) URL: {expected[key]!r}")
    if not all(isinstance(author, str) for author in expected["authors"]):
        faults.append(f"authors are not all strings: {expected['authors']!r}")
    if not set(expected["problems"]) <= PROBLEMS:
        faults.append(f"unknown problems {sorted(set(expected['problems']) - PROBLEMS)}")
    page = _page_text(case)
    missing = [text for text in [expected["title"], *expected["paragraphs"]] if text not in page]
    if missing:
        faults.append(f"expected text not on the page (a typo in the truth?): {missing}")
    return faults


def _fixture_faults(case: Case) -> list[str]:
    """Everything wrong with a case's JSON itself, whatever the cleaner does."""
    expected = case.expected
    if expected is None:
        return [f"{case.name}.html has no JSON: draft it with python -m cleaners.fixtures"]
    faults = []
    if case.json_path.read_text(encoding="utf-8") != dump_expected(expected):
        faults.append("not in the generator's format (sorted keys, indent 2, unescaped UTF-8, final newline)")
    keys, wanted = set(expected), ERROR_KEYS if case.is_error else ARTICLE_KEYS
    if keys != wanted:
        return [*faults, f"unexpected keys {sorted(keys - wanted)}, missing {sorted(wanted - keys)}"]
    if not case.is_error:
        return faults + _article_faults(case, expected)
    if expected["error"] not in ERROR_REASONS:
        faults.append(f"unknown error reason {expected['error']!r}, not one of {sorted(ERROR_REASONS)}")
    if not (isinstance(expected["url"], str) and expected["url"]):
        faults.append("url is not a non-empty string")
    return faults


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_fixture_is_valid(case: Case) -> None:
    """The expectation is well formed and its text is on the page: the truth has no typo."""
    faults = _fixture_faults(case)
    assert not faults, f"{case.json_path.name}:\n  " + "\n  ".join(faults)


def test_suite_is_broad_enough() -> None:
    """A contract of a handful of pages in one language would let a cleaner overfit."""
    languages = {case.expected["language"] for case in ARTICLE_CASES if case.expected is not None}
    assert len(CASES) >= 30, f"only {len(CASES)} cases"
    assert len(languages) >= 5, f"only languages {sorted(languages)}"
    assert ERROR_CASES, "no expected-error case"
    assert languages & NON_LATIN, "no page in a non-Latin script"


def test_every_article_field_is_checked() -> None:
    """A field added to Article gets a per-field test here, or this fails."""
    assert set(FIELD_ORDER) == {f.name for f in dataclasses.fields(Article)} - {"removed", "url"}
