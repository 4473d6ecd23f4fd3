"""Tests for the date and time expression engine (postcheck.text.dates).

Unless a test says otherwise, expressions resolve against the publish time
Thursday 16 January 2020 09:00 WIB.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcheck.text.dates import TemporalExpression, extract, nonstandard_spellings

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
REF = dt.datetime(2020, 1, 16, 9, 0, tzinfo=WIB)
D = dt.date
T = dt.time


def only(text: str, **kwargs: object) -> TemporalExpression:
    """The single expression found in ``text``, checked to be exactly its slice."""
    found = extract(text, reference=kwargs.pop("reference", REF), **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    expression = found[0]
    assert expression.text == text[expression.start : expression.end]
    return expression


def spans(text: str, **kwargs: object) -> list[tuple[int, int, str]]:
    found = extract(text, reference=kwargs.pop("reference", REF), **kwargs)  # type: ignore[arg-type]
    return [(e.start, e.end, e.kind) for e in found]


# --- Indonesian dates ------------------------------------------------------------


def test_weekday_with_day_month_in_parentheses() -> None:
    e = only("Jumat (17/01)")
    assert (e.start, e.end, e.kind) == (0, 13, "date")
    assert e.date == D(2020, 1, 17)
    assert e.weekday_stated == 4
    assert e.weekday_matches is True
    assert e.year_explicit is False
    assert e.relative is False
    assert e.tz is None


def test_weekday_with_full_numeric_date() -> None:
    e = only("Senin (17/1/2022)")
    assert (e.start, e.end, e.date, e.weekday_stated) == (0, 17, D(2022, 1, 17), 0)
    assert e.year_explicit is True
    assert e.weekday_matches is True


def test_wrong_weekday_is_reported_not_corrected() -> None:
    e = only("Kamis (17/01)")
    assert e.date == D(2020, 1, 17)
    assert e.weekday_stated == 3
    assert e.weekday_matches is False


def test_weekday_date_inside_a_sentence() -> None:
    text = "Workshop di Aula Serbaguna, Jumat (17/01). Acara dimulai pada pukul 10.00 WIB ini."
    found = extract(text, reference=REF)
    assert [(e.text, e.kind) for e in found] == [
        ("Jumat (17/01)", "date"),
        ("pukul 10.00 WIB", "time"),
    ]
    assert found[0].start == text.index("Jumat")
    assert found[1].end == text.index(" ini.")


def test_relative_word_and_date_in_parentheses_stay_separate() -> None:
    found = extract("Besok, (31/3) akan diluncurkan", reference=REF)
    assert [(e.start, e.end, e.kind, e.date) for e in found] == [
        (0, 5, "relative", D(2020, 1, 17)),
        (7, 13, "date", D(2020, 3, 31)),
    ]


def test_day_month_year_in_words() -> None:
    e = only("17 Januari 2020")
    assert (e.start, e.end, e.kind, e.date, e.year_explicit) == (0, 15, "date", D(2020, 1, 17), True)


@pytest.mark.parametrize(
    ("text", "first", "last", "year_explicit"),
    [
        ("17-18 Januari", D(2020, 1, 17), D(2020, 1, 18), False),
        ("17\u201318 Januari 2020", D(2020, 1, 17), D(2020, 1, 18), True),
        ("17 - 18 Januari", D(2020, 1, 17), D(2020, 1, 18), False),
        ("17 s.d. 20 Januari 2020", D(2020, 1, 17), D(2020, 1, 20), True),
        ("6-9 Feb 2017", D(2017, 2, 6), D(2017, 2, 9), True),
        ("(17-18/1)", D(2020, 1, 17), D(2020, 1, 18), False),
        ("30 Januari - 2 Februari 2020", D(2020, 1, 30), D(2020, 2, 2), True),
        ("30 Desember - 2 Januari 2021", D(2020, 12, 30), D(2021, 1, 2), True),
        ("14--15 Maret 2018", D(2018, 3, 14), D(2018, 3, 15), True),
        ("28 Feb -1 Mar 2015", D(2015, 2, 28), D(2015, 3, 1), True),
    ],
)
def test_date_ranges(text: str, first: dt.date, last: dt.date, year_explicit: bool) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind) == (0, len(text), "date_range")
    assert (e.date, e.end_date, e.year_explicit) == (first, last, year_explicit)


def test_weekday_range_before_day_range_states_the_first_weekday() -> None:
    e = only("Rabu-Kamis, 14-15 Maret 2018")
    assert (e.kind, e.date, e.weekday_stated, e.weekday_matches) == (
        "date_range",
        D(2018, 3, 14),
        2,
        True,
    )


def test_reversed_day_range_is_not_a_range() -> None:
    assert spans("18-17 Januari") == []


@pytest.mark.parametrize(("text", "start"), [("tgl 17 Jan", 0), ("tanggal 17 Januari", 0), ("tgl. 17/1", 0)])
def test_date_cue_word_is_part_of_the_span(text: str, start: int) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind, e.date) == (start, len(text), "date", D(2020, 1, 17))


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("Januari", 1), ("Februari", 2), ("Maret", 3), ("April", 4), ("Mei", 5), ("Juni", 6),
        ("Juli", 7), ("Agustus", 8), ("September", 9), ("Oktober", 10), ("November", 11),
        ("Desember", 12), ("Jan", 1), ("Feb", 2), ("Mar", 3), ("Apr", 4), ("Jun", 6),
        ("Jul", 7), ("Agu", 8), ("Agt", 8), ("Ags", 8), ("Sep", 9), ("Sept", 9), ("Okt", 10),
        ("Nov", 11), ("Des", 12), ("JANUARI", 1), ("desember", 12),
    ],
)  # fmt: skip
def test_indonesian_month_names_and_abbreviations(name: str, month: int) -> None:
    e = only(f"5 {name} 2020", language="id")
    assert (e.start, e.end, e.date) == (0, len(name) + 7, D(2020, month, 5))


def test_abbreviation_dot_is_kept_but_sentence_full_stop_is_not() -> None:
    assert only("17 Jan. 2020").text == "17 Jan. 2020"
    found = extract("Rapat pada 17 Januari.", reference=REF)
    assert [e.text for e in found] == ["17 Januari"]


# --- Indonesian times ------------------------------------------------------------


def test_pukul_with_wib() -> None:
    e = only("pukul 10.00 WIB")
    assert (e.start, e.end, e.kind, e.time) == (0, 15, "time", T(10, 0))
    assert e.tz == WIB
    assert e.zone_text == "WIB"
    assert e.time_separator == "."
    assert e.date is None
    assert e.start_datetime is None


@pytest.mark.parametrize(
    ("text", "zone", "zone_text"),
    [
        ("08.00\u201310.30 WITA", WITA, "WITA"),
        ("08.00-10.30 WITA", WITA, "WITA"),
        ("08.00 s.d. 10.30 WIT", WIT, "WIT"),
        ("08.00 s/d 10.30 WIB", WIB, "WIB"),
        ("08.00 sampai 10.30", None, None),
        ("08.00 hingga 10.30", None, None),
        ("pukul 08.00 - 10.30 WIB", WIB, "WIB"),
        ("08.00 WIB - 10.30 WIB", WIB, "WIB"),
    ],
)
def test_time_ranges(text: str, zone: ZoneInfo | None, zone_text: str | None) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind) == (0, len(text), "time_range")
    assert (e.time, e.end_time) == (T(8, 0), T(10, 30))
    assert (e.tz, e.zone_text) == (zone, zone_text)


@pytest.mark.parametrize(
    ("text", "expected", "zone"),
    [
        ("10.00 WIT", T(10, 0), WIT),
        ("10.00 wib", T(10, 0), WIB),
        ("pkl. 19.30", T(19, 30), None),
        ("pkl 19.30", T(19, 30), None),
        ("jam 14.00", T(14, 0), None),
        ("Pukul 09.30 WITA", T(9, 30), WITA),
        ("pukul 7 malam", T(19, 0), None),
        ("jam 1 siang", T(13, 0), None),
        ("pukul 10 pagi", T(10, 0), None),
        ("pukul 24.00 WIB", dt.time.max, WIB),
    ],
)
def test_indonesian_times(text: str, expected: dt.time, zone: ZoneInfo | None) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind, e.time, e.tz) == (0, len(text), "time", expected, zone)


def test_colon_separator_is_reported_for_eyd() -> None:
    assert only("pukul 10:00 WIB").time_separator == ":"
    assert only("pukul 10.00 WIB").time_separator == "."
    assert only("10am").time_separator is None


def test_part_of_day_after_time_is_recorded() -> None:
    e = only("pukul 7 malam")
    assert e.part_of_day == "night"


# --- Indonesian relative expressions ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "end_date", "granularity", "part_of_day"),
    [
        ("hari ini", D(2020, 1, 16), None, "day", None),
        ("besok", D(2020, 1, 17), None, "day", None),
        ("lusa", D(2020, 1, 18), None, "day", None),
        ("kemarin", D(2020, 1, 15), None, "day", None),
        ("kemarin lusa", D(2020, 1, 14), None, "day", None),
        ("nanti malam", D(2020, 1, 16), None, "day", "night"),
        ("besok pagi", D(2020, 1, 17), None, "day", "morning"),
        ("sore ini", D(2020, 1, 16), None, "day", "afternoon"),
        ("tadi pagi", D(2020, 1, 16), None, "day", "morning"),
        ("tadi malam", D(2020, 1, 15), None, "day", "night"),
        ("pekan depan", D(2020, 1, 20), D(2020, 1, 26), "week", None),
        ("minggu depan", D(2020, 1, 20), D(2020, 1, 26), "week", None),
        ("minggu lalu", D(2020, 1, 6), D(2020, 1, 12), "week", None),
        ("pekan lalu", D(2020, 1, 6), D(2020, 1, 12), "week", None),
        ("minggu ini", D(2020, 1, 13), D(2020, 1, 19), "week", None),
        ("pekan mendatang", D(2020, 1, 20), D(2020, 1, 26), "week", None),
        ("bulan depan", D(2020, 2, 1), D(2020, 2, 29), "month", None),
        ("tahun lalu", D(2019, 1, 1), D(2019, 12, 31), "year", None),
        ("2 hari lagi", D(2020, 1, 18), None, "day", None),
        ("dua hari lagi", D(2020, 1, 18), None, "day", None),
        ("3 hari yang lalu", D(2020, 1, 13), None, "day", None),
        ("2 minggu lagi", D(2020, 1, 30), None, "week", None),
        ("seminggu lagi", D(2020, 1, 23), None, "week", None),
        ("sebulan yang lalu", D(2019, 12, 16), None, "month", None),
        ("Senin depan", D(2020, 1, 20), None, "day", None),
        ("Jumat depan", D(2020, 1, 24), None, "day", None),
        ("Kamis ini", D(2020, 1, 16), None, "day", None),
        ("Jumat lalu", D(2020, 1, 10), None, "day", None),
        ("Rabu kemarin", D(2020, 1, 15), None, "day", None),
        ("hari Minggu", D(2020, 1, 19), None, "day", None),
        ("hari Minggu depan", D(2020, 1, 26), None, "day", None),
        ("Rabu malam", D(2020, 1, 15), None, "day", "night"),
    ],
)
def test_indonesian_relative(
    text: str,
    date: dt.date,
    end_date: dt.date | None,
    granularity: str,
    part_of_day: str | None,
) -> None:
    e = only(text, language="id")
    assert (e.start, e.end, e.kind) == (0, len(text), "relative")
    assert (e.date, e.end_date, e.granularity, e.part_of_day) == (
        date,
        end_date,
        granularity,
        part_of_day,
    )
    assert e.relative is True


def test_tadi_malam_in_the_evening_is_tonight() -> None:
    evening = dt.datetime(2020, 1, 16, 21, 0, tzinfo=WIB)
    assert only("tadi malam", reference=evening).date == D(2020, 1, 16)


def test_weekday_relative_reports_its_weekday() -> None:
    assert only("Senin depan").weekday_stated == 0
    assert only("Kamis ini").weekday_stated == 3


def test_bare_weekday_after_pada_is_the_nearest_one() -> None:
    found = extract("Rapat pada Senin.", reference=REF)
    assert [(e.text, e.date) for e in found] == [("Senin", D(2020, 1, 13))]


# --- "minggu": Sunday or week ------------------------------------------------------


@pytest.mark.parametrize("text", ["Minggu (19/1)", "Minggu, 19 Januari", "minggu (19/1)"])
def test_minggu_with_a_date_is_sunday(text: str) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind, e.date, e.weekday_stated) == (
        0,
        len(text),
        "date",
        D(2020, 1, 19),
        6,
    )
    assert e.weekday_matches is True


def test_hari_minggu_is_sunday() -> None:
    e = only("hari Minggu")
    assert (e.kind, e.date, e.weekday_stated) == ("relative", D(2020, 1, 19), 6)


@pytest.mark.parametrize("text", ["minggu depan", "minggu lalu", "Minggu depan", "2 minggu lagi"])
def test_minggu_with_depan_lalu_or_a_count_is_a_week(text: str) -> None:
    e = only(text)
    assert e.weekday_stated is None
    assert e.granularity == "week"


@pytest.mark.parametrize(
    "text",
    [
        "Pertemuan berlangsung selama seminggu di Bali.",
        "Harga naik pada minggu ke-2 Januari ini.",
        "Blusukan ke Pasar Minggu, Jakarta Selatan.",
        "setiap minggu kami memantau harga",
    ],
)
def test_lone_minggu_is_not_a_weekday(text: str) -> None:
    assert all(e.weekday_stated is None for e in extract(text, reference=REF))
    assert [e for e in extract(text, reference=REF) if "inggu" in e.text] == []


# --- English ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "weekday", "year_explicit"),
    [
        ("Friday, Jan 17", D(2020, 1, 17), 4, False),
        ("Fri 17 Jan", D(2020, 1, 17), 4, False),
        ("17 January 2020", D(2020, 1, 17), None, True),
        ("January 17th", D(2020, 1, 17), None, False),
        ("Jan. 17, 2020", D(2020, 1, 17), None, True),
        ("the 17th of January", D(2020, 1, 17), None, False),
        ("Friday, January 17, 2020", D(2020, 1, 17), 4, True),
    ],
)
def test_english_dates(text: str, date: dt.date, weekday: int | None, year_explicit: bool) -> None:
    e = only(text, language="en")
    assert (e.end, e.kind, e.date) == (len(text), "date", date)
    assert e.start == (4 if text.startswith("the ") else 0)
    assert (e.weekday_stated, e.year_explicit) == (weekday, year_explicit)


def test_english_month_first_range() -> None:
    e = only("January 17-18, 2020")
    assert (e.kind, e.date, e.end_date) == ("date_range", D(2020, 1, 17), D(2020, 1, 18))


def test_lowercase_may_is_not_a_month() -> None:
    assert spans("you may 5 times", language="en") == []


@pytest.mark.parametrize(
    ("text", "expected", "zone", "separator"),
    [
        ("10:00 AM WIB", T(10, 0), WIB, ":"),
        ("10am", T(10, 0), None, None),
        ("10.30 pm", T(22, 30), None, "."),
        ("12 pm", T(12, 0), None, None),
        ("12am", T(0, 0), None, None),
        ("7 p.m.", T(19, 0), None, None),
        ("10:30", T(10, 30), None, ":"),
        ("10:30:15", T(10, 30, 15), None, ":"),
    ],
)
def test_english_times(text: str, expected: dt.time, zone: ZoneInfo | None, separator: str | None) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind, e.time, e.tz, e.time_separator) == (
        0,
        len(text),
        "time",
        expected,
        zone,
        separator,
    )


def test_am_pm_on_the_end_of_a_range_applies_to_both() -> None:
    e = only("10-11am")
    assert (e.kind, e.time, e.end_time) == ("time_range", T(10, 0), T(11, 0))
    e = only("11-1pm")
    assert (e.time, e.end_time) == (T(11, 0), T(13, 0))


@pytest.mark.parametrize(
    ("text", "date", "end_date", "granularity", "part_of_day"),
    [
        ("today", D(2020, 1, 16), None, "day", None),
        ("tomorrow", D(2020, 1, 17), None, "day", None),
        ("tonight", D(2020, 1, 16), None, "day", "night"),
        ("yesterday", D(2020, 1, 15), None, "day", None),
        ("tomorrow morning", D(2020, 1, 17), None, "day", "morning"),
        ("the day after tomorrow", D(2020, 1, 18), None, "day", None),
        ("next week", D(2020, 1, 20), D(2020, 1, 26), "week", None),
        ("last month", D(2019, 12, 1), D(2019, 12, 31), "month", None),
        ("this Friday", D(2020, 1, 17), None, "day", None),
        ("next Monday", D(2020, 1, 20), None, "day", None),
        ("next Friday", D(2020, 1, 24), None, "day", None),
        ("last Friday", D(2020, 1, 10), None, "day", None),
        ("in 3 days", D(2020, 1, 19), None, "day", None),
        ("in two weeks", D(2020, 1, 30), None, "week", None),
        ("3 days ago", D(2020, 1, 13), None, "day", None),
        ("a week ago", D(2020, 1, 9), None, "week", None),
    ],
)
def test_english_relative(
    text: str,
    date: dt.date,
    end_date: dt.date | None,
    granularity: str,
    part_of_day: str | None,
) -> None:
    e = only(text, language="en")
    assert (e.start, e.end, e.kind, e.relative) == (0, len(text), "relative", True)
    assert (e.date, e.end_date, e.granularity, e.part_of_day) == (
        date,
        end_date,
        granularity,
        part_of_day,
    )


def test_weekday_names_inside_names_are_not_dates() -> None:
    assert spans("Black Friday sale and the Sunday Market", language="en") == []


# --- zones ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "zone_text"),
    [
        ("10:00 GMT+7", dt.timedelta(hours=7), "GMT+7"),
        ("10:00 UTC+08:00", dt.timedelta(hours=8), "UTC+08:00"),
        ("10:00 UTC", dt.timedelta(0), "UTC"),
        ("10:00 GMT-5", dt.timedelta(hours=-5), "GMT-5"),
        ("10.00 WITA", dt.timedelta(hours=8), "WITA"),
        ("10.00 WIT", dt.timedelta(hours=9), "WIT"),
    ],
)
def test_zones(text: str, offset: dt.timedelta, zone_text: str) -> None:
    e = only(text)
    assert e.zone_text == zone_text
    assert e.tz is not None
    assert e.tz.utcoffset(dt.datetime(2020, 1, 17)) == offset


def test_unwritten_zone_is_none() -> None:
    assert only("pukul 10.00").tz is None


def test_impossible_offset_is_not_a_zone() -> None:
    assert spans("10:00 UTC+15") == []


# --- numeric dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "year_explicit"),
    [
        ("17/01", D(2020, 1, 17), False),
        ("17/1/2022", D(2022, 1, 17), True),
        ("17-01-2020", D(2020, 1, 17), True),
        ("17.01.2020", D(2020, 1, 17), True),
        ("2020-01-17", D(2020, 1, 17), True),
        ("17/1/22", D(2022, 1, 17), True),
        ("17/1/99", D(1999, 1, 17), True),
        ("(31/3)", D(2020, 3, 31), False),
        ("(05/12)", D(2019, 12, 5), False),
    ],
)
def test_numeric_dates_are_day_month(text: str, date: dt.date, year_explicit: bool) -> None:
    e = only(text)
    assert (e.start, e.end, e.kind, e.date, e.year_explicit) == (
        0,
        len(text),
        "date",
        date,
        year_explicit,
    )


def test_year_is_the_one_nearest_the_publish_date() -> None:
    new_year = dt.datetime(2020, 1, 2, 9, 0, tzinfo=WIB)
    assert only("(31/12)", reference=new_year).date == D(2019, 12, 31)
    year_end = dt.datetime(2019, 12, 30, 9, 0, tzinfo=WIB)
    assert only("(2/1)", reference=year_end).date == D(2020, 1, 2)


def test_leap_day_without_year_takes_the_nearest_leap_year() -> None:
    later = dt.datetime(2021, 6, 1, tzinfo=WIB)
    assert only("(29/2)", reference=later).date == D(2020, 2, 29)


def test_unclosed_parenthesis_is_left_out_of_the_span() -> None:
    found = extract("di Jakarta 20/12)", reference=REF)
    assert [(e.text, e.date) for e in found] == [("20/12", D(2019, 12, 20))]


@pytest.mark.parametrize(
    "text",
    [
        "31/02",
        "(31/02)",
        "32/1",
        "(32/1)",
        "(17/13)",
        "31 Februari 2020",
        "29 Februari 2019",
        "pukul 25.00",
        "pukul 10.61 WIB",
        "25:00",
    ],
)
def test_invalid_dates_and_times_are_skipped(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Harga Rp 10.000 per kg",
        "Diikuti 10.000 orang",
        "naik 1.5 persen",
        "naik 10.50% dari tahun 2019",
        "tumbuh 5,25% yoy",
        "hubungi 0812-3456-7890",
        "call center 021-65301203",
        "versi 2.10 sudah dirilis",
        "Python 3.11",
        "3/4 peserta hadir",
        "diskon 1/2 harga",
        "layanan 24/7",
        "kode abc3/4def",
        "1. Mendag membuka acara",
        "4.10 produk unggulan",
        "Mulai 10.00 sampai selesai",
        "harga 10.00 dolar",
        "durasi 2 jam 10 menit",
        "Permendag No. 27/1/2018 berlaku",
        "lihat https://kemendag.go.id/berita/17-01-2020 ya",
        "cek kemendag.go.id/2020/01/17/info",
        "#17Agustus @user17/1",
        "skor 3:1 untuk tim tamu",
        "QS 2:152",
        "SNI8152:2015",
    ],
)
def test_numbers_that_are_not_dates_or_times(text: str) -> None:
    assert spans(text) == []


def test_bare_dotted_time_needs_a_cue_but_colon_time_does_not() -> None:
    assert spans("Mulai 10.00") == []
    assert spans("Mulai 10:30") == [(6, 11, "time")]
    assert spans("Mulai pukul 10.00") == [(6, 17, "time")]


@pytest.mark.parametrize(
    "text",
    [
        "Layanan setiap Senin",
        "Buka Senin-Jumat pukul 08.00-16.00",
        "every Monday",
        "usai salat Jumat",
        "selama empat tahun ini",
        "beberapa tahun lalu",
    ],
)
def test_schedules_and_durations_are_not_dates(text: str) -> None:
    assert [e for e in extract(text, reference=REF) if e.kind != "time_range"] == []


# --- dates with times --------------------------------------------------------------


def test_date_and_time_make_one_datetime() -> None:
    e = only("Jumat (17/01) pukul 10.00 WIB")
    assert (e.start, e.end, e.kind) == (0, 29, "datetime")
    assert (e.date, e.time, e.tz, e.weekday_stated) == (D(2020, 1, 17), T(10, 0), WIB, 4)
    assert e.start_datetime == dt.datetime(2020, 1, 17, 10, 0, tzinfo=WIB)
    assert e.relative is False


def test_relative_day_with_time_keeps_the_time() -> None:
    e = only("besok pukul 08.00")
    assert (e.kind, e.date, e.time, e.relative, e.tz) == (
        "datetime",
        D(2020, 1, 17),
        T(8, 0),
        True,
        None,
    )
    assert e.start_datetime == dt.datetime(2020, 1, 17, 8, 0, tzinfo=WIB)


def test_time_before_day() -> None:
    e = only("10am tomorrow")
    assert (e.kind, e.date, e.time) == ("datetime", D(2020, 1, 17), T(10, 0))


def test_datetime_with_time_range_has_an_end() -> None:
    e = only("17 Januari 2020, pukul 08.00-10.30 WITA")
    assert e.kind == "datetime"
    assert e.start_datetime == dt.datetime(2020, 1, 17, 8, 0, tzinfo=WITA)
    assert e.end_datetime == dt.datetime(2020, 1, 17, 10, 30, tzinfo=WITA)


def test_reference_zone_is_used_when_none_is_written() -> None:
    makassar = dt.datetime(2020, 1, 16, 9, 0, tzinfo=WITA)
    e = only("17 Januari 2020 pukul 10.00", reference=makassar)
    assert e.tz is None
    assert e.start_datetime == dt.datetime(2020, 1, 17, 10, 0, tzinfo=WITA)


def test_words_between_date_and_time_are_limited() -> None:
    text = "Kamis (16/1) Mendag membuka pameran, pukul 10.00 WIB"
    assert [e.kind for e in extract(text, reference=REF)] == ["date", "time"]


def test_time_in_two_zones_gives_two_times() -> None:
    found = extract("pukul 19.00 WIB/20.00 WITA", reference=REF)
    assert [(e.text, e.time, e.tz) for e in found] == [
        ("pukul 19.00 WIB", T(19, 0), WIB),
        ("20.00 WITA", T(20, 0), WITA),
    ]


def test_weekday_with_part_of_day_before_a_date() -> None:
    e = only("Jumat malam, 10 November 2017")
    assert (e.kind, e.date, e.weekday_stated, e.part_of_day) == ("date", D(2017, 11, 10), 4, "night")


def test_weekday_part_of_day_and_ini_with_a_time() -> None:
    e = only("Kamis sore ini 15.30 WIB")
    assert (e.kind, e.date, e.time, e.weekday_stated, e.relative) == (
        "datetime",
        D(2020, 1, 16),
        T(15, 30),
        3,
        True,
    )


def test_counted_nights_are_not_tonight() -> None:
    assert spans("Paket wisata 3 hari 2 malam ini murah") == []
    assert only("mlm ini").part_of_day == "night"


def test_a_year_before_a_relative_word_is_not_a_count() -> None:
    assert [e.text for e in extract("dalam IPOC 2014 pagi ini", reference=REF)] == ["pagi ini"]
    assert [e.text for e in extract("Expo 2016 minggu lalu di Lagos", reference=REF)] == ["minggu lalu"]


@pytest.mark.parametrize(
    ("text", "expression", "kind"),
    [
        ("di Jakarta (24/6)pic.twitter.com/m0cW", "(24/6)", "date"),
        ("pada 8-9 Novpic.twitter.com/6QCt", "8-9 Nov", "date_range"),
        ("pukul 10.00-21.00 wibpic.twitter.com/Xy7Q", "pukul 10.00-21.00 wib", "time_range"),
    ],
)
def test_link_glued_to_the_last_word_by_tweet_exports(text: str, expression: str, kind: str) -> None:
    found = extract(text, reference=REF)
    assert [(e.text, e.kind) for e in found] == [(expression, kind)]


# --- spelling --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fix", "date"),
    [
        ("7 Pebruari 2020", "Februari", D(2020, 2, 7)),
        ("10 Nopember 2019", "November", D(2019, 11, 10)),
        ("10 NOPEMBER 2019", "NOVEMBER", D(2019, 11, 10)),
        ("17 Nop 2019", "Nov", D(2019, 11, 17)),
        ("Jum'at (17/01)", "Jumat", D(2020, 1, 17)),
        ("Jum\u2019at (17/01)", "Jumat", D(2020, 1, 17)),
        ("Jumat (17/01)", None, D(2020, 1, 17)),
    ],
)
def test_spelling_fix_on_expressions(text: str, fix: str | None, date: dt.date) -> None:
    e = only(text)
    assert (e.spelling_fix, e.date) == (fix, date)


def test_nonstandard_weekday_still_states_the_weekday() -> None:
    assert only("Jum'at (17/01)").weekday_stated == 4


def test_nonstandard_spellings_finds_whole_words_and_keeps_case() -> None:
    text = "Ramadhan, DZULHIJJAH, pebruari, Jum\u2019at, Rabiul Awal dan Syawwal"
    assert nonstandard_spellings(text) == [
        (0, 8, "Ramadhan", "Ramadan"),
        (10, 20, "DZULHIJJAH", "ZULHIJAH"),
        (22, 30, "pebruari", "februari"),
        (32, 38, "Jum\u2019at", "Jumat"),
        (40, 51, "Rabiul Awal", "Rabiulawal"),
        (56, 63, "Syawwal", "Syawal"),
    ]


def test_standard_spellings_are_not_flagged() -> None:
    text = "Februari November Jumat Ramadan Syawal Zulhijah Rabiulawal Nopembers"
    assert nonstandard_spellings(text) == []


def test_spelling_table_is_consistent() -> None:
    from postcheck.text import dates_lexicon as lex

    for variant, fix in lex.SPELLING_FIXES_ID.items():
        assert variant == variant.lower()
        assert fix.lower() not in lex.SPELLING_FIXES_ID, f"{fix} is itself listed as non-standard"
        assert variant != fix.lower()
    standard = [*lex.MONTHS_ID, *lex.WEEKDAYS_ID]
    assert not set(standard) & set(lex.SPELLING_FIXES_ID)
    assert nonstandard_spellings(" ".join(standard)) == []


# --- API contract -------------------------------------------------------------------


def test_language_restricts_the_lexicon() -> None:
    assert spans("besok", language="en") == []
    assert spans("tomorrow", language="id") == []
    assert spans("17 January 2020", language="id") == []
    assert spans("17 Januari 2020", language="en") == []
    assert spans("17/01/2020", language="en") == [(0, 10, "date")]


def test_naive_reference_is_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        extract("besok", reference=dt.datetime(2020, 1, 16, 9, 0))


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="language"):
        extract("besok", reference=REF, language="fr")


def test_text_without_dates_gives_nothing() -> None:
    assert extract("Selamat pagi, Sobat! Yuk simak infonya.", reference=REF) == []
    assert extract("", reference=REF) == []


def test_expression_is_frozen() -> None:
    e = only("besok")
    with pytest.raises(AttributeError):
        e.start = 3  # type: ignore[misc]


def test_results_are_sorted_and_do_not_overlap() -> None:
    text = "Hari ini (18/1) jam 14.00, besok 19 Jan pukul 10.00 WIB, lusa (20/1)."
    found = extract(text, reference=REF)
    assert [e.text for e in found] == [
        "Hari ini",
        "(18/1) jam 14.00",
        "besok",
        "19 Jan pukul 10.00 WIB",
        "lusa",
        "(20/1)",
    ]
    assert [e.kind for e in found] == [
        "relative",
        "datetime",
        "relative",
        "datetime",
        "relative",
        "date",
    ]


_PIECES = st.sampled_from(
    ["Jumat", "(17/01)", "pukul", "10.00", "WIB", "besok", "minggu", "depan", "17", "Januari",
     "2020", "-", "\u2013", "s.d.", ":", "30", "Rp", "/", "1.", "am", " ", " ", ", ", "(", ")"]
)  # fmt: skip


@settings(derandomize=True, database=None, max_examples=300)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_any_text_gives_sorted_exact_slices(text: str) -> None:
    found = extract(text, reference=REF)
    for e in found:
        assert e.text == text[e.start : e.end]
        assert e.kind in ("date", "time", "datetime", "date_range", "time_range", "relative")
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start
