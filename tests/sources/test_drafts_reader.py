from postcheck.sources import drafts

from .helpers import FIXTURES, read_all


def test_one_record_per_draft_file_with_relative_locators():
    records, problems = read_all(FIXTURES / "drafts")
    assert problems == []
    assert [r.locator for r in records] == ["2026-01-20-pengumuman.md", "catatan/kegiatan.txt"]
    assert records[0].text.startswith("---\nplatform: instagram\n")  # front matter left in
    assert records[1].text.endswith("Terbuka untuk umum.\r\n")  # line endings kept
    assert all(r.publish_at is None and r.platform is None for r in records)


def test_undecodable_and_oversized_drafts_are_problems(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbfDraf dengan BOM")
    (tmp_path / "b.txt").write_bytes(b"Rusak \xff di sini")
    (tmp_path / "c.md").write_bytes(b"x" * 100)
    monkeypatch.setattr(drafts, "MAX_DRAFT_BYTES", 50)
    records, problems = read_all(tmp_path)
    assert [r.text for r in records] == ["Draf dengan BOM"]
    assert [p.locator for p in problems] == ["b.txt", "c.md"]
    assert "UTF-8" in problems[0].message and "larger" in problems[1].message


def test_a_single_draft_file():
    records, _ = read_all(FIXTURES / "drafts" / "catatan" / "kegiatan.txt")
    assert [r.locator for r in records] == ["kegiatan.txt"]
