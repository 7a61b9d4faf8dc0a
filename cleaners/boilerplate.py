"""Line rules: body blocks that are widgets, labels or metadata, not article text.

Each rule is a kind of boilerplate named by its reason. They only look at short blocks
(a real paragraph that mentions cookies or a newsletter is long and stays), and bylines or
datelines are metadata: they go to the Article's fields, not its body.
"""

from __future__ import annotations

from collections.abc import Container, Sequence, Set

from .blocks import Block
from .line_words import (
    AD_LABEL,
    CAPTION_WORDS,
    COMMENTS,
    COOKIE_BUTTON,
    COOKIES,
    DATE_WORDS,
    DATELINE,
    MONTHS,
    NEWSLETTER,
    NEWSLETTER_MENTION,
    READ_ALSO,
    READING_TIME,
    SHARE_PRINT,
    TAGS_LINE,
    LinePattern,
)
from .patterns import (
    AGENCY_SIGNATURE,
    BULLETS,
    BYLINE,
    BYLINE_FILLERS,
    CAPTION_CREDIT,
    CREDIT_LINE,
    FACT_LINE,
    LISTING_TYPES,
    MACHINE_LINE,
    META_SEPARATOR,
    PHONE_NUMBER,
)
from .text import ends_sentence, words

__all__ = ["find_boilerplate", "find_leading_labels", "find_orphan_headings"]

#: reasons a heading never has: a subheading may read like a byline or a date
NOT_FOR_HEADINGS = frozenset({"byline", "dateline"})

#: a date line is at most this long, and at least this share of its words are dates or times
MAX_DATELINE_WORDS = 20
#: a label (kicker, section name) is at most this many words; a longer line opens the body
MAX_LABEL_WORDS = 5
#: a page opens with at most this many kickers and section names; a longer run of short lines
#: above the first sentence, mostly not links (a menu's), is content of its own (a song's
#: lyrics, a product's fact sheet)
MAX_LEADING_LABELS = 3
#: a line that is one link's text is at most this long (a related headline)
MAX_LINK_LINE_WORDS = 20
#: a line of metadata parts ("By X | date | 3 comments") is at most this many words
MAX_META_LINE_WORDS = 40
DATELINE_SHARE = 0.75
#: the longest line a rule reads: its longest target (45 words) is some 600 characters. A longer
#: block is text however few its words (a 5 MB dot leader has three), and no pattern searches it
MAX_LINE_CHARS = 2_000

#: what every match of the caption pattern holds, case aside: one of these marks or one of its
#: label words (those of a credit inside a sentence are English, French and German ones among
#: them). A line without any is no credit, and these tests are cheap where the pattern tries
#: each agency's name at every word of every line
_CAPTION_NEEDS = ("©", "/", "(", *sorted({w.casefold() for ws in CAPTION_WORDS.values() for w in ws}))
#: the characters every metadata separator holds
_SEPARATOR_CHARS = "|·•–—,"

#: (reason, pattern, longest block in words the rule may remove, what the line must hold for
#: the pattern to match, lower-cased: empty when the pattern is cheap enough, or gated itself)
_RULES: tuple[tuple[str, LinePattern, int, tuple[str, ...]], ...] = (
    ("machine_data", MACHINE_LINE, 12, ()),
    ("ad_label", AD_LABEL, 8, ()),
    ("share_print", SHARE_PRINT, 6, ()),
    ("comments", COMMENTS, 12, ()),
    ("read_also", READ_ALSO, 40, ()),
    ("byline", AGENCY_SIGNATURE, 5, ()),
    ("caption", CAPTION_CREDIT, 45, _CAPTION_NEEDS),
    ("newsletter", NEWSLETTER, 25, ()),
    ("newsletter", NEWSLETTER_MENTION, 25, ()),
    ("cookies", COOKIES, 40, ()),
    ("cookies", COOKIE_BUTTON, 40, ()),
    ("reading_time", READING_TIME, 8, ()),
    ("byline", BYLINE, 10, ()),
    ("byline", CREDIT_LINE, 30, ()),
    ("tags", TAGS_LINE, 25, ()),
)


def _rule(block: Block, names: frozenset[str]) -> str | None:
    if len(block.text) > MAX_LINE_CHARS:
        return None
    reason = _line_rule(block, names)
    if reason in NOT_FOR_HEADINGS and block.tag == "head":
        return None  # "By The Numbers", "March 2019": a subheading, not a byline or a date line
    if (reason is None and block.size <= MAX_META_LINE_WORDS and any(c in block.text for c in _SEPARATOR_CHARS)
            and META_SEPARATOR.search(block.text)):
        # "Par Jean Dupont – Publié le 3 mars | 11 commentaires": every part is metadata
        parts = META_SEPARATOR.split(block.text)
        reasons = [_line_rule(Block(text=part, tag="p", index=-1), names) for part in parts if words(part)]
        if len(reasons) > 1 and all(reasons):
            reason = reasons[0]
    return reason


def _line_rule(block: Block, names: frozenset[str]) -> str | None:
    """The reason of the first rule that recognises the line (``names``: the authors' words)."""
    text, n = block.text, block.size
    folded = text.casefold()
    for reason, pattern, longest, needs in _RULES:
        if n <= longest and (not needs or any(part in folded for part in needs)) and pattern.search(text):
            return reason
    if n <= 12 and _only_names(block, names):
        return "byline"
    if n <= MAX_DATELINE_WORDS and _is_date_line(_after_date_keyword(block)):
        return "dateline"
    return None


def _after_date_keyword(block: Block) -> Block:
    """The line without a leading "Published"/"Mis à jour"/"Aktualisiert": the date must follow."""
    found = DATELINE.match(block.text)
    return Block(text=block.text[found.end():], tag="p", index=-1) if found else block


def _is_date_line(block: Block) -> bool:
    """Mostly numbers and date words, with a day in it ("March 3, 2024 10:12 AM GMT · Updated").

    A bare time ("4:14 p.m.") heads a live-blog entry and stays, and so does a phone number
    ("+81 158-23-2012"), whatever year its last digits look like.
    """
    if PHONE_NUMBER.match(block.text):
        return False
    has_day = any(w in MONTHS or (w.isdigit() and len(w) == 4) for w in block.words)
    dated = sum(w.isdigit() or w in DATE_WORDS for w in block.words)
    return has_day and dated >= DATELINE_SHARE * len(block.words)


def _only_names(block: Block, names: frozenset[str]) -> bool:
    """True when the block is the author names and byline filler words, nothing else."""
    rest = [w for w in block.words if w not in names]
    return bool(names & set(block.words)) and all(w in BYLINE_FILLERS or w.isdigit() for w in rest)


def find_boilerplate(
    blocks: Sequence[Block], authors: Sequence[str] = (), links: Container[tuple[str, ...]] = frozenset()
) -> dict[int, str]:
    """Map block index -> reason for every block that a line rule recognises as boilerplate.

    ``links`` are the words of the page's links: a short unpunctuated line that is exactly
    one link's text, marked as a list entry by a bullet ("· Related headline"), is a link to
    another page. Without the bullet it may be a product or source named in the text.
    """
    found: dict[int, str] = {}
    names = frozenset(w for a in authors for w in words(a))
    for block in blocks:
        if not block.words:
            found[block.index] = "no_words"
            continue
        reason = _rule(block, names)
        if reason is None and _is_link_line(block, links):
            reason = "link_line"
        if reason:
            found[block.index] = reason
    return found


def _is_link_line(block: Block, links: Container[tuple[str, ...]]) -> bool:
    return (
        block.tag != "item" and block.text.lstrip()[:1] in BULLETS
        and block.size <= MAX_LINK_LINE_WORDS and block.words in links
        and not ends_sentence(block.text)
    )


def _is_label(block: Block) -> bool:
    """Short, unpunctuated, one phrase: a kicker or a section name ("Dernières Infos - Irak").

    A line ending in a comma or a small word is a paragraph broken by <br>, not a label; nor is
    a fact ("Distance: 21 km", "Moderator: Jane Doe"): a name, a colon, then its value.
    """
    text = block.text.strip()
    return (
        0 < block.size <= MAX_LABEL_WORDS and "," not in text
        and text[-1:] not in ".,;:!?…\"»”’" and not text[:1].islower() and not FACT_LINE.search(text)
    )


def find_leading_labels(blocks: Sequence[Block], min_sentence_words: int, page_types: Set[str] = frozenset(),
                        links: Container[tuple[str, ...]] = ()) -> dict[int, str]:
    """Labels above the first sentence of running text: kickers and section names.

    "Dernières Infos - Irak", "EUROPE", "FÚTBOL - LALIGA" stand above the body. Below the
    body short lines are too often real (tour dates, a poem, a signature) to go by shape, and so
    are they at the top of a page whose JSON-LD says it is a list of steps and things (a recipe's
    "Ingredients", "200 g flour"; a how-to's "Tools"), and so is a line the next one carries on
    in lower case (a sentence broken by a <br>).
    """
    if page_types & LISTING_TYPES:
        return {}
    for i, b in enumerate(blocks):
        if b.size >= min_sentence_words and not _is_label(b):
            labels = [
                x for x, after in zip(blocks[:i], blocks[1:i + 1], strict=True)
                if _is_label(x) and x.tag != "item" and not after.text.lstrip()[:1].islower()
            ]
            if len(labels) > MAX_LEADING_LABELS and 2 * sum(x.words in links for x in labels) < len(labels):
                return {}  # many short lines, mostly not links: not a menu, the page's content
            return {x.index: "label" for x in labels}
    return {}


def find_orphan_headings(blocks: Sequence[Block], removed: dict[int, str]) -> dict[int, str]:
    """Headings whose whole section was removed: the title of a summary box ("L'essentiel")."""
    found: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if block.tag != "head" or block.index in removed:
            continue
        section = []
        for later in blocks[i + 1:]:
            if later.tag == "head":
                break
            section.append(later)
        if section and all(b.index in removed for b in section):
            found[block.index] = "heading_of_removed"
    return found
