"""``clean(explain=True)`` and ``python -m cleaners --explain``: every block left out of the text is
listed with its reason, extraction's too, and the article itself is the same as without it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cleaners import NotAnArticle, Removed, clean
from cleaners.__main__ import main
from cleaners.fixtures import load_cases

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
FOOTER_PAGE = PAGES / "en_nav_menus_footer.html"
URL = "https://www.northerncourier.example/news/politics/2024/apr/22/durham-council-tax-rise-approved"
CASES = [case for case in load_cases() if case.expected is not None and not case.is_error]


def explained(html: str, url: str | None = URL) -> tuple[Removed, ...]:
    return clean(html, url, explain=True).removed


def test_extractions_leftovers_are_listed_the_footer_as_one_block() -> None:
    removed = explained(FOOTER_PAGE.read_text(encoding="utf-8"))
    footer = [r for r in removed if r.reason == "footer"]
    assert [r.text for r in footer] == [
        "The Northern Courier About us Work for us Contact us Advertise with us Sections News Sport Business "
        "Culture Opinion Help FAQs Manage your subscription Complaints & corrections Accessibility Follow us "
        "Facebook X Instagram © 2024 Northern Courier Media Ltd. All rights reserved. The Northern Courier is a "
        "member of the Independent Press Standards Organisation (IPSO). Back to top"]
    # extraction kept the headline, and a rule took it out: listed once, by the rule
    assert [r.reason for r in removed if r.text.startswith("Durham council approves")] == ["title_repeat"]
    assert Removed("not_extracted", "Priya Nair Thu 22 Feb 2024 19.45 GMT") in removed
    header = next(r for r in removed if r.reason == "header")
    assert header.text.startswith("Menu The Northern Courier Subscribe Log in News Politics Business")
    assert "UK news" not in header.text  # the hidden mega-menu is the pruning's, listed once as hidden
    assert [r.text[:24] for r in removed if r.reason == "hidden"] == ["News UK news World news "]  # blocks apart
    assert not [r for r in removed if "Durham county council has approved" in r.text]  # kept text is not listed


def test_what_a_rule_removed_after_extraction_is_listed_once_under_the_rule() -> None:
    title = "Harbour bridge reopens after two years of repairs"
    body = "".join(f"<p>The bridge {n} carried traffic again on Monday, after a repair that took two years "
                   "and cost the city far more than planned.</p>" for n in ("first", "then"))
    html = (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
            f"<article><h1>{title}</h1><p>By Jane Doe</p>{body}</article><aside>Most read: a cat</aside></body></html>")
    removed = explained(html, "https://example.com/2024/05/01/bridge.html")
    assert [r.reason for r in removed].count("byline") == 1
    assert Removed("navigation", "Home News") in removed
    assert Removed("aside", "Most read: a cat") in removed
    assert not [r for r in removed if r.reason == "not_extracted" and "Jane Doe" in r.text]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_explaining_leaves_the_article_as_it_is(case: object) -> None:
    plain = clean(case.html, case.url)  # type: ignore[attr-defined]
    explaining = clean(case.html, case.url, explain=True)  # type: ignore[attr-defined]
    assert explaining == plain  # ``removed`` is left out of the comparison
    assert set(plain.removed) <= set(explaining.removed)


def test_piped_the_explanation_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", "--url", URL, str(FOOTER_PAGE)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "footer" in [r["reason"] for r in record["removed"]]
    assert record["paragraphs"][0].startswith("Durham county council has approved")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_explanation_is_for_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(PAGES)
    assert main(["--explain", "--url", URL, FOOTER_PAGE.name]) == 0
    lines = screen.getvalue().splitlines()
    assert lines[0] == f"{FOOTER_PAGE.name}: Durham council approves 4.99% tax rise as reserves run low"
    assert lines[1] == "  kept 4 paragraph(s):"
    assert lines[2].startswith("    Durham county council has approved") and lines[2].endswith("…")
    assert lines[6] == "  left out 5 block(s):"
    assert lines[10].startswith("    footer         The Northern Courier About us")
    assert all(len(line) < 100 for line in lines)
    monkeypatch.setattr("sys.stdout", screen := Terminal())
    assert main(["--explain", "--json", FOOTER_PAGE.name]) == 0
    assert "footer" in [r["reason"] for r in json.loads(screen.getvalue())["removed"]]


def test_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("", encoding="utf-8")
    assert main([str(empty)]) == 0  # not an article: said in its record
    assert json.loads(capsys.readouterr().out)["error"] == "empty"
    assert main([str(tmp_path / "missing.html"), str(empty)]) == 2

    def crash(html: object, url: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("cleaners.__main__.clean", crash)
    assert main([str(FOOTER_PAGE), str(tmp_path / "missing.html")]) == 1
    with pytest.raises(SystemExit) as usage:
        main([])
    assert usage.value.code == 2


def test_a_page_that_is_not_an_article_explains_nothing() -> None:
    with pytest.raises(NotAnArticle):
        clean("<html><body><nav><a href='/'>Home</a></nav></body></html>", explain=True)
