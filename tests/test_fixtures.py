"""The cleaner's contract: each saved page in fixtures/pages against its hand-checked expectation.

One test per (case, field), so a report reads like a to-do list ("es_read_also_inline-paragraphs"),
plus tests that keep the fixtures themselves honest: no missing or unexpected keys, no empty
values, canonical JSON formatting, and expected text that really is on the page.
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
NON_LATIN = {"ar", "el", "fa", "he", "hi", "ja", "ko", "ru", "uk", "zh"}
# fields checked on every article case, in the order a reader scans an article
FIELD_ORDER = [
    "title", "paragraphs", "standfirst", "description", "authors", "published", "language", "canonical_url", "url",
    "problems",
]


def _case_param(case: Case) -> Any:
    return pytest.param(case, id=case.name)


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


# --- the fixtures themselves ------------------------------------------------------------------

@pytest.mark.parametrize("case", [_case_param(case) for case in CASES])
def test_no_unexpected_field(case: Case) -> None:
    assert case.expected is not None, f"{case.name}.html has no JSON: draft it with python -m cleaners.fixtures"
    keys = set(case.expected)
    assert keys in (set(ARTICLE_KEYS), set(ERROR_KEYS)), (
        f"unexpected {sorted(keys - ARTICLE_KEYS - ERROR_KEYS)}, missing {sorted(ARTICLE_KEYS - keys)}"
    )


@pytest.mark.parametrize("case", [_case_param(case) for case in ARTICLE_CASES])
def test_no_empty_expected_values(case: Case) -> None:
    """An empty value hides a broken fixture: unknown is ``null``, never ``""`` or ``[]``."""
    expected = case.expected
    assert expected is not None
    assert isinstance(expected["title"], str) and expected["title"].strip()
    assert isinstance(expected["paragraphs"], list) and expected["paragraphs"]
    for key, value in expected.items():
        # no problem is a known value, not an unknown one: [] is the usual expectation
        assert key == "problems" or (value != "" and value != []), f"{key} is empty: use null for an unknown value"
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str):
                assert item == " ".join(item.split()), f"{key}: not whitespace-normalised: {item!r}"
    if "repeated_on_purpose" not in case.name:
        assert len(set(expected["paragraphs"])) == len(expected["paragraphs"]), (
            "a paragraph is expected twice: name the case after the legitimate repetition it tests"
        )


@pytest.mark.parametrize("case", [_case_param(case) for case in ARTICLE_CASES])
def test_expected_values_are_well_formed(case: Case) -> None:
    expected = case.expected
    assert expected is not None
    assert expected["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected["published"])
    assert expected["language"] is None or re.fullmatch(r"[a-z]{2,3}", expected["language"])
    assert re.match(r"https?://", expected["url"])
    assert expected["canonical_url"] is None or re.match(r"https?://", expected["canonical_url"])
    assert all(isinstance(author, str) for author in expected["authors"])


@pytest.mark.parametrize("case", [_case_param(case) for case in ARTICLE_CASES])
def test_expected_text_is_on_the_page(case: Case) -> None:
    """Every expected paragraph and the title occur verbatim in the page: catches typos in the truth."""
    expected = case.expected
    assert expected is not None
    page = _page_text(case)
    missing = [p for p in [expected["title"], *expected["paragraphs"]] if p not in page]
    assert not missing, f"not on the page: {missing}"


@pytest.mark.parametrize("case", [pytest.param(case, id=f"{case.name}-reason") for case in ERROR_CASES])
def test_expected_error_reason_is_known(case: Case) -> None:
    assert case.expected is not None
    assert case.expected["error"] in ERROR_REASONS
    assert isinstance(case.expected["url"], str) and case.expected["url"]


@pytest.mark.parametrize("case", [_case_param(case) for case in CASES if case.expected is not None])
def test_json_is_in_canonical_format(case: Case) -> None:
    """Sorted keys, indent 2, unescaped UTF-8, final newline: the format the generator writes."""
    assert case.expected is not None
    assert case.json_path.read_text(encoding="utf-8") == dump_expected(case.expected)


def test_suite_is_broad_enough() -> None:
    """A contract of a handful of pages in one language would let a cleaner overfit."""
    languages = {case.expected["language"] for case in ARTICLE_CASES if case.expected is not None}
    assert len(CASES) >= 30, f"only {len(CASES)} cases"
    assert len(languages) >= 5, f"only languages {sorted(languages)}"
    assert ERROR_CASES, "no expected-error case"
    assert languages & NON_LATIN, "no page in a non-Latin script"


def test_every_article_field_is_checked() -> None:
    """A field added to Article gets a per-field test here, or this fails."""
    assert set(FIELD_ORDER) == {f.name for f in dataclasses.fields(Article)} - {"removed"}
