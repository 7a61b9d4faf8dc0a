"""What extraction left out: the page's blocks trafilatura did not keep, for ``clean(explain=True)``.

The pruning and the cleaner's rules say what they remove (``Article.removed``); trafilatura's
extraction does not: it returns the body it kept, and nothing of what it left behind. So the
page's visible blocks are compared with what came back. A block is an element of block level
(a paragraph, a heading, a list item, a div's own text) with the inline text inside it; it was
kept when its words are in the extracted body (whether or not a rule removed them after), the
text blocks of three words or more by most of their word triples, shorter ones whole. The
largest element none of whose blocks was kept is listed as one removal, its reason named by
the landmark it stands in (``navigation``, ``header``, ``footer``, ``aside``, ``form``), else
``title`` for the headline (it is the title field) or ``not_extracted``. The standfirst, taken
before extraction, is the body's first block; what pruning removed is already listed.

Only done when asked: one walk of the page and a set of word triples, linear in its size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article import Removed
from .prune import PRUNE_MARK
from .subtrees import BLOCK_TAGS, block_text
from .text import clean_space, words

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml.html import HtmlElement

    from .blocks import Block

__all__ = ["left_out"]

#: elements whose text is never shown
INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg"})
#: the landmark an element stands in, by its tag or its ARIA role
LANDMARK_TAGS = {"nav": "navigation", "header": "header", "footer": "footer", "aside": "aside", "form": "form",
                 "menu": "navigation"}
LANDMARK_ROLES = {"navigation": "navigation", "banner": "header", "contentinfo": "footer",
                  "complementary": "aside", "search": "form", "menu": "navigation", "menubar": "navigation"}
#: a block this many words long or more is kept when most of its word triples are in the body
SPAN = 3
KEPT_SHARE = 0.5


def left_out(tree: HtmlElement, blocks: list[Block], titles: Iterable[str]) -> list[Removed]:
    """Every element of the page extraction did not keep, largest first, in document order."""
    body = tree.find("body")
    page = _Page(body if body is not None else tree, _Body(blocks), {words(t) for t in titles})
    return list(page.removals())


class _Body:
    """The words of the extracted blocks, to ask "is this text in the body?" in constant time."""

    def __init__(self, blocks: list[Block]) -> None:
        self.whole = {b.words for b in blocks}
        self.spans = {b.words[i:i + SPAN] for b in blocks for i in range(len(b.words) - SPAN + 1)}

    def keeps(self, tokens: tuple[str, ...]) -> bool:
        if len(tokens) < SPAN:
            return tokens in self.whole
        spans = [tokens[i:i + SPAN] for i in range(len(tokens) - SPAN + 1)]
        return sum(span in self.spans for span in spans) >= KEPT_SHARE * len(spans)


class _Page:
    """The page's elements in document order, each with its block, its landmark and whether any
    of its blocks (below it too) was kept or left out."""

    def __init__(self, root: HtmlElement, body: _Body, titles: set[tuple[str, ...]]) -> None:
        self.root = root
        self.titles = titles
        self.order: list[HtmlElement] = []
        self.landmark: dict[HtmlElement, str] = {}
        #: elements whose text is not this module's to list: invisible, or pruned (listed already)
        self.skipped: set[HtmlElement] = set()
        #: the blocks whose own text extraction left out, and that text
        self.own: dict[HtmlElement, str] = {}
        self.kept: set[HtmlElement] = set()
        self.dropped: set[HtmlElement] = set()
        for unit, texts in self.collect().items():
            text = clean_space("".join(texts))
            tokens = words(text)
            if tokens and body.keeps(tokens):
                self.kept.add(unit)
            elif tokens:
                self.dropped.add(unit)
                self.own[unit] = text
        for el in reversed(self.order):  # what lies below an element counts for it too
            parent = el.getparent()
            if parent is not None:
                if el in self.kept:
                    self.kept.add(parent)
                if el in self.dropped:
                    self.dropped.add(parent)

    def collect(self) -> dict[HtmlElement, list[str]]:
        """The text of every block, from one walk: an element's text goes to its own block, or to
        the block of the element it is inline in; its tail to its parent's."""
        block: dict[HtmlElement, HtmlElement] = {}
        pieces: dict[HtmlElement, list[str]] = {}
        for el in self.root.iter():
            parent = el.getparent()
            if parent is not None and parent in self.skipped:
                self.skipped.add(el)
                continue
            if parent is not None and el is not self.root and el.tail:  # after a block, a new line
                pieces.setdefault(block[parent], []).append(f" {el.tail}" if el.tag in BLOCK_TAGS else el.tail)
            if not isinstance(el.tag, str) or el.tag in INVISIBLE or el.get(PRUNE_MARK):
                self.skipped.add(el)
                continue
            self.order.append(el)
            own = el if el.tag in BLOCK_TAGS or parent is None or el is self.root else block[parent]
            block[el] = own
            self.landmark[el] = _landmark(el) or (self.landmark.get(parent, "") if parent is not None else "")
            if el.text:
                pieces.setdefault(own, []).append(el.text)
        return pieces

    def removals(self) -> Iterator[Removed]:
        """The largest elements left out whole and the own text of blocks partly kept, in
        document order."""
        listed: set[HtmlElement] = set()
        for el in self.root.iter():
            parent = el.getparent()
            if parent is not None and parent in listed:
                listed.add(el)
            elif el in self.dropped and el not in self.kept:
                listed.add(el)
                text = block_text(el, self.skipped)
                yield Removed(self.reason(el, text), text)
            elif el in self.own:  # a block's own text left out, some of the blocks inside it kept
                yield Removed(self.reason(el, self.own[el]), self.own[el])

    def reason(self, el: HtmlElement, text: str) -> str:
        """Where a left-out element stands, or what it is."""
        if self.landmark.get(el):
            return self.landmark[el]
        return "title" if words(text) in self.titles else "not_extracted"


def _landmark(el: HtmlElement) -> str:
    role = (el.get("role") or "").strip().lower()
    return LANDMARK_TAGS.get(str(el.tag), "") or LANDMARK_ROLES.get(role, "")
