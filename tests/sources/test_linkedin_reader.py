import pytest

from postcheck.sources.linkedin import strip_stray_quotes

from .helpers import FIXTURES, read_all, shared_sample, utc


def test_stray_quotes_are_removed_and_typed_quotes_kept():
    records, _ = read_all(FIXTURES / "linkedin")
    first = records[0]
    assert first.text == (
        "Kabar baik dari Sukamaju.\n\n"
        '𝗔𝗣𝗔? Pelatihan "digital marketing" gratis untuk 200 pelaku UMKM.\n'
        "𝗞𝗔𝗣𝗔𝗡? 3–5 Februari 2026, pukul 09.00 WIB.\n\n"
        "Daftar sebelum kuota penuh: https://lnkd.in/eXaMpLe1"
    )
    assert first.links == ("https://umkm.sukamajukab.go.id/pelatihan-2026",)
    assert first.record_id == "urn:li:share:7400000000000000001"
    assert records[-1].text == 'Satu baris saja, dengan "kutipan" di tengah.'


def test_dates_are_utc_and_rows_numbered_like_a_spreadsheet():
    records, problems = read_all(FIXTURES / "linkedin")
    assert [r.locator for r in records] == ["Shares.csv:row 2", "Shares.csv:row 3", "Shares.csv:row 6"]
    assert records[0].publish_at == utc(2026, 1, 20, 3, 15, 42)
    assert records[1].media[0].uri == "https://media.licdn.com/dms/image/fixture/poster.png"
    assert records[1].record_id == "urn:li:ugcPost:7400000000000000002"
    assert [p.locator for p in problems] == ["Shares.csv:row 4", "Shares.csv:row 5"]
    assert "kemarin sore" in problems[0].message
    assert "3 fields" in problems[1].message


def test_strip_only_when_every_line_shows_the_pattern():
    assert strip_stray_quotes('a"\n""\n"b') == "a\n\nb"
    assert strip_stray_quotes('He said "hi"\nthen left') == 'He said "hi"\nthen left'
    assert strip_stray_quotes('"quoted"') == '"quoted"'


@pytest.mark.corpus
def test_shared_linkedin_sample():
    records, problems = read_all(shared_sample("linkedin_Shares.sample.csv"))
    assert problems == []
    assert [r.publish_at for r in records] == [
        utc(2025, 7, 1, 14, 33, 22),
        utc(2025, 7, 1, 8, 53, 45),
        utc(2025, 7, 1, 6, 46, 10),
    ]
    assert [r.record_id for r in records] == [
        "urn:li:share:7345821826846990338",
        "urn:li:share:7345736358277103616",
        "urn:li:share:7345704252889059331",
    ]
    first, second, third = records
    assert first.text.startswith("I'm off for a 10-day Vipassana meditation program.\n\n𝗪𝗛𝗔𝗧?")
    assert first.text.endswith("But I won't be replying.")
    assert second.text.startswith('If someone asked me, "What\'s changed this year in LLMs", here')
    assert '"smarter" outputs' in third.text
    for record in records:
        assert all(not (line.startswith('"') and line.endswith('"')) or len(line) < 2 for line in record.text.split("\n"))
        assert record.links == () and record.media == ()
    assert [r.text.count("\n") for r in records] == [8, 19, 33]
