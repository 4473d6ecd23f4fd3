"""Reading draft files: decoding, limits, posts with exact locations, expanding paths."""

from __future__ import annotations

import codecs
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from postcheck import drafts
from postcheck.drafts import MAX_DRAFT_BYTES, build_post, decode, iter_draft_paths, read_bytes, read_draft
from postcheck.errors import InputError
from postcheck.post import Location

WIB = ZoneInfo("Asia/Jakarta")


# -- decode -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding", "bom"),
    [
        (b"halo\n", "halo\n", "utf-8", b""),
        (codecs.BOM_UTF8 + "héllo".encode(), "héllo", "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + "hé 👍".encode("utf-16-le"), "hé 👍", "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + "hé 👍".encode("utf-16-be"), "hé 👍", "utf-16-be", codecs.BOM_UTF16_BE),
        (codecs.BOM_UTF32_LE + "hé".encode("utf-32-le"), "hé", "utf-32-le", codecs.BOM_UTF32_LE),
        (b"", "", "utf-8", b""),
    ],
)
def test_decode_encodings(data: bytes, text: str, encoding: str, bom: bytes) -> None:
    decoded = decode(data, "d.md")
    assert (decoded.text, decoded.encoding, decoded.bom) == (text, encoding, bom)


@pytest.mark.parametrize(
    ("data", "text", "newline"),
    [
        (b"a\nb\n", "a\nb\n", "\n"),
        (b"a\r\nb\r\nc\n", "a\nb\nc\n", "\r\n"),
        (b"a\rb\rc", "a\nb\nc", "\r"),
        (b"a\r\n", "a\n", "\r\n"),
        (b"a\r\nb\nc\n", "a\nb\nc\n", "\n"),
        (b"a\r\r\nb", "a\n\nb", "\r"),  # one CR, one CRLF: CRLF must outnumber the others
    ],
)
def test_decode_normalises_newlines_and_records_the_dominant_one(data: bytes, text: str, newline: str) -> None:
    decoded = decode(data, "d.md")
    assert decoded.text == text
    assert decoded.newline == newline


def test_decode_utf16_crlf() -> None:
    decoded = decode(codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "d.md")
    assert (decoded.text, decoded.newline) == ("a\nb", "\r\n")


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"\xff", 1, "0xff"),
        (b"a\nb\n\xff c", 3, "0xff"),
        (b"a\n\nb\xc3(", 3, "0xc3"),
        (b"a\rb\r\xfe", 3, "0xfe"),  # old Mac line ends count as lines
        (b"a\r\nb\r\n\x80", 3, "0x80"),
        (codecs.BOM_UTF8 + b"ok\n\xff", 2, "0xff"),
    ],
)
def test_decode_invalid_utf8_names_the_line(data: bytes, line: int, byte: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "d.md")
    err = info.value
    assert err.line == line
    assert err.path == "d.md"
    assert err.message == f"not valid UTF-8 (byte {byte}); save the draft as UTF-8"


def test_decode_invalid_utf16_counts_lines_in_utf16() -> None:
    # U+0A0A holds a 0x0a byte that is not a line end; a lone low surrogate is invalid.
    data = codecs.BOM_UTF16_LE + "a\n\u0a0a\nb".encode("utf-16-le") + b"\x00\xdc"
    with pytest.raises(InputError) as info:
        decode(data, "d.md")
    assert info.value.line == 3
    assert info.value.message.startswith("not valid UTF-16-LE")


@pytest.mark.parametrize("data", [b"a\x00b", b"PK\x03\x04\x00\x00", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_decode_nul_bytes_are_binary(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "d.md")
    assert info.value.message == "binary file (contains NUL bytes), not a text draft"
    assert info.value.line is None


def test_decode_nul_after_the_first_8k_is_still_binary() -> None:
    with pytest.raises(InputError) as info:
        decode(b"a" * 9000 + b"\x00", "d.md")
    assert info.value.message == "binary file (contains NUL characters), not a text draft"


def test_decode_nul_character_in_utf16_is_binary() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "d.md")


# -- read_bytes ---------------------------------------------------------------------------------------


def test_read_bytes(tmp_path: Path) -> None:
    f = tmp_path / "d.md"
    f.write_bytes(b"isi")
    assert read_bytes(f) == b"isi"


def test_read_bytes_size_limit(tmp_path: Path) -> None:
    ok = tmp_path / "ok.md"
    ok.write_bytes(b"a" * MAX_DRAFT_BYTES)
    assert len(read_bytes(ok)) == MAX_DRAFT_BYTES
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (MAX_DRAFT_BYTES + 1))
    with pytest.raises(InputError) as info:
        read_bytes(big)
    assert info.value.message == "larger than the 2 MiB limit for one draft"
    assert info.value.path == str(big)


def test_read_bytes_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(tmp_path / "nope.md")
    assert info.value.message == "no such file"
    assert str(info.value) == f"{tmp_path / 'nope.md'}: no such file"
    with pytest.raises(InputError) as info:
        read_bytes(tmp_path)
    assert info.value.message == "is a folder, not a draft"


def test_read_bytes_permission_denied(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    f = tmp_path / "secret.md"
    f.write_bytes(b"x")
    f.chmod(0)
    try:
        with pytest.raises(InputError) as info:
            read_bytes(f)
        assert info.value.message == "permission denied"
    finally:
        f.chmod(0o644)


# -- build_post -----------------------------------------------------------------------------------------


SOURCE = (
    "---\n"
    "platform: x\n"
    "lang: id\n"
    "publish_at: 2020-01-17 10:00\n"
    "---\n"
    "# Judul\n"
    "\n"
    "Kami &amp; Anda **HEBOH** di [situs](https://a.id) #Tagar\n"
)


def test_build_post_locates_findings_in_the_file() -> None:
    post = build_post(SOURCE, path="d.md", default_tz=WIB)
    assert post.text == "Judul\n\nKami & Anda HEBOH di situs #Tagar"
    i = post.text.index("Judul")
    assert post.locate(i, i + 5) == Location(6, 3, 6, 8)
    i = post.text.index("HEBOH")  # after an entity on the same line: columns are file columns
    assert post.locate(i, i + 5) == Location(8, 19, 8, 24)
    i = post.text.index("&")
    assert post.locate(i, i + 1) == Location(8, 6, 8, 11)
    i = post.text.index("situs")
    assert post.locate(i, i + 5) == Location(8, 31, 8, 36)
    i = post.text.index("#Tagar")
    assert post.locate(i, i + 6) == Location(8, 52, 8, 58)
    lines = SOURCE.split("\n")
    assert lines[7][18:23] == "HEBOH"
    assert lines[7][51:57] == "#Tagar"
    assert lines[7][30:35] == "situs"


def test_build_post_metadata() -> None:
    post = build_post(SOURCE, path="d.md", default_tz=WIB)
    assert post.meta.platforms == ("x",)
    assert post.language_declared == "id"
    assert post.publish_at == datetime(2020, 1, 17, 10, 0, tzinfo=WIB)
    assert post.publish_source == "front matter"
    assert post.links == ["https://a.id"]
    assert post.locator == "d.md"
    assert post.path == "d.md"


def test_build_post_overrides_win() -> None:
    when = datetime(2021, 5, 1, 8, 0, tzinfo=WIB)
    post = build_post(SOURCE, path="d.md", default_tz=WIB, publish_at=when, language="en")
    assert post.publish_at == when
    assert post.publish_source == "option"
    assert post.language_declared == "en"


def test_build_post_without_time_uses_now_pinned_by_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1579230000")
    post = build_post("Halo", path=None, default_tz=WIB)
    assert post.publish_source == "now"
    assert post.publish_at == datetime(2020, 1, 17, 10, 0, tzinfo=WIB)
    assert post.locator == "<text>"


def test_build_post_markdown_images_become_media() -> None:
    post = build_post("Lihat ![Peta lokasi](peta.png) dan ![](x.jpg)", path="d.md", default_tz=WIB)
    assert [(m.uri, m.alt, m.kind) for m in post.media] == [("peta.png", "Peta lokasi", "image"), ("x.jpg", None, "image")]


def test_build_post_plain_text_keeps_markup() -> None:
    source = "---\nplatform: x\n---\nplain &amp; **text**"
    post = build_post(source, path="d.txt", default_tz=WIB, markdown=False)
    assert post.text == "plain &amp; **text**"
    assert post.locate(6, 11) == Location(4, 7, 4, 12)


def test_build_post_front_matter_error_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        build_post("---\nplatform: x\npublish_at: besok\n---\nisi", path="d.md", default_tz=WIB)
    assert info.value.line == 3
    assert str(info.value).startswith("d.md:3: front matter 'publish_at'")


def test_read_draft_crlf_file_locations(tmp_path: Path) -> None:
    f = tmp_path / "d.md"
    f.write_bytes(b"---\r\nlang: id\r\n---\r\nHalo &amp; **Sobat**\r\n")
    post = read_draft(f, default_tz=WIB)
    assert post.text == "Halo & Sobat"
    i = post.text.index("Sobat")
    assert post.locate(i, i + 5) == Location(4, 14, 4, 19)
    assert post.language_declared == "id"


def test_read_draft_txt_is_not_markdown(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text("**tebal** &amp;", encoding="utf-8")
    assert read_draft(f, default_tz=WIB).text == "**tebal** &amp;"


# -- iter_draft_paths -------------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ["a/x.md", "a/b/y.TXT", "a/z.markdown", "a/skip.rst", ".hidden/h.md", "c/draft.txt", "c/old.md", "top.md"]:
        p = tmp_path / "t" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("isi", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Path("t")


def listed(paths: list[str | Path], exclude: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    return [(str(p), problem) for p, problem in iter_draft_paths(paths, exclude)]


def test_iter_sorted_with_suffix_filter_and_hidden_folders_skipped(tree: Path) -> None:
    assert listed([tree]) == [
        ("t/top.md", None),
        ("t/a/x.md", None),
        ("t/a/z.markdown", None),
        ("t/a/b/y.TXT", None),
        ("t/c/draft.txt", None),
        ("t/c/old.md", None),
    ]


def test_iter_exclude_globs(tree: Path) -> None:
    assert listed([tree], exclude=("old.md", "t/a/b", "*.txt")) == [
        ("t/top.md", None),
        ("t/a/x.md", None),
        ("t/a/z.markdown", None),
    ]
    assert listed([tree], exclude=("a",)) == [("t/top.md", None), ("t/c/draft.txt", None), ("t/c/old.md", None)]


def test_iter_named_files_repeats_and_missing_paths(tree: Path) -> None:
    assert listed(["t/top.md", "missing.md", "./t/top.md", "t/a/skip.rst", "-", "t/a"]) == [
        ("t/top.md", None),
        ("missing.md", "no such file or folder"),
        ("t/a/skip.rst", None),  # a file named explicitly is read whatever its suffix
        ("-", None),
        ("t/a/x.md", None),
        ("t/a/z.markdown", None),
        ("t/a/b/y.TXT", None),
    ]


def test_iter_named_hidden_folder_is_walked(tree: Path) -> None:
    assert listed(["t/.hidden"]) == [("t/.hidden/h.md", None)]


def test_iter_symlink_loop_does_not_hang(tree: Path) -> None:
    try:
        os.symlink(os.path.abspath("t/a"), "t/a/loop", target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available")
    assert listed([tree]) == [
        ("t/top.md", None),
        ("t/a/x.md", None),
        ("t/a/z.markdown", None),
        ("t/a/b/y.TXT", None),
        ("t/c/draft.txt", None),
        ("t/c/old.md", None),
    ]


def test_iter_symlinked_file_is_listed(tree: Path) -> None:
    os.symlink(os.path.abspath("t/top.md"), "t/c/link.md")
    assert ("t/c/link.md", None) in listed([tree])
    assert drafts.DRAFT_SUFFIXES == (".md", ".markdown", ".txt")


def test_a_named_configuration_file_is_not_a_draft(tmp_path: Path) -> None:
    """``postcheck lint drafts/*`` names the folder's postcheck.yaml too: it is configuration, not a post."""
    from postcheck.drafts import iter_draft_paths

    (tmp_path / "postcheck.yaml").write_text("language: id\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Halo.\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("x: 1\n", encoding="utf-8")  # any other named file is checked as asked
    named = sorted(tmp_path.iterdir())
    assert [Path(p).name for p, _ in iter_draft_paths(named)] == ["a.md", "notes.yaml"]


def test_read_bytes_reads_a_pipe_to_the_limit(tmp_path: Path) -> None:
    """A FIFO reports no size: it is read on in chunks, and refused past the limit."""
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")

    def write(path: Path, size: int) -> None:
        try:
            with path.open("wb") as handle:
                handle.write(b"a" * size)
        except BrokenPipeError:  # the reader stopped at the limit
            pass

    for size, ok in ((200_000, True), (MAX_DRAFT_BYTES + 10, False)):
        fifo = tmp_path / f"pipe-{size}"
        os.mkfifo(fifo)
        writer = threading.Thread(target=write, args=(fifo, size), daemon=True)
        writer.start()
        if ok:
            assert len(read_bytes(fifo)) == size
        else:
            with pytest.raises(InputError):
                read_bytes(fifo)
        writer.join(timeout=10)
        assert not writer.is_alive()
