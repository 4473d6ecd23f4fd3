from datetime import timedelta

from .helpers import FIXTURES, JAKARTA, read_all, utc

GENERIC = FIXTURES / "generic" / "posts.csv"


def test_named_columns_bom_embedded_newlines_and_zones():
    records, problems = read_all(GENERIC, text_column="isi", time_column="waktu")
    assert [r.record_id for r in records] == ["g1", "g2", "g3", "g6"]
    first = records[0]
    assert first.text == 'Baris pertama.\nBaris kedua dengan "kutipan".'
    assert first.publish_at.tzinfo is JAKARTA and first.publish_at.hour == 9
    assert first.platform == "instagram" and first.locator == "posts.csv:row 2"
    assert records[1].publish_at.utcoffset() == timedelta(hours=8)
    assert records[2].publish_at is None and records[2].platform is None
    assert records[3].publish_at == utc(2026, 1, 21, 7, 8, 9, 123456)
    assert [p.locator for p in problems] == ["posts.csv:row 5", "posts.csv:row 6"]


def test_missing_text_column_is_one_problem():
    records, problems = read_all(GENERIC)
    assert records == []
    assert len(problems) == 1 and "no column 'text'" in problems[0].message


def test_semicolon_separated_spreadsheet_export():
    records, problems = read_all(FIXTURES / "generic_semicolon", time_column="publish_at")
    assert problems == []
    assert [r.text for r in records] == [
        "Rapat koordinasi; semua OPD hadir.",
        "Apel pagi di halaman kantor bupati.",
    ]
    assert records[1].publish_at.utcoffset() == timedelta(hours=7)
