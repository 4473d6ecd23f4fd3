"""The bad-input matrix: every kind of broken or hostile file gives a one-line error or a reported problem.

Drafts go through ``postcheck lint`` (exit 2 and one ``postcheck:`` line naming the file and,
where there is one, the line), exports through ``postcheck audit`` (a whole source that cannot
be read: exit 2 and one line; one bad record of a batch: reported in the report's problems and
skipped while the rest is checked). Nothing may crash (exit 3), hang, or run code.
"""

from __future__ import annotations

import codecs
import json
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import postcheck
from postcheck.drafts import MAX_DRAFT_BYTES

from .helpers import error_lines, finding_at, lint_json, nested_zip_bytes, no_hang, the_error, write_zip

LINT = ["--format", "json", "--publish-at", "2026-02-20T09:00:00+07:00", "--language", "id"]
AUDIT = ["--jobs", "1", "--format", "json"]


def lint(cli, *paths: Path | str, extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return cli(["lint", *map(str, paths), *LINT, *extra])


def audit_json(cli, path: Path, *extra: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    result = cli(["audit", str(path), *AUDIT, *extra])
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return json.loads(result.stdout)


# -- drafts -------------------------------------------------------------------------------------

def test_an_empty_draft_is_checked_not_refused(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    report = lint_json(lint(cli, empty))
    assert report["problems"] == [] and len(report["results"]) == 1


def test_a_draft_of_only_front_matter_or_only_whitespace(cli, tmp_path: Path) -> None:
    (tmp_path / "fm.md").write_text("---\nlang: id\n---\n", encoding="utf-8")
    (tmp_path / "ws.md").write_text(" \n\t\r\n\u00a0\u3000\n", encoding="utf-8")
    report = lint_json(lint(cli, tmp_path))
    assert report["problems"] == [] and len(report["results"]) == 2


def test_a_binary_file_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    the_error(lint(cli, binary), str(binary), "binary file")


def test_invalid_utf8_is_refused_with_its_line(cli, tmp_path: Path) -> None:
    draft = tmp_path / "latin1.md"
    draft.write_bytes("Pengumuman\r\nJadwal imunisasi\r\nCaf\u00e9 sehat\r\n".encode("latin-1"))
    line = the_error(lint(cli, draft), f"{draft}:3:", "not valid UTF-8", "0xe9")
    assert "save the draft as UTF-8" in line


@pytest.mark.parametrize(("bom", "encoding"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                               (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_utf16_and_other_bom_drafts_are_read_with_the_right_positions(cli, tmp_path: Path, bom: bytes, encoding: str) -> None:
    draft = tmp_path / "bom.md"
    draft.write_bytes(bom + "---\nlang: id\n---\nHalo 👋🏽 semua.\n🇮🇩 Silahkan datang.\n".encode(encoding))
    report = lint_json(lint(cli, draft))
    assert report["problems"] == []
    # Line 5, after a flag (one grapheme of two code points) and a space: column 4.
    assert finding_at(report, "Silahkan") == (5, 4, 5, 12)


def test_utf16_without_a_bom_is_refused_not_guessed(cli, tmp_path: Path) -> None:
    draft = tmp_path / "nobom.md"
    draft.write_bytes("Silahkan datang".encode("utf-16-le"))
    the_error(lint(cli, draft), str(draft), "binary file")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_crlf_and_cr_line_endings_give_the_positions_editors_show(cli, tmp_path: Path, newline: str) -> None:
    lines = ["---", "lang: id", "---", "Halo semua.", "", "Kami buka.  Silahkan datang.", "Terima kasih."]
    if newline == "mixed":
        text = "---\r\nlang: id\r\n---\nHalo semua.\r\rKami buka.  Silahkan datang.\nTerima kasih.\r"
    else:
        text = newline.join(lines) + newline
    draft = tmp_path / "endings.md"
    draft.write_bytes(text.encode("utf-8"))
    report = lint_json(lint(cli, draft))
    assert finding_at(report, "Silahkan") == (6, 13, 6, 21)


def test_a_50_mb_draft_is_refused_by_the_size_limit_with_bounded_memory(cli, tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    line = ("Silahkan datang ke posyandu terdekat untuk imunisasi anak. " * 10 + "\n").encode()
    with huge.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert huge.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    try:
        report = postcheck.lint_paths([huge], config={"ui_language": "en"})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.message for p in report.problems] == ["larger than the 2 MiB limit for one draft"]
    assert peak < 4 * MAX_DRAFT_BYTES, f"peak {peak:,} bytes for a refused file"
    the_error(lint(cli, huge), str(huge), "2 MiB limit")


def test_a_50_mb_standard_input_is_refused_too(cli) -> None:
    data = b"Silahkan datang. " * (50 * 1024 * 1024 // 17)
    result = cli(["lint", "-", *LINT], stdin=data)
    the_error(result, "<stdin>", "2 MiB limit")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_draft_is_reported_and_the_others_checked(cli, tmp_path: Path) -> None:
    locked = tmp_path / "a-locked.md"
    locked.write_text("Silahkan datang.", encoding="utf-8")
    (tmp_path / "b-open.md").write_text("Silahkan datang.", encoding="utf-8")
    locked.chmod(0)
    try:
        result = lint(cli, tmp_path)
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"postcheck: {locked}: permission denied"]
    assert [r["path"] for r in json.loads(result.stdout)["results"]] == [str(tmp_path / "b-open.md")]


def test_a_permission_error_is_reported_even_when_running_as_root(cli, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above, with the refusal simulated, so that it also runs where the suite runs as root."""
    locked = tmp_path / "a-locked.md"
    locked.write_text("Silahkan datang.", encoding="utf-8")
    (tmp_path / "b-open.md").write_text("Silahkan datang.", encoding="utf-8")
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    result = lint(cli, tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"postcheck: {locked}: permission denied"]
    assert [r["path"] for r in json.loads(result.stdout)["results"]] == [str(tmp_path / "b-open.md")]


def test_symlink_loops_do_not_hang_lint_or_audit(cli, tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.md").write_text("Silahkan datang.", encoding="utf-8")
    (root / "b.md").write_text("Ayo imunisasi.", encoding="utf-8")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "up").symlink_to(root / "sub", target_is_directory=True)
    (root / "self.md").symlink_to(root / "self.md")  # a link to itself
    with no_hang():
        linted = lint(cli, root)
        audited = cli(["audit", str(root), *AUDIT])
    paths = sorted(r["path"] for r in json.loads(linted.stdout)["results"])
    assert paths == [str(root / "b.md"), str(root / "sub" / "a.md")]
    assert [line for line in error_lines(linted.stderr) if "self.md" in line], linted.stderr
    assert audited.exit_code == 0, audited.stderr
    assert json.loads(audited.stdout)["counts"]["posts"] == 2


@pytest.mark.parametrize("bomb", [
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
    "base: &base {lang: id}\nderived:\n  <<: *base\n",
])
def test_yaml_alias_bombs_in_front_matter_are_refused(cli, tmp_path: Path, bomb: str) -> None:
    draft = tmp_path / "bomb.md"
    draft.write_text(f"---\n{bomb}---\nHalo.\n", encoding="utf-8")
    the_error(lint(cli, draft), f"{draft}:", "aliases")


EXECUTING_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:pathlib.Path.touch ['{marker}']",
    "!!python/object/new:pathlib.Path ['{marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
]


@pytest.mark.parametrize("tag", EXECUTING_TAGS)
def test_yaml_tags_that_build_python_objects_are_refused_and_run_nothing(cli, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "EXECUTED"
    value = tag.format(marker=marker)
    draft = tmp_path / "tag.md"
    draft.write_text(f"---\nlang: id\nx: {value}\n---\nHalo.\n", encoding="utf-8")
    the_error(lint(cli, draft), f"{draft}:3:", "invalid YAML")
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"- id: house/x\n  kind: existence\n  tokens: {value}\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("Halo.\n", encoding="utf-8")
    the_error(lint(cli, tmp_path / "ok.md", extra=("--rules", str(rules))), f"{rules}:3:", "invalid YAML")
    config = tmp_path / "postcheck.yaml"
    config.write_text(f"language: {value}\n", encoding="utf-8")
    the_error(lint(cli, draft, extra=("--config", str(config))), f"{config}:1:", "invalid YAML")
    assert not marker.exists()


def test_a_huge_number_of_front_matter_keys_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    keys = "".join(f"k{i}: {i}\n" for i in range(100_000))
    draft = tmp_path / "keys.md"
    draft.write_text(f"---\nlang: id\n{keys}---\nSilahkan datang.\n", encoding="utf-8")
    assert draft.stat().st_size < MAX_DRAFT_BYTES
    with no_hang():
        the_error(lint(cli, draft), f"{draft}:2:", "front matter larger than 64 KiB")


def test_many_front_matter_keys_within_the_limit_are_read_with_their_lines(cli, tmp_path: Path) -> None:
    keys = "".join(f"k{i}: {i}\n" for i in range(3_000))
    draft = tmp_path / "keys.md"
    draft.write_text(f"---\nlang: id\n{keys}---\nSilahkan datang.\n", encoding="utf-8")
    report = lint_json(lint(cli, draft))
    assert report["problems"] == []
    assert finding_at(report, "Silahkan") == (3_004, 1, 3_004, 9)


@pytest.mark.parametrize("nesting", ["[" * 5000 + "]" * 5000, "{a: " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_flow_yaml_is_refused_in_one_line(cli, tmp_path: Path, nesting: str) -> None:
    draft = tmp_path / "deep.md"
    draft.write_text(f"---\nlang: id\nx: {nesting}\n---\nHalo.\n", encoding="utf-8")
    the_error(lint(cli, draft), f"{draft}:", "nested too deeply")


def test_deeply_nested_block_yaml_is_read_or_refused_never_a_crash(cli, tmp_path: Path) -> None:
    block = "".join(" " * i + "a:\n" for i in range(1000))
    draft = tmp_path / "deep.md"
    draft.write_text(f"---\n{block}---\nHalo.\n", encoding="utf-8")
    result = lint(cli, draft)
    if result.exit_code == 2:
        the_error(result, f"{draft}:")
    else:
        assert json.loads(result.stdout)["problems"] == []


def test_one_bad_draft_in_a_batch_is_reported_and_the_rest_are_checked(cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"ok \xff\xfe")
    (tmp_path / "b.md").write_text("---\nx: [unclosed\n---\nHalo.\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("Silahkan datang.", encoding="utf-8")
    result = lint(cli, tmp_path)
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert [line.split(":")[1].strip() for line in lines] == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    assert [r["path"] for r in json.loads(result.stdout)["results"]] == [str(tmp_path / "c.md")]


# -- exports ------------------------------------------------------------------------------------

def test_an_empty_export_file_is_reported_not_a_crash(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "tweets.js").write_bytes(b"")
    report = audit_json(cli, tmp_path)
    assert report["counts"]["posts"] == 0
    assert [p["locator"] for p in report["problems"]] == ["data/tweets.js"]


def test_a_truncated_json_export_keeps_the_records_before_the_cut(cli, tmp_path: Path) -> None:
    tweets = [{"tweet": {"id_str": str(i), "full_text": f"Posting ke-{i}", "created_at": "Thu Feb 26 19:50:10 +0000 2026"}}
              for i in range(1, 4)]
    text = "window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2)
    data = tmp_path / "data"
    data.mkdir()
    (data / "tweets.js").write_text(text[: text.index('"3"') + 1], encoding="utf-8")
    report = audit_json(cli, tmp_path)
    assert report["counts"]["posts"] == 2
    assert len(report["problems"]) == 1 and "truncated" in report["problems"][0]["message"]


def test_json_with_duplicate_keys_reads_the_last_value(cli, tmp_path: Path) -> None:
    export = tmp_path / "posts.jsonl"
    export.write_text('{"text": "pertama", "text": "Silahkan datang", "id": 1, "id": 2}\n{"text": "dua"}\n', encoding="utf-8")
    report = audit_json(cli, export)
    assert report["counts"]["posts"] == 2 and report["problems"] == []
    examples = [e for t in report["top_findings"] for e in t["examples"]]
    assert any("Silahkan" in json.dumps(e) for e in examples), report["top_findings"]


def test_a_csv_with_a_bom_and_embedded_newlines(cli, tmp_path: Path) -> None:
    export = tmp_path / "posts.csv"
    export.write_bytes(codecs.BOM_UTF8 + b'text,id\r\n"Baris satu\r\nSilahkan datang",a1\r\n"kedua, ""dikutip""",a2\r\n')
    result = cli(["audit", str(export), "--jobs", "1", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert rows == ["posts.csv:row 2", "posts.csv:row 3"]


def test_a_bad_record_in_a_batch_is_reported_and_skipped(cli, tmp_path: Path) -> None:
    export = tmp_path / "posts.jsonl"
    export.write_text('{"text": "satu"}\n{"text": 42}\n{broken\n[1, 2]\n{"text": "lima"}\n', encoding="utf-8")
    report = audit_json(cli, export)
    assert report["counts"]["posts"] == 2
    assert [p["locator"] for p in report["problems"]] == ["posts.jsonl:line 2", "posts.jsonl:line 3", "posts.jsonl:line 4"]
    assert all("\n" not in p["message"] for p in report["problems"])


def test_lone_surrogates_in_an_export_are_checked_and_printed(cli, tmp_path: Path) -> None:
    """JSON can carry half an emoji (\\ud83d); the post is checked and every report prints as UTF-8."""
    export = tmp_path / "posts.jsonl"
    export.write_text('{"text": "Silahkan datang \\ud83d", "id": "x\\udfff"}\n', encoding="utf-8")
    for fmt in ("json", "csv", "text"):
        result = cli(["audit", str(export), "--jobs", "1", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        result.stdout.encode("utf-8")
    assert audit_json(cli, export)["counts"]["posts"] == 1


@pytest.mark.parametrize("name", ["../../evil.jsonl", "/etc/evil.jsonl", "a/../../evil.jsonl", "C:/evil.jsonl", "..\\evil.jsonl"])
def test_a_zip_with_path_traversal_is_refused(cli, tmp_path: Path, name: str) -> None:
    archive = write_zip(tmp_path / "export.zip", {"posts.jsonl": b'{"text": "ok"}\n', name: b'{"text": "evil"}\n'})
    the_error(cli(["audit", str(archive), *AUDIT]), "export.zip", "path leaves the archive")
    assert not (tmp_path.parent / "evil.jsonl").exists()


def test_a_zip_bomb_is_refused_by_its_ratio(cli, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "bomb.zip", {"posts.jsonl": b"\n" * (64 * 1024 * 1024)})
    assert archive.stat().st_size < 1024 * 1024
    the_error(cli(["audit", str(archive), *AUDIT]), "bomb.zip", "zip bomb")


def test_a_nested_zip_is_refused(cli, tmp_path: Path) -> None:
    inner = nested_zip_bytes({"posts.jsonl": b'{"text": "ok"}\n'})
    archive = write_zip(tmp_path / "outer.zip", {"data/inner.zip": inner}, compression=zipfile.ZIP_STORED)
    the_error(cli(["audit", str(archive), *AUDIT]), "outer.zip", "nested zip")


def test_a_corrupt_zip_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04" + os.urandom(200))
    the_error(cli(["audit", str(archive), *AUDIT]), "broken.zip", "not a readable zip")


def test_a_refused_source_is_named_once(cli, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "export.zip", {"../evil.jsonl": b'{"text": "evil"}\n'})
    line = the_error(cli(["audit", str(archive), *AUDIT]), "path leaves the archive")
    assert line.count("export.zip") == 1, line


def test_a_file_name_with_a_newline_still_gives_one_line(cli, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "bad\n::error file=x.md::injected.md").write_bytes(b"ok \xff\n")
    result = lint(cli, folder)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert not any(line.startswith("::") for line in lines)


def test_ids_in_an_export_cannot_break_or_reorder_a_report_line(cli, tmp_path: Path) -> None:
    """A tweet id is printed in the locator: a newline or a bidi override in it is escaped."""
    data = tmp_path / "data"
    data.mkdir()
    when = "Thu Feb 26 19:50:10 +0000 2026"
    tweets = [{"tweet": {"id_str": "12\n::error file=x::injected", "created_at": when}},
              {"tweet": {"id_str": "7\u202eevil", "full_text": "Silahkan datang", "created_at": when}}]
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets), encoding="utf-8")
    result = cli(["audit", str(tmp_path), "--jobs", "1", "--format", "text"])
    assert result.exit_code == 0, result.stderr
    assert "\u202e" not in result.stdout and not any(line.startswith("::") for line in result.stdout.splitlines())
    report = audit_json(cli, tmp_path)
    assert [p["locator"] for p in report["problems"]] == ["data/tweets.js#12\\n::error file=x::injected"]
    assert report["worst_posts"][0]["locator"] == "data/tweets.js#7\\u202eevil"


TERMINAL_ESCAPES = "\x1b[2J\x1b]0;pwned\x07"  # clear the screen, set the window title


def test_audit_text_never_sends_terminal_escapes_from_posts(cli, tmp_path: Path) -> None:
    export = tmp_path / "posts.jsonl"
    export.write_text(json.dumps({"text": f"SEBARKAN sebelum dihapus {TERMINAL_ESCAPES} sekarang"}) + "\n", encoding="utf-8")
    result = cli(["audit", str(export), "--jobs", "1", "--format", "text"])
    assert result.exit_code == 0, result.stderr
    assert "SEBARKAN" in result.stdout
    assert "\x1b" not in result.stdout


def test_lint_text_never_sends_terminal_escapes_from_drafts(cli, tmp_path: Path) -> None:
    draft = tmp_path / "shout.md"
    draft.write_text(f"SEBARKAN SEBELUM DIHAPUS SEMUA WARGA {TERMINAL_ESCAPES} HEBOH SEKALI INI BERITA\n", encoding="utf-8")
    result = cli(["lint", str(draft), "--exit-zero", "--language", "id"])
    assert result.exit_code == 0, result.stderr
    assert "SEBARKAN" in result.stdout
    assert "\x1b" not in result.stdout


HOSTILE_NAME = "evil\n::error file=x.md::injected"


@pytest.mark.parametrize("where", ["front matter", "rule pack", "config"])
def test_a_duplicate_yaml_key_with_a_newline_gives_one_line(cli, tmp_path: Path, where: str) -> None:
    quoted = json.dumps(HOSTILE_NAME)
    draft = tmp_path / "d.md"
    draft.write_text("Halo.\n", encoding="utf-8")
    extra: tuple[str, ...] = ()
    if where == "front matter":
        draft.write_text(f"---\n{quoted}: 1\n{quoted}: 2\n---\nHalo.\n", encoding="utf-8")
    elif where == "rule pack":
        (tmp_path / "r.yaml").write_text(f"- {quoted}: 1\n  {quoted}: 2\n", encoding="utf-8")
        extra = ("--rules", str(tmp_path / "r.yaml"))
    else:
        (tmp_path / "c.yaml").write_text(f"{quoted}: 1\n{quoted}: 2\n", encoding="utf-8")
        extra = ("--config", str(tmp_path / "c.yaml"))
    line = the_error(lint(cli, draft, extra=extra), "duplicate key")
    assert "evil\\n::error" in line


@pytest.mark.parametrize("where", ["rule key", "rule id", "config key", "front matter platform"])
def test_quoted_keys_and_values_cannot_split_the_error_line(cli, tmp_path: Path, where: str) -> None:
    quoted = json.dumps(HOSTILE_NAME)
    draft = tmp_path / "d.md"
    draft.write_text("Halo.\n", encoding="utf-8")
    extra: tuple[str, ...] = ()
    if where == "rule key":
        (tmp_path / "r.yaml").write_text("- id: house/x\n  kind: existence\n  category: quality\n  severity: info\n"
                                         f"  message: x\n  tokens: [a]\n  {quoted}: 1\n", encoding="utf-8")
        extra = ("--rules", str(tmp_path / "r.yaml"))
    elif where == "rule id":
        (tmp_path / "r.yaml").write_text(f"- id: {quoted}\n", encoding="utf-8")
        extra = ("--rules", str(tmp_path / "r.yaml"))
    elif where == "config key":
        (tmp_path / "c.yaml").write_text(f"{quoted}: 1\n", encoding="utf-8")
        extra = ("--config", str(tmp_path / "c.yaml"))
    else:
        draft.write_text(f"---\nplatform: {quoted}\n---\nHalo.\n", encoding="utf-8")
    result = lint(cli, draft, extra=extra)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
