"""The standfirst (chapô, dek): the summary under the headline, kept as a field of its own.

Like the title, it is not a body paragraph (trafilatura leaves it in the header, and article
benchmarks count it out of the body), but it is real text a reader sees, so it is kept in
``Article.standfirst`` instead of being lost. It is only taken where a standfirst stands:
named as one by its class or id, and before the first long paragraph of the page, so a
teaser of another article further down is never mistaken for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .patterns import STANDFIRST_TOKENS
from .prune import PRUNE_MARK, class_tokens, vocabulary
from .text import clean_space

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["find_standfirst", "take_standfirst"]

#: a standfirst is a sentence or a short paragraph
MIN_WORDS, MAX_WORDS = 6, 120
#: a paragraph at least this long is body text: a standfirst comes before it
BODY_PARAGRAPH_WORDS = 25
_OUTSIDE = frozenset({"nav", "aside", "footer", "form", "figure", "a", "li", "script", "style"})
_NOT_INSIDE = ("script", "style", "img", "picture", "figure", "video", "iframe")
_CANDIDATES = ("p", "div", "h2", "h3", "span", "section")
_VOCAB = vocabulary(STANDFIRST_TOKENS)


def _is_standfirst(el: HtmlElement) -> bool:
    return bool(class_tokens(el, _VOCAB) & STANDFIRST_TOKENS) and not any(
        a.tag in _OUTSIDE or a.get(PRUNE_MARK) for a in el.iterancestors()
    )


def take_standfirst(tree: HtmlElement) -> str | None:
    """The standfirst's text, its element marked for pruning so it never becomes a paragraph.

    A copy of it inside the body is the body's own and stays.
    """
    found = _find(tree)
    if found is None:
        return None
    found.set(PRUNE_MARK, "standfirst")
    return clean_space(found.text_content())


def find_standfirst(tree: HtmlElement) -> str | None:
    """The page's standfirst text, or None when none stands before the body."""
    found = _find(tree)
    return None if found is None else clean_space(found.text_content())


def _find(tree: HtmlElement) -> HtmlElement | None:
    for el in tree.iter(*_CANDIDATES):
        if _is_standfirst(el):
            if el.get(PRUNE_MARK) or next(el.iterdescendants(*_NOT_INSIDE), None) is not None:
                continue  # a lead image block with its caption, or a script, is no standfirst
            if MIN_WORDS <= len(el.text_content().split()) <= MAX_WORDS:
                return el
        elif el.tag == "p" and len(el.text_content().split()) >= BODY_PARAGRAPH_WORDS:
            return None  # the body has started
    return None
