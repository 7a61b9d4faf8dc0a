"""The standfirst (chapô, dek): the summary under the headline, a field and the body's start.

trafilatura often leaves it in the header with the headline and loses it; it is real text a
reader sees (on some pages, under a video, the only text), so it is taken out before extraction,
kept in ``Article.standfirst`` and given back as the body's first block, where the repeat rules
keep it once when the body says it again. It is only taken where a standfirst stands:
named as one by its class or id, and before the first long paragraph of the page, so a
teaser of another article further down is never mistaken for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .patterns import STANDFIRST_TOKENS
from .prune import PRUNE_MARK, class_tokens, vocabulary
from .subtrees import NearestAncestor, TextSizes
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


class _Page:
    """What the standfirst rules ask of the page's elements, each element read once."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.sizes = TextSizes(clean=False)
        self.outside = NearestAncestor(lambda a: a.tag in _OUTSIDE or a.get(PRUNE_MARK))
        self._holding: set[HtmlElement] | None = None

    def words(self, el: HtmlElement) -> int:
        """``len(el.text_content().split())``, or ``MAX_WORDS + 1`` for any more: no rule asks
        further, and a paragraph of a million words is not split into a million strings."""
        if len(el) == 0:  # its own text only, as most paragraphs
            return len((el.text or "").split(None, MAX_WORDS))
        return min(self.sizes.of(el)[1], MAX_WORDS + 1)

    def holds_media(self, el: HtmlElement) -> bool:
        """An image, a video, a script... inside ``el``."""
        if self._holding is None:
            self._holding = set()
            for inner in self.tree.iter(*_NOT_INSIDE):
                node = inner.getparent()
                while node is not None and node not in self._holding:
                    self._holding.add(node)
                    node = node.getparent()
        return el in self._holding


def _is_standfirst(el: HtmlElement, page: _Page) -> bool:
    tokens = class_tokens(el, _VOCAB) & STANDFIRST_TOKENS
    return bool(tokens) and page.outside.of(el) is None


def take_standfirst(tree: HtmlElement) -> str | None:
    """The standfirst's text, its element marked for pruning so extraction never sees it.

    Only a standfirst before the page's first long paragraph counts; a copy of it inside the
    body is the body's own and stays.
    """
    page = _Page(tree)
    for el in tree.iter(*_CANDIDATES):
        if _is_standfirst(el, page):
            if el.get(PRUNE_MARK) or page.holds_media(el):
                continue  # a lead image block with its caption, or a script, is no standfirst
            if MIN_WORDS <= page.words(el) <= MAX_WORDS:
                el.set(PRUNE_MARK, "standfirst")
                return clean_space(el.text_content())
        elif el.tag == "p" and page.words(el) >= BODY_PARAGRAPH_WORDS:
            return None  # the body has started
    return None
