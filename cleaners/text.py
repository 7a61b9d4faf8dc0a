"""Text normalisation shared by every rule: what makes two blocks "the same words"."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ELLIPSIS_END", "clean_space", "ends_truncated", "words"]

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
#: "...", "…", "[...]", "(…)", optionally followed by closing quotes/brackets
ELLIPSIS_END = re.compile(r"(?:\.{3,}|…|\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\))[\s\"'»”’)\]]*$")


def words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens after NFKC: typography (quotes, NBSP, spacing) stops mattering."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def clean_space(text: str) -> str:
    """Collapse runs of white space (NBSP included) into single spaces."""
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def ends_truncated(text: str) -> bool:
    """True when a block ends with an ellipsis that marks a cut, as teasers and summaries do."""
    return bool(ELLIPSIS_END.search(text))
