"""One rule of the cleaner at a time: what each removes, with its reason, and what it must keep.

The fixture tests (test_fixtures.py) check whole saved pages; these build a small page around
the one block a rule is about, so a failure names the rule. Every rule has positive cases (the
block is gone from ``paragraphs`` and stands in ``removed`` with the rule's reason) and negative
cases (real text that looks like the rule's target stays, in place). The pure functions behind
the rules are tested directly as well, on hand-made blocks and trees.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import unicodedata
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import lxml.html
import pytest

import cleaners.metadata
from cleaners import Article, CleanOptions, NotAnArticle, Removed, clean
from cleaners.blocks import Block
from cleaners.boilerplate import _RULES, find_boilerplate, find_leading_labels, find_orphan_headings
from cleaners.decode import decode_html
from cleaners.layout import split_break_paragraphs, unwrap_layout_tables
from cleaners.metadata import read_metadata
from cleaners.page import parse_page
from cleaners.prune import PRUNE_MARK, mark_boilerplate
from cleaners.repeats import find_repeats
from cleaners.standfirst import take_standfirst
from cleaners.text import ends_truncated, words

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# --- pages ------------------------------------------------------------------------------------

#: a short local news story in each language the line rules claim to read
BODIES: dict[str, tuple[str, ...]] = {
    "en": (
        "The city council voted on Tuesday evening to close the old harbour bridge to all motor traffic "
        "from next spring, after engineers warned that corrosion in the steel supports had advanced "
        "faster than expected.",
        "Council leader Maria Hollis said the decision had not been taken lightly, but that the safety of "
        "residents had to come first. Cyclists and pedestrians will still be able to cross while repairs "
        "are planned.",
        "Local businesses on both sides of the river fear the closure will cut trade, and the chamber of "
        "commerce has asked for a temporary ferry service to be funded until the bridge reopens to cars.",
        "A full replacement is expected to cost about 40 million euros, and the council said it would apply "
        "for national infrastructure funds before the end of the year to cover most of the bill.",
    ),
    "fr": (
        "Le conseil municipal a voté mardi soir la fermeture du vieux pont du port à la circulation "
        "automobile dès le printemps prochain, après que des ingénieurs ont constaté une corrosion avancée "
        "des piliers en acier.",
        "La maire, Claire Morel, a expliqué que la décision n'avait pas été prise à la légère, mais que la "
        "sécurité des habitants devait passer avant tout. Les cyclistes et les piétons pourront toujours "
        "traverser.",
        "Les commerçants des deux rives craignent une baisse de leur chiffre d'affaires et la chambre de "
        "commerce réclame un service de bac temporaire financé par la ville jusqu'à la réouverture du pont.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbrücke ab dem kommenden Frühjahr für "
        "den Autoverkehr zu sperren, nachdem Gutachter eine stärkere Korrosion an den Stahlträgern "
        "festgestellt hatten als erwartet.",
        "Bürgermeisterin Anna Keller sagte, die Entscheidung sei niemandem leichtgefallen, doch die "
        "Sicherheit der Anwohner gehe vor. Radfahrer und Fußgänger dürfen die Brücke während der Planung "
        "der Sanierung weiterhin nutzen.",
        "Die Geschäftsleute auf beiden Seiten des Flusses befürchten Umsatzeinbußen, und die Handelskammer "
        "fordert eine vorübergehende Fährverbindung, die von der Stadt bezahlt werden soll, bis die Brücke "
        "wieder offen ist.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes por la noche cerrar el viejo puente del puerto al tráfico de "
        "coches a partir de la próxima primavera, después de que los ingenieros detectaran una corrosión "
        "avanzada en los pilares de acero.",
        "La alcaldesa, Lucía Ortega, explicó que la decisión no se tomó a la ligera, pero que la seguridad "
        "de los vecinos es lo primero. Ciclistas y peatones podrán seguir cruzando mientras se planifican "
        "las obras.",
        "Los comerciantes de ambas orillas temen perder clientes y la cámara de comercio ha pedido un "
        "servicio de transbordador provisional, pagado por el ayuntamiento, hasta que el puente vuelva a "
        "abrir a los coches.",
    ),
    "it": (
        "Il consiglio comunale ha votato martedì sera la chiusura del vecchio ponte del porto al traffico "
        "automobilistico dalla prossima primavera, dopo che gli ingegneri hanno rilevato una corrosione "
        "avanzata nei piloni d'acciaio.",
        "La sindaca Giulia Ferri ha spiegato che la decisione non è stata presa alla leggera, ma che la "
        "sicurezza dei residenti viene prima di tutto. Ciclisti e pedoni potranno continuare ad "
        "attraversare il ponte.",
        "I commercianti delle due sponde temono un calo degli affari e la camera di commercio chiede un "
        "servizio di traghetto provvisorio, pagato dal comune, fino alla riapertura del ponte alle "
        "automobili.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira à noite o encerramento da velha ponte do porto ao "
        "trânsito automóvel a partir da próxima primavera, depois de os engenheiros terem detetado "
        "corrosão avançada nos pilares de aço.",
        "A presidente da câmara, Sofia Almeida, explicou que a decisão não foi tomada de ânimo leve, mas "
        "que a segurança dos moradores está em primeiro lugar. Ciclistas e peões vão continuar a poder "
        "atravessar.",
        "Os comerciantes das duas margens temem perder clientes e a associação comercial pede um serviço "
        "de ferry provisório, pago pela autarquia, até que a ponte volte a abrir aos automóveis.",
    ),
}
TITLES = {
    "en": "Old harbour bridge to close to cars next spring",
    "fr": "Le vieux pont du port fermé aux voitures au printemps",
    "de": "Alte Hafenbrücke wird im Frühjahr für Autos gesperrt",
    "es": "El viejo puente del puerto se cerrará a los coches",
    "it": "Il vecchio ponte del porto chiude alle auto in primavera",
    "pt": "Velha ponte do porto fecha aos carros na primavera",
}
BODY = BODIES["en"]
TITLE = TITLES["en"]
URL = "https://www.riverside-courier.example/news/2024/03/harbour-bridge-closure"


def page(
    *blocks: str, lang: str = "en", title: str | None = None, description: str | None = None,
    author: str | None = None, head: str = "", after: str = "",
) -> str:
    """A whole news page: head with title and meta tags, menu, the article, a footer.

    A block that starts with ``<`` is raw HTML; any other block becomes a ``<p>``.
    """
    title = title or TITLES[lang]
    metas = "".join(
        f'<meta name="{name}" content="{escape(value)}">'
        for name, value in (("description", description), ("author", author)) if value
    )
    body = "\n".join(b if b.lstrip().startswith("<") else f"<p>{escape(b, quote=False)}</p>" for b in blocks)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{escape(title)} | Riverside Courier</title>{metas}{head}</head>
<body>
<header><a href="/">Riverside Courier</a>
<nav><a href="/news">News</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a>
<a href="/culture">Culture</a></nav>
</header>
<main><article>
<h1>{escape(title)}</h1>
{body}
</article>{after}</main>
<footer><a href="/about">About us</a> <a href="/privacy">Privacy</a> <a href="/contact">Contact</a></footer>
</body>
</html>"""


def removed_as(article_removed: tuple[Removed, ...], reason: str) -> list[str]:
    """The texts a given rule removed."""
    return [r.text for r in article_removed if r.reason == reason]


def blocks(*texts: str, tag: str = "p") -> list[Block]:
    return [Block(text=t, tag=tag, index=i) for i, t in enumerate(texts)]


def repeats(*texts: str, titles: tuple[str, ...] = (), description: str | None = None) -> dict[int, str]:
    return find_repeats(blocks(*texts), titles=titles, description=description, min_words=10)


def tree_of(html: str) -> HtmlElement:
    return parse_page(html)


def slug(text: str, size: int = 40) -> str:
    """A readable ASCII test id from a line of text: "Publié le 3 mars" -> "publie-le-3-mars"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:size].rstrip("-") or "symbols"


# --- the baseline: the helper page comes out whole ---------------------------------------------

@pytest.mark.parametrize("lang", sorted(BODIES))
def test_plain_page_keeps_every_paragraph(lang: str) -> None:
    article = clean(page(*BODIES[lang], lang=lang), URL)
    assert article.paragraphs == BODIES[lang]
    assert article.title == TITLES[lang]
    assert article.language == lang
    assert [r.reason for r in article.removed] == ["title_repeat"]  # the <h1>
    assert article.problems == ()


# --- text normalisation -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("He said “no”, then left.", 'He said "no", then left.', id="curly-vs-straight-quotes"),
        pytest.param("l’école", "l'école", id="curly-apostrophe"),
        pytest.param("40\u00a0million euros", "40 million euros", id="nbsp"),
        pytest.param("Le maire a dit\u202f: non", "Le maire a dit: non", id="french-spacing-colon"),
        pytest.param("ＦＵＬＬ width", "full WIDTH", id="nfkc-and-case"),
        pytest.param("re-opening", "re opening", id="hyphen-splits"),
    ],
)
def test_words_ignore_typography(a: str, b: str) -> None:
    assert words(a) == words(b)


def test_words_tokens() -> None:
    assert words("L’Élysée a dit : « Non ! »") == ("l", "élysée", "a", "dit", "non")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The council voted to close the bridge...", True, id="three-dots"),
        pytest.param("The council voted to close the bri…", True, id="unicode-ellipsis"),
        pytest.param("O conselho votou o encerramento [...]", True, id="bracketed-dots"),
        pytest.param("Il consiglio ha votato (…)", True, id="parenthesised-ellipsis"),
        pytest.param("« Nous fermerons le pont… »", True, id="ellipsis-before-closing-quote"),
        pytest.param("The council voted to close the bridge.", False, id="full-stop"),
        pytest.param("Wait... the council voted to close the bridge.", False, id="ellipsis-mid-sentence"),
        pytest.param("", False, id="empty"),
    ],
)
def test_ends_truncated(text: str, expected: bool) -> None:
    assert ends_truncated(text) is expected


# --- repeats: pure function ---------------------------------------------------------------------

#: a lead with quotes and a colon, to repeat in other typography
QUOTED_LEAD = (
    "Council leader Maria Hollis was blunt: “the safety of residents comes first”, she told reporters "
    "on Tuesday, adding that cyclists and pedestrians would still be able to cross the bridge."
)
#: a lead glued to the start of the next paragraph, then cut: what share teasers show
GLUED = BODY[0] + BODY[1][:70] + "..."


@pytest.mark.parametrize(
    ("copy", "reason"),
    [
        pytest.param(QUOTED_LEAD, "repeated_text", id="exact"),
        pytest.param(QUOTED_LEAD.replace("“", '"').replace("”", '"'), "repeated_text", id="straight-quotes"),
        pytest.param(QUOTED_LEAD.replace(" ", "\u00a0"), "repeated_text", id="nbsp"),
        pytest.param(QUOTED_LEAD.replace(": ", "\u202f: "), "repeated_text", id="french-spacing-colon"),
        pytest.param(" ".join(QUOTED_LEAD.split()[:18]) + "...", "repeated_truncated", id="cut-three-dots"),
        pytest.param(QUOTED_LEAD[:100] + "…", "repeated_truncated", id="cut-midword-unicode-ellipsis"),
        pytest.param(" ".join(QUOTED_LEAD.split()[:18]) + " [...]", "repeated_truncated", id="cut-brackets"),
        pytest.param(" ".join(QUOTED_LEAD.split()[:17]) + "...", "repeated_truncated", id="cut-after-comma"),
        pytest.param("In sintesi: " + QUOTED_LEAD, "repeated_text", id="label-prefixed-summary"),
        pytest.param("Summary — " + QUOTED_LEAD, "repeated_text", id="dash-label-summary"),
    ],
)
def test_find_repeats_later_copy(copy: str, reason: str) -> None:
    """The lead said again further down (share teaser, bottom summary) goes; the lead stays."""
    found = repeats(QUOTED_LEAD, BODY[1], BODY[2], copy)
    assert found == {3: reason}


GUILLEMETS_LEAD = QUOTED_LEAD.replace("“", "«\u00a0").replace("”", "\u00a0»")


@pytest.mark.parametrize("copy", [QUOTED_LEAD, GUILLEMETS_LEAD], ids=["exact", "guillemets"])
def test_find_repeats_copy_right_above_lead(copy: str) -> None:
    """A standfirst box said again as the next block: the second of two adjacent copies goes."""
    assert repeats(copy, QUOTED_LEAD, BODY[1]) == {1: "adjacent_duplicate"}


@pytest.mark.parametrize("copy", [QUOTED_LEAD, GUILLEMETS_LEAD], ids=["exact", "guillemets"])
def test_find_repeats_copy_above_lead_keeps_first(copy: str) -> None:
    """Two full copies apart: the first in reading order is kept, the second goes."""
    assert repeats(copy, "Harbour - Bridges - Council", QUOTED_LEAD, BODY[1]) == {2: "repeated_text"}


@pytest.mark.parametrize("teaser_first", [True, False], ids=["teaser-above-body", "teaser-below-body"])
def test_find_repeats_glued_lead_keeps_real_paragraphs(teaser_first: bool) -> None:
    """Longer than the lead yet only a copy: the cut teaser goes, the real first paragraph stays."""
    texts = (GLUED, *BODY) if teaser_first else (*BODY, GLUED)
    teaser = 0 if teaser_first else len(BODY)
    assert repeats(*texts) == {teaser: "repeated_truncated"}


#: the meta description shown as a dek: the lead's first 14 words, then other words
DEK = "The city council voted on Tuesday evening to close the old harbour bridge to motor traffic next year."


def test_find_repeats_reworded_description_as_dek() -> None:
    """The meta description shown as a dek that the lead then rewords: the dek goes."""
    assert repeats(DEK, *BODY, description=DEK) == {0: "repeated_summary"}


def test_find_repeats_adjacent_table_head() -> None:
    head = "| Route | Daily cars | Daily bikes |"
    assert repeats(BODY[0], head, head, "| Harbour bridge | 12,400 | 3,100 |") == {2: "adjacent_duplicate"}


def test_find_repeats_title_in_body() -> None:
    assert repeats(TITLE, *BODY, titles=(TITLE,)) == {0: "title_repeat"}


#: a paragraph that starts like the lead and then says something else: not a repeat
STARTS_LIKE_LEAD = (" ".join(BODY[0].split()[:14]) + " to lorries heavier than 7.5 tonnes, a measure that was "
                    "already announced by the regional transport authority last autumn.")
#: one quote inside two different paragraphs: repeated on purpose
QUOTED_TWICE = (
    'Hollis told the chamber: "We will not let this bridge fall into the river while we wait for '
    'money from the capital." Her speech was interrupted twice by protesters.',
    'Opposition members mocked the line "We will not let this bridge fall into the river while we '
    'wait for money from the capital" as an empty slogan written for television.',
)


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param(
            (BODY[0], "We will rebuild it.", 'Hollis ended the meeting with a promise: "We will rebuild it." '
             "Several members of the opposition applauded.", BODY[2]),
            id="short-sentence-quoted-in-paragraph",
        ),
        pytest.param(
            ("Portion: 1 cup (240 ml) cooked brown rice with 2 tablespoons (30 ml) of soy sauce",
             BODY[1],
             "Portion: 1 cup (240 ml) cooked brown rice with 2 tablespoons (30 ml) of soy sauce"),
            id="recipe-portion-line-twice",
        ),
        pytest.param(
            ("2 cups of flour, 1 teaspoon of baking powder, 3 eggs, 250 ml of milk and 50 g of butter",
             BODY[1],
             "2 cups of flour, 1 teaspoon of baking powder, 3 eggs, 250 ml of milk and 50 g of butter"),
            id="ingredient-line-twice",
        ),
        pytest.param(
            (BODY[0], STARTS_LIKE_LEAD, BODY[1]),
            id="starts-like-lead-continues-differently",
        ),
        pytest.param(
            QUOTED_TWICE,
            id="quote-inside-two-paragraphs",
        ),
    ],
)
def test_find_repeats_keeps(texts: tuple[str, ...]) -> None:
    assert repeats(*texts) == {}


def test_find_repeats_lead_equal_to_description_said_once() -> None:
    assert repeats(*BODY, description=BODY[0], titles=(TITLE,)) == {}


def test_find_repeats_description_shown_first_and_said_again_last_is_kept_once() -> None:
    """The page's summary shown as a dek, the same words closing the piece: one copy stays (the
    last is the repeat), not none because the dek also looked like a reworded lead."""
    closing = "Let us hope the new bridge is open long before the old one finally gives way to the river."
    assert repeats(closing, *BODY, closing, description=closing) == {len(BODY) + 1: "repeated_text"}


def test_find_repeats_short_copies_below_min_words_stay() -> None:
    assert repeats("The bridge will close.", BODY[0], "The bridge will close.") == {}


def test_find_repeats_is_stateless() -> None:
    """Same blocks, same answer, however often and whatever ran before (no dedup cache)."""
    first = repeats(*BODY, BODY[0])
    for _ in range(5):
        repeats(*BODIES["fr"], BODIES["fr"][0])
        assert repeats(*BODY, BODY[0]) == first == {4: "repeated_text"}


# --- repeats: through clean() -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("copy", "reason"),
    [
        pytest.param(BODY[0], "repeated_text", id="exact"),
        pytest.param(BODY[0].replace(" ", "\u00a0", 5), "repeated_text", id="nbsp"),
        pytest.param(" ".join(BODY[0].split()[:19]) + "...", "repeated_truncated", id="cut-three-dots"),
        pytest.param(BODY[0][:110] + "…", "repeated_truncated", id="cut-unicode-ellipsis"),
        pytest.param(" ".join(BODY[0].split()[:19]) + " [...]", "repeated_truncated", id="cut-brackets"),
        pytest.param(" ".join(BODY[0].split()[:20]) + "...", "repeated_truncated", id="cut-after-comma"),
        pytest.param(" ".join(BODY[0].split()[:20]) + " [...]", "repeated_truncated", id="cut-brackets-after-comma"),
        pytest.param(GLUED, "repeated_truncated", id="glued-to-next-and-cut"),
    ],
)
def test_clean_removes_bottom_teaser_of_lead(copy: str, reason: str) -> None:
    html = page(*BODY, f'<div class="puff"><p>{escape(copy, quote=False)}</p></div>')
    article = clean(html, URL)
    assert article.paragraphs == BODY
    assert Removed(reason, copy.replace("\u00a0", " ")) in article.removed


def test_clean_glued_lead_above_body_keeps_real_first_paragraph() -> None:
    article = clean(page(GLUED, *BODY), URL)
    assert article.paragraphs == BODY
    assert removed_as(article.removed, "repeated_truncated") == [GLUED]


@pytest.mark.parametrize(
    ("lead", "copy"),
    [
        pytest.param(QUOTED_LEAD, QUOTED_LEAD.replace("“", '"').replace("”", '"'), id="straight-vs-curly"),
        pytest.param(
            "Le maire a été clair : « la sécurité des habitants passe avant tout », a-t-il déclaré mardi, "
            "en ajoutant que les cyclistes pourraient toujours traverser le pont.",
            "Le maire a été clair: \"la sécurité des habitants passe avant tout\", a-t-il déclaré mardi, "
            "en ajoutant que les cyclistes pourraient toujours traverser le pont.",
            id="french-spacing-vs-none",
        ),
    ],
)
def test_clean_summary_in_other_typography(lead: str, copy: str) -> None:
    """A summary below the body repeats the lead in other typography: the lead is kept."""
    article = clean(page(lead, *BODY[1:], copy), URL)
    assert article.paragraphs == (lead, *BODY[1:])
    assert removed_as(article.removed, "repeated_text") == [copy]


def test_clean_summary_box_right_above_lead() -> None:
    """The box copy comes first in reading order, so it is the one kept (in its typography)."""
    box = f'<div class="summary"><p>{GUILLEMETS_LEAD}</p></div>'
    article = clean(page(box, "Published: March 3, 2024 10:12 AM GMT", QUOTED_LEAD, *BODY[1:]), URL)
    assert article.paragraphs == (" ".join(GUILLEMETS_LEAD.split()), *BODY[1:])
    assert removed_as(article.removed, "adjacent_duplicate") == [QUOTED_LEAD]
    assert removed_as(article.removed, "dateline") == ["Published: March 3, 2024 10:12 AM GMT"]


def test_clean_in_sintesi_bottom_summary() -> None:
    body = BODIES["it"]
    summary = "In sintesi: " + body[0]
    article = clean(page(*body, summary, lang="it"), URL)
    assert article.paragraphs == body
    assert Removed("repeated_text", summary) in article.removed


def test_clean_description_reworded_as_dek() -> None:
    article = clean(page(DEK, *BODY, description=DEK), URL)
    assert article.paragraphs == BODY
    assert Removed("repeated_summary", DEK) in article.removed


def test_clean_adjacent_duplicate_table_head() -> None:
    table = (
        "<table><thead><tr><th>Route</th><th>Daily cars</th><th>Daily bikes</th></tr></thead><tbody>"
        "<tr><th>Route</th><th>Daily cars</th><th>Daily bikes</th></tr>"
        "<tr><td>Harbour bridge</td><td>12,400</td><td>3,100</td></tr>"
        "<tr><td>North bridge</td><td>8,900</td><td>1,200</td></tr></tbody></table>"
    )
    article = clean(page(BODY[0], table, *BODY[1:]), URL)
    assert article.paragraphs == (
        BODY[0], "| Route | Daily cars | Daily bikes |", "| Harbour bridge | 12,400 | 3,100 |",
        "| North bridge | 8,900 | 1,200 |", *BODY[1:],
    )
    assert removed_as(article.removed, "adjacent_duplicate") == ["| Route | Daily cars | Daily bikes |"]


def test_clean_title_repeated_in_body() -> None:
    article = clean(page(*BODY, f'<div class="hero"><p>{TITLE}</p></div>'), URL)
    assert article.paragraphs == BODY
    assert removed_as(article.removed, "title_repeat") == [TITLE, TITLE]  # the <h1> and the copy


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(("We will rebuild it.",), id="short-sentence-also-quoted"),
        pytest.param(
            (STARTS_LIKE_LEAD,),
            id="starts-like-lead-continues-differently",
        ),
        pytest.param(
            QUOTED_TWICE,
            id="quote-inside-two-paragraphs",
        ),
    ],
)
def test_clean_keeps_text_that_only_looks_repeated(extra: tuple[str, ...]) -> None:
    quoting = 'Hollis ended the meeting with a promise: "We will rebuild it." Several members applauded her.'
    paragraphs = (BODY[0], *extra, BODY[1], quoting, *BODY[2:])
    article = clean(page(*paragraphs), URL)
    assert article.paragraphs == paragraphs
    assert [r.reason for r in article.removed] == ["title_repeat"]


def test_clean_keeps_recipe_lines_repeated_on_purpose() -> None:
    portion = "Portion: 1 cup (240 ml) cooked brown rice with 2 tablespoons (30 ml) of soy sauce"
    paragraphs = (
        "This fried rice is the dish the harbour canteen has served to dock workers every Friday since the "
        "1970s, and the cook agreed to share the recipe before the bridge closes and the canteen moves.",
        "For the children's plate",
        portion,
        "Fry the rice in a hot pan for four minutes, stirring all the time so that it does not stick, then "
        "add the sauce and the vegetables and cook for two more minutes before serving.",
        "For the adults' plate",
        portion,
        "Add a fried egg and a spoonful of chilli oil on top of each bowl, and serve at once with pickled "
        "cucumber and a glass of cold tea, as the canteen has always done.",
    )
    article = clean(page(*paragraphs, title="The harbour canteen's Friday fried rice"), URL)
    assert article.paragraphs.count(portion) == 2
    assert article.paragraphs == paragraphs


def test_clean_keeps_lead_equal_to_description_said_once() -> None:
    article = clean(page(*BODY, description=BODY[0]), URL)
    assert article.paragraphs == BODY
    assert article.description == BODY[0]
    assert [r.reason for r in article.removed] == ["title_repeat"]


def test_clean_heading_of_removed_summary_box() -> None:
    box = f'<div class="summary-box"><h2>The essentials</h2><p>{BODY[0]}</p></div>'
    article = clean(page(*BODY, box), URL)
    assert article.paragraphs == BODY
    assert Removed("heading_of_removed", "The essentials") in article.removed
    assert Removed("repeated_text", BODY[0]) in article.removed


# --- boilerplate lines: pure function -----------------------------------------------------------

BOILERPLATE_LINES = [
    # bylines capitalised as pages write them, alone or with a date
    ("By Jane Doe", "byline"),
    ("Par Jean Dupont", "byline"),
    ("Von Max Muster, dpa", "byline"),
    ("Par Jean Dupont – Publié le 3 mars 2024 à 10h12", "byline"),
    # read also, in every language the rule claims
    ("Read also: Harbour works delayed again as costs rise", "read_also"),
    ("Lire aussi : Le chantier du port prend encore du retard", "read_also"),
    ("Lesen Sie auch: Hafensanierung verzögert sich erneut", "read_also"),
    ("Leer también: Las obras del puerto vuelven a retrasarse", "read_also"),
    ("Leggi anche: I lavori al porto slittano ancora", "read_also"),
    ("Leia também: Obras no porto voltam a atrasar", "read_also"),
    # captions and credits
    ("Photo: AFP", "caption"),
    ("Foto: dpa/Kay Nietfeld", "caption"),
    ("© Reuters", "caption"),
    ("REUTERS/John Doe", "caption"),
    ("The bridge seen from the river on Tuesday. Photo: Jane Smith/Reuters", "caption"),
    ("Le pont vu depuis le quai, mardi. Photo d'archives AFP.", "caption"),
    ("Firefighters on the bridge deck (AFP)", "caption"),
    # bylines and date lines
    ("Published: March 3, 2024 10:12 AM GMT", "dateline"),
    ("Updated 12 September 2024", "dateline"),
    ("Mis à jour le 3 mars 2024 à 10h12", "dateline"),
    ("Aktualisiert am 3. März 2024, 10:12 Uhr", "dateline"),
    ("March 3, 2024 10:12 AM GMT", "dateline"),
    ("2024-03-03T10:12:00+01:00", "machine_data"),
    # reading time
    ("5 min read", "reading_time"),
    ("Lesezeit: 3 Minuten", "reading_time"),
    ("Temps de lecture : 4 min", "reading_time"),
    # agency signature and credit line
    ("(dpa/rr)", "byline"),
    ("Reporting by Jane Doe in Washington; Editing by Mark Porter", "byline"),
    # share and print
    ("Share", "share_print"),
    ("Print", "share_print"),
    ("Share on Facebook", "share_print"),
    ("Partager cet article", "share_print"),
    ("Drucken", "share_print"),
    # newsletter calls to action
    ("Sign up for our morning newsletter to get the day's top stories in your inbox.", "newsletter"),
    ("Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin.", "newsletter"),
    ("Jetzt anmelden und den Newsletter jeden Morgen erhalten.", "newsletter"),
    # cookie notices
    ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookies"),
    ("Ce site utilise des cookies. En poursuivant la navigation, vous acceptez leur utilisation.", "cookies"),
    ("Accept all cookies", "cookies"),
    # comment counters and prompts
    ("Comments (24)", "comments"),
    ("24 comments", "comments"),
    ("Leave a comment", "comments"),
    ("11 commentaires", "comments"),
    # ad labels
    ("Advertisement", "ad_label"),
    ("Publicité", "ad_label"),
    ("Anzeige", "ad_label"),
    ("Story continues below advertisement", "ad_label"),
    # tags
    ("Tags: Bridges, Infrastructure, City council", "tags"),
    ("Mots-clés : pont, mairie, travaux", "tags"),
    ("Schlagwörter: Brücke, Stadtrat", "tags"),
]


@pytest.mark.parametrize(
    ("line", "reason"), [pytest.param(t, r, id=f"{r}-{slug(t)}") for t, r in BOILERPLATE_LINES]
)
def test_find_boilerplate_line(line: str, reason: str) -> None:
    assert find_boilerplate(blocks(BODY[0], line)) == {1: reason}


REAL_LINES = [
    # sentences that open like a widget, or mention what widgets mention (found in review)
    "Police said they were still examining the photos obtained by the Associated Press.",
    "The images were first published on Monday by Bloomberg.",
    "France's data regulator fined the company 150 million euros because its websites made refusing "
    "cookies harder than accepting them.",
    "The party newsletter, sent by e-mail to 40,000 members on Sunday, called for the mayor to resign.",
    "Updated guidance for drivers will follow in June.",
    "Published in 2019, the first report had already warned of rust.",
    "Recommended speed limits on the detour will be cut to 30 km/h, the police said.",
    "Related works on the tram line will start in May.",
    "Research by Oxford economists suggests the toll would pay for itself.",
    "Avec de nouvelles règles de stationnement, la ville espère désengorger le centre.",
    "Réagir vite est essentiel, selon les pompiers.",
    "The bakery by the bridge, which has sold cookies and bread to commuters for forty years, says it "
    "will lose half its customers when the cars stop coming, and its owner plans to use the spring to "
    "open a second shop on the north bank, near the new ferry stop that the council has promised.",
    "By the end of the year, the council expects to have chosen a contractor for the new bridge deck.",
    "By Tuesday night, more than 2,000 residents had signed a petition against the closure.",
    "He told AFP on Monday he would resign.",
    "4:14 p.m.",
    "+81 158-23-2012",  # a phone number whose last digits look like a year
    "+1 (555) 123-4567",
    "The Environmental Protection Agency (EPA) said the river showed no sign of paint residue.",
    "Hollis said the council would use its weekly newsletter and the local radio station to keep "
    "residents informed, and that a public meeting would be held in the town hall before the closure "
    "starts, so that shop owners can ask engineers their questions directly.",
    "Share prices of the construction firm rose by 4 percent after the announcement.",
    "Print shops on the quay say orders for protest posters have doubled.",
    "Advertising on the bridge's lamp posts will be removed during the works.",
    "Comments from residents at Tuesday's meeting were overwhelmingly hostile.",
    "Photographers gathered on the quay as the last buses crossed.",
    "Updated figures show that 14,000 cars crossed the bridge every day last year, twice as many as in 2004.",
    "Maria Hollis",
]


@pytest.mark.parametrize("line", [pytest.param(t, id=slug(t)) for t in REAL_LINES])
def test_find_boilerplate_keeps_real_line(line: str) -> None:
    assert find_boilerplate(blocks(BODY[0], line, BODY[1])) == {}


def _fixture_lines() -> list[str]:
    """Every text line of the saved pages: what real sites put in captions and cookie banners."""
    lines: list[str] = []
    for path in sorted((Path(__file__).parent.parent / "fixtures" / "pages").glob("*.html")):
        try:
            tree = parse_page(decode_html(path.read_bytes()))
        except NotAnArticle:
            continue  # the fixtures of pages that are no HTML at all
        lines += [line.strip() for line in tree.text_content().splitlines() if line.strip()]
    return lines


def test_line_rule_prechecks_never_hide_a_match() -> None:
    """A rule's cheap pre-check (what its pattern can't match without) holds for every line the
    pattern matches: the rule tables' lines, the real ones and every line of the saved pages."""
    lines = [t for t, _ in BOILERPLATE_LINES] + REAL_LINES + [t for _, t, _, _ in CLEAN_LINES] + _fixture_lines()
    checked = 0
    for reason, pattern, _, needs in _RULES:
        for line in filter(pattern.search, lines if needs else ()):
            checked += 1
            assert any(part in line.casefold() for part in needs), f"{reason}: {line!r}"
    assert checked >= 20  # the rules with a pre-check matched enough lines to prove something


def test_find_boilerplate_byline_from_known_authors() -> None:
    """Without a "By", a line of nothing but the page's authors is a byline too."""
    authors = ("Jane Doe", "John Smith")
    found = find_boilerplate(blocks("Jane Doe and John Smith", "Jane Doe, AFP", BODY[0]), authors)
    assert found == {0: "byline", 1: "byline"}


def test_find_boilerplate_author_name_in_sentence_stays() -> None:
    line = "Jane Doe has covered the harbour for ten years."
    found = find_boilerplate(blocks(line, BODY[0]), ("Jane Doe",))
    assert found == {}


def test_find_boilerplate_empty_block() -> None:
    assert find_boilerplate(blocks(BODY[0], "— · —")) == {1: "no_words"}


# --- boilerplate lines: through clean() ---------------------------------------------------------

#: (language, line, reason, where): where the block stands, as sites put it
CLEAN_LINES = [
    ("en", "By Jane Doe", "byline", "top"),
    ("en", "By Jane Doe", "byline", "end"),
    ("fr", "Par Jean Dupont – Publié le 3 mars 2024 à 10h12", "byline", "top"),
    ("en", "Read also: Harbour works delayed again as costs rise", "read_also", "middle"),
    ("fr", "Lire aussi : Le chantier du port prend encore du retard", "read_also", "middle"),
    ("de", "Lesen Sie auch: Hafensanierung verzögert sich erneut", "read_also", "middle"),
    ("es", "Leer también: Las obras del puerto vuelven a retrasarse", "read_also", "middle"),
    ("it", "Leggi anche: I lavori al porto slittano ancora", "read_also", "middle"),
    ("pt", "Leia também: Obras no porto voltam a atrasar", "read_also", "middle"),
    ("en", "Photo: AFP", "caption", "middle"),
    ("de", "Foto: dpa/Kay Nietfeld", "caption", "middle"),
    ("en", "© Reuters", "caption", "middle"),
    ("en", "REUTERS/John Doe", "caption", "middle"),
    ("en", "Published: March 3, 2024 10:12 AM GMT", "dateline", "top"),
    ("fr", "Mis à jour le 3 mars 2024 à 10h12", "dateline", "top"),
    ("de", "Lesezeit: 3 Minuten", "reading_time", "top"),
    ("en", "5 min read", "reading_time", "top"),
    ("de", "(dpa/rr)", "byline", "end"),
    ("en", "Reporting by Jane Doe in Washington; Editing by Mark Porter", "byline", "end"),
    ("en", "Share", "share_print", "end"),
    ("en", "Share on Facebook", "share_print", "end"),
    ("fr", "Partager cet article", "share_print", "end"),
    ("en", "Sign up for our morning newsletter to get the day's top stories in your inbox.",
     "newsletter", "end"),
    ("fr", "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin.",
     "newsletter", "end"),
    ("en", "We use cookies to improve your experience. By continuing you accept our cookie policy.",
     "cookies", "end"),
    ("en", "Comments (24)", "comments", "end"),
    ("en", "Advertisement", "ad_label", "middle"),
    ("fr", "Publicité", "ad_label", "middle"),
    ("de", "Anzeige", "ad_label", "middle"),
    ("en", "Tags: Bridges, Infrastructure, City council", "tags", "end"),
]
_AT = {"top": 0, "middle": 1, "end": None}


def _with_line(lang: str, line: str, where: str) -> tuple[str, ...]:
    body = BODIES[lang]
    at = _AT[where]
    return (*body, line) if at is None else (*body[:at], line, *body[at:])


@pytest.mark.parametrize(
    ("lang", "line", "reason", "where"),
    [pytest.param(*case, id=f"{case[0]}-{case[2]}-{case[3]}-{slug(case[1], 32)}") for case in CLEAN_LINES],
)
def test_clean_removes_boilerplate_line(lang: str, line: str, reason: str, where: str) -> None:
    article = clean(page(*_with_line(lang, line, where), lang=lang), URL)
    assert article.paragraphs == BODIES[lang]
    assert Removed(reason, line) in article.removed


@pytest.mark.parametrize(
    ("line", "author"),
    [
        pytest.param("By Jane Doe", "Jane Doe", id="by"),
        pytest.param("Par Jean Dupont – Publié le 3 mars 2024 à 10h12", "Jean Dupont", id="par-publie-le"),
    ],
)
def test_clean_removes_byline_of_page_author(line: str, author: str) -> None:
    lang = "fr" if line.startswith("Par") else "en"
    article = clean(page(line, *BODIES[lang], lang=lang, author=author), URL)
    assert article.paragraphs == BODIES[lang]
    assert article.authors == (author,)
    assert Removed("byline", line) in article.removed


@pytest.mark.parametrize("line", [pytest.param(t, id=slug(t)) for t in REAL_LINES])
def test_clean_keeps_real_line(line: str) -> None:
    paragraphs = (BODY[0], line, *BODY[1:])
    article = clean(page(*paragraphs), URL)
    assert article.paragraphs == paragraphs


def test_clean_keeps_live_blog_times() -> None:
    paragraphs = (
        BODY[0],
        "4:14 p.m.",
        "Police have closed the bridge to pedestrians as well while a crane removes a damaged lamp post "
        "from the east side of the deck.",
        "3:52 p.m.",
        "The council has published the engineers' full report on its website, including photographs of "
        "the corroded supports under the central span.",
        *BODY[1:],
    )
    article = clean(page(*paragraphs), URL)
    assert article.paragraphs == paragraphs


def test_clean_removes_leading_labels_not_short_lines_below() -> None:
    """A kicker above the first sentence is a label, not body text; a short line below stays."""
    paragraphs = ("LOCAL NEWS", "Harbour - Bridges", *BODY, "Jane Doe")
    article = clean(page(*paragraphs), URL)
    assert article.paragraphs == (*BODY, "Jane Doe")
    assert removed_as(article.removed, "label") == ["LOCAL NEWS", "Harbour - Bridges"]


# --- leading labels and orphan headings: pure functions -----------------------------------------

def test_find_leading_labels() -> None:
    found = find_leading_labels(blocks("EUROPE", "Dernières Infos - Irak", *BODY, "Tour dates"), 10)
    assert found == {0: "label", 1: "label"}


@pytest.mark.parametrize(
    "first",
    [
        pytest.param("Dear readers,", id="ends-with-comma"),
        pytest.param("It was a cold morning.", id="short-sentence"),
        pytest.param("and then the bridge closed", id="lower-case-start"),
    ],
)
def test_find_leading_labels_keeps_text_lines(first: str) -> None:
    assert find_leading_labels(blocks(first, *BODY), 10) == {}


def test_find_leading_labels_ignores_list_items() -> None:
    items = [Block("Bridge closed to cars", "item", 0), Block("Ferry to be studied", "item", 1)]
    assert find_leading_labels([*items, Block(BODY[0], "p", 2)], 10) == {}


def test_find_leading_labels_without_running_text() -> None:
    assert find_leading_labels(blocks("EUROPE", "Sport"), 10) == {}


def test_find_orphan_headings() -> None:
    texts = [Block("In brief", "head", 0), Block(BODY[0], "p", 1), Block("What next", "head", 2),
             Block(BODY[1], "p", 3), Block(BODY[2], "p", 4)]
    assert find_orphan_headings(texts, {1: "repeated_text"}) == {0: "heading_of_removed"}
    assert find_orphan_headings(texts, {3: "read_also"}) == {}
    assert find_orphan_headings(texts, {}) == {}


# --- pruning of marked-up boilerplate ----------------------------------------------------------

def _pruned(html: str) -> list[Removed]:
    return mark_boilerplate(tree_of(html))


PRUNED = [
    ('<figure><img src="/i/bridge.jpg" alt=""><figcaption>The bridge at dawn. Photo: Jane Smith</figcaption>'
     "</figure>", "caption", "The bridge at dawn. Photo: Jane Smith"),
    ('<p class="caption">Engineers inspect the supports on Monday</p>', "caption",
     "Engineers inspect the supports on Monday"),
    ('<span class="image-credit">Kay Nietfeld</span>', "caption", "Kay Nietfeld"),
    ('<div style="display: none">Hollis, Maria; 2024-03-03; harbour, bridge</div>', "hidden",
     "Hollis, Maria; 2024-03-03; harbour, bridge"),
    ('<div hidden>Related: the 1998 bridge repairs</div>', "hidden", "Related: the 1998 bridge repairs"),
    ('<div class="subscribe-box"><p>Support local journalism: subscribe for 1 euro a month.</p></div>',
     "subscription", "Support local journalism: subscribe for 1 euro a month."),
    ('<aside class="read-also"><a href="/n/2">Harbour works delayed again</a></aside>', "read_also",
     "Harbour works delayed again"),
]

PRUNED_CASES = [pytest.param(*c, id=f"{c[1]}-{slug(c[2], 24)}") for c in PRUNED]


@pytest.mark.parametrize(("html", "reason", "text"), PRUNED_CASES)
def test_mark_boilerplate(html: str, reason: str, text: str) -> None:
    assert _pruned(page(BODY[0], html, *BODY[1:])) == [Removed(reason, text)]


@pytest.mark.parametrize(("html", "reason", "text"), PRUNED_CASES)
def test_clean_prunes(html: str, reason: str, text: str) -> None:
    article = clean(page(BODY[0], html, *BODY[1:]), URL)
    assert article.paragraphs == BODY
    assert Removed(reason, text) in article.removed


HOVER = (
    'The plan was defended by <span class="popover"><a href="/people/hollis">Maria Hollis</a>'
    '<span class="popover-card">Council leader since 2019. 214 articles. Follow</span></span> and two '
    "deputies, who said the city had no other choice but to act before the winter storms."
)


def test_mark_boilerplate_nested_hover_card_not_its_trigger() -> None:
    tree = tree_of(page(BODY[0], f"<p>{HOVER}</p>"))
    assert mark_boilerplate(tree) == [Removed("hovercard", "Council leader since 2019. 214 articles. Follow")]
    assert [el.get("class") for el in tree.iter() if el.get(PRUNE_MARK)] == ["popover-card"]


def test_clean_hover_card_keeps_trigger_name() -> None:
    article = clean(page(BODY[0], f"<p>{HOVER}</p>", *BODY[1:]), URL)
    assert article.paragraphs == (
        BODY[0],
        "The plan was defended by Maria Hollis and two deputies, who said the city had no other choice but "
        "to act before the winter storms.",
        *BODY[1:],
    )
    assert removed_as(article.removed, "hovercard") == ["Council leader since 2019. 214 articles. Follow"]


WIDGET_NAMED_BODIES = ["article-caption", "subscription-content", "credits"]


@pytest.mark.parametrize("cls", WIDGET_NAMED_BODIES)
def test_mark_boilerplate_spares_body_named_like_widget(cls: str) -> None:
    """A body wrapped in an element named like a widget holds most of the page: never pruned."""
    html = page(f'<div class="{cls}">' + "".join(f"<p>{p}</p>" for p in BODY) + "</div>")
    assert _pruned(html) == []


@pytest.mark.parametrize("cls", ["subscription-content", "credits"])
def test_clean_body_named_like_widget(cls: str) -> None:
    html = page(f'<div class="{cls}">' + "".join(f"<p>{p}</p>" for p in BODY) + "</div>")
    assert clean(html, URL).paragraphs == BODY


def test_long_subscription_element_over_widget_length_is_content() -> None:
    """Over 150 words, a "subscription" element is a paywalled body even beside other text."""
    long_body = [*BODY, *BODY]
    html = page(BODY[0], '<div class="abo-content">' + "".join(f"<p>{p}</p>" for p in long_body) + "</div>",
                *BODIES["fr"])
    assert _pruned(html) == []


# --- layout tables and <br><br> paragraphs -----------------------------------------------------

LAYOUT_PAGE = f"""<html lang="en"><head><title>{TITLE} | Riverside Courier</title></head><body>
<table width="100%"><tr><td><a href="/">Riverside Courier</a></td></tr>
<tr><td><table><tr>
  <td width="150"><a href="/news">News</a><br><a href="/sport">Sport</a><br>
    <a href="/weather">Weather</a></td>
  <td><h1>{TITLE}</h1>{"".join(f"<p>{p}</p>" for p in BODY)}</td>
  <td width="120"><a href="/ads">Advertise with us</a></td>
</tr></table></td></tr></table></body></html>"""

DATA_TABLE = (
    "<table><tr><th>Bridge</th><th>Built</th><th>Cars a day</th></tr>"
    "<tr><td>Harbour bridge</td><td>1931</td><td>14,000</td></tr>"
    "<tr><td>North bridge</td><td>1978</td><td>8,900</td></tr></table>"
)


def test_unwrap_nested_layout_tables() -> None:
    tree = tree_of(LAYOUT_PAGE)
    unwrap_layout_tables(tree)
    assert tree.xpath("//table|//tr|//td") == []
    assert len(tree.xpath("//p")) == len(BODY)


def test_unwrap_keeps_data_table() -> None:
    tree = tree_of(page(BODY[0], DATA_TABLE, *BODY[1:]))
    unwrap_layout_tables(tree)
    assert len(tree.xpath("//table")) == 1
    assert len(tree.xpath("//table//tr")) == 3
    assert len(tree.xpath("//table//td")) == 6


def test_unwrap_single_column_table_is_layout() -> None:
    tree = tree_of(page("<table><tr><td>A one-column table only stacks blocks.</td></tr>"
                        "<tr><td>It places the page.</td></tr></table>", *BODY))
    unwrap_layout_tables(tree)
    assert tree.xpath("//table") == []


def test_unwrap_table_with_a_running_text_cell_is_layout() -> None:
    tree = tree_of(page(f"<table><tr><td><a href='/'>Home</a></td><td>{BODY[0]} {BODY[1]}</td></tr></table>"))
    unwrap_layout_tables(tree)
    assert tree.xpath("//table") == []


def test_clean_layout_table_page() -> None:
    article = clean(LAYOUT_PAGE, URL)
    assert article.paragraphs == BODY
    assert article.title == TITLE


def test_clean_data_table_stays_a_table() -> None:
    article = clean(page(BODY[0], DATA_TABLE, *BODY[1:]), URL)
    assert article.paragraphs == (
        BODY[0], "| Bridge | Built | Cars a day |", "| Harbour bridge | 1931 | 14,000 |",
        "| North bridge | 1978 | 8,900 |", *BODY[1:],
    )


BR_BODY = f'<div class="story-text">{BODY[0]}<br><br>{BODY[1]}<br>\n<br>{BODY[2]}<br><br><br>{BODY[3]}</div>'


def test_split_break_paragraphs() -> None:
    tree = tree_of(page(BR_BODY))
    split_break_paragraphs(tree)
    story = tree.xpath("//div[@class='story-text']")[0]
    assert [child.tag for child in story] == ["p", "p", "p", "p"]
    assert [" ".join(p.text_content().split()) for p in story] == list(BODY)


def test_split_break_paragraphs_keeps_single_breaks_and_inline_markup() -> None:
    address = '<div class="addr">Town hall<br>1 Quay Street<br>Riverside</div>'
    two = '<div class="x">A <b>bold</b> start.<br><br>An <a href="/a">end</a>.</div>'
    tree = tree_of(page(address, two))
    split_break_paragraphs(tree)
    assert len(tree.xpath("//div[@class='addr']/p")) == 0
    paras = tree.xpath("//div[@class='x']/p")
    assert [p.text_content() for p in paras] == ["A bold start.", "An end."]
    assert [p[0].tag for p in paras] == ["b", "a"]


def test_clean_br_paragraphs() -> None:
    article = clean(page(BR_BODY), URL)
    assert article.paragraphs == BODY


# --- standfirst ---------------------------------------------------------------------------------

STANDFIRST = ("Engineers found the steel supports far more corroded than expected; repairs will take "
              "two years.")
TEASER = "Another story: the north bridge will get new lights and a cycle lane before the summer holidays."


def test_find_standfirst_by_class_before_body() -> None:
    tree = tree_of(page(f'<p class="article__standfirst">{STANDFIRST}</p>', *BODY))
    assert take_standfirst(tree) == STANDFIRST


@pytest.mark.parametrize("cls", ["chapo", "dek", "article__deck", "sub-headline", "entradilla", "vorspann"])
def test_find_standfirst_class_names(cls: str) -> None:
    assert take_standfirst(tree_of(page(f'<div class="{cls}">{STANDFIRST}</div>', *BODY))) == STANDFIRST


def test_find_standfirst_not_a_teaser_after_body() -> None:
    html = page(*BODY, after=f'<div class="more"><p class="dek">{TEASER}</p></div>')
    assert take_standfirst(tree_of(html)) is None


def test_find_standfirst_not_too_short() -> None:
    assert take_standfirst(tree_of(page('<p class="dek">Bridge closes.</p>', *BODY))) is None


def test_clean_standfirst_is_a_field_and_paragraph_one() -> None:
    """A standfirst straight inside <article>, before the body: a field, and the body's start."""
    article = clean(page(f'<p class="standfirst">{STANDFIRST}</p>', *BODY), URL)
    assert article.standfirst == STANDFIRST
    assert article.paragraphs == (STANDFIRST, *BODY)


def test_clean_standfirst_said_again_as_the_lead_is_kept_once() -> None:
    """The doubled lead: the chapô, then the same words as the body's first paragraph."""
    article = clean(page(f'<p class="standfirst">{STANDFIRST}</p>', STANDFIRST, *BODY), URL)
    assert article.paragraphs == (STANDFIRST, *BODY)


def test_clean_standfirst_in_article_header() -> None:
    """The usual layout: headline and chapô in the article's header, then the body."""
    header = (f'<header class="article-header"><p class="chapo">{STANDFIRST}</p></header>'
              '<div class="article-body">')
    html = page(header, *BODY, "</div>", after=f'<div class="more"><p class="intro">{TEASER}</p></div>')
    article = clean(html, URL)
    assert article.standfirst == STANDFIRST
    assert article.paragraphs == (STANDFIRST, *BODY)


def test_clean_no_standfirst_from_teaser() -> None:
    article = clean(page(*BODY, after=f'<div class="more"><p class="dek">{TEASER}</p></div>'), URL)
    assert article.standfirst is None


# --- not an article ----------------------------------------------------------------------------

INDEX_PAGE = """<!DOCTYPE html><html lang="en"><head><title>News | Riverside Courier</title></head><body>
<header><a href="/">Riverside Courier</a></header><main><h1>Latest news</h1><ul>""" + "".join(
    f'<li><h3><a href="/news/{i}">{headline}</a></h3></li>' for i, headline in enumerate([
        "Old harbour bridge to close to cars next spring",
        "Ferry service studied as traders fear losses",
        "North bridge to get new lights and a cycle lane",
        "Council approves budget for new school on the quay",
        "Riverside rowing club wins regional title",
        "Water levels rise after a week of heavy rain",
        "Town hall clock restored after two years of silence",
        "Market square to host summer film festival",
    ])
) + "</ul></main><footer><a href='/about'>About</a></footer></body></html>"


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        pytest.param(b"", "empty", id="empty-bytes"),
        pytest.param(b"  \n\t ", "empty", id="blank-bytes"),
        pytest.param("", "empty", id="empty-str"),
        pytest.param(b'{"title": "Old harbour bridge", "body": "The council voted"}', "not_html", id="json"),
        pytest.param(b'[{"id": 1}]', "not_html", id="json-array"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "not_html",
                     id="pdf"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_html", id="png"),
        pytest.param(INDEX_PAGE.encode(), "no_body", id="index-of-links"),
    ],
)
def test_not_an_article(document: str | bytes, reason: str) -> None:
    with pytest.raises(NotAnArticle) as excinfo:
        clean(document, URL)
    assert excinfo.value.reason == reason


def test_decode_html_refuses_empty_and_binary() -> None:
    with pytest.raises(NotAnArticle) as empty:
        decode_html(b"")
    with pytest.raises(NotAnArticle) as pdf:
        decode_html(b"%PDF-1.4 binary")
    assert (empty.value.reason, pdf.value.reason) == ("empty", "not_html")


# --- decoding -----------------------------------------------------------------------------------

GERMAN = page(*BODIES["de"], lang="de")


def test_decode_utf8_bom() -> None:
    text = decode_html(codecs.BOM_UTF8 + GERMAN.encode("utf-8"))
    assert text == GERMAN
    assert clean(codecs.BOM_UTF8 + GERMAN.encode("utf-8"), URL).paragraphs == BODIES["de"]


def test_decode_utf16_bom() -> None:
    assert decode_html(codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le")) == GERMAN


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="iso-8859-1">',
     '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'],
    ids=["meta-charset", "http-equiv"],
)
def test_decode_latin1_declared(meta: str) -> None:
    html = GERMAN.replace('<meta charset="utf-8">', meta)
    raw = html.encode("latin-1")
    assert decode_html(raw) == html
    assert clean(raw, URL).paragraphs == BODIES["de"]


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="utf-8">', '<meta charset="x-no-such-charset">'],
    ids=["utf8-declared-on-latin1-bytes", "unknown-charset"],
)
def test_decode_wrong_declaration_falls_back(meta: str) -> None:
    html = GERMAN.replace('<meta charset="utf-8">', meta)
    raw = html.encode("latin-1")
    text = decode_html(raw)
    assert "Bürgermeisterin" in text and "Fährverbindung" in text
    assert clean(raw, URL).paragraphs == BODIES["de"]


def test_decode_undeclared_utf8() -> None:
    html = GERMAN.replace('<meta charset="utf-8">', "")
    assert decode_html(html.encode("utf-8")) == html


# --- purity: no state between calls ------------------------------------------------------------

def _snapshot(html: str) -> tuple[object, ...]:
    article = clean(html, URL)
    return article, article.removed


def test_clean_twice_gives_equal_results() -> None:
    html = page(*BODY, "Photo: AFP", BODY[0])
    first = _snapshot(html)
    assert first == _snapshot(html)
    assert first[0].paragraphs == BODY


def test_clean_unaffected_by_another_page_in_between() -> None:
    html = page(*BODY, "Read also: Harbour works delayed again as costs rise")
    first = _snapshot(html)
    _snapshot(page(*BODIES["fr"], lang="fr"))
    _snapshot(page(*BODY[::-1], title="Same paragraphs, other order, other page"))
    assert _snapshot(html) == first


def test_same_page_five_times_keeps_its_paragraphs() -> None:
    """trafilatura's LRU dedup would start dropping paragraphs it has "seen"; we must not."""
    html = page(*BODY)
    for _ in range(5):
        assert clean(html, URL).paragraphs == BODY


def test_paragraph_shared_by_many_pages_is_kept_on_each() -> None:
    """An editor's note on every page of a series is body text each time it is cleaned."""
    note = ("This article is part of our series on the town's ageing infrastructure, written with readers "
            "who sent us their questions about bridges, roads and the old harbour walls.")
    pages = [page(*BODY, note), page(*BODIES["fr"][:2], note, lang="fr")]
    for _ in range(5):
        for html in pages:
            assert note in clean(html, URL).paragraphs


def test_options_do_not_leak_between_calls() -> None:
    html = page(*BODY, "Short closing line.")
    strict = CleanOptions(min_paragraph_chars=50)
    assert "Short closing line." not in clean(html, URL, options=strict).paragraphs
    assert clean(html, URL).paragraphs == (*BODY, "Short closing line.")


def test_clean_keyword_options_override_the_options_object() -> None:
    """trafilatura-style keywords set fields of CleanOptions; a typo is a clear TypeError."""
    short = "He declined to comment."
    article = clean(page(*BODY, short), URL, min_paragraph_chars=len(short) + 1)
    assert article.paragraphs == BODY
    with pytest.raises(TypeError, match="unknown cleaner option"):
        clean(page(*BODY), URL, min_paragraph_chars_typo=3)


@pytest.mark.parametrize("bullet", ["·", "•", "»"])
def test_clean_removes_bulleted_link_line(bullet: str) -> None:
    """Old layouts type a bullet before a related headline's link: a link to elsewhere, not text."""
    headline = "Ferry operators warn of longer queues this summer"
    line = Block(text=f"{bullet} {headline}", tag="p", index=0)
    assert find_boilerplate([line], links=frozenset({words(headline)})) == {0: "link_line"}
    related = f'<p>{bullet} <a href="/other/story.html">{headline}</a></p>'
    article = clean(page(BODY[0], BODY[1], related, *BODY[2:]), URL)
    assert article.paragraphs == BODY


def test_clean_keeps_unbulleted_link_line() -> None:
    """A product or source named by a link on its own line may be content: kept without a bullet."""
    named = '<p><a href="https://shop.example/kettle">Stainless steel travel kettle with timer</a></p>'
    article = clean(page(BODY[0], named, *BODY[1:]), URL)
    assert article.paragraphs == (BODY[0], "Stainless steel travel kettle with timer", *BODY[1:])


@pytest.mark.parametrize("line", ["Comentar: Contacto", "Commenter : connectez-vous", "Comment: log in"])
def test_find_boilerplate_comment_prompts(line: str) -> None:
    assert find_boilerplate([Block(text=line, tag="p", index=0)]) == {0: "comments"}


@pytest.mark.parametrize("heading", ["By The Numbers", "March 2019", "Monday, 4 March 2024"])
def test_find_boilerplate_keeps_subheadings_that_read_like_metadata(heading: str) -> None:
    """A timeline or a data box has subheadings shaped like bylines and dates: they stay."""
    assert find_boilerplate([Block(text=heading, tag="head", index=0)]) == {}


# --- robustness: inputs found in review -------------------------------------------------------

STORY = "".join(f"<p>{p}</p>" for p in BODY)


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<svg><p><p>", id="svg-root-fragment"),
        pytest.param("<embed><p>x</p>", id="embed-root-fragment"),
        pytest.param("<html></html>", id="empty-document"),
    ],
)
def test_clean_odd_fragments_are_not_articles_not_crashes(html: str) -> None:
    with pytest.raises(NotAnArticle):
        clean(html, URL)


# --- metadata readers that fail on the page: counted as problems, the article kept -----------

def _logged(caplog: pytest.LogCaptureFixture) -> list[list[str]]:
    """The URL and the problem of each line the metadata readers logged."""
    return [r.getMessage().split(": ")[:2] for r in caplog.records if r.name == "cleaners.metadata"]


#: a publication date and an author in meta tags, beside the JSON-LD: they must still be read
DATED = '<meta property="article:published_time" content="2024-03-12T10:00:00+01:00">'
JSON_LD = '<script type="application/ld+json">{}</script>'
ARTICLE_LD = '{{"@context": "https://schema.org", "@type": "NewsArticle", {}}}'


@pytest.mark.parametrize(
    "json_ld",
    [
        pytest.param("[5]", id="number-for-an-object"),  # AttributeError
        pytest.param(ARTICLE_LD.format('"author": 5'), id="number-for-an-author"),  # TypeError
        pytest.param(ARTICLE_LD.format('"articleSection": 5'), id="number-for-a-section"),  # TypeError
        pytest.param("[" * 100_000 + "]" * 100_000, id="nested-past-the-recursion-limit"),  # RecursionError
        pytest.param(ARTICLE_LD.format('"wordCount": ' + "1" * 5000), id="5000-digit-number"),  # ValueError
        pytest.param(ARTICLE_LD.format('"headline": 5'), id="number-for-a-headline"),  # no error, no text
        pytest.param(ARTICLE_LD.format('"headline": ["Bridge"]'), id="list-for-a-headline"),
    ],
)
def test_clean_reports_unreadable_json_ld_and_reads_the_rest(json_ld: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="cleaners.metadata")
    html = page(*BODY, head=DATED + JSON_LD.format(json_ld), author="Jane Doe", description="Rust in the supports.")
    article = clean(html, URL)
    assert article.problems == ("jsonld_unreadable",)
    assert article.to_dict()["problems"] == ["jsonld_unreadable"]
    assert (article.title, article.paragraphs, article.authors) == (TITLE, BODY, ("Jane Doe",))
    assert (article.description, article.published, article.language) == ("Rust in the supports.", "2024-03-12", "en")
    assert _logged(caplog) == [[URL, "JSON-LD unreadable"]]


def test_clean_reports_unreadable_date_and_reads_the_rest(caplog: pytest.LogCaptureFixture) -> None:
    """A UTC offset of a day: datetime refuses it inside htmldate."""
    caplog.set_level(logging.DEBUG, logger="cleaners.metadata")
    html = page(*BODY, head='<meta property="article:published_time" content="2024-03-12T10:00:00+24:00">',
                author="Jane Doe")
    article = clean(html, URL)
    assert article.problems == ("date_unreadable",)
    assert article.published is None
    assert (article.title, article.paragraphs, article.authors, article.language) == (TITLE, BODY, ("Jane Doe",), "en")
    assert _logged(caplog) == [[URL, "date unreadable"]]


def test_read_metadata_reports_htmldates_assertion_on_a_fragment_root() -> None:
    """htmldate drops <svg> and <embed> elements, which lxml refuses for a tree's root."""
    meta = read_metadata(lxml.html.fromstring("<svg><p>Harbour bridge to close to cars</p></svg>"), URL)
    assert meta.problems == ("date_unreadable",)
    assert meta.canonical_url == URL


@pytest.mark.parametrize("reader", ["extract_meta_json", "find_date"])
def test_clean_lets_other_errors_of_a_reader_through(reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the errors a reader is known to raise on odd pages are caught: a bug still shows."""
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cleaners.metadata, reader, broken)
    with pytest.raises(RuntimeError, match="a bug"):
        clean(page(*BODY), URL)


def test_clean_reads_pages_nested_deeper_than_libxml2s_default_limit() -> None:
    deep = "<div>" * 300 + f"<article><h1>{TITLES['en']}</h1>{STORY}</article>" + "</div>" * 300
    assert clean(f"<html><body>{deep}</body></html>", URL).paragraphs == BODY


@pytest.mark.parametrize("prefix", ["[an error occurred while processing this directive]", "{{ header }}"])
def test_clean_page_opening_with_template_or_server_noise(prefix: str) -> None:
    assert clean(prefix + page(*BODY), URL).paragraphs == BODY


def test_decode_latin1_label_reads_windows_1252_quotes() -> None:
    raw = '<meta charset="iso-8859-1"><p>She didn\x92t expect the council\x92s vote.</p>'.encode("latin-1")
    assert "didn’t expect the council’s vote" in decode_html(raw)


def test_decode_utf16_without_bom() -> None:
    html = page(*BODY)
    assert decode_html(html.encode("utf-16-le")) == html
    assert clean(html.encode("utf-16-be"), URL).paragraphs == BODY


def test_language_from_og_locale() -> None:
    html = page(*BODY, head='<meta property="og:locale" content="fr_FR">').replace('<html lang="en">', "<html>")
    assert clean(html, URL).language == "fr"


def test_cli_reports_a_crash_and_goes_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """One page that trips a bug must not cost the others their output."""
    import cleaners.__main__ as cli

    bad, good = tmp_path / "bad.html", tmp_path / "good.html"
    bad.write_text("boom")
    good.write_text(page(*BODY))
    real = cli.clean

    def flaky(html: bytes, url: str | None = None, **options: Any) -> Article:
        if html == b"boom":
            raise RuntimeError("a bug")
        return real(html, url, **options)

    monkeypatch.setattr(cli, "clean", flaky)
    assert cli.main([str(bad), str(good)]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("error") for r in records] == ["crash", None]
    assert records[1]["paragraphs"] == list(BODY)


@pytest.mark.parametrize(
    "classes",
    ["post-42 post hentry category-trending", "post hentry tag-social-media", "entry category-consumer-credit"],
)
def test_clean_wordpress_taxonomy_classes_do_not_prune_the_post(classes: str) -> None:
    """WordPress's post_class() names the post's categories and tags on its container."""
    sidebar = '<aside><h2>Popular</h2><ul><li><a href="/a">Ferry fares rise</a></li></ul></aside>'
    html = page(f'<div id="post-42" class="{classes}">{STORY}</div>{sidebar}')
    assert clean(html, URL).paragraphs == BODY


def test_mark_boilerplate_spares_the_element_holding_the_headline() -> None:
    """A short story whose container is named like a widget, beside a long sidebar, stays."""
    story = f'<div class="related-stories"><h1>Bridge shut</h1><p>{BODY[0]}</p></div>'
    sidebar = "<aside>" + "".join(f"<p>{p}</p>" for p in BODY * 3) + "</aside>"
    html = f"<html><body>{story}{sidebar}</body></html>"
    assert _pruned(html) == []
    assert _pruned(html.replace("<h1>Bridge shut</h1>", "<h2>Bridge shut</h2>")) != []


ZH_BODY = (
    "市议会周二投票决定，从明年春天起禁止所有机动车通过老港口大桥，因为工程师警告钢结构支撑的腐蚀速度超过预期。",
    "市长表示，在新桥建成之前，渡轮将增加班次，公交车将改走环城公路，预计通勤时间会增加十分钟左右。",
    "港口附近的商户担心客流减少，商会呼吁市政府在施工期间提供临时补贴，并改善步行和自行车通道。",
)


def test_words_count_unspaced_scripts_character_by_character() -> None:
    assert words("札幌の路面電車") == ("札", "幌", "の", "路", "面", "電", "車")
    assert words("Le général, l’EI.") == ("le", "général", "l", "ei")


def test_clean_chinese_bottom_teaser_of_the_lead_goes() -> None:
    teaser = ZH_BODY[0][:30] + "……"
    article = clean(page(*ZH_BODY, teaser, lang="zh", title="老港口大桥明年春天起禁止机动车通行"), URL)
    assert article.paragraphs == ZH_BODY
    assert Removed("repeated_truncated", teaser) in article.removed


def test_clean_japanese_article_under_a_long_menu_is_an_article() -> None:
    menu = "<nav>" + "".join(f'<a href="/s{i}">セクション{i}</a>' for i in range(30)) + "</nav>"
    body = ("札幌市は冬の運休を減らすため、路面電車の除雪車両を二台増やすと発表した。",
            "市の交通局によると、新しい車両は十二月から運行を始める予定だという。")
    article = clean(page(menu, *body, lang="ja", title="札幌の路面電車、除雪車両を増強"), URL)
    assert article.paragraphs == body


def test_clean_short_brief_under_a_long_menu_is_an_article() -> None:
    """Three short sentences are running text, however many links the menu has."""
    menu = "<nav>" + "".join(f'<a href="/s{i}">Section {i}</a>' for i in range(40)) + "</nav>"
    brief = ("A fire broke out at the harbour depot overnight.", "Nobody was injured.",
             "Police are investigating the cause.")
    assert clean(page(menu, *brief), URL).paragraphs == brief


def test_clean_app_shell_of_menu_links_is_not_an_article() -> None:
    """A script-rendered page: its menu links and a loading line are no article."""
    html = ('<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            "<h1>Harbour bridge</h1><p>Loading…</p></body></html>")
    with pytest.raises(NotAnArticle) as caught:
        clean(html, URL)
    assert caught.value.reason == "no_body"


def test_clean_bottom_summary_that_extends_the_lead_goes_not_the_lead() -> None:
    """'Key points: <lead> One more line.' restates the lead: the lead keeps its place."""
    summary = f"Key points: {BODY[0]} The closure starts in April."
    box = f'<div class="key-points"><h3>Key points</h3><p>{summary}</p></div>'
    article = clean(page(*BODY, box), URL)
    assert article.paragraphs == BODY
    assert Removed("repeated_summary", summary) in article.removed


@pytest.mark.parametrize("cls", ["intro", "article-intro", "lead-text", "articleLead", "lede"])
def test_clean_intro_named_block_above_the_body_is_its_first_paragraph(cls: str) -> None:
    """"intro"/"lead" name the article's opening paragraph, even in a box above the others."""
    article = clean(page(f'<div class="{cls}"><p>{STANDFIRST}</p></div>', *BODY), URL)
    assert article.standfirst is None
    assert article.paragraphs == (STANDFIRST, *BODY)


def test_clean_bootstrap_lead_paragraph_is_the_body_not_a_standfirst() -> None:
    """Bootstrap's p.lead styles the first body paragraph; the body is not cut short by it."""
    body = f'<div class="article-body"><p class="lead">{BODY[0]}</p>' + "".join(f"<p>{p}</p>" for p in BODY[1:])
    article = clean(page(body + "</div>"), URL)
    assert article.standfirst is None
    assert article.paragraphs == BODY
