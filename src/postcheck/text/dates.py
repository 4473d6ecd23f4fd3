"""Date and time expressions in Indonesian and English posts.

Timeliness rules need to know what a post says about *when*: "Jumat (17/01)",
"pukul 10.00 WIB", "besok", "next Monday". ``extract`` finds these with the
standard library only and resolves them against the post's publish time,
because general date parsers miss or misread common Indonesian forms
("lusa", "10.00 WIB", "besok pukul 08.00"). Ambiguous forms are skipped
rather than guessed: a bare "10.00" is as likely money as a time.

This module reads what each pattern match means; the patterns are in
``dates_patterns``, the calendar arithmetic in ``dates_calendar``, and the
joining of neighbours ("17 Jan" + "pukul 10.00") in ``dates_combine``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Final, NamedTuple

from postcheck.text import dates_lexicon as lex
from postcheck.text.dates_calendar import Unit, WeekdayMode, expand_year, make_date, nearest_date, period, shift, weekday_date
from postcheck.text.dates_clock import clock_time, hour24, zone
from postcheck.text.dates_combine import combine
from postcheck.text.dates_model import Granularity, Kind, TemporalExpression
from postcheck.text.dates_patterns import (
    DASH_CHARACTERS,
    DAY_WORDS,
    DOCUMENT_NUMBER_BEFORE,
    DURATION_AFTER,
    DURATION_BEFORE,
    FULL_MONTH_NAMES,
    LANGUAGES,
    LETTERS,
    MONTHS,
    NUMBER_WORDS,
    PAREN_AFTER,
    PAREN_BEFORE,
    PERIOD_UNITS,
    QUANTITY_BEFORE,
    RECURRING_BEFORE,
    URL_IN_TOKEN,
    WEEKDAY_CUE_BEFORE,
    WEEKDAYS,
    Family,
    Matcher,
    Patterns,
    patterns_for,
)
from postcheck.text.dates_spelling import nonstandard_spellings, normalize_key, standard_spelling

__all__ = ["Granularity", "Kind", "TemporalExpression", "extract", "nonstandard_spellings"]

_LOOK_BACK: Final = 32  # characters searched left of a match for "Jumat", "tgl", "pukul"
_SWAPPED_PAIR: Final = (24, 7)  # "24/7" is a slogan, not 24 July
_EVENING: Final = 18  # from this hour "tadi malam" is tonight, before it last night
_YEAR_DIGITS: Final = (2, 4)  # "17/1/22", "17/1/2022"
_NOT_BEFORE_NUMBER: Final = frozenset(".:+_" + DASH_CHARACTERS)  # "/" is decided case by case
_DIGIT: Final = re.compile(r"\d")
_FUTURE_DIRECTIONS: Final = frozenset(k for k, v in lex.DIRECTIONS_ID.items() if v > 0)


class _Context(NamedTuple):
    text: str
    lowered: str  # same length as text, so offsets carry over
    today: dt.date
    hour: int
    tz: dt.tzinfo
    patterns: Patterns

    def before(self, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
        """``pattern`` (anchored with $) ending right at ``start``."""
        return pattern.search(self.lowered, max(0, start - _LOOK_BACK), start)

    def written(self, match: re.Match[str], group: str) -> str:
        """A group as written (original case)."""
        return self.text[match.start(group) : match.end(group)]

    def expression(self, start: int, end: int, kind: Kind, **values: object) -> TemporalExpression:
        return TemporalExpression(
            start=start,
            end=end,
            text=self.text[start:end],
            kind=kind,
            reference_tz=self.tz,
            **values,  # type: ignore[arg-type]
        )


def _lower(text: str) -> str:
    """Lower case with the same length (a few letters, like "İ", grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _number_starts_cleanly(ctx: _Context, start: int, *, slash_ok: bool = False) -> bool:
    """A number starting here is not the tail of "1.17", "3/17", "x17" or "1,17".

    ``slash_ok`` lets a time follow a zone and slash ("WIB/20.00 WITA").
    """
    if start == 0:
        return True
    before = ctx.lowered[start - 1]
    earlier = ctx.lowered[start - 2] if start > 1 else " "
    if before in DASH_CHARACTERS and earlier.isspace():
        return True  # "28 Feb -1 Mar": a range dash written against the second end
    if before.isalnum() or before in _NOT_BEFORE_NUMBER or (before == "," and earlier.isdigit()):
        return False
    return before != "/" or (slash_ok and not (earlier.isdigit() or earlier == "."))


def _in_link(ctx: _Context, start: int, end: int) -> bool:
    """Whether the span lies in a URL, e-mail address, mention or hashtag."""
    text = ctx.text
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    if left < start and text[left] in "@#":
        return True
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    url = URL_IN_TOKEN.search(ctx.lowered, left, right)
    if url is None:
        return False
    glued = ctx.lowered.find("pic.twitter.com", url.start(), url.end())  # "WIBpic.twitter.com/…"
    return (glued if glued >= 0 else url.start()) < end


# --- dates ------------------------------------------------------------------


class _Prefix(NamedTuple):
    start: int
    weekday: str | None = None  # as written, for its spelling
    first_weekday: str | None = None  # "Rabu" in "Rabu-Kamis, 14-15 Maret"
    cue: str | None = None
    part_of_day: str | None = None  # "malam" in "Jumat malam, 10 November"


def _prefix(ctx: _Context, start: int) -> _Prefix:
    """Weekday and date cue written left of a date ("Jumat (17/01)", "tgl 17 Jan")."""
    found = ctx.before(ctx.patterns.date_prefix_before, start)
    if found is None or found.start() == start:
        return _Prefix(start)
    first = ctx.written(found, "wd_first") if found["wd_first"] else None
    weekday = ctx.written(found, "wd") if found["wd"] else None
    return _Prefix(found.start(), weekday, first, found["cue"], found["pod"])


def _date(
    ctx: _Context,
    span: tuple[int, int],
    day: int,
    month: int,
    *,
    end_day: int | None = None,
    year_text: str | None = None,
    prefix: _Prefix | None = None,
    month_text: str | None = None,
) -> TemporalExpression | None:
    """A date or same-month day range, its year written or nearest the publish date.

    A weekday range before a day range ("Rabu-Kamis, 14-15 Maret") states the
    first day's weekday; before a single date it states nothing.
    """
    if year_text is not None:
        first = make_date(expand_year(year_text, ctx.today.year), month, day)
    else:
        first = nearest_date(day, month, ctx.today)
    if first is None:
        return None
    last = None
    if end_day is not None:
        last = make_date(first.year, month, end_day) if end_day > day else None
        if last is None:
            return None
    weekday_text = None
    if prefix is not None:
        weekday_text = prefix.weekday if prefix.first_weekday is None else None
        if last is not None and prefix.first_weekday is not None:
            weekday_text = prefix.first_weekday
    return ctx.expression(
        *span,
        "date" if last is None else "date_range",
        date=first,
        end_date=last,
        weekday_stated=WEEKDAYS[normalize_key(weekday_text)] if weekday_text else None,
        year_explicit=year_text is not None,
        granularity="day",
        part_of_day=lex.PARTS_OF_DAY[prefix.part_of_day] if prefix and prefix.part_of_day else None,
        spelling_fix=standard_spelling(weekday_text, month_text),
    )


def _named_date(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """ "17 Januari 2020", "17-18 Jan", "Jumat, 17 Januari", "17th of January"."""
    digits_first = match.start() == match.start("d1")
    if digits_first and not _number_starts_cleanly(ctx, match.start()):
        return None
    key = match["mon"]
    end = match.end()
    if match["mdot"] and key in FULL_MONTH_NAMES and match.end("mdot") == end:
        end -= 1  # a full stop, not an abbreviation's dot
    prefix = _prefix(ctx, match.start())
    return _date(
        ctx,
        (prefix.start, end),
        int(match["d1"]),
        MONTHS[key],
        end_day=int(match["d2"]) if match["d2"] else None,
        year_text=match["y"],
        prefix=prefix,
        month_text=ctx.written(match, "mon"),
    )


def _month_first_date(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """ "January 17th", "Jan. 17, 2020"; the month must be capitalised ("may 5" is not)."""
    if not ctx.text[match.start("mon")].isupper():
        return None
    return _named_date(match, ctx)


def _numeric_date(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """Day/month numbers: "(31/3)", "17/1/2022", "17-01-2020", ISO "2020-01-17"."""
    start, end = match.start(), match.end()
    if not _number_starts_cleanly(ctx, start) or ctx.before(DOCUMENT_NUMBER_BEFORE, start):
        return None
    a, b, c, sep, d2 = match["a"], match["b"], match["c"], match["sep"], match["d2"]
    if len(a) == 4:  # ISO year-month-day
        if sep == "." or c is None or len(c) > 2 or d2:
            return None
        day_text, month_text, year_text = c, b, a
    elif len(a) > 2 or (c is not None and len(c) not in _YEAR_DIGITS):
        return None
    elif sep != "/" and (c is None or len(c) != 4 or d2):
        return None  # "17-01" and "17.01" alone are ranges, scores or times
    else:
        day_text, month_text, year_text = a, b, c
    opened = ctx.before(PAREN_BEFORE, start)
    closed = PAREN_AFTER.match(ctx.lowered, end)
    enclosed = opened is not None and closed is not None
    prefix = _prefix(ctx, opened.start() if opened else start)
    if enclosed and closed is not None:
        end = closed.end()
    if enclosed or prefix.weekday or prefix.cue:
        start = prefix.start
    day, month = int(day_text), int(month_text)
    padded = len(day_text) == len(month_text) == 2
    if start == match.start() and year_text is None and ((day, month) == _SWAPPED_PAIR or not (day > month or padded)):
        return None  # "3/4", "1/2" are fractions; "17/1" and "05/12" are dates
    return _date(ctx, (start, end), day, month, end_day=int(d2) if d2 else None, year_text=year_text, prefix=prefix)


# --- times ------------------------------------------------------------------


def _clock(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """ "pukul 10.00 WIB", "08.00-10.30 WITA", "10:30", "10am", "pkl. 19.30"."""
    start = match.start()
    if not _number_starts_cleanly(ctx, start, slash_ok=True):
        return None
    cue = ctx.before(ctx.patterns.time_cue_before, start) if ctx.patterns.time_cue_before else None
    if cue is not None:
        start = cue.start()
        if ctx.lowered.startswith("jam", start) and (
            ctx.before(DURATION_BEFORE, start) or DURATION_AFTER.match(ctx.lowered, match.end())
        ):
            return None
    zone_text, written_part = match["zone"], match.groupdict().get("pod")
    part = lex.PARTS_OF_DAY[written_part] if written_part else None
    ap1, ap2 = match["ap1"], match["ap2"]
    ranged = match["h2"] is not None
    separator = match["s1"] or match["s2"]
    if (match["m1"] is None or (ranged and match["m2"] is None)) and not (cue or ap1 or ap2):
        return None  # "10 WIB" and "10-12" alone could be anything
    marked = cue or zone_text or ap1 or ap2 or part or separator == ":"
    if not marked and (not ranged or int(match["m1"]) % 5 or int(match["m2"]) % 5):
        return None  # a bare "10.00" is as likely Rp 10.00 or a version as a time
    hour1 = hour24(int(match["h1"]), ap1 or ap2, None if ranged else part)
    if ranged and ap1 is None and ap2 is not None:
        end_hour = hour24(int(match["h2"]), ap2)
        if hour1 is not None and end_hour is not None and hour1 > end_hour:
            hour1 = hour24(int(match["h1"]), "am" if ap2.startswith("p") else "pm")
    first = clock_time(hour1, match["m1"], match["sec"])
    last = clock_time(hour24(int(match["h2"]), ap2 or ap1, part), match["m2"]) if ranged else None
    if first is None or (ranged and (last is None or last <= first)):
        return None
    tz = zone(zone_text) if zone_text else None
    if zone_text and tz is None:
        return None
    return ctx.expression(
        start,
        match.end(),
        "time_range" if ranged else "time",
        time=first,
        end_time=last,
        tz=tz,
        zone_text=ctx.written(match, "zone") if zone_text else None,
        part_of_day=part,
        time_separator=separator,
    )


# --- relative ---------------------------------------------------------------


def _unit(name: str) -> Unit:
    unit = PERIOD_UNITS[name]
    if unit in ("day", "week"):
        return "day" if unit == "day" else "week"
    return "month" if unit == "month" else "year"


def _day_word(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """ "besok", "lusa", "nanti malam", "kemarin sore", "tonight", "tomorrow morning"."""
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "pod_this" in groups and ctx.before(QUANTITY_BEFORE, match.start()):
        return None  # "3 hari 2 malam ini" counts nights
    word = groups.get("dw") or groups.get("dw_en")
    written_part = next((v for k, v in groups.items() if k.startswith("pod")), None)
    part = lex.PARTS_OF_DAY[written_part] if written_part else None
    if word is not None:
        offset = DAY_WORDS[normalize_key(word)]
    elif "tonight" in groups:
        offset, part = 0, "night"
    elif "last_night" in groups:
        offset, part = -1, "night"
    elif groups.get("soon") == "tadi" and part == "night":
        offset = 0 if ctx.hour >= _EVENING else -1
    else:
        offset = 0
    return ctx.expression(
        match.start(),
        match.end(),
        "relative",
        date=ctx.today + dt.timedelta(days=offset),
        relative=True,
        granularity="day",
        part_of_day=part,
    )


def _period(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """ "pekan depan", "minggu lalu", "bulan ini", "next week", "last year"."""
    if ctx.before(QUANTITY_BEFORE, match.start()):
        return None
    groups = match.groupdict()
    if groups.get("unit"):
        unit = _unit(groups["unit"])
        offset = lex.DIRECTIONS_ID[normalize_key(groups["dir"])]
    else:
        unit = _unit(groups["eunit"])
        offset = lex.DIRECTIONS_EN[groups["edir"]]
    first, last = period(ctx.today, offset, unit)
    return ctx.expression(match.start(), match.end(), "relative", date=first, end_date=last, relative=True, granularity=unit)


def _count(match: re.Match[str], ctx: _Context) -> TemporalExpression:
    """ "2 hari lagi", "3 hari yang lalu", "seminggu lagi", "in 3 days", "3 days ago"."""
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "cdir" in groups:
        number = groups.get("n") or groups.get("nw") or "1"
        unit_text = groups.get("unit_n") or groups["unit_se"]
        sign = 1 if normalize_key(groups["cdir"]) in lex.COUNT_FUTURE_ID else -1
    elif "in_unit" in groups:
        number, unit_text, sign = groups["in_n"], groups["in_unit"], 1
    else:
        number, unit_text = groups["ago_n"], groups["ago_unit"]
        sign = -1 if groups["ago_dir"] == "ago" else 1
    amount = int(number) if number.isdigit() else NUMBER_WORDS[number]
    unit = _unit(unit_text)
    return ctx.expression(
        match.start(),
        match.end(),
        "relative",
        date=shift(ctx.today, sign * amount, unit),
        relative=True,
        granularity=unit,
    )


def _weekday(match: re.Match[str], ctx: _Context) -> TemporalExpression | None:
    """ "Senin depan", "Kamis ini", "hari Minggu", "next Monday", "this Friday"."""
    groups = match.groupdict()
    before = groups.get("pre") or ""
    after = normalize_key(groups.get("dir") or groups.get("pod_this") or "")
    written_part = groups.get("pod")
    if before in lex.RECURRENCE_WORDS or groups.get("wd2"):
        return None  # "setiap Senin", "Senin-Jumat": a schedule, not a date
    key = normalize_key(groups["wd"])
    if key == lex.WEEKDAY_SUNDAY_AMBIGUOUS:
        if before != "hari" and not written_part:
            return None  # "minggu depan" is next week; "Pasar Minggu" is a place
    elif not (before or after or written_part or ctx.before(WEEKDAY_CUE_BEFORE, match.start())):
        return None  # "Black Friday", "Sunday Market": names, not dates
    if ctx.before(RECURRING_BEFORE, match.start()):
        return None
    mode: WeekdayMode = "nearest"
    if before in lex.DIRECTIONS_EN:
        mode = ("last", "this", "next")[lex.DIRECTIONS_EN[before] + 1]
    elif after:
        mode = "next" if after in _FUTURE_DIRECTIONS else ("this" if after == "ini" else "last")
    weekday = WEEKDAYS[key]
    return ctx.expression(
        match.start(),
        match.end(),
        "relative",
        date=weekday_date(ctx.today, weekday, mode),
        weekday_stated=weekday,
        relative=True,
        granularity="day",
        part_of_day=lex.PARTS_OF_DAY[written_part] if written_part else None,
        spelling_fix=standard_spelling(ctx.written(match, "wd")),
    )


# --- entry point ------------------------------------------------------------

_Handler = Callable[[re.Match[str], _Context], "TemporalExpression | None"]
_HANDLERS: Final[Mapping[Family, _Handler]] = {
    "numeric_date": _numeric_date,
    "named_date": _named_date,
    "month_first_date": _month_first_date,
    "clock": _clock,
    "day_word": _day_word,
    "period": _period,
    "count": _count,
    "weekday": _weekday,
}


def _worth_running(matcher: Matcher, words: frozenset[str], has_digit: bool) -> bool:
    """The cheap test before a regex scan: a digit, and one of its keywords."""
    if matcher.needs_digit and not has_digit:
        return False
    if matcher.keys and matcher.keys.isdisjoint(words):
        return False
    return not matcher.more_keys or not matcher.more_keys.isdisjoint(words)


def extract(text: str, *, reference: dt.datetime, language: str | None = None) -> list[TemporalExpression]:
    """Date and time expressions in ``text``, resolved against ``reference``.

    ``reference`` is the aware publish time; ``language`` is "id", "en" or
    None for both lexicons (numbers and zones are read in every language).
    The result is sorted and non-overlapping; the longest reading wins.
    """
    if reference.tzinfo is None or reference.utcoffset() is None:
        raise ValueError("reference must be timezone-aware")
    if language not in LANGUAGES:
        raise ValueError(f"language must be 'id', 'en' or None, not {language!r}")
    lowered = _lower(text)
    ctx = _Context(text, lowered, reference.date(), reference.hour, reference.tzinfo, patterns_for(language))
    has_digit = _DIGIT.search(lowered) is not None
    words = frozenset(LETTERS.findall(lowered.replace("pic.twitter.com", " ")))  # "Novpic.twitter.com/…"
    found: list[TemporalExpression] = []
    for matcher in ctx.patterns.matchers:
        if not _worth_running(matcher, words, has_digit):
            continue
        handler = _HANDLERS[matcher.family]
        for match in matcher.pattern.finditer(lowered):
            expression = handler(match, ctx)
            if expression is not None and not _in_link(ctx, expression.start, expression.end):
                found.append(expression)
    return combine(text, lowered, found)
