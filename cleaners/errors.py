"""The cleaner's own exceptions: a caller can tell "not an article" from a bug."""

from __future__ import annotations

__all__ = ["CleanerError", "NotAnArticle", "UndecodableDocument"]


class CleanerError(Exception):
    """Base class of every error the cleaner raises on purpose."""


class NotAnArticle(CleanerError):
    """The page holds no article body (empty, binary, JSON, an index page...).

    ``reason`` is a short machine-friendly slug (``empty``, ``binary``, ``no_body``...), so a
    crawler can count drops by reason; ``str(exc)`` is the human explanation.
    """

    def __init__(self, reason: str, message: str | None = None) -> None:
        self.reason = reason
        super().__init__(message or reason.replace("_", " "))


class UndecodableDocument(NotAnArticle):
    """Bytes that no declared or detected encoding turns into text."""

    def __init__(self, message: str) -> None:
        super().__init__("undecodable", message)
