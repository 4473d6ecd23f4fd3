from datetime import timedelta

from postcheck.sources import detect_format

from .helpers import FIXTURES, read_all

META = FIXTURES / "meta"
NAME = "Jan-01-2026_Jan-31-2026_100200300.csv"


def test_reads_posts_with_month_first_times_in_the_default_zone():
    records, problems = read_all(META)
    post = records[0]
    assert post.text == "Pengumuman: Mal Pelayanan Publik buka Sabtu (31/1).\nJam layanan 08.00–12.00 WIB."
    assert post.locator == f"{NAME}:row 2"
    assert (post.publish_at.year, post.publish_at.month, post.publish_at.day) == (2026, 1, 28)
    assert post.publish_at.utcoffset() == timedelta(hours=7)
    assert post.record_id == "100200300_4001"
    assert post.account == "Diskominfo Sukamaju"
    assert post.platform == "facebook" and post.language == "id"
    assert [p.locator for p in problems] == [f"{NAME}:row 4"]


def test_shares_are_skipped_unless_asked_and_title_stands_in_for_text():
    records, _ = read_all(META)
    assert [r.record_id for r in records] == ["100200300_4001", "17900000000000004"]
    reel = records[1]
    assert reel.text == reel.title == "Reels: Festival Kuliner Sukamaju"
    assert reel.platform == "instagram" and reel.language is None
    with_shares, _ = read_all(META, include_reposts=True)
    assert [r.is_repost for r in with_shares] == [False, True, False]


def test_detected_by_its_columns():
    assert detect_format(META) == "meta-csv"
    assert detect_format(META / NAME) == "meta-csv"


def test_a_csv_without_the_meta_columns_is_one_problem(tmp_path):
    (tmp_path / "other.csv").write_text("text,time\nHalo,2026-01-01\n", encoding="utf-8")
    records, problems = read_all(tmp_path, source_format="meta-csv")
    assert records == []
    assert [p.locator for p in problems] == ["other.csv:row 1"]
    assert "'Post ID'" in problems[0].message
