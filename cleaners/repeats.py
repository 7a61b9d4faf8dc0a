"""Repeated text within one page: the doubled lead and its kin.

A news page often says its lead twice: as a standfirst and as the first paragraph, as a
summary box, a share teaser, a bottom summary, or glued to the next paragraph and cut with
"...". Every pair of blocks is compared on normalised words (not only neighbours, since
trafilatura itself repeats non-adjacent blocks), and exactly one copy is kept: the first one
in reading order, or the longer text when one copy is contained in another.
No state survives the call: the same page always gives the same answer.

Every search is indexed, so a page costs about its number of words, whatever its shape:
five thousand paragraphs that open with the same words, or one 5 MB paragraph.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from heapq import nlargest
from itertools import chain, pairwise

from .blocks import Block
from .patterns import DATA_END, LEADING_LABEL
from .text import content_end, word_count, words

__all__ = ["find_repeats"]

#: above this share of number tokens a line is data (a recipe line, a score), not prose
MAX_DIGIT_SHARE = 0.2
#: repeats are looked up by runs of this many words: never more than the shortest repeat compared
KEY_WORDS = 4
#: a needle with at most this many places to stand outside its own words is compared there
FEW = 32
#: a later copy may add this share of words to an earlier block and still be its summary
MAX_ADDED_SHARE = 0.34
#: a line repeated right after itself with at least this many words is an artefact
MIN_ADJACENT_WORDS = 3
#: a description shorter than this is too generic to compare
MIN_SUMMARY_WORDS = 8
#: share of the description's words that, as a common start with a body block, make it a repeat
SUMMARY_PREFIX = 0.6

Needles = Mapping[int, tuple[str, ...]]


def _needle(block: Block) -> tuple[str, ...]:
    """The words to look for elsewhere: without a leading label ("In sintesi:", "Summary:"),
    and for a cut teaser without its last, possibly half, word."""
    found = LEADING_LABEL.match(block.text)
    text = block.text[found.end():] if found else block.text
    needle = words(text) if found else block.words
    # the label is at the start: the cut, if any, is the block's own end
    return needle[:-1] if block.truncated and len(needle) > 1 else needle


def _is_prose(block: Block) -> bool:
    """Sentences, not data: mostly words, not numbers, and not ending like a list entry.

    Recipes, timetables and fact boxes repeat their lines on purpose; a doubled lead is prose.
    """
    # a match ends at the last character that is not white space: search from there
    if not block.truncated and DATA_END.search(block.text, max(content_end(block.text) - 1, 0)):
        return False  # a cut teaser may end anywhere, even after a comma
    digits = sum(map(str.isdigit, block.words))
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


def _runs(tokens: Sequence[str], length: int) -> array[int]:
    """The hash of every run of ``length`` consecutive tokens, by where it starts."""
    return array("q", map(hash, zip(*(tokens[j:] for j in range(length)), strict=False)))


class _Stream:
    """The words of all blocks in reading order, and where each needle could stand in them.

    A needle with few places to stand outside its own words (the one paragraph of a page that
    is one paragraph) is compared there. Any other: a copy of it holds each of its runs of
    ``key`` words at the same offset, so only the places of its rarest run are compared: one,
    the needle's own, unless its text really is said twice, however many blocks open with the
    same words (a live blog's entries, a list of rulings). A removed block's words are marked
    dead instead of rebuilding the stream.
    """

    def __init__(self, blocks: Sequence[Block], needles: Needles, key: int) -> None:
        self.words = tuple(chain.from_iterable(b.words for b in blocks))
        self.spans: dict[int, tuple[int, int]] = {}
        start = 0
        for block in blocks:
            self.spans[block.index] = (start, start + len(block.words))
            start += len(block.words)
        self.dead = bytearray(len(self.words))
        searched = [b for b in blocks if len(needles.get(b.index, ())) >= key]  # shorter: never found
        #: blocks whose needle is compared at every place outside its own words
        self.few = {b.index for b in searched if sum(map(len, self._outside(b.index, len(needles[b.index])))) <= FEW}
        #: block index -> (offset of the needle's rarest run, its hash), for the other needles
        #: that may stand elsewhere: a run found nowhere, or only once and there in the block's
        #: own place, rules a needle out without a look
        self.anchors: dict[int, tuple[int, int]] = {}
        self.places: dict[int, list[int]] = {}  # where the anchors' runs start
        self._index([b for b in searched if b.index not in self.few], needles, key)

    def _index(self, blocks: Sequence[Block], needles: Needles, key: int) -> None:
        if not blocks:
            return
        runs = _runs(self.words, key)
        own: dict[int, array[int]] = {}
        for block in blocks:
            start, end = self.spans[block.index]
            # a needle that is its block's words has its runs in the stream already
            needle = needles[block.index]
            own[block.index] = runs[start:end - key + 1] if needle is block.words else _runs(needle, key)
        wanted = set(chain.from_iterable(own.values()))
        counts = Counter(filter(wanted.__contains__, runs))
        for block in blocks:
            seen = list(map(counts.__getitem__, own[block.index]))
            rarest = min(seen)
            offset = seen.index(rarest)
            run, n = own[block.index][offset], len(needles[block.index])
            if rarest > 1 or (rarest == 1 and not self._in_place(runs, block.index, run, offset, n)):
                self.anchors[block.index] = (offset, run)
        anchored = {run for _, run in self.anchors.values()}
        for i, run in enumerate(runs):
            if run in anchored:
                self.places.setdefault(run, []).append(i)

    def _outside(self, index: int, n: int) -> tuple[range, ...]:
        """Every start of ``n`` words in the stream but those within the block's own words."""
        start, end = self.spans[index]
        last = len(self.words) - n
        if end - n < start:
            return (range(last + 1),)
        return range(min(start, last + 1)), range(end - n + 1, last + 1)

    def _in_place(self, runs: array[int], index: int, run: int, offset: int, n: int) -> bool:
        """Is the run at ``offset`` of the needle within its own block, the needle around it?"""
        start, end = self.spans[index]
        try:
            i = runs.index(run, start, end) - offset
        except ValueError:
            return False
        return start <= i and i + n <= end

    def _starts(self, index: int, n: int) -> Iterable[int]:
        """Where a copy of the block's needle (``n`` words) may start outside its own words."""
        if index in self.few:
            return chain.from_iterable(self._outside(index, n))
        if index not in self.anchors:
            return ()
        offset, run = self.anchors[index]
        start, end = self.spans[index]
        places = self.places[run]
        found = places[bisect_left(places, offset):bisect_right(places, len(self.words) - n + offset)]
        return (i for i in (p - offset for p in found) if not start <= i <= end - n)

    def elsewhere(self, needle: tuple[str, ...], block: Block) -> bool:
        """Does ``needle`` stand in the live stream outside ``block``'s own words?"""
        n = len(needle)
        return any(
            self.words[i] == needle[0] and self.words[i:i + n] == needle and 1 not in self.dead[i:i + n]
            for i in self._starts(block.index, n)
        )

    def remove(self, block: Block) -> None:
        start, end = self.spans[block.index]
        self.dead[start:end] = b"\x01" * (end - start)


def _extended(blocks: Sequence[Block], removed: dict[int, str], needles: Needles, prose: Collection[int],
              min_words: int) -> dict[int, str]:
    """A later block that repeats an earlier one and adds a little: a bottom summary.

    "Key points: <the lead> The closure starts in April." restates the lead; the lead keeps
    its body position and the summary goes, though it is the longer of the two. Earlier
    blocks are kept by first words, then by length, so a needle is only compared with the
    lengths it may extend, each in one set lookup.
    """
    found: dict[int, str] = {}
    lengths: dict[tuple[str, ...], list[int]] = {}
    earlier: dict[tuple[tuple[str, ...], int], set[tuple[str, ...]]] = {}
    for block in blocks:
        if block.index in removed or block.truncated:
            continue  # a cut copy (a glued lead) is the stream search's to find
        needle = needles[block.index]
        key, n = needle[:KEY_WORDS], len(needle)
        known = lengths.get(key, [])
        shortest = int(n / (1 + MAX_ADDED_SHARE)) - 1  # below it nothing passes the test below
        for m in known[bisect_left(known, shortest):bisect_left(known, n)]:
            if 0 < n - m <= MAX_ADDED_SHARE * m and needle[:m] in earlier[key, m]:
                found[block.index] = "repeated_summary"
                break
        if block.size >= min_words and block.index in prose:
            key, m = block.words[:KEY_WORDS], len(block.words)
            if (key, m) not in earlier:
                insort(lengths.setdefault(key, []), m)
            earlier.setdefault((key, m), set()).add(block.words)
    return found


def _contained(blocks: Sequence[Block], removed: dict[int, str], needles: Needles, prose: Collection[int],
               min_words: int) -> dict[int, str]:
    """Prose blocks whose words (a cut teaser: minus the last) stand elsewhere in the blocks' stream.

    Cut teasers first (a lead glued to the next paragraph and cut is longer than the lead,
    yet it is the copy), then shortest first, later copy first: the longer text and the
    earlier copy survive.
    """
    found: dict[int, str] = {}
    active = [b for b in blocks if b.index not in removed]
    searched = {
        b.index: needles[b.index] for b in active
        # a needle that is its block's words has its length counted already
        if (b.size if needles[b.index] is b.words else word_count(needles[b.index])) >= min_words
        and b.index in prose
    }
    stream = _Stream(active, searched, max(1, min(KEY_WORDS, min_words)))
    for block in sorted(active, key=lambda b: (not b.truncated, len(needles[b.index]), -b.index)):
        needle = searched.get(block.index)
        if needle is not None and stream.elsewhere(needle, block):
            found[block.index] = "repeated_truncated" if block.truncated else "repeated_text"
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
    copies = [b for b in blocks if b.words == key and b.index not in removed]
    if not copies:
        return {}
    # a copy shares all of its words with itself, the longest start there is: the second
    # longest start among the blocks still kept is then the longest it shares with another (a
    # copy already removed as a repeat of this one leaves this one the only copy of the text)
    shared = nlargest(2, (_common_prefix(key, o.words) for o in blocks if o.index not in removed))
    if len(shared) < 2 or shared[1] < SUMMARY_PREFIX * len(key):
        return {}
    return {b.index: "repeated_summary" for b in copies}


def find_repeats(
    blocks: Sequence[Block], *, titles: Sequence[str], description: str | None, min_words: int
) -> dict[int, str]:
    """Map block index -> reason for every block whose words stand elsewhere on the page.

    Short blocks (under ``min_words``) are not compared: recipes, fact boxes and Q&As repeat
    short lines on purpose, and a short real sentence may be quoted inside a paragraph.
    """
    needles = {b.index: _needle(b) for b in blocks}
    prose = {b.index for b in blocks if _is_prose(b)}
    removed = _titles(blocks, titles)
    removed.update(_adjacent([b for b in blocks if b.index not in removed]))
    removed.update(_extended(blocks, removed, needles, prose, min_words))
    removed.update(_contained(blocks, removed, needles, prose, min_words))
    removed.update(_summary(blocks, removed, description))
    return removed
