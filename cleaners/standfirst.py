"""The standfirst (chapô, dek): the summary under the headline, kept as a field of its own.

Like the title, it is not a body paragraph (trafilatura leaves it in the header, and article
benchmarks count it out of the body), but it is real text a reader sees, so it is kept in
``Article.standfirst`` instead of being lost. It is only taken where a standfirst stands:
named as one by its class or id, and before the first long paragraph of the page, so a
teaser of another article further down is never mistaken for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .patterns import GENERIC_LEAD_TOKENS, STANDFIRST_TOKENS
from .prune import PRUNE_MARK, class_tokens, vocabulary
from .text import clean_space

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["take_standfirst"]

#: a standfirst is a sentence or a short paragraph
MIN_WORDS, MAX_WORDS = 6, 120
#: a paragraph at least this long is body text: a standfirst comes before it
BODY_PARAGRAPH_WORDS = 25
_OUTSIDE = frozenset({"nav", "aside", "footer", "form", "figure", "a", "li", "script", "style"})
_NOT_INSIDE = ("script", "style", "img", "picture", "figure", "video", "iframe")
_CANDIDATES = ("p", "div", "h2", "h3", "span", "section")
_VOCAB = vocabulary(STANDFIRST_TOKENS)


def _is_standfirst(el: HtmlElement) -> bool:
    tokens = class_tokens(el, _VOCAB) & STANDFIRST_TOKENS
    if not tokens or any(a.tag in _OUTSIDE or a.get(PRUNE_MARK) for a in el.iterancestors()):
        return False
    # "lead"/"intro" alone on a paragraph followed by the body's paragraphs: the body's first
    return not (tokens <= GENERIC_LEAD_TOKENS and el.tag == "p" and _body_follows(el))


def _body_follows(el: HtmlElement) -> bool:
    return any(len(p.text_content().split()) >= BODY_PARAGRAPH_WORDS for p in el.itersiblings("p"))


def take_standfirst(tree: HtmlElement) -> str | None:
    """The standfirst's text, its element marked for pruning so it never becomes a paragraph.

    Only a standfirst before the page's first long paragraph counts; a copy of it inside the
    body is the body's own and stays.
    """
    for el in tree.iter(*_CANDIDATES):
        if _is_standfirst(el):
            if el.get(PRUNE_MARK) or next(el.iterdescendants(*_NOT_INSIDE), None) is not None:
                continue  # a lead image block with its caption, or a script, is no standfirst
            if MIN_WORDS <= len(el.text_content().split()) <= MAX_WORDS:
                el.set(PRUNE_MARK, "standfirst")
                return clean_space(el.text_content())
        elif el.tag == "p" and len(el.text_content().split()) >= BODY_PARAGRAPH_WORDS:
            return None  # the body has started
    return None
