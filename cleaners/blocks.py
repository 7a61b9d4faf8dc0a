"""trafilatura's body tree as a flat list of blocks, each one future paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .text import clean_space, ends_truncated, word_count, words
from .trafilatura_api import xmltotxt

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["Block", "body_blocks"]


@dataclass(frozen=True)
class Block:
    """One line of body text and the trafilatura tag it came from (p, head, item, quote...)."""

    text: str
    tag: str
    index: int

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Normalised word tokens: what repeats are compared on."""
        return words(self.text)

    @cached_property
    def size(self) -> int:
        """Length in words, the same in every script: what length bounds are checked on."""
        return word_count(self.words)

    @cached_property
    def truncated(self) -> bool:
        """Ends with an ellipsis that marks a cut (a teaser): asked by several repeat rules."""
        return ends_truncated(self.text)


def _lines(element: _Element) -> list[tuple[str, str]]:
    """Lines of an element, lists split into one line per item (no bullet marker)."""
    if element.tag == "list":
        out: list[tuple[str, str]] = []
        for item in element.iterchildren("item"):
            out.extend(("item", text) for text in _text_lines(item))
        return out
    return [(str(element.tag), text) for text in _text_lines(element)]


def _text_lines(element: _Element) -> list[str]:
    lines = (clean_space(line) for line in xmltotxt(element, False).splitlines())
    return [line.removeprefix("- ") for line in lines if line]


def body_blocks(body: _Element) -> list[Block]:
    """Flatten the body: every non-empty line of every top-level element becomes a block."""
    lines = [line for child in body for line in _lines(child)]
    return [Block(text=text, tag=tag, index=i) for i, (tag, text) in enumerate(lines)]
