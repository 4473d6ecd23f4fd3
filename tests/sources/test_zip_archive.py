import zipfile
from pathlib import Path

import pytest

from postcheck.sources import SourceError, archive, read_source

from .helpers import FIXTURES, JAKARTA, read_all


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def test_a_zipped_x_archive_reads_the_same_as_the_folder(tmp_path):
    zipped = zip_folder(FIXTURES / "x", tmp_path / "twitter-2026-01-21.zip")
    assert read_all(zipped) == read_all(FIXTURES / "x")


def test_a_zip_with_a_top_folder_and_macos_debris(tmp_path):
    zipped = zip_folder(FIXTURES / "mastodon", tmp_path / "archive.zip", prefix="archive-2026/")
    with zipfile.ZipFile(zipped, "a") as zf:
        zf.writestr("__MACOSX/archive-2026/._outbox.json", b"\x00\x05\x16\x07junk")
    records, problems = read_all(zipped)
    assert problems[0].locator == "archive-2026/outbox.json:element 5"
    assert records[0].locator == "archive-2026/outbox.json#113000000000000001"


@pytest.mark.parametrize("name", ["../evil.js", "data/../../evil.js", "/etc/tweets.js", "C:/tweets.js"])
def test_entries_that_leave_the_archive_are_refused(tmp_path, name):
    target = tmp_path / "bad.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = []")
        zf.writestr(zipfile.ZipInfo(name), "x")
    with pytest.raises(SourceError, match="leaves the archive"):
        read_source(target, default_tz=JAKARTA)


def test_nested_zips_are_refused(tmp_path):
    inner = zip_folder(FIXTURES / "x", tmp_path / "inner.zip")
    target = tmp_path / "outer.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(inner, "export/inner.zip")
    with pytest.raises(SourceError, match="nested zip"):
        read_source(target, default_tz=JAKARTA)


def test_high_ratio_entries_are_refused(tmp_path):
    target = tmp_path / "bomb.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", b" " * (3 * 1024 * 1024))
    with pytest.raises(SourceError, match="zip bomb"):
        read_source(target, default_tz=JAKARTA)


def test_small_compressible_entries_are_fine(tmp_path):
    target = tmp_path / "small.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = [" + " " * 500_000 + "]")
    assert read_all(target) == ([], [])


def test_total_uncompressed_size_of_data_files_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_UNCOMPRESSED", 1000)
    target = tmp_path / "big.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("data/tweets_media/video.mp4", b"\x00" * 5000)  # media never counts
        zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = []")
    assert read_all(target) == ([], [])
    with zipfile.ZipFile(target, "a") as zf:
        zf.writestr("data/tweets-part1.js", "[" + " " * 2000 + "]")
    with pytest.raises(SourceError, match="more than 1,000 bytes"):
        read_source(target, default_tz=JAKARTA)


def test_a_corrupt_entry_is_a_problem_and_the_other_files_still_run(tmp_path):
    target = tmp_path / "corrupt.zip"
    good = (FIXTURES / "x/data/tweets-part1.js").read_bytes()
    payload = b'window.YTD.tweets.part0 = [{"tweet": {"full_text": "CORRUPTME"}}]'
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("data/tweets.js", payload)
        zf.writestr("data/tweets-part1.js", good)
    raw = target.read_bytes()
    target.write_bytes(raw.replace(b"CORRUPTME", b"CORRUPTED", 1))  # CRC no longer matches
    records, problems = read_all(target)
    assert [r.record_id for r in records] == ["1791234567890000007"]
    assert problems[0].locator == "data/tweets.js" and "CRC" in problems[0].message


def test_not_a_zip_and_missing_paths_raise_before_reading(tmp_path):
    fake = tmp_path / "export.zip"
    fake.write_text("not a zip")
    with pytest.raises(SourceError, match="not a readable zip"):
        read_source(fake, default_tz=JAKARTA)
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "missing", default_tz=JAKARTA)
