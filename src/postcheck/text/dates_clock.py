"""Clock readings: hours, minutes and written time zones to ``datetime`` values.

Indonesia spans three zones (WIB +7, WITA +8, WIT +9) and writes hours with
a period ("10.00") or with a part of the day ("jam 7 malam"); these pure
helpers turn what was written into a ``time`` and a ``tzinfo``, or None when
it cannot be a clock reading (hour 25, minute 61, offset +15).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final
from zoneinfo import ZoneInfo

from postcheck.text.dates_lexicon import ZONES_ID

_ZONES: Final = {key: ZoneInfo(name) for key, (name, _) in ZONES_ID.items()}
_OFFSET: Final = re.compile(r"(?:utc|gmt)\s?(?:([+\u2212\-])\s?(\d{1,2})(?::?(\d{2}))?)?")
_MAX_OFFSET: Final = dt.timedelta(hours=14)
_NOON: Final = 12


def zone(written: str) -> dt.tzinfo | None:
    """WIB/WITA/WIT as their IANA zones; UTC/GMT with an optional offset ("GMT+7")."""
    lowered = written.lower()
    known = _ZONES.get(lowered)
    if known is not None:
        return known
    offset = _OFFSET.fullmatch(lowered)
    if offset is None:
        return None
    sign, hours, minutes = offset.groups()
    if sign is None:
        return dt.UTC
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > _MAX_OFFSET or int(minutes or 0) >= 60:
        return None
    return dt.timezone(delta if sign == "+" else -delta)


def hour24(hour: int, meridiem: str | None = None, part_of_day: str | None = None) -> int | None:
    """The 24-hour clock hour for a written hour, "am"/"pm" and part of the day.

    ``part_of_day`` is normalised ("night" for "malam"): "jam 7 malam" is 19,
    "jam 1 siang" is 13, "jam 12 malam" is 0; an hour that cannot go with its
    meridiem ("13 pm") gives None.
    """
    if meridiem is not None:
        if not 1 <= hour <= _NOON:
            return None
        return hour % _NOON + (_NOON if meridiem.startswith("p") else 0)
    if part_of_day is not None and hour <= _NOON:
        if part_of_day == "morning":
            return hour % _NOON
        if part_of_day == "midday":
            return hour + _NOON if hour < 5 and hour != 0 else hour
        if part_of_day in ("afternoon", "evening"):
            return hour % _NOON + _NOON
        if part_of_day == "night":
            if hour == _NOON:
                return 0
            return hour + _NOON if hour >= 6 else hour
    return hour if 0 <= hour <= 2 * _NOON else None


def clock_time(hour: int | None, minute: str | None, second: str | None = None) -> dt.time | None:
    """``time`` for hour and written minutes; "24.00" is the end of the day (time.max)."""
    if hour is None:
        return None
    minutes, seconds = int(minute or 0), int(second or 0)
    if minutes >= 60 or seconds >= 60:
        return None
    if hour == 2 * _NOON:
        return dt.time.max if minutes == seconds == 0 else None
    return dt.time(hour, minutes, seconds)
