"""The content hash: how the store tells an edited article from the same text re-wrapped.

The dedup pipeline stamps it on each item and the store compares it with the stored row's, so both
must hash the same way: this module is that one way.
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["content_hash", "normalise_text"]


def normalise_text(text: str) -> str:
    """NFC, runs of white space as one space, paragraphs one per line: the text a hash should see.

    Re-wrapping or re-encoding a paragraph is not an edit; changing a word is.
    """
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines())
    return "\n".join(line for line in lines if line)


def content_hash(text: str) -> str:
    """sha256 of the normalised text, in hex."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
