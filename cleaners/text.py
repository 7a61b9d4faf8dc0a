"""Text normalisation shared by every rule: what makes two blocks "the same words"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["ELLIPSIS_END", "clean_space", "ends_sentence", "ends_truncated", "word_count", "words"]

#: scripts written without spaces (Han, kana, Hangul, Thai): each character counts as a word,
#: so "ten words" means as much text in Japanese as in French
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
_CLOSERS = "\"'»”’) \u00a0"
_SENTENCE_ENDS = ".!?…。！？"
_UNSPACED_CHAR = re.compile(rf"[{_UNSPACED}]")
_SPACE = re.compile(r"\s+")
#: "...", "…", "[...]", "(…)", optionally followed by closing quotes/brackets
ELLIPSIS_END = re.compile(r"(?:\.{3,}|…|\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\))[\s\"'»”’)\]]*$")


def words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens after NFKC: typography (quotes, NBSP, spacing) stops mattering.

    In scripts written without spaces every character is a token.
    """
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def clean_space(text: str) -> str:
    """Collapse runs of white space (NBSP included) into single spaces."""
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def ends_sentence(text: str) -> bool:
    """True when a block ends like a sentence (closing quotes and brackets aside)."""
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def ends_truncated(text: str) -> bool:
    """True when a block ends with an ellipsis that marks a cut, as teasers and summaries do."""
    return bool(ELLIPSIS_END.search(text))


def word_count(tokens: Sequence[str]) -> int:
    """How many words ``tokens`` amount to: two characters of an unspaced script count as one
    (Japanese or Chinese words run two characters on average), so length bounds hold in every
    script."""
    unspaced = sum(1 for t in tokens if len(t) == 1 and _UNSPACED_CHAR.match(t))
    return len(tokens) - unspaced + (unspaced + 1) // 2
