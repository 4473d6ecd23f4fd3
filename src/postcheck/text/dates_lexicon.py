"""Name tables for date and time expressions, Indonesian and English.

Data only: the patterns in ``dates_patterns`` and the resolver in ``dates``
are built from these tables, so adding a word is a one-line change here.
Keys are lower case; an apostrophe in a key stands for any apostrophe-like
character (' ’ ` ´ ʼ) and a space for one or more spaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

# --- months ---------------------------------------------------------------

MONTHS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "januari": 1,
        "februari": 2,
        "maret": 3,
        "april": 4,
        "mei": 5,
        "juni": 6,
        "juli": 7,
        "agustus": 8,
        "september": 9,
        "oktober": 10,
        "november": 11,
        "desember": 12,
    }
)
"""Standard (KBBI) Indonesian month names."""

MONTH_ABBREVIATIONS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "mei": 5,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "ags": 8,
        "agust": 8,
        "sep": 9,
        "sept": 9,
        "okt": 10,
        "nov": 11,
        "des": 12,
    }
)
"""Abbreviations seen in Indonesian posts (``6-9 Feb 2017``, ``25 Okt 2013``)."""

MONTH_VARIANTS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "pebruari": 2,
        "pebuari": 2,
        "febuari": 2,
        "peb": 2,
        "nopember": 11,
        "nop": 11,
    }
)
"""Non-standard Indonesian spellings still recognised as months."""

MONTHS_EN: Final[Mapping[str, int]] = MappingProxyType(
    {
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
    }
)

MONTH_ABBREVIATIONS_EN: Final[Mapping[str, int]] = MappingProxyType(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)

# --- weekdays (0 = Monday … 6 = Sunday, as date.weekday()) -------------------

WEEKDAYS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "senin": 0,
        "selasa": 1,
        "rabu": 2,
        "kamis": 3,
        "jumat": 4,
        "sabtu": 5,
        "minggu": 6,
        "ahad": 6,
    }
)
"""Standard Indonesian weekday names; "minggu" is also the word for week."""

WEEKDAY_VARIANTS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "jum'at": 4,
        "jumaat": 4,
    }
)

WEEKDAYS_EN: Final[Mapping[str, int]] = MappingProxyType(
    {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    }
)

WEEKDAY_ABBREVIATIONS_EN: Final[Mapping[str, int]] = MappingProxyType(
    {
        "mon": 0,
        "tue": 1,
        "tues": 1,
        "wed": 2,
        "thu": 3,
        "thur": 3,
        "thurs": 3,
        "fri": 4,
        "sat": 5,
        "sun": 6,
    }
)
"""Only accepted when a date follows ("Fri 17 Jan"): "Sun", "Sat" are words."""

WEEKDAY_SUNDAY_AMBIGUOUS: Final[str] = "minggu"
"""Sunday only with a date attached or after "hari"; otherwise it means week."""

# --- standard spellings ---------------------------------------------------

SPELLING_FIXES_ID: Final[Mapping[str, str]] = MappingProxyType(
    {
        # Gregorian months and weekdays
        "pebruari": "Februari",
        "pebuari": "Februari",
        "febuari": "Februari",
        "nopember": "November",
        "jum'at": "Jumat",
        "jumaat": "Jumat",
        # Hijri months, KBBI forms
        "muharram": "Muharam",
        "shafar": "Safar",
        "rabiul awal": "Rabiulawal",
        "rabi'ul awal": "Rabiulawal",
        "rabiul awwal": "Rabiulawal",
        "rabi'ul awwal": "Rabiulawal",
        "rabiulawwal": "Rabiulawal",
        "rabiul akhir": "Rabiulakhir",
        "rabi'ul akhir": "Rabiulakhir",
        "rabiul tsani": "Rabiulakhir",
        "rabi'ul tsani": "Rabiulakhir",
        "jumadil awal": "Jumadilawal",
        "jumadil ula": "Jumadilawal",
        "jumadil akhir": "Jumadilakhir",
        "jumadil tsani": "Jumadilakhir",
        "sya'ban": "Syakban",
        "syaban": "Syakban",
        "ramadhan": "Ramadan",
        "ramadhon": "Ramadan",
        "romadhon": "Ramadan",
        "romadon": "Ramadan",
        "syawwal": "Syawal",
        "dzulqa'dah": "Zulkaidah",
        "dzulqaidah": "Zulkaidah",
        "dzulkaidah": "Zulkaidah",
        "zulqa'dah": "Zulkaidah",
        "zulqaidah": "Zulkaidah",
        "dzulhijjah": "Zulhijah",
        "dzulhijah": "Zulhijah",
        "zulhijjah": "Zulhijah",
    }
)
"""Whole-word non-standard spelling → KBBI spelling (capitalised as in KBBI)."""

ABBREVIATION_FIXES_ID: Final[Mapping[str, str]] = MappingProxyType(
    {
        "peb": "Feb",
        "nop": "Nov",
    }
)
"""Flagged only inside a date: alone, "NOP" is also a tax-object number."""

# --- time zones -----------------------------------------------------------

ZONES_ID: Final[Mapping[str, tuple[str, int]]] = MappingProxyType(
    {
        "wib": ("Asia/Jakarta", 7),
        "wita": ("Asia/Makassar", 8),
        "wit": ("Asia/Jayapura", 9),
    }
)
"""Indonesian zone abbreviation → (IANA name, UTC offset in hours)."""

# --- clock cues and parts of the day -----------------------------------------

TIME_CUES_ID: Final[tuple[str, ...]] = ("pukul", "pkl", "pk", "jam")
DATE_CUES: Final[Mapping[str, str]] = MappingProxyType({"tanggal": "id", "tgl": "id", "date": "en"})

PARTS_OF_DAY: Final[Mapping[str, str]] = MappingProxyType(
    {
        "pagi": "morning",
        "siang": "midday",
        "sore": "afternoon",
        "petang": "evening",
        "malam": "night",
        "mlm": "night",
        "morning": "morning",
        "afternoon": "afternoon",
        "evening": "evening",
        "night": "night",
    }
)
"""Part of the day, normalised to English."""

PARTS_OF_DAY_ID: Final[tuple[str, ...]] = ("pagi", "siang", "sore", "petang", "malam", "mlm")
PARTS_OF_DAY_EN: Final[tuple[str, ...]] = ("morning", "afternoon", "evening", "night")

# --- relative words -------------------------------------------------------

DAY_WORDS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "hari ini": 0,
        "besok": 1,
        "esok hari": 1,
        "lusa": 2,
        "kemarin": -1,
        "kemarin lusa": -2,
    }
)
"""Day word → offset in days from the publish date."""

DAY_WORDS_EN: Final[Mapping[str, int]] = MappingProxyType(
    {
        "today": 0,
        "tomorrow": 1,
        "yesterday": -1,
        "the day after tomorrow": 2,
        "the day before yesterday": -2,
    }
)

PERIOD_UNITS_ID: Final[Mapping[str, str]] = MappingProxyType(
    {"hari": "day", "minggu": "week", "pekan": "week", "bulan": "month", "tahun": "year"}
)
PERIOD_UNITS_EN: Final[Mapping[str, str]] = MappingProxyType(
    {
        "day": "day",
        "days": "day",
        "week": "week",
        "weeks": "week",
        "month": "month",
        "months": "month",
        "year": "year",
        "years": "year",
    }
)

DIRECTIONS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "depan": 1,
        "mendatang": 1,
        "yang akan datang": 1,
        "ini": 0,
        "lalu": -1,
        "yang lalu": -1,
        "kemarin": -1,
    }
)
"""Word after a period or weekday ("pekan depan", "Jumat lalu") → direction."""

DIRECTIONS_EN: Final[Mapping[str, int]] = MappingProxyType({"next": 1, "coming": 0, "this": 0, "last": -1})
"""Word before a period or weekday ("next week", "this Friday") → direction."""

COUNT_FUTURE_ID: Final[tuple[str, ...]] = ("lagi",)
COUNT_PAST_ID: Final[tuple[str, ...]] = ("lalu", "yang lalu", "silam", "yang silam")

NUMBER_WORDS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "satu": 1,
        "dua": 2,
        "tiga": 3,
        "empat": 4,
        "lima": 5,
        "enam": 6,
        "tujuh": 7,
        "delapan": 8,
        "sembilan": 9,
        "sepuluh": 10,
    }
)
NUMBER_WORDS_EN: Final[Mapping[str, int]] = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    }
)

RECURRENCE_WORDS: Final[tuple[str, ...]] = ("setiap", "tiap", "every", "each")
"""Before a weekday these make a schedule ("setiap Senin"), not a date."""

RANGE_WORDS_ID: Final[tuple[str, ...]] = ("sampai dengan", "sampai", "hingga")
"""Words between range ends; the abbreviations "s.d.", "s/d" are in the patterns."""
RANGE_WORDS_EN: Final[tuple[str, ...]] = ("to", "until", "till", "through")
