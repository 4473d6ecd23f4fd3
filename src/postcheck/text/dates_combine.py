"""Choosing among overlapping date/time matches and joining neighbours.

Patterns find pieces independently; a post means them together: the longest
reading of a span wins, "17 Januari - 2 Februari" is one range, and
"Jumat (17/01) pukul 10.00 WIB" is one moment. Joining only happens across
the short gaps listed in ``dates_patterns`` (a dash, a comma, "pukul", "at").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from postcheck.text.dates_calendar import make_date
from postcheck.text.dates_model import TemporalExpression
from postcheck.text.dates_patterns import DATE_TIME_GAP, RANGE_GAP, TIME_DATE_GAP

_Join = Callable[[str, str, TemporalExpression, TemporalExpression], "TemporalExpression | None"]


def choose(found: list[TemporalExpression]) -> list[TemporalExpression]:
    """Non-overlapping expressions in text order: longest first, then earliest."""
    taken: list[TemporalExpression] = []
    for expression in sorted(found, key=lambda e: (e.start - e.end, e.start)):
        if all(expression.end <= t.start or expression.start >= t.end for t in taken):
            taken.append(expression)
    return sorted(taken, key=lambda e: e.start)


def _joined(text: str, first: TemporalExpression, second: TemporalExpression, **values: object) -> TemporalExpression:
    return dataclasses.replace(first, end=second.end, text=text[first.start : second.end], **values)  # type: ignore[arg-type]


def _range(text: str, lowered: str, a: TemporalExpression, b: TemporalExpression) -> TemporalExpression | None:
    """ "17 Januari - 2 Februari 2020" and "08.00 WIB - 10.00 WIB" as one range.

    A year written only on the second date applies to the first ("30 Des - 2 Jan 2021").
    """
    if not RANGE_GAP.fullmatch(lowered, a.end, b.start):
        return None
    if a.kind == b.kind == "date" and a.date is not None and b.date is not None:
        first = a.date
        if b.year_explicit and not a.year_explicit:
            first = make_date(b.date.year, first.month, first.day) or first
            if first > b.date:
                first = make_date(b.date.year - 1, first.month, first.day) or first
        if first >= b.date:
            return None
        return _joined(text, a, b, kind="date_range", date=first, end_date=b.date, year_explicit=b.year_explicit)
    if a.kind == b.kind == "time" and a.time is not None and b.time is not None:
        if (a.tz and b.tz and a.tz != b.tz) or b.time <= a.time:
            return None
        return _joined(text, a, b, kind="time_range", end_time=b.time, tz=a.tz or b.tz, zone_text=a.zone_text or b.zone_text)
    return None


def _is_day(e: TemporalExpression) -> bool:
    return e.kind == "date" or (e.kind == "relative" and e.granularity == "day")


def _is_clock(e: TemporalExpression) -> bool:
    return e.kind in ("time", "time_range")


def _moment(text: str, lowered: str, a: TemporalExpression, b: TemporalExpression) -> TemporalExpression | None:
    """A day next to a time ("Jumat (17/01) pukul 10.00 WIB", "10am tomorrow") as one datetime."""
    if _is_day(a) and _is_clock(b):
        day, clock, gap = a, b, DATE_TIME_GAP
    elif _is_clock(a) and _is_day(b):
        day, clock, gap = b, a, TIME_DATE_GAP
    else:
        return None
    if not gap.fullmatch(lowered, a.end, b.start):
        return None
    return _joined(
        text,
        a,
        b,
        kind="datetime",
        date=day.date,
        end_date=None,
        time=clock.time,
        end_time=clock.end_time,
        tz=clock.tz,
        zone_text=clock.zone_text,
        weekday_stated=day.weekday_stated,
        year_explicit=day.year_explicit,
        relative=day.relative,
        granularity="day",
        part_of_day=day.part_of_day or clock.part_of_day,
        time_separator=clock.time_separator,
        spelling_fix=day.spelling_fix,
    )


def _pairwise_join(text: str, lowered: str, expressions: list[TemporalExpression], join: _Join) -> list[TemporalExpression]:
    joined: list[TemporalExpression] = []
    for expression in expressions:
        both = join(text, lowered, joined[-1], expression) if joined else None
        if both is not None:
            joined[-1] = both
        else:
            joined.append(expression)
    return joined


def combine(text: str, lowered: str, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """The final expressions: chosen, then ranges joined, then days joined with times."""
    ranges = _pairwise_join(text, lowered, choose(found), _range)
    return _pairwise_join(text, lowered, ranges, _moment)
