"""Repeated text within one page: the doubled lead and its kin.

A news page often says its lead twice: as a standfirst and as the first paragraph, as a
summary box, a share teaser, a bottom summary, or glued to the next paragraph and cut with
"...". Every pair of blocks is compared on normalised words (not only neighbours, since
trafilatura itself repeats non-adjacent blocks), and exactly one copy is kept: the first one
in reading order, or the longer text when one copy is contained in another.
No state survives the call: the same page always gives the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import Block
from .text import SENTENCE_END, ends_truncated, words

__all__ = ["find_repeats"]

#: above this share of number tokens a line is data (a recipe line, a score), not prose
MAX_DIGIT_SHARE = 0.2


def _needle(block: Block) -> tuple[str, ...]:
    """The words to look for elsewhere; a cut teaser drops its last, possibly half, word."""
    if ends_truncated(block.text) and len(block.words) > 1:
        return block.words[:-1]
    return block.words


def _is_prose(block: Block) -> bool:
    """Sentences, not data: ends like a sentence and is mostly words, not numbers.

    Recipes, timetables and fact boxes repeat their lines on purpose; a doubled lead is prose.
    """
    if not SENTENCE_END.search(block.text):
        return False
    digits = sum(w.isdigit() for w in block.words)
    return digits <= MAX_DIGIT_SHARE * len(block.words)


def _joined(seq: Sequence[str]) -> str:
    return " " + " ".join(seq) + " "


def find_repeats(blocks: Sequence[Block], titles: Sequence[str], min_words: int) -> dict[int, str]:
    """Map block index -> reason for every block whose words stand elsewhere on the page.

    Short blocks (under ``min_words``) are never repeats: recipes, fact boxes and Q&As repeat
    short lines on purpose, and a short real sentence may be quoted inside a paragraph.
    """
    removed: dict[int, str] = {}
    title_keys = {words(t) for t in titles}
    for block in blocks:
        if block.words in title_keys:
            removed[block.index] = "title_repeat"
    # Shortest first, later copy first: the longer text and the earlier copy survive.
    for block in sorted(blocks, key=lambda b: (len(b.words), -b.index)):
        if block.index in removed or not block.words:
            continue
        needle = _needle(block)
        others = [b for b in blocks if b.index != block.index and b.index not in removed]
        if len(needle) < min_words or not _is_prose(block):
            continue
        # Other blocks in reading order, joined, so a lead glued to the next paragraph matches.
        stream = _joined([w for b in others for w in b.words])
        if _joined(needle) in stream:
            removed[block.index] = "repeated_truncated" if needle != block.words else "repeated_text"
    return removed
