"""Regular expressions for date and time expressions, built once per lexicon.

Each pattern finds one family of forms; ``dates`` decides what a match means
and which of overlapping matches wins. Speed matters (every post is scanned),
so: patterns run on the lower-cased text (same length, same offsets); number
patterns begin with a digit, which lets the regex engine jump between digits;
what may stand left of a number ("Jumat", "tgl", "pukul", a parenthesis) is
checked by small ``*_BEFORE`` patterns on a few characters only; and each
word pattern is skipped unless one of its keywords occurs in the text.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from postcheck.text import dates_lexicon as lex
from postcheck.text.dates_spelling import key_pattern

SPACE: Final[str] = r"[ \t\u00a0\u202f]"
"""Horizontal space: an expression never spans a line break."""

DASH: Final[str] = r"[\-\u2010-\u2015\u2212]"
"""Hyphen, en dash, em dash and minus, all written between range ends."""

DASH_CHARACTERS: Final[str] = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

_S = SPACE
_END_GUARD = rf"(?!\d|[.,:]\d|{_S}*(?:%|persen\b|percent\b))"
"""A number that ends a time is not followed by more digits or a percent sign."""

_WORD_END = r"(?:(?!\w)|(?=pic\.twitter\.com/))"
"""End of a word; tweet exports glue "pic.twitter.com/…" onto the last word."""

_AMPM = rf"[ap](?:\.{_S}?m\.|m){_WORD_END}"
_ZONE = rf"(?:wita|wib|wit|(?:utc|gmt)(?:{_S}?[+\u2212\-]{_S}?\d{{1,2}}(?::?\d{{2}})?)?){_WORD_END}"
_ORDINAL = r"(?:st|nd|rd|th)"
_TIME_CUES = r"pukul|pkl\.?|pk\.|jam"
"""Clock words before a time: "pukul 10.00", "pkl. 19.30", "jam 14.00"."""


def alternation(keys: Iterable[str]) -> str:
    """Longest-first alternation of lexicon keys, so "januari" beats "jan"."""
    unique = sorted(set(keys), key=lambda k: (-len(k), k))
    return "(?:" + "|".join(key_pattern(k) for k in unique) + ")"


def _merged(*tables: Mapping[str, int]) -> Mapping[str, int]:
    merged: dict[str, int] = {}
    for table in tables:
        merged.update(table)
    return MappingProxyType(merged)


MONTHS: Final[Mapping[str, int]] = _merged(
    lex.MONTHS_ID,
    lex.MONTH_ABBREVIATIONS_ID,
    lex.MONTH_VARIANTS_ID,
    lex.MONTHS_EN,
    lex.MONTH_ABBREVIATIONS_EN,
)
"""Every month spelling in either language → month number (no key conflicts)."""

FULL_MONTH_NAMES: Final[frozenset[str]] = frozenset(
    [*lex.MONTHS_ID, *lex.MONTHS_EN, *(k for k in lex.MONTH_VARIANTS_ID if len(k) > 4)]
)
WEEKDAYS: Final[Mapping[str, int]] = _merged(
    lex.WEEKDAYS_ID, lex.WEEKDAY_VARIANTS_ID, lex.WEEKDAYS_EN, lex.WEEKDAY_ABBREVIATIONS_EN
)
NUMBER_WORDS: Final[Mapping[str, int]] = _merged(lex.NUMBER_WORDS_ID, lex.NUMBER_WORDS_EN)
DAY_WORDS: Final[Mapping[str, int]] = _merged(lex.DAY_WORDS_ID, lex.DAY_WORDS_EN)
PERIOD_UNITS: Final[Mapping[str, str]] = MappingProxyType({**lex.PERIOD_UNITS_ID, **lex.PERIOD_UNITS_EN})

# --- context checks, language-neutral ---------------------------------------------

RANGE_GAP: Final = re.compile(
    rf"{_S}*(?:{DASH}{{1,2}}|s\.?{_S}?d\.?|s/d|sampai(?:{_S}+dengan)?|hingga|to|until|till|through){_S}*"
)
"""What may stand between the two ends of a range ("17 Jan - 2 Feb")."""

DATE_TIME_GAP: Final = re.compile(rf"{_S}*[,;]?{_S}*(?:(?:at|pada|mulai)(?!\w){_S}*|@{_S}*)?")
"""Between a date and the time after it ("Jumat (17/01), pukul 10.00")."""

TIME_DATE_GAP: Final = re.compile(rf"{_S}*[,;]?{_S}*(?:(?:on|pada)(?!\w){_S}*)?")
"""Between a time and the date after it ("10am tomorrow", "10.00 WIB, 17 Jan")."""

PAREN_BEFORE: Final = re.compile(rf"\({_S}*$")
PAREN_AFTER: Final = re.compile(rf"{_S}*\)")

DURATION_BEFORE: Final = re.compile(rf"\d{_S}*$")
DURATION_AFTER: Final = re.compile(rf"{_S}*(?:menit|mnt)(?!\w)")
""""2 jam 10 menit" is a duration, not ten o'clock."""

DOCUMENT_NUMBER_BEFORE: Final = re.compile(rf"(?<!\w)(?:no|nomor|nmr|nr)\.?{_S}*:?{_S}*$")
"""A regulation number ("No. 27/1/2018") is not a date."""

QUANTITY_BEFORE: Final = re.compile(
    rf"(?:(?<![\d.,])\d\d?|(?<!\w)(?:beberapa|berapa|sekian|puluhan|ratusan|several|few|many"
    rf"|{alternation([*lex.NUMBER_WORDS_ID, *lex.NUMBER_WORDS_EN])})){_S}+$"
)
""""empat tahun ini" is "these four years", "beberapa tahun lalu" is vague: not a period (a year like 2019 is no count)."""

WEEKDAY_CUE_BEFORE: Final = re.compile(rf"(?<!\w)(?:pada|pd|on|mulai|sejak|since|until|by|sampai|hingga){_S}+$")
"""A bare weekday is a date after these ("pada Senin"), a name otherwise ("Black Friday")."""

RECURRING_BEFORE: Final = re.compile(rf"(?<!\w)(?:s[h]?[ao]lat|solat|sembahyang){_S}+$")
""""salat Jumat" names a prayer, not a date."""

LETTERS: Final = re.compile(r"[^\W\d_]+")
"""The words a text is gated on: "jum'at" gives "jum" and "at", "17jan" gives "jan"."""

URL_IN_TOKEN: Final = re.compile(
    r"https?://|www\.|pic\.twitter\.com|[\w\-]+(?:\.[\w\-]+)*\.(?:com|id|org|net|ly|co|io|gov)(?:/|\b)"
)
"""Where a URL begins inside a whitespace-delimited token."""

# --- patterns per language ------------------------------------------------------

Family = Literal["numeric_date", "named_date", "month_first_date", "clock", "day_word", "period", "count", "weekday"]


@dataclass(frozen=True, slots=True)
class Matcher:
    """One pattern family and the cheap test that says whether to run it.

    The pattern can only match a text that has a digit (``needs_digit``) and
    whose words (runs of letters, lower-cased; see ``LETTERS``) include one of
    ``keys`` and one of ``more_keys``. Empty key sets always pass.
    """

    family: Family
    source: str
    needs_digit: bool = False
    keys: frozenset[str] = frozenset()
    more_keys: frozenset[str] = frozenset()

    @property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: a family that no post's gate lets through is never compiled."""
        return _compiled(self.source)


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


@dataclass(frozen=True, slots=True)
class Patterns:
    """The compiled patterns for one language choice (all on lower-cased text)."""

    matchers: tuple[Matcher, ...]
    date_prefix_before: re.Pattern[str]
    time_cue_before: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Words:
    """The lexicon entries one language choice uses."""

    has_id: bool
    has_en: bool
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    weekday_abbreviations: tuple[str, ...]
    range_words: tuple[str, ...]
    date_cues: tuple[str, ...]

    @classmethod
    def of(cls, languages: frozenset[str]) -> _Words:
        has_id, has_en = "id" in languages, "en" in languages
        return cls(
            has_id=has_id,
            has_en=has_en,
            months=(
                *((*lex.MONTHS_ID, *lex.MONTH_ABBREVIATIONS_ID, *lex.MONTH_VARIANTS_ID) if has_id else ()),
                *((*lex.MONTHS_EN, *lex.MONTH_ABBREVIATIONS_EN) if has_en else ()),
            ),
            weekdays=(
                *((*lex.WEEKDAYS_ID, *lex.WEEKDAY_VARIANTS_ID) if has_id else ()),
                *(lex.WEEKDAYS_EN if has_en else ()),
            ),
            weekday_abbreviations=tuple(lex.WEEKDAY_ABBREVIATIONS_EN if has_en else ()),
            range_words=(*(lex.RANGE_WORDS_ID if has_id else ()), *(lex.RANGE_WORDS_EN if has_en else ())),
            date_cues=tuple(k for k, lang in lex.DATE_CUES.items() if lang in languages),
        )

    def range_separator(self) -> str:
        dotted = rf"|{_S}*(?:s\.?{_S}?d\.?|s/d){_S}*" if self.has_id else ""
        return rf"(?:{_S}*{DASH}{{1,2}}{_S}*{dotted}|{_S}+{alternation(self.range_words)}{_S}+)"


def _number_matchers(words: _Words) -> tuple[Matcher, ...]:
    range_sep = words.range_separator()
    ordinal = _ORDINAL + "?" if words.has_en else ""
    year = rf"(?:,?{_S}+(?P<y>(?:19|20)\d\d){_WORD_END})?"
    numeric_date = (
        rf"(?P<a>\d\d?(?:\d\d)?)(?:(?<!\d\d\d){_S}*{DASH}{_S}*(?P<d2>\d\d?))?"
        rf"(?P<sep>[/.\-])(?P<b>\d\d?)(?:(?P=sep)(?P<c>\d\d?(?:\d\d)?))?(?!\d|[/.\-]\d)"
    )
    named_date = (
        rf"(?P<d1>\d\d?){ordinal}(?:{range_sep}(?P<d2>\d\d?){ordinal})?{_S}*(?:of{_S}+)?"
        rf"(?P<mon>{alternation(words.months)}){_WORD_END}(?P<mdot>\.)?{year}"
    )
    cue = rf"(?:(?:{_TIME_CUES}){_S}*)?" if words.has_id else ""
    part = rf"(?:{_S}+(?P<pod>{alternation(lex.PARTS_OF_DAY_ID)}){_WORD_END})?" if words.has_id else ""
    clock = (
        rf"(?P<h1>\d\d?)(?:(?P<s1>[.:])(?P<m1>\d\d)(?::(?P<sec>\d\d))?)?{_END_GUARD}(?:{_S}*(?P<ap1>{_AMPM}))?"
        rf"(?:{range_sep}{cue}(?P<h2>\d\d?)(?:(?P<s2>[.:])(?P<m2>\d\d))?{_END_GUARD}(?:{_S}*(?P<ap2>{_AMPM}))?)?"
        rf"{part}(?:{_S}*(?P<zone>{_ZONE}))?"
    )
    matchers = [
        Matcher("numeric_date", numeric_date, needs_digit=True),
        Matcher("named_date", named_date, needs_digit=True, keys=frozenset(words.months)),
        Matcher("clock", clock, needs_digit=True),
    ]
    if words.has_en:
        en_months = [*lex.MONTHS_EN, *lex.MONTH_ABBREVIATIONS_EN]
        month_first = (
            rf"(?<!\w)(?P<mon>{alternation(en_months)})(?!\w)(?P<mdot>\.)?{_S}+"
            rf"(?P<d1>\d\d?){ordinal}(?:{range_sep}(?P<d2>\d\d?){ordinal})?(?!\d|[.:]\d){year}"
        )
        matchers.append(Matcher("month_first_date", month_first, needs_digit=True, keys=frozenset(en_months)))
    return tuple(matchers)


def _word_matchers(words: _Words) -> tuple[Matcher, ...]:
    has_id, has_en = words.has_id, words.has_en
    day_alternatives: list[str] = []
    period_alternatives: list[str] = []
    count_alternatives: list[str] = []
    before_weekday: list[str] = []
    parts: list[str] = []
    after_weekday = this_after_part = ""
    if has_id:
        part_id = alternation(lex.PARTS_OF_DAY_ID)
        units = alternation(lex.PERIOD_UNITS_ID)
        directions = alternation(lex.DIRECTIONS_ID)
        day_alternatives += [
            rf"(?P<dw>{alternation(lex.DAY_WORDS_ID)})(?:{_S}+(?P<pod>{part_id}))?",
            rf"(?P<pod_this>{part_id}){_S}+ini",
            rf"(?P<soon>nanti|tadi){_S}+(?P<pod_soon>{part_id})",
        ]
        period_alternatives.append(
            rf"(?P<unit>{alternation(k for k, u in lex.PERIOD_UNITS_ID.items() if u != 'day')}){_S}+(?P<dir>{directions})"
        )
        count_alternatives.append(
            rf"(?:(?:(?P<n>\d{{1,3}})|(?P<nw>{alternation(lex.NUMBER_WORDS_ID)})){_S}+(?P<unit_n>{units})"
            rf"|se(?P<unit_se>{units})){_S}+(?P<cdir>{alternation([*lex.COUNT_FUTURE_ID, *lex.COUNT_PAST_ID])})"
        )
        before_weekday += ["hari", "setiap", "tiap"]
        after_weekday = rf"(?:{_S}+(?P<dir>{directions}))?"
        this_after_part = rf"(?:{_S}+(?P<pod_this>ini))?"  # "Kamis sore ini"
        parts += lex.PARTS_OF_DAY_ID
    if has_en:
        part_en = alternation(lex.PARTS_OF_DAY_EN)
        units = alternation(lex.PERIOD_UNITS_EN)
        number = rf"(?:\d{{1,3}}|{alternation(lex.NUMBER_WORDS_EN)})"
        day_alternatives += [
            rf"(?P<dw_en>{alternation(lex.DAY_WORDS_EN)})(?:{_S}+(?P<pod_en>{part_en}))?",
            rf"this{_S}+(?P<pod_this_en>morning|afternoon|evening)",
            r"(?P<tonight>tonight)",
            rf"(?P<last_night>last{_S}+night)",
        ]
        period_alternatives.append(rf"(?P<edir>{alternation(lex.DIRECTIONS_EN)}){_S}+(?P<eunit>week|month|year)")
        count_alternatives += [
            rf"in{_S}+(?P<in_n>{number}){_S}+(?P<in_unit>{units})",
            rf"(?P<ago_n>{number}){_S}+(?P<ago_unit>{units}){_S}+(?P<ago_dir>ago|from{_S}+now)",
        ]
        before_weekday += ["next", "this", "last", "coming", "every", "each"]
        parts += lex.PARTS_OF_DAY_EN
    weekday = alternation(words.weekdays)
    range_sep = words.range_separator()
    weekday_pattern = (
        rf"(?<!\w)(?:(?P<pre>{alternation(before_weekday)}){_S}+)?(?P<wd>{weekday})(?!\w)"
        rf"(?:(?:{range_sep}|{_S}*[/&]{_S}*|{_S}+(?:dan|and){_S}+)(?P<wd2>{weekday})(?!\w))?"
        rf"{after_weekday}(?:{_S}+(?P<pod>{alternation(parts)}){this_after_part})?{_WORD_END}"
    )

    def letter_words(*tables: Iterable[str]) -> frozenset[str]:
        return frozenset(word for table in tables for key in table for word in LETTERS.findall(key))

    day_words = [*(lex.DAY_WORDS_ID if has_id else ()), *(lex.DAY_WORDS_EN if has_en else ())]
    unit_words = [*(lex.PERIOD_UNITS_ID if has_id else ()), *(lex.PERIOD_UNITS_EN if has_en else ())]
    count_directions = ["lagi", "lalu", "silam"] if has_id else []  # every COUNT_*_ID entry has one
    count_directions += ["ago", "now", "in"] if has_en else []
    se_units = [f"se{unit}" for unit in lex.PERIOD_UNITS_ID] if has_id else []
    return (
        Matcher(
            "day_word",
            rf"(?<!\w)(?:{'|'.join(day_alternatives)}){_WORD_END}",
            # every phrase keeps one key: "hari ini" has "hari", "the day after tomorrow" "tomorrow"
            keys=letter_words(day_words, parts, ["nanti", "tadi", "tonight"]) - {"the", "day", "after", "before", "ini"},
        ),
        Matcher(
            "period",
            rf"(?<!\w)(?:{'|'.join(period_alternatives)}){_WORD_END}",
            keys=letter_words(unit_words),
        ),
        Matcher(
            "count",
            rf"(?<!\w)(?:{'|'.join(count_alternatives)}){_WORD_END}",
            keys=letter_words(unit_words, se_units),
            more_keys=letter_words(count_directions),
        ),
        Matcher("weekday", weekday_pattern, keys=letter_words(words.weekdays) - {"at"}),  # "jum'at" has "jum"
    )


def build(languages: frozenset[str]) -> Patterns:
    """Every pattern for the given lexicons ("id", "en" or both); the families' compile on first use."""
    words = _Words.of(languages)
    hari = rf"(?:hari{_S}+)?" if words.has_id else ""
    weekday = alternation(words.weekdays + words.weekday_abbreviations)
    parts = [*(lex.PARTS_OF_DAY_ID if words.has_id else ()), *(lex.PARTS_OF_DAY_EN if words.has_en else ())]
    date_prefix_before = re.compile(
        rf"(?:(?<!\w){hari}(?:(?P<wd_first>{weekday})(?!\w){words.range_separator()})?"
        rf"(?P<wd>{weekday})(?!\w)\.?(?:{_S}+(?P<pod>{alternation(parts)})(?!\w))?{_S}*,?{_S}*)?"
        rf"(?:(?<!\w)(?P<cue>{alternation(words.date_cues)})(?!\w)\.?{_S}*:?{_S}*)?$"
    )
    return Patterns(
        matchers=_number_matchers(words) + _word_matchers(words),
        date_prefix_before=date_prefix_before,
        time_cue_before=re.compile(rf"(?<!\w)(?:{_TIME_CUES}){_S}*$") if words.has_id else None,
    )


_BUILT: dict[str | None, Patterns] = {}
_BUILD_LOCK = threading.Lock()
_LANGUAGE_SETS: Final[Mapping[str | None, frozenset[str]]] = MappingProxyType(
    {"id": frozenset({"id"}), "en": frozenset({"en"}), None: frozenset({"id", "en"})}
)


def patterns_for(language: str | None) -> Patterns:
    """The compiled patterns for ``"id"``, ``"en"`` or ``None`` (both), built on first use.

    The expressions are large (milliseconds each to compile): a process pays only
    for the languages its posts are in, and each family's expression is compiled
    the first time a post's gate lets it run.
    """
    found = _BUILT.get(language)
    if found is None:
        with _BUILD_LOCK:
            found = _BUILT.get(language)
            if found is None:
                found = _BUILT[language] = build(_LANGUAGE_SETS[language])
    return found


LANGUAGES: Final = frozenset(_LANGUAGE_SETS)
"""The keys :func:`patterns_for` accepts."""
