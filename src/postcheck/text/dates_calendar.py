"""Calendar arithmetic for resolving written dates against a publish date.

Posts rarely write the year, and relative words only mean something next to
the publish date; these pure functions turn both into concrete dates with one
documented choice each, so the resolver never guesses silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

Unit = Literal["day", "week", "month", "year"]
WeekdayMode = Literal["nearest", "this", "next", "last"]

_MAX_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def plausible(day: int, month: int) -> bool:
    """True when day/month exists in some year (29/2 does, 31/4 does not)."""
    return 1 <= month <= 12 and 1 <= day <= _MAX_DAY[month - 1]


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31/02, 32/1)."""
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and plausible(day, month)):
        return None
    if month == 2 and day == 29 and not calendar.isleap(year):
        return None
    return dt.date(year, month, day)


def nearest_date(day: int, month: int, reference: dt.date) -> dt.date | None:
    """The date with this day and month nearest to ``reference``.

    "(31/12)" posted on 2 January is last December. Ties go to the earlier
    year; 29/2 looks up to four years either way.
    """
    if not plausible(day, month):
        return None
    best: dt.date | None = None
    for year in range(reference.year - 4, reference.year + 5):
        candidate = make_date(year, month, day)
        if candidate is None:
            continue
        if best is None or abs((candidate - reference).days) < abs((best - reference).days):
            best = candidate
    return best


def expand_year(written: str, reference_year: int) -> int:
    """A written year; two digits take the century nearest the reference ("22" → 2022)."""
    year = int(written)
    if len(written) > 2:
        return year
    candidates = [(reference_year // 100 + k) * 100 + year for k in (-1, 0, 1)]
    return min(candidates, key=lambda y: (abs(y - reference_year), y))


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift by whole months, clamping the day (31 Jan + 1 month → 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(reference: dt.date, amount: int, unit: Unit) -> dt.date:
    """``reference`` moved by ``amount`` units ("3 hari lagi", "2 weeks ago")."""
    if unit == "day":
        return reference + dt.timedelta(days=amount)
    if unit == "week":
        return reference + dt.timedelta(weeks=amount)
    if unit == "month":
        return add_months(reference, amount)
    return add_months(reference, 12 * amount)


def period(reference: dt.date, offset: int, unit: Unit) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar period ``offset`` periods away.

    Weeks run Monday to Sunday (ISO 8601, as on Indonesian calendars), so
    "pekan depan" on Thursday 16 Jan 2020 is 20–26 Jan.
    """
    if unit == "day":
        day = reference + dt.timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = add_months(reference.replace(day=1), offset)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    year = reference.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def weekday_date(reference: dt.date, weekday: int, mode: WeekdayMode) -> dt.date:
    """The date a weekday name points to.

    - ``nearest`` (a bare "Senin"): the closest one, at most 3 days away.
    - ``this`` ("Kamis ini", "this Friday"): today or the next one.
    - ``next`` ("Senin depan", "next Monday"): that day in the next ISO week.
    - ``last`` ("Jumat lalu", "last Friday"): the latest one before today.
    """
    today = reference.weekday()
    if mode == "nearest":
        delta = (weekday - today) % 7
        if delta > 3:
            delta -= 7
    elif mode == "this":
        delta = (weekday - today) % 7
    elif mode == "next":
        delta = 7 - today + weekday
    else:
        delta = -((today - weekday) % 7 or 7)
    return reference + dt.timedelta(days=delta)
