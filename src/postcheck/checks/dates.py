"""``dates``: timeliness checks over the post's dates and times.

The post's date and time expressions are found once per post (see
:mod:`postcheck.text.dates`) and resolved against its publish time and zone;
``check`` picks what to verify:

- ``weekday-mismatch``: "Kamis (17/01)" when 17 January is a Friday.
- ``past-event``: a date already past at publish time, announced as upcoming
  (one of ``tokens`` — akan, segera, daftar sebelum, will, join us — before
  it in the same sentence, with no past marker such as telah/sudah/was between).
- ``relative-only``: relative words (besok, hari ini, tomorrow) in a post with
  no absolute date; ``warning`` when the post is scheduled (its publish time
  was declared in front matter or with ``--publish-at``), ``info`` otherwise
  (a draft checked as of now, or an archived post at its real publish time).
- ``time-no-zone``: a clock time with no zone (WIB/WITA/WIT/UTC±…).
- ``time-colon``: "10:00" where Indonesian spelling (EYD V) writes "10.00";
  offers the fix.
- ``greeting-hour``: a greeting that contradicts the publish hour ("Selamat
  pagi" at 21:00 WIB); skipped when the publish time is only "now".
- ``old-year``: a year long past (``min_age`` years, default 3) mentioned in a
  post presented as new (one of ``tokens``: baru, terbaru, kini, new, now …).

Placeholders: ``{match}``, ``{date}``, ``{weekday}``, ``{stated}``, ``{publish}``,
``{hour}``, ``{year}``, ``{age}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, count, one_of
from .matcher import Matcher

if TYPE_CHECKING:
    from ..post import Post

CHECKS = ("weekday-mismatch", "past-event", "relative-only", "time-no-zone", "time-colon", "greeting-hour", "old-year")

WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
# Hours (publish time, local) in which each greeting fits; outside them it contradicts.
# Indonesian usage: pagi until about 11, siang 11–15, sore 15–18, malam from 18; each
# window is an hour wider on both sides, since a greeting at 11.44 or 15.17 is ordinary.
GREETINGS: dict[str, tuple[int, int]] = {
    "selamat pagi": (3, 12),
    "selamat siang": (10, 16),
    "selamat sore": (14, 19),
    "selamat malam": (17, 4),
    "good morning": (3, 12),
    "good afternoon": (11, 18),
    "good evening": (16, 4),
}
_GREETING = re.compile(r"\b(" + "|".join(GREETINGS) + r")\b", re.IGNORECASE)
_PAST_MARKERS = re.compile(
    r"\b(?:telah|sudah|lalu|kemarin|tadi|pernah|was|were|has been|had|last|ago|yesterday)\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?<![\d/.:-])(19[5-9]\d|20\d\d)(?![\d/:]|\.\d)")
_COLON_TIME = re.compile(r"(\d)[:](\d\d)")
#: past-event: at most this many words between the future marker and the date
#: ("akan ditutup pada 10 Januari"), so "akan berbagi kabar pameran 7–10 September"
#: (sharing news, in the future, about a past fair) is not read as an invitation.
MAX_WORDS_BETWEEN = 4


class DatesCheck(Check):
    kind = "dates"
    PLACEHOLDERS = ("match", "fix", "date", "weekday", "stated", "publish", "hour", "year", "age")
    OPTIONS = {
        "check": Option(one_of(*CHECKS), required=True, doc="what to verify"),
        "tokens": Option(lambda v: _str_list(v), per_language=True, doc="future words (past-event) or novelty words (old-year)"),
        "min_age": Option(count, default=3, doc="old-year: how many years back counts as long past"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.check = options["check"]
        self.markers = Matcher({"tokens": options["tokens"]}, lazy=context.lazy) if options.get("tokens") else None
        self.min_age = options.get("min_age", 3)

    def parts(self, language: str | None = None) -> list[Any]:
        return self.markers.parts(language) if self.markers is not None else []

    def run(self, post: Post) -> Iterator[Hit]:
        if post.publish_at is None:
            return
        method = getattr(self, "_" + self.check.replace("-", "_"))
        yield from method(post)

    # -- checks ------------------------------------------------------------
    def _weekday_mismatch(self, post: Post) -> Iterator[Hit]:
        names = WEEKDAYS["en" if post.language == "en" else "id"]
        for expr in post.dates:
            if expr.weekday_matches is False and expr.date is not None and expr.weekday_stated is not None:
                yield Hit(
                    expr.start,
                    expr.end,
                    {
                        "match": expr.text,
                        "date": _date(expr.date, post.language),
                        "weekday": names[expr.date.weekday()],
                        "stated": names[expr.weekday_stated],
                    },
                )

    def _past_event(self, post: Post) -> Iterator[Hit]:
        if self.markers is None:
            return
        publish = post.publish_at
        assert publish is not None
        today = publish.astimezone(publish.tzinfo).date()
        markers = [(s, e) for s, e, _ in self.markers.finditer(post)]
        if not markers:
            return
        text = post.text
        for expr in post.dates:
            if expr.relative or expr.date is None:
                continue
            last_day = expr.end_date or expr.date
            when = expr.end_datetime or expr.start_datetime
            if when is not None and expr.time is not None:
                if when >= publish:
                    continue
            elif last_day >= today:
                continue
            sentence = _sentence_of(post, expr.start)
            before = [(s, e) for s, e in markers if sentence[0] <= s < expr.start]
            if not before:
                continue
            between = text[before[-1][1] : expr.start]
            if len(between.split()) > MAX_WORDS_BETWEEN or _PAST_MARKERS.search(between):
                continue
            yield Hit(
                expr.start,
                expr.end,
                {"match": expr.text, "date": _date(last_day, post.language), "publish": _date(today, post.language)},
            )

    def _relative_only(self, post: Post) -> Iterator[Hit]:
        exprs = post.dates
        if not exprs or any(not e.relative and e.date is not None for e in exprs):
            return
        scheduled = post.publish_source in ("front matter", "option")
        for expr in exprs:
            if expr.relative and expr.granularity in (None, "day", "week"):
                yield Hit(expr.start, expr.end, {"match": expr.text}, severity="warning" if scheduled else "info")
                return

    def _time_no_zone(self, post: Post) -> Iterator[Hit]:
        for expr in post.dates:
            if expr.time is not None and expr.tz is None:
                yield Hit(expr.start, expr.end, {"match": expr.text})

    def _time_colon(self, post: Post) -> Iterator[Hit]:
        if post.language == "en":
            return
        for expr in post.dates:
            if expr.time_separator == ":":
                fixed = _COLON_TIME.sub(r"\1.\2", expr.text)
                if fixed != expr.text:
                    yield Hit(expr.start, expr.end, {"match": expr.text, "fix": fixed}, fix=fixed)

    def _greeting_hour(self, post: Post) -> Iterator[Hit]:
        if post.publish_source == "now" or post.publish_at is None:
            return
        hour = post.publish_at.hour
        for m in _GREETING.finditer(post.text):
            start_hour, end_hour = GREETINGS[m.group(1).lower()]
            fits = start_hour <= hour < end_hour if start_hour < end_hour else (hour >= start_hour or hour < end_hour)
            if not fits:
                yield Hit(m.start(), m.end(), {"match": m.group(), "hour": post.publish_at.strftime("%H.%M %Z").strip()})

    def _old_year(self, post: Post) -> Iterator[Hit]:
        if self.markers is None or next(self.markers.finditer(post), None) is None:
            return
        assert post.publish_at is not None
        this_year = post.publish_at.year
        for m in _YEAR.finditer(post.text):
            year = int(m.group(1))
            age = this_year - year
            if age >= self.min_age and not _inside_link(post, m.start()):
                yield Hit(m.start(), m.end(), {"match": m.group(), "year": year, "age": age})
                return


def _str_list(value: Any) -> tuple[str, ...]:
    from .base import str_list

    return str_list(value)


_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def _date(value: Any, language: str) -> str:
    months = _MONTHS["en" if language == "en" else "id"]
    return f"{value.day} {months[value.month - 1]} {value.year}"


def _sentence_of(post: Post, offset: int) -> tuple[int, int]:
    for s in post.sentences:
        if s.start <= offset < s.end:
            return s.start, s.end
    return 0, len(post.text)


def _inside_link(post: Post, offset: int) -> bool:
    return any(u.start <= offset < u.end for u in post.urls) or any(h.start <= offset < h.end for h in post.hashtags)
