"""Text normalisation shared by every rule: what makes two blocks "the same words"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "ELLIPSIS_END",
    "clean_space",
    "content_end",
    "ends_sentence",
    "ends_truncated",
    "has_unspaced",
    "word_count",
    "words",
]

#: scripts written without spaces (Han, kana, Hangul, Thai): each character counts as a word,
#: so "ten words" means as much text in Japanese as in French
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
_ASCII_WORD = re.compile(r"\w+")
_CLOSERS = "\"'»”’) \u00a0"
_SENTENCE_ENDS = ".!?…。！？"
_UNSPACED_RUN = re.compile(rf"[{_UNSPACED}]+")
#: "...", "…", "[...]", "(…)", optionally followed by closing quotes/brackets
ELLIPSIS_END = re.compile(r"(?:\.{3,}|…|\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\))[\s\"'»”’)\]]*$")
#: what ELLIPSIS_END lets follow the ellipsis, white space aside
_AFTER_ELLIPSIS = "\"'»”’)]"


def words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens after NFKC: typography (quotes, NBSP, spacing) stops mattering.

    In scripts written without spaces every character is a token. ASCII text, which NFKC
    leaves alone and ``casefold`` lowers as ``lower`` does, takes the shorter way.
    """
    if text.isascii():
        return tuple(_ASCII_WORD.findall(text.lower()))
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def has_unspaced(text: str) -> bool:
    """True when ``text`` holds a script written without spaces, where a whole name or label is
    one "word" ("肖春芳", "作者")."""
    return _UNSPACED_RUN.search(text) is not None


def clean_space(text: str) -> str:
    """Collapse runs of white space (NBSP included) into single spaces.

    ``str.split`` knows the white space ``\\s`` knows, and splits faster than a regex replaces.
    """
    return " ".join(text.replace("\u00ad", "").split())


_SENTENCE_BREAK = re.compile(f"[{_SENTENCE_ENDS}][{_CLOSERS}]*\\s")


def holds_sentence(text: str) -> bool:
    """True when a sentence ends in ``text``: inside it or at its end ("… mag ich. #Küche")."""
    return ends_sentence(text) or _SENTENCE_BREAK.search(text) is not None


def ends_sentence(text: str) -> bool:
    """True when a block ends like a sentence (closing quotes and brackets aside)."""
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def content_end(text: str, closers: str = "") -> int:
    """Where ``text`` ends once trailing white space and ``closers`` are left out.

    Rules about how a text ends search from there: a pattern ending in ``$`` searched from the
    start tries every position of a 5 MB paragraph, and backtracks over each run of dots.
    """
    end = len(text)
    while end and (text[end - 1] in closers or text[end - 1].isspace()):
        end -= 1
    return end


def ends_truncated(text: str) -> bool:
    """True when a block ends with an ellipsis that marks a cut, as teasers and summaries do.

    Every match of ``ELLIPSIS_END`` ends its dots (or "…") where the closing characters start,
    so the search starts three characters before: the same answer, read from the end.
    """
    return bool(ELLIPSIS_END.search(text, max(content_end(text, _AFTER_ELLIPSIS) - 3, 0)))


def word_count(tokens: Sequence[str]) -> int:
    """How many words ``tokens`` (as ``words`` gives them) amount to: two characters of an
    unspaced script count as one (Japanese or Chinese words run two characters on average), so
    length bounds hold in every script.

    Such a character is always a token of its own, so they are counted in the joined tokens, run
    by run, not token by token: a page of Chinese is a million tokens.
    """
    unspaced = sum(map(len, _UNSPACED_RUN.findall("".join(tokens))))
    return len(tokens) - unspaced + (unspaced + 1) // 2
