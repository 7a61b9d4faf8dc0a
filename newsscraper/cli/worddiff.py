"""A word diff between two texts, for people: each change on one line, ``[-removed-]{+added+}``
(git's ``--word-diff=plain``) between a few words of context, so a corrected figure or a
rewritten sentence shows without reprinting the article."""

from __future__ import annotations

from difflib import SequenceMatcher

__all__ = ["word_diff"]


def word_diff(old: str, new: str, *, context: int = 6) -> list[str]:
    """One line a change, with ``context`` words either side; none when the words are the same
    (a text that changed only its layout)."""
    a, b = old.split(), new.split()
    lines = []
    for group in SequenceMatcher(None, a, b).get_grouped_opcodes(context):
        parts = ["…"] if group[0][1] > 0 else []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                parts.append(" ".join(a[i1:i2]))
                continue
            if i2 > i1:
                parts.append(f"[-{' '.join(a[i1:i2])}-]")
            if j2 > j1:
                parts.append(f"{{+{' '.join(b[j1:j2])}+}}")
        if group[-1][2] < len(a):
            parts.append("…")
        lines.append(" ".join(parts))
    return lines
