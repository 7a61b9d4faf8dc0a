"""Dates as feeds and sitemaps write them, read into timezone-aware datetimes.

RSS uses RFC 822 (``Fri, 20 Nov 2026 07:30:00 +0100``); Atom, sitemaps and Dublin Core use W3C
datetimes (``2026-11-20``, ``2026-11-20T07:30+01:00``, ``…Z``). A date without a zone is taken
as UTC. Anything unreadable is None, never an exception: a bad date must not lose the link.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from newsscraper.config import SettingError

__all__ = ["iso", "parse_date", "parse_now"]

W3C_RE = re.compile(
    r"^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$", re.I
)


def parse_date(value: str | None) -> datetime | None:
    """A W3C or RFC 822 date as an aware datetime, or None."""
    value = (value or "").strip()
    if not value:
        return None
    match = W3C_RE.match(value)
    if match:
        return _w3c(match)
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _w3c(match: re.Match[str]) -> datetime | None:
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        tz = timezone.utc
        if zone and zone.upper() != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                        int(second or 0), tzinfo=tz)
    except ValueError:
        return None


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in the zone the site wrote, so that ``[:10]`` is the site's own calendar date."""
    return value.isoformat() if value else None


def parse_now(setting: str | None) -> datetime:
    """The run's "now": the ``NEWSSCRAPER_NOW`` setting when given (demo and tests), else the clock."""
    if setting:
        now = parse_date(setting)
        if now is None:
            raise SettingError.of("NEWSSCRAPER_NOW", setting, "an ISO 8601 date (2026-11-20T12:00:00Z)")
        return now
    return datetime.now(timezone.utc)
