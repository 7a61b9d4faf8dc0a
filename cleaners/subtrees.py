"""What lies above and below an element, each element looked at once per page.

Rules ask of many elements "is it inside a pruned part?", "how long is its text?". Asked of
ten thousand nested divs, a walk over the ancestors or a ``text_content()`` per element costs
the depth, or the article, ten thousand times over. Here every answer is kept and built from
the answers nearer to it: the walk up stops at the first element already known, an element's
text sizes come from its children's.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import TYPE_CHECKING

from lxml.etree import Element

from .text import clean_space

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["BLOCK_TAGS", "NearestAncestor", "TextSizes", "block_text"]

#: elements that start a block of text of their own; a table's block is its row, as extraction
#: writes it (one line a row)
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
})

#: the sizes of a non-empty piece of text: letters (non-space characters), words, whether it
#: starts and whether it ends with white space; None for no text
_Sizes = tuple[int, int, bool, bool]


class NearestAncestor:
    """The nearest ancestor with a property (``has``), found by one walk for all elements.

    ``has`` must not change for an element once elements below it are asked about: true of
    attributes set in document order, as pruning does.
    """

    def __init__(self, has: Callable[[HtmlElement], object]) -> None:
        self._has = has
        self._known: dict[HtmlElement, HtmlElement | None] = {}  # element -> nearest, itself included

    def of(self, el: HtmlElement) -> HtmlElement | None:
        """The nearest ancestor of ``el`` (not ``el`` itself) that has the property."""
        path: list[HtmlElement] = []
        node = el.getparent()
        while node is not None and node not in self._known:
            path.append(node)
            node = node.getparent()
        found = self._known[node] if node is not None else None
        for passed in reversed(path):
            if self._has(passed):
                found = passed
            self._known[passed] = found
        return found


class TextSizes:
    """Length and word count of ``el.text_content()``, without building the text.

    The length is that of the text after ``clean_space`` (soft hyphens dropped, white space
    collapsed and trimmed) when ``clean``, words are what ``str.split`` finds in it; with
    ``clean`` false, words are counted in the raw text. An element's sizes are built from its
    own text, its children's sizes and their tails: each element and string is read once.
    """

    def __init__(self, *, clean: bool) -> None:
        self._clean = clean
        self._known: dict[HtmlElement, _Sizes | None] = {}

    def of(self, el: HtmlElement) -> tuple[int, int]:
        """(length, words) of the element's text."""
        if el not in self._known:
            for node in reversed(list(el.iter(Element))):  # children before their parent
                if node not in self._known:
                    self._known[node] = self._sizes(node)
        sizes = self._known[el]
        if sizes is None or not sizes[1]:
            return 0, 0
        letters, words, _, _ = sizes
        return letters + words - 1, words

    def _sizes(self, node: HtmlElement) -> _Sizes | None:
        sizes = self._piece(node.text)
        for child in node:
            if isinstance(child.tag, str):  # a comment's text is no part of text_content()
                sizes = _join(sizes, self._known[child])
            sizes = _join(sizes, self._piece(child.tail))
        return sizes

    def _piece(self, text: str | None) -> _Sizes | None:
        if text and self._clean:
            text = text.replace("\u00ad", "")
        if not text:
            return None
        parts = text.split()
        return sum(map(len, parts)), len(parts), text[0].isspace(), text[-1].isspace()


def _join(first: _Sizes | None, second: _Sizes | None) -> _Sizes | None:
    """The sizes of two texts one after the other: a word cut by the seam counts once."""
    if first is None or second is None:
        return first if second is None else second
    seam = not first[3] and not second[2]
    return first[0] + second[0], first[1] + second[1] - seam, first[2], second[3]


def block_text(top: HtmlElement, skipped: Container[HtmlElement] = frozenset()) -> str:
    """An element's text as a reader sees it, blocks apart: ``<li>News</li><li>UK news</li>`` reads
    "News UK news", where ``text_content()`` glues "NewsUK news". What ``skipped`` holds is left
    out (its tail stays), and so is a comment's text. One walk, no recursion (pages nest deep)."""
    pieces: list[str] = []
    stack: list[tuple[HtmlElement, bool]] = [(top, False)]
    while stack:
        el, done = stack.pop()
        apart = " " if el.tag in BLOCK_TAGS else ""
        if done:
            if el is not top:
                pieces += (apart, el.tail or "")
            continue
        stack.append((el, True))
        if el in skipped or not isinstance(el.tag, str):
            continue
        pieces += (apart, el.text or "")
        stack.extend((child, False) for child in reversed(el))
    return clean_space("".join(pieces))
