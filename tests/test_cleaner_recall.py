"""Recall beyond news (issue 13): text the cleaner must not lose on recipes, blogs and short bodies.

Each rule here keeps text a news-shaped rule would take: short lines at the top of a recipe, a
fact line above a post, a body trafilatura's fast pass cut short.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml.html import document_fromstring

import cleaners.core
from cleaners import clean
from cleaners.blocks import Block
from cleaners.boilerplate import find_leading_labels
from cleaners.jsonld import json_ld_types
from cleaners.page import visible_letters

BODY = (
    "The city council voted on Tuesday evening to close the old harbour bridge to all motor traffic "
    "from next spring, after engineers warned that corrosion had advanced faster than expected.",
    "Cyclists and pedestrians will still be able to cross while a replacement is designed.",
)


def _blocks(*texts: str) -> list[Block]:
    return [Block(text, "p", i) for i, text in enumerate(texts)]


@pytest.mark.parametrize("types", [{"Recipe"}, {"HowTo", "WebPage"}])
def test_no_leading_labels_on_a_page_of_lists(types: set[str]) -> None:
    """A recipe opens with "Ingredients" and "200 g flour": short lines, and its content."""
    lines = _blocks("Ingredients", "200 g plain flour", "Zest of 1 lemon", *BODY)
    assert find_leading_labels(lines, 10, frozenset(types)) == {}
    assert find_leading_labels(lines, 10, frozenset({"NewsArticle"})) == {0: "label", 1: "label", 2: "label"}


@pytest.mark.parametrize("fact", ["Distance: 21 km", "Moderator: Jane Doe", "Pies eaten: two", "Zeit: 45 Min"])
def test_a_fact_line_is_no_label(fact: str) -> None:
    assert find_leading_labels(_blocks("EUROPE", fact, *BODY), 10) == {0: "label"}


def test_a_long_run_of_short_lines_is_content_unless_it_is_links() -> None:
    """Five short lines above the first sentence: a song's verses or a fact sheet, not five
    kickers; the same five lines as the menu's links are a menu left in the body."""
    lines = _blocks("Hauptmodul", "Lehrzeit 2 Jahre", "Spezialmodul", "Lehrzeit 1 Jahr", "Module", *BODY)
    assert find_leading_labels(lines, 10) == {}
    menu = {b.words for b in lines[:5]}
    assert find_leading_labels(lines, 10, links=menu) == dict.fromkeys(range(5), "label")
    assert find_leading_labels(_blocks("EUROPE", "Harbour", "Bridges", *BODY), 10) == dict.fromkeys(range(3), "label")


def test_a_line_carried_on_in_lower_case_is_no_label() -> None:
    """"Der Plakatwettbewerb für Kinder<br>findet in 2020 …": one sentence broken by a <br>."""
    lines = _blocks("EUROPE", "Der Plakatwettbewerb für Kinder",
                    "findet in 2020 bereits zum sechsten Mal statt, und Kinder sind aufgerufen.", *BODY)
    assert find_leading_labels(lines, 10) == {0: "label"}


def test_json_ld_types_of_every_object() -> None:
    tree = document_fromstring(
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": ["Recipe", "Thing"]},'
        ' {"@type": "BreadcrumbList"}]}</script><script type="application/ld+json">{broken</script>'
        "</head><body><p>x</p></body></html>"
    )
    assert json_ld_types(tree) == {"Recipe", "Thing", "BreadcrumbList"}


def test_visible_letters_leave_out_scripts_styles_and_spaces() -> None:
    tree = document_fromstring(
        "<html><head><title>Not counted</title></head><body><p>ab  cd</p>"
        "<script>var x = 1;</script><style>p {}</style><div>e<b>f</b>\n g</div></body></html>"
    )
    assert visible_letters(tree) == len("abcdefg")


def _page(body: str, menu_items: int) -> str:
    menu = "".join(f'<li><a href="/s/{i}">Section number {i} of the site</a></li>' for i in range(menu_items))
    return (f"<html><head><title>Harbour bridge</title></head><body><nav><ul>{menu}</ul></nav>"
            f"<article><h1>Harbour bridge</h1>{body}</article></body></html>")


@pytest.fixture
def modes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``fast`` flag of every trafilatura call the cleaner makes."""
    calls: list[bool] = []
    extract = cleaners.core.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["fast"])
        return extract(*args, **kwargs)

    monkeypatch.setattr(cleaners.core, "bare_extraction", spy)
    return calls


def test_full_mode_only_when_the_fast_body_is_short_against_the_page(modes: list[bool]) -> None:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    clean(_page(body, 3), "https://news.example/a")
    assert modes == [True]
    modes.clear()
    article = clean(_page(body, 400), "https://news.example/b")
    assert modes == [True, False]
    assert article.paragraphs == BODY


def test_full_mode_when_the_fast_body_holds_no_running_text(modes: list[bool]) -> None:
    """A long fast body of code lines (or menu items) with no sentence in it is no body."""
    code = "".join(f"<pre>result_{i} = compute(value_{i}, factor={i})</pre>" for i in range(8))
    fast_only = clean(_page(code + "".join(f"<p>{p}</p>" for p in BODY), 3), "https://news.example/e")
    assert modes == [True]  # prose enough: the fast pass is trusted
    assert set(BODY) <= set(fast_only.paragraphs)
    modes.clear()
    listing = clean(_page(code + "".join(f"<p>{p}</p>" for p in BODY[:1]) + code * 6, 3), "https://news.example/f")
    assert modes == [True, False]  # a sentence among 56 lines of code: full mode is asked too
    assert BODY[0] in listing.paragraphs


@pytest.mark.parametrize(("text", "prose"), [
    ("Der Barschrank aus den 50er Jahren ist das Highlight im Wohnzimmer. #Barschrank #Vintage", True),
    ("query = query.replace(' ', '+') if query and query.strip() else default_query_value", False),
    ("Home News Sport Business Culture Travel Weather Video Audio Podcasts Newsletters", False),
])
def test_running_text_holds_a_sentence(text: str, prose: bool) -> None:
    assert (cleaners.core._prose(_blocks(text)) > 0) is prose


def test_a_read_more_box_that_links_nowhere_is_the_body() -> None:
    """"read-more" names a link to another story and a folded rest of this one; only the first goes."""
    folded = f'<div class="read-more"><p>{BODY[1]}</p></div>'
    link = '<div class="read-more"><a href="/other">Ferry to replace the bridge for two years</a></div>'
    article = clean(_page(f"<p>{BODY[0]}</p>{folded}{link}", 3), "https://news.example/c")
    assert article.paragraphs == BODY


def test_a_read_more_body_with_links_in_its_prose_is_the_body() -> None:
    """WordPress's "entry-content-read-more": the body, folded, its sentences linking here and there."""
    linked = BODY[0].replace("city council", '<a href="/council">city council</a>')
    folded = f'<div class="entry-content entry-content-read-more"><p>{linked}</p><p>{BODY[1]}</p></div>'
    article = clean(_page(folded, 3), "https://news.example/g")
    assert article.paragraphs == BODY


SLIDES = tuple(
    f"Item {i}. The {name} is the gadget nobody knew they needed until they tried it at home for a week."
    for i, name in enumerate(["egg cooker", "solar charger", "pot stopper", "twig chandelier"], 1)
)


def test_hidden_slides_holding_the_page_are_its_body() -> None:
    """A gallery shows one slide at a time: each hidden by its style, together the article."""
    slides = "".join(f'<div class="gallery-section" style="display: none"><p>{s}</p></div>' for s in SLIDES)
    body = "".join(f"<p>{p}</p>" for p in BODY)
    article = clean(_page(f"{body}<div class='gallery'>{slides}</div>", 3), "https://news.example/h")
    assert article.paragraphs == (*BODY, *SLIDES)


def test_a_hidden_copy_of_the_menu_stays_out() -> None:
    """Hidden siblings made of links (a mobile menu's panes) are no slides, however long."""
    panes = "".join(
        f'<div class="pane" style="display: none"><a href="/s/{i}">{s}</a></div>' for i, s in enumerate(SLIDES)
    )
    article = clean(_page("".join(f"<p>{p}</p>" for p in BODY) + panes, 3), "https://news.example/i")
    assert article.paragraphs == BODY


def test_full_mode_when_the_fast_pass_finds_no_body(monkeypatch: pytest.MonkeyPatch) -> None:
    extract = cleaners.core.bare_extraction

    def fast_finds_nothing(*args: Any, **kwargs: Any) -> Any:
        return None if kwargs["fast"] else extract(*args, **kwargs)

    monkeypatch.setattr(cleaners.core, "bare_extraction", fast_finds_nothing)
    article = clean(_page("".join(f"<p>{p}</p>" for p in BODY), 3), "https://news.example/d")
    assert article.paragraphs == BODY
