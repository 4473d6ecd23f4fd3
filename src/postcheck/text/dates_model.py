"""The value ``extract`` returns for each date or time expression it finds.

Kept apart from the matching code so rules can import the type alone; every
field is plain data (dates, times, tzinfo), so expressions compare, hash and
print without touching the text they came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Kind = Literal["date", "time", "datetime", "date_range", "time_range", "relative"]
Granularity = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TemporalExpression:
    """One date or time expression found in a text, resolved to values.

    ``text`` is exactly ``source[start:end]``. ``date``/``time`` are the
    resolved values (for ranges, the first end; ``end_date``/``end_time`` the
    last). ``tz`` is set only when a zone was written, so a rule can tell
    "10.00 WIB" from a bare "10.00"; ``reference_tz`` is the publish time's
    zone, used for ``start_datetime`` when none was written.

    ``weekday_stated`` is the weekday written with the date (0 = Monday).
    ``relative`` is True when the date comes only from the publish date
    ("besok", "next week"); ``granularity`` says how wide it is ("day", or
    "week" for "pekan depan"); ``part_of_day`` is "morning", "midday",
    "afternoon", "evening" or "night" when written ("besok pagi").
    ``time_separator`` is ":" or "." as written (EYD wants "10.00").
    ``spelling_fix`` is the standard spelling of a non-standard month or
    weekday name written in the expression ("Februari" for "Pebruari").
    """

    start: int
    end: int
    text: str
    kind: Kind
    date: dt.date | None = None
    end_date: dt.date | None = None
    time: dt.time | None = None
    end_time: dt.time | None = None
    tz: dt.tzinfo | None = None
    zone_text: str | None = None
    weekday_stated: int | None = None
    year_explicit: bool = False
    relative: bool = False
    granularity: Granularity | None = None
    part_of_day: str | None = None
    time_separator: str | None = None
    spelling_fix: str | None = None
    reference_tz: dt.tzinfo | None = None

    @property
    def start_datetime(self) -> dt.datetime | None:
        """Aware start when date and time are both known (written zone, else the reference's)."""
        if self.date is None or self.time is None:
            return None
        return dt.datetime.combine(self.date, self.time, tzinfo=self.tz or self.reference_tz)

    @property
    def end_datetime(self) -> dt.datetime | None:
        """Aware end of a dated time range ("Jumat (17/01) 08.00-10.30 WITA"), else None."""
        if self.date is None or self.end_time is None:
            return None
        return dt.datetime.combine(self.end_date or self.date, self.end_time, tzinfo=self.tz or self.reference_tz)

    @property
    def weekday_matches(self) -> bool | None:
        """Whether the written weekday agrees with the date; None if either is missing."""
        if self.weekday_stated is None or self.date is None:
            return None
        return self.date.weekday() == self.weekday_stated
