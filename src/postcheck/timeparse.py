"""Publish times and time zones as users write them in config and front matter.

Accepts ISO-8601 (``2020-01-17T10:00+07:00``, ``2020-01-17 10:00``,
``2020-01-17``), optionally followed by an Indonesian zone abbreviation
(``2020-01-17 10:00 WIB``). A time without a zone takes the configured zone.
Zones: IANA names (``Asia/Jakarta``), ``WIB``/``WITA``/``WIT``, ``UTC``, and
offsets (``+07:00``, ``UTC+8``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .text.dates_clock import zone as clock_zone

_OFFSET = re.compile(r"([+-])(\d{1,2})(?::?(\d{2}))?")
_TRAILING_ZONE = re.compile(r"\s+(WIB|WITA|WIT|UTC|GMT|Z)$", re.IGNORECASE)


@cache
def parse_zone(name: str) -> tzinfo:
    """A tzinfo for an IANA name, WIB/WITA/WIT, UTC, or an offset like ``+07:00``."""
    key = name.strip()
    written = clock_zone(key)  # WIB/WITA/WIT (Keppres 41/1987), UTC, GMT+7, UTC+08:00
    if written is not None:
        return written
    if key.upper() == "Z":
        return UTC
    m = _OFFSET.fullmatch(key)
    if m is not None:
        sign = -1 if m.group(1) == "-" else 1
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise ValueError(f"offset out of range: {name!r}")
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Asia" is a folder of tzdata
        raise ValueError(f"unknown time zone {name!r} (use e.g. Asia/Jakarta, WIB, WITA, WIT, UTC, +07:00)") from None


def parse_datetime(text: str, default_tz: tzinfo) -> datetime:
    """Parse an ISO-8601 date or date-time; a naive value takes ``default_tz``."""
    value = text.strip()
    zone: tzinfo | None = None
    m = _TRAILING_ZONE.search(value)
    if m is not None:
        zone = parse_zone(m.group(1))
        value = value[: m.start()]
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not an ISO-8601 date or time: {text!r} (e.g. 2020-01-17T10:00+07:00)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone or default_tz)
    elif zone is not None:
        raise ValueError(f"two time zones in {text!r}")
    return parsed
