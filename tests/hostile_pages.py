"""Pages shaped to make an extractor slow: one huge paragraph, thousands of look-alike
paragraphs, nesting thousands deep.

Used by the growth guard (tests/test_cleaner_growth.py) and the worst-page benchmark
(bench/worst_pages.py); no cleaner import, so a benchmark can hand the same bytes to any
extractor. The text is varied (distinct, seeded sentences) so that a cleaner's repeat removal
has real prose to keep, except in the shapes where repetition is the point. Every generator
is a pure function of its size: same size, same page.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from html import escape

__all__ = [
    "SHAPES",
    "Shape",
    "cjk_without_spaces",
    "deep_body_nesting",
    "dot_leaders",
    "huge_table",
    "many_br_lines",
    "many_tiny_paragraphs",
    "nested_divs",
    "nested_tables",
    "one_huge_paragraph",
    "paragraphs_sharing_first_words",
    "repeated_identical_paragraphs",
    "spaced_title",
    "words_without_spaces",
]

_VOCABULARY = (
    "council city river bridge budget report minister school hospital railway station harbour market "
    "village winter summer storm flood election vote party leader court judge police officer witness "
    "museum library garden forest mountain valley farmer harvest price energy water road tunnel airport "
    "company worker union strike contract plan project study scientist doctor patient teacher student "
    "family neighbour street square church festival concert theatre film author book newspaper radio "
    "morning evening week month year decade history future change growth decline support protest law "
    "said announced reported agreed refused approved rejected opened closed built repaired expected "
    "warned promised planned studied visited described measured counted replaced delayed moved reached "
    "new old large small local national public private early late long short main second final full "
    "quietly slowly finally recently again still already almost nearly often rarely perhaps together"
).split()
_CJK = "的一是不了人我在有他这中大来上们到说国和地也子时道出要于就下得可你年生会自着去之过家学对"
_TITLE = "Council approves the new river bridge after a long debate"


#: how a reporter opens sentence after sentence
_OPENINGS = ("The council said that", "According to the report", "In the city of Lyon", "On Monday morning")


def _sentences(seed: int, openings: tuple[str, ...] = _OPENINGS) -> Iterator[str]:
    """Endless distinct sentences of 8 to 20 seeded words (no 10-word run comes back), one in
    four opening with a stock phrase, as a reporter's sentences do."""
    rng = random.Random(seed)
    while True:
        chosen = " ".join(rng.choices(_VOCABULARY, k=rng.randint(8, 20)))
        opening = rng.choice(openings) if rng.random() < 0.25 else ""
        yield f"{opening} {chosen}." if opening else chosen.capitalize() + "."


def _prose(seed: int, n_words: int) -> str:
    """About ``n_words`` words of distinct sentences."""
    out: list[str] = []
    count = 0
    for sentence in _sentences(seed):
        out.append(sentence)
        count += sentence.count(" ") + 1
        if count >= n_words:
            return " ".join(out)
    raise AssertionError("unreachable")  # pragma: no cover


def _page(body: str, *, title: str = _TITLE, head_title: str | None = None, description: str | None = None) -> str:
    """A plain news page around ``body``: head, menu, headline, byline, footer; ``head_title``
    is the ``<title>``'s, if not the headline and the site's name."""
    meta = f'<meta name="description" content="{escape(description)}">' if description else ""
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(8))
    head = escape(head_title or f"{title} | The Daily")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{head}</title>'
        f'{meta}</head><body><header><nav><ul>{menu}</ul></nav></header>'
        f'<main><article><h1>{escape(title)}</h1><p class="byline">By Jane Doe</p>{body}</article></main>'
        '<footer><p>© The Daily. All rights reserved.</p></footer></body></html>'
    )


def one_huge_paragraph(n_bytes: int) -> str:
    """One ``<p>`` of about ``n_bytes`` of distinct sentences: a page that is a single paragraph
    (a transcript, a pasted book), whose first words come back every fourth sentence."""
    opening = _OPENINGS[0]
    parts = [f"{opening} the session would be long."]
    size = len(parts[0])
    for sentence in _sentences(1, openings=(opening,)):
        parts.append(sentence)
        size += len(sentence) + 1
        if size >= n_bytes:
            break
    return _page(f"<p>{' '.join(parts)}</p>")


def paragraphs_sharing_first_words(n: int) -> str:
    """``n`` paragraphs that open with the same words, then say different things (a live blog,
    a list of court rulings): every one is found under the same first-words key."""
    opening = "According to the latest report published by the city council this week"
    body = "".join(f"<p>{opening}, {_prose(1000 + i, 20).lower()}</p>" for i in range(n))
    return _page(body)


def nested_divs(depth: int) -> str:
    """The article at the bottom of ``depth`` nested ``<div>``s, each with a class and an id, some
    of them names a rule looks at ("trending", "credit", "intro", "tooltip") on wrappers that
    hold the whole article, so the rule must spare them."""
    classes = ("wrapper", "container", "row", "trending-wrap", "col", "credit-area", "story-intro", "tooltip-host")
    opening = "".join(f'<div class="{classes[i % len(classes)]}" id="d{i}">' for i in range(depth))
    article = "".join(f"<p>{_prose(i, 60)}</p>" for i in range(8))
    return _page(opening + article + "</div>" * depth)


def deep_body_nesting(depth: int) -> str:
    """Inside the article, each paragraph one level deeper than the last (``depth`` levels):
    quotes within quotes, a CMS's nested sections."""
    opening = "".join(f"<div><p>{_prose(2000 + i, 12)}</p>" for i in range(depth))
    return _page(opening + "</div>" * depth)


def many_tiny_paragraphs(n: int) -> str:
    """``n`` paragraphs of one to three words above the article's one long paragraph (a poem,
    a list without markup), each marked ``class="intro"`` as some editors mark every line."""
    rng = random.Random(3)
    lines = "".join(f'<p class="intro">{" ".join(rng.choices(_VOCABULARY, k=rng.randint(1, 3))).capitalize()}</p>'
                    for _ in range(n))
    return _page(f"{lines}<p>{_prose(4, 60)}</p>")


def huge_table(rows: int) -> str:
    """A data table of ``rows`` rows of five short cells below a short article."""
    rng = random.Random(5)
    head = "<tr><th>Station</th><th>Line</th><th>Passengers</th><th>Change</th><th>Year</th></tr>"
    cells = (
        f"<tr><td>{rng.choice(_VOCABULARY).capitalize()} {i}</td><td>{rng.choice(_VOCABULARY)}</td>"
        f"<td>{rng.randint(100, 99999)}</td><td>{rng.randint(-50, 50)}%</td><td>{rng.randint(1990, 2024)}</td></tr>"
        for i in range(rows)
    )
    return _page(f"<p>{_prose(6, 80)}</p><table>{head}{''.join(cells)}</table>")


def words_without_spaces(n_bytes: int) -> str:
    """A paragraph that is one ``n_bytes`` word (a pasted hash, a URL, base64), then real text."""
    rng = random.Random(7)
    word = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=n_bytes))
    return _page(f"<p>{_prose(8, 80)}</p><p>{word}</p><p>{_prose(9, 80)}</p>")


def cjk_without_spaces(n_chars: int) -> str:
    """A Chinese paragraph of ``n_chars`` characters and no spaces: every character is a word."""
    rng = random.Random(10)
    sentences: list[str] = []
    size = 0
    while size < n_chars:
        sentence = "".join(rng.choices(_CJK, k=rng.randint(12, 40))) + "。"
        sentences.append(sentence)
        size += len(sentence)
    return _page(f"<p>{''.join(sentences)}</p>", title="市议会批准了新的河流大桥建设计划")


def many_br_lines(n: int) -> str:
    """One ``<div>`` of ``n`` lines separated by ``<br>``, a blank line (``<br><br>``) every five."""
    lines = (f"{_prose(3000 + i, 10)}<br>{'<br>' if i % 5 == 4 else ''}" for i in range(n))
    return _page(f"<div class=\"text\">{''.join(lines)}</div>")


def repeated_identical_paragraphs(n: int) -> str:
    """The same paragraph ``n`` times between distinct ones, the page's description among them:
    a teaser or a notice a broken template prints after every paragraph."""
    notice = "Subscribers can read every article of our archive and the daily edition on all their devices."
    body = "".join(f"<p>{_prose(4000 + i, 30)}</p><p>{notice}</p>" for i in range(n))
    return _page(body, description=notice)


def dot_leaders(n_bytes: int) -> str:
    """A contents line whose dot leader runs ``n_bytes`` long before its page number, in a short
    article: a pattern that backtracks over a run of dots costs its square."""
    return _page(f"<p>{_prose(11, 80)}</p><p>Chapter one {'.' * n_bytes} 5</p><p>{_prose(12, 80)}</p>")


def nested_tables(depth: int) -> str:
    """``depth`` layout tables, each in the one cell of the table around it, a paragraph in
    each cell: a 2003 page built by a tool that nested a table per section."""
    opening = "".join(f"<table><tr><td><p>{_prose(5000 + i, 15)}</p>" for i in range(depth))
    return _page(opening + "</td></tr></table>" * depth)


def spaced_title(n_bytes: int) -> str:
    """A ``<title>`` whose words stand ``n_bytes`` of white space apart (a template's padding),
    on a short article: a pattern that tries every space of the run as a start costs its square."""
    gap = " \n\t" * (n_bytes // 6)
    return _page(f"<p>{_prose(13, 80)}</p>", head_title=f"Council approves{gap}the new bridge{gap}| The Daily")


Shape = tuple[str, Callable[[int], str], int, int]
#: (name, generator, size of the worst page the crawler may meet, a quick size), the unit of
#: size being the generator's own (bytes, paragraphs, levels, rows, lines). Pages stay under the
#: crawler's 5 MB limit. Nesting: libxml2 drops what lies deeper than 255 levels (2,047 with
#: lxml's huge_tree, which the cleaner sets), so past 255 trafilatura.extract reads less of the
#: page than the cleaner does; the shapes with text at every level stop there, for both to read
#: the same page (the growth guard goes deeper)
SHAPES: tuple[Shape, ...] = (
    ("one huge paragraph (bytes)", one_huge_paragraph, 5_000_000, 500_000),
    ("paragraphs sharing first words", paragraphs_sharing_first_words, 5_000, 1_000),
    ("nested divs (depth)", nested_divs, 10_000, 2_000),
    ("nested paragraphs in the body (depth)", deep_body_nesting, 250, 100),
    ("nested layout tables (depth)", nested_tables, 60, 20),
    ("many tiny paragraphs", many_tiny_paragraphs, 20_000, 4_000),
    ("huge table (rows)", huge_table, 20_000, 4_000),
    ("word without spaces (bytes)", words_without_spaces, 5_000_000, 500_000),
    ("CJK without spaces (chars)", cjk_without_spaces, 1_500_000, 150_000),
    ("dot leader (bytes)", dot_leaders, 5_000_000, 500_000),
    ("title padded with white space (bytes)", spaced_title, 5_000_000, 500_000),
    ("lines split by <br>", many_br_lines, 20_000, 4_000),
    ("repeated identical paragraphs", repeated_identical_paragraphs, 5_000, 1_000),
)
