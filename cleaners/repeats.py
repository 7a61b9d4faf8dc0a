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
from itertools import pairwise

from .blocks import Block
from .patterns import DATA_END, LEADING_LABEL
from .text import ends_truncated, word_count, words

__all__ = ["find_repeats"]

#: above this share of number tokens a line is data (a recipe line, a score), not prose
MAX_DIGIT_SHARE = 0.2
#: repeats are looked up by their first words: never more than the shortest repeat compared
KEY_WORDS = 4
#: a later copy may add this share of words to an earlier block and still be its summary
MAX_ADDED_SHARE = 0.34
#: a line repeated right after itself with at least this many words is an artefact
MIN_ADJACENT_WORDS = 3
#: a description shorter than this is too generic to compare
MIN_SUMMARY_WORDS = 8
#: share of the description's words that, as a common start with a body block, make it a repeat
SUMMARY_PREFIX = 0.6


def _needle(block: Block) -> tuple[str, ...]:
    """The words to look for elsewhere: without a leading label ("In sintesi:", "Summary:"),
    and for a cut teaser without its last, possibly half, word."""
    found = LEADING_LABEL.match(block.text)
    text = block.text[found.end():] if found else block.text
    needle = words(text)
    return needle[:-1] if ends_truncated(text) and len(needle) > 1 else needle


def _is_prose(block: Block) -> bool:
    """Sentences, not data: mostly words, not numbers, and not ending like a list entry.

    Recipes, timetables and fact boxes repeat their lines on purpose; a doubled lead is prose.
    """
    if not ends_truncated(block.text) and DATA_END.search(block.text):
        return False  # a cut teaser may end anywhere, even after a comma
    digits = sum(w.isdigit() for w in block.words)
    return digits <= MAX_DIGIT_SHARE * len(block.words)


def _titles(blocks: Sequence[Block], titles: Sequence[str]) -> dict[int, str]:
    keys = {words(t) for t in titles}
    return {b.index: "title_repeat" for b in blocks if b.words in keys}


def _adjacent(blocks: Sequence[Block]) -> dict[int, str]:
    """A line said twice in a row (a table head emitted twice) is an extraction artefact."""
    return {
        b.index: "adjacent_duplicate"
        for prev, b in pairwise(blocks)
        if b.size >= MIN_ADJACENT_WORDS and b.words == prev.words
    }


class _Stream:
    """The words of all blocks in reading order, indexed by their first words.

    A needle is looked up by its first few words, then compared at those positions
    only, so a page of ten thousand paragraphs costs one pass, not ten thousand. A removed
    block's words are marked dead instead of rebuilding the stream.
    """

    def __init__(self, blocks: Sequence[Block], key_words: int) -> None:
        self.key = key_words
        self.words: list[str] = []
        self.spans: dict[int, tuple[int, int]] = {}
        for block in blocks:
            start = len(self.words)
            self.words.extend(block.words)
            self.spans[block.index] = (start, len(self.words))
        self.dead = [False] * len(self.words)
        self.index: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(self.words) - self.key + 1):
            self.index.setdefault(tuple(self.words[i:i + self.key]), []).append(i)

    def elsewhere(self, needle: tuple[str, ...], block: Block) -> bool:
        """Does ``needle`` stand in the live stream outside ``block``'s own words?"""
        start, end = self.spans[block.index]
        n = len(needle)
        for i in self.index.get(needle[:self.key], ()):
            if start <= i and i + n <= end:
                continue
            if tuple(self.words[i:i + n]) == needle and not any(self.dead[i:i + n]):
                return True
        return False

    def remove(self, block: Block) -> None:
        start, end = self.spans[block.index]
        self.dead[start:end] = [True] * (end - start)


def _extended(blocks: Sequence[Block], removed: dict[int, str], min_words: int) -> dict[int, str]:
    """A later block that repeats an earlier one and adds a little: a bottom summary.

    "Key points: <the lead> The closure starts in April." restates the lead; the lead keeps
    its body position and the summary goes, though it is the longer of the two.
    """
    found: dict[int, str] = {}
    earlier: dict[tuple[str, ...], list[Block]] = {}
    for block in blocks:
        if block.index in removed or ends_truncated(block.text):
            continue  # a cut copy (a glued lead) is the stream search's to find
        needle = _needle(block)
        for first in earlier.get(needle[:KEY_WORDS], ()):
            added = len(needle) - len(first.words)
            if 0 < added <= MAX_ADDED_SHARE * len(first.words) and needle[:len(first.words)] == first.words:
                found[block.index] = "repeated_summary"
                break
        if block.size >= min_words and _is_prose(block):
            earlier.setdefault(block.words[:KEY_WORDS], []).append(block)
    return found


def _contained(blocks: Sequence[Block], removed: dict[int, str], min_words: int) -> dict[int, str]:
    """Prose blocks whose words (a cut teaser: minus the last) stand elsewhere in the blocks' stream.

    Cut teasers first (a lead glued to the next paragraph and cut is longer than the lead,
    yet it is the copy), then shortest first, later copy first: the longer text and the
    earlier copy survive.
    """
    found: dict[int, str] = {}
    needles = {b.index: _needle(b) for b in blocks}
    active = [b for b in blocks if b.index not in removed]
    stream = _Stream(active, max(1, min(KEY_WORDS, min_words)))
    for block in sorted(active, key=lambda b: (not ends_truncated(b.text), len(needles[b.index]), -b.index)):
        needle = needles[block.index]
        if word_count(needle) < min_words or not _is_prose(block):
            continue
        if stream.elsewhere(needle, block):
            found[block.index] = "repeated_truncated" if ends_truncated(block.text) else "repeated_text"
            stream.remove(block)
    return found


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _summary(blocks: Sequence[Block], removed: dict[int, str], description: str | None) -> dict[int, str]:
    """The page's own summary (its meta description) shown as a block and reworded in the body.

    A reworded lead starts like its body paragraph and then ends differently. Said once,
    the description is the lead itself and stays.
    """
    key = words(description) if description else ()
    if word_count(key) < MIN_SUMMARY_WORDS:
        return {}
    found: dict[int, str] = {}
    for block in blocks:
        if block.words != key or block.index in removed:
            continue
        shared = max((_common_prefix(key, o.words) for o in blocks if o.index != block.index), default=0)
        if shared >= SUMMARY_PREFIX * len(key):
            found[block.index] = "repeated_summary"
    return found


def find_repeats(
    blocks: Sequence[Block], *, titles: Sequence[str], description: str | None, min_words: int
) -> dict[int, str]:
    """Map block index -> reason for every block whose words stand elsewhere on the page.

    Short blocks (under ``min_words``) are not compared: recipes, fact boxes and Q&As repeat
    short lines on purpose, and a short real sentence may be quoted inside a paragraph.
    """
    removed = _titles(blocks, titles)
    removed.update(_adjacent([b for b in blocks if b.index not in removed]))
    removed.update(_extended(blocks, removed, min_words))
    removed.update(_contained(blocks, removed, min_words))
    removed.update(_summary(blocks, removed, description))
    return removed
