"""The store's times: ISO 8601 UTC text to the second (``2024-05-01T12:00:00Z``), so they sort and
compare as text in SQL. Every component that writes or reads one goes through these two functions."""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = ["STAMP_FORMAT", "parse_timestamp", "timestamp"]

STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def timestamp(moment: datetime | None = None) -> str:
    """A moment (now by default) as the store writes it; a naive datetime is taken as UTC, an aware
    one in another zone is converted, so the ``Z`` is always true."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime(STAMP_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """A stored time back as an aware UTC datetime."""
    return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=timezone.utc)
