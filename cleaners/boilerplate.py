"""Line rules: body blocks that are widgets, labels or metadata, not article text.

Each rule is a kind of boilerplate named by its reason. They only look at short blocks
(a real paragraph that mentions cookies or a newsletter is long and stays), and bylines or
datelines are metadata: they go to the Article's fields, not its body.
"""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import Block
from .text import words
from .patterns import (
    AD_LABEL,
    AGENCY_SIGNATURE,
    BYLINE,
    BYLINE_FILLERS,
    CAPTION_CREDIT,
    DATE_WORDS,
    MONTHS,
    COMMENTS,
    COOKIES,
    DATELINE,
    MACHINE_LINE,
    NEWSLETTER,
    READ_ALSO,
    READING_TIME,
    SHARE_PRINT,
)

__all__ = ["find_boilerplate"]

#: a date line is at most this long, and at least this share of its words are dates or times
MAX_DATELINE_WORDS = 20
DATELINE_SHARE = 0.75

#: (reason, pattern, longest block in words the rule may remove)
_RULES = (
    ("machine_data", MACHINE_LINE, 12),
    ("ad_label", AD_LABEL, 8),
    ("share_print", SHARE_PRINT, 6),
    ("comments", COMMENTS, 12),
    ("read_also", READ_ALSO, 40),
    ("caption", CAPTION_CREDIT, 45),
    ("newsletter", NEWSLETTER, 40),
    ("cookies", COOKIES, 60),
    ("dateline", DATELINE, 14),
    ("reading_time", READING_TIME, 8),
    ("byline", BYLINE, 10),
    ("byline", AGENCY_SIGNATURE, 5),
)


def _rule(block: Block, authors: Sequence[str]) -> str | None:
    n = len(block.words)
    for reason, pattern, longest in _RULES:
        if n <= longest and pattern.search(block.text):
            return reason
    if n <= 12 and _only_names(block, authors):
        return "byline"
    if n <= MAX_DATELINE_WORDS and _is_date_line(block):
        return "dateline"
    return None


def _is_date_line(block: Block) -> bool:
    """Mostly numbers and date words, with a day in it ("March 3, 2024 10:12 AM GMT · Updated").

    A bare time ("4:14 p.m.") heads a live-blog entry and stays.
    """
    has_day = any(w in MONTHS or (w.isdigit() and len(w) == 4) for w in block.words)
    dated = sum(w.isdigit() or w in DATE_WORDS for w in block.words)
    return has_day and dated >= DATELINE_SHARE * len(block.words)


def _only_names(block: Block, authors: Sequence[str]) -> bool:
    """True when the block is the author names and byline filler words, nothing else."""
    names = {w for a in authors for w in words(a)}
    rest = [w for w in block.words if w not in names]
    return bool(names & set(block.words)) and all(w in BYLINE_FILLERS or w.isdigit() for w in rest)


def find_boilerplate(blocks: Sequence[Block], authors: Sequence[str] = ()) -> dict[int, str]:
    """Map block index -> reason for every block that a line rule recognises as boilerplate."""
    found: dict[int, str] = {}
    for block in blocks:
        if not block.words:
            found[block.index] = "no_words"
            continue
        reason = _rule(block, authors)
        if reason:
            found[block.index] = reason
    return found
