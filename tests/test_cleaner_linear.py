"""The linear forms of the cleaner's steps answer as the plain forms do (issue 9).

Each shortcut the cleaner takes to stay linear (a memo of ancestors, text sizes built from the
children's, a pattern searched from near the end) is checked against the plain form it
replaces (``iterancestors()``, ``text_content()``, the pattern searched from the start) on
seeded random inputs; test_cleaner_growth.py checks that they are linear.
"""

from __future__ import annotations

import random
import re

import lxml.html
import pytest
from lxml.etree import Element

from cleaners.blocks import Block
from cleaners.boilerplate import find_boilerplate
from cleaners.patterns import BYLINE, DATA_END, LEADING_LABEL
from cleaners.subtrees import NearestAncestor, TextSizes
from cleaners.text import ELLIPSIS_END, clean_space, content_end, ends_truncated, word_count, words
from cleaners.titles import title_forms

#: pieces of text where white space, soft hyphens and word seams matter
PIECES = ("alpha", "Beta", " ", "  ", "\u00a0", "\u00ad", " \u00ad ", "\n", "x", "中文", "...", "…", ")", "’")


def _text(rng: random.Random) -> str:
    return "".join(rng.choices(PIECES, k=rng.randint(0, 5)))


def _tree(rng: random.Random, depth: int = 0) -> str:
    """Random nested markup, with comments, whose text is all seams and white space."""
    if depth > 5 or rng.random() < 0.3:
        return _text(rng)
    tag = rng.choice(["div", "span", "p", "b", "section"])
    cls = rng.choice(["", ' class="hidden"', ' class="intro"'])
    inner = "".join(_tree(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    comment = "<!-- a comment -->" if rng.random() < 0.2 else ""
    return f"<{tag}{cls}>{_text(rng)}{comment}{inner}</{tag}>{_text(rng)}"


@pytest.mark.parametrize("seed", range(5))
def test_text_sizes_are_those_of_text_content(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        root = lxml.html.fromstring(f"<div>{_tree(rng)}{_tree(rng)}</div>")  # comments kept
        clean, raw = TextSizes(clean=True), TextSizes(clean=False)
        for el in root.iter(Element):  # outer elements first, as the rules ask
            text = el.text_content()
            assert clean.of(el) == (len(clean_space(text)), len(clean_space(text).split()))
            assert raw.of(el)[1] == len(text.split())


@pytest.mark.parametrize("seed", range(3))
def test_nearest_ancestor_is_the_first_one_walking_up(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        root = lxml.html.fromstring(f"<div>{_tree(rng)}</div>")
        nearest = NearestAncestor(lambda a: a.get("class") == "intro")
        for el in root.iter(Element):
            assert nearest.of(el) is next((a for a in el.iterancestors() if a.get("class") == "intro"), None)


def test_nearest_ancestor_sees_marks_set_in_document_order() -> None:
    """Pruning marks an element, then asks about those below it: the mark is seen."""
    root = lxml.html.fromstring("<div><section><p><b>x</b></p></section><p><i>y</i></p></div>")
    marked = NearestAncestor(lambda a: a.get("data-mark"))
    for el in root.iter():
        if marked.of(el) is None and el.tag == "section":
            el.set("data-mark", "1")
    assert marked.of(root.find(".//b")) is root.find("section")
    assert marked.of(root.find(".//i")) is None


@pytest.mark.parametrize("seed", range(3))
def test_endings_read_from_the_end_as_from_the_start(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [*".…[]()\"'»”’ \u00a0\tab1٣,;:", "...", "[…]", "( … )"]
    for _ in range(20_000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 10)))
        assert ends_truncated(text) is bool(ELLIPSIS_END.search(text))
        assert bool(DATA_END.search(text, max(content_end(text) - 1, 0))) is bool(DATA_END.search(text))


def test_word_count_of_unspaced_scripts() -> None:
    assert word_count(words("市议会批准了")) == 3
    assert word_count(words("Le 市议会 a voté")) == 5
    assert word_count(()) == 0


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("By JANE DOE", True),
        ("By Jean-Luc O’Neill and Anna Keller, dpa", True),
        ("Von DPA-INFOGRAFIK", True),
        ("By FRANKFURTER ALLGEMEINE ZEITUNG:", False),  # tried every split of its capitals: minutes
        ("By " + "A" * 5_000 + "!", False),
        ("By the way, the bridge is closed", False),
    ],
    ids=["capitals", "names-and-joiners", "agency-capitals", "colon-after-capitals", "long-run", "sentence"],
)
def test_byline_pattern(line: str, found: bool) -> None:
    assert bool(BYLINE.search(line)) is found


def test_leading_label_on_a_long_word() -> None:
    assert LEADING_LABEL.match("In sintesi: il consiglio ha votato") is not None
    assert LEADING_LABEL.match("x" * 1_000_000) is None


def test_a_long_line_of_few_words_is_no_line_rule_target() -> None:
    """A dot leader has three words and megabytes of dots: text, not a label to match."""
    leader = Block(text="Chapter one " + "." * 5_000 + " 5", tag="p", index=0)
    assert find_boilerplate([leader]) == {}


def test_title_split_across_long_white_space() -> None:
    tree = lxml.html.fromstring(f"<html><head><title>Council approves{' ' * 50_000}the bridge | The Daily</title>"
                                "</head><body><p>x</p></body></html>")
    assert "Council approves the bridge" in title_forms(tree, None)


def test_patterns_compile_without_possessive_syntax() -> None:
    """Python 3.10 (the project's floor) has no ``*+`` or ``(?>...)``: atomic runs are written
    as a lookahead and a backreference."""
    import cleaners.line_words
    import cleaners.patterns

    modules = (cleaners.patterns, cleaners.line_words)
    sources = [v.pattern for m in modules for v in vars(m).values() if isinstance(v, re.Pattern)]
    assert not [s for s in sources if "(?>" in s or re.search(r"[*+?}]\+", s.replace("\\+", ""))]
