from .helpers import FIXTURES, JAKARTA, read_all, utc

JSONL = FIXTURES / "generic" / "posts.jsonl"


def test_reads_lines_and_reports_broken_ones():
    records, problems = read_all(JSONL, time_column="time")
    assert [r.record_id for r in records] == ["1", "j2", "j7"]
    first = records[0]
    assert first.locator == "posts.jsonl:line 1"
    assert first.publish_at.tzinfo is JAKARTA
    assert first.platform == "x" and first.language == "id"
    assert records[1].publish_at == utc(2026, 1, 20, 9, 0)  # epoch seconds
    assert records[2].text == "Baris terakhir 😊"
    assert [p.locator for p in problems] == [
        "posts.jsonl:line 4",
        "posts.jsonl:line 5",
        "posts.jsonl:line 6",
        "posts.jsonl:line 7",
    ]


def test_custom_text_key_and_no_time_column():
    records, _ = read_all(JSONL, text_column="body")
    assert [r.text for r in records] == ["Tanpa kolom text."]
    assert records[0].publish_at is None


def test_a_json_array_file_reads_too(tmp_path):
    path = tmp_path / "posts.json"
    path.write_text('[{"text": "satu"}, 5, {"text": "dua"}]', encoding="utf-8")
    records, problems = read_all(path, source_format="jsonl")
    assert [r.text for r in records] == ["satu", "dua"]
    assert [p.locator for p in problems] == ["posts.json:element 2"]
