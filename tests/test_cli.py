"""The command line as a user runs it: reports, JSON, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED, shared_file

EXAMPLES = ROOT / "examples"


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    import postcheck

    result = cli(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"postcheck {postcheck.__version__}"


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "postcheck", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.startswith("postcheck ")


def test_the_command_and_main_give_the_same_output(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``postcheck`` (cli.entry, which freezes the heap before the process ends) prints what main() prints."""
    draft = EXAMPLES / "drafts" / "en" / "01-clinic-opening.md"
    env = {**os.environ, "NO_COLOR": "1", "POSTCHECK_UI_LANGUAGE": "en"}
    for args in (["lint", str(draft)], ["lint", "-f", "json", str(draft)], ["lint", str(tmp_path / "nope.md")]):
        proc = subprocess.run(
            [sys.executable, "-c", "from postcheck.cli import entry; entry()", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        result = cli(args)
        assert (proc.returncode, proc.stdout, proc.stderr) == (result.exit_code, result.stdout, result.stderr)


def test_main_in_process_leaves_the_collector_alone(cli) -> None:  # type: ignore[no-untyped-def]
    import gc

    frozen = gc.get_freeze_count()
    cli(["lint", str(EXAMPLES / "drafts" / "en" / "01-clinic-opening.md")])
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_lint_examples_text(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["lint", str(EXAMPLES)])
    assert result.exit_code == 1  # some examples fail on purpose
    assert "safety/sara-hostility-id" in result.stdout
    assert "10 posts" in result.stdout or "10 unggahan" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR / not a terminal


def test_exit_zero(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(["lint", "--exit-zero", str(EXAMPLES)]).exit_code == 0


def test_good_example_passes(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["lint", str(EXAMPLES / "drafts" / "id" / "01-vaksinasi-anak.md")])
    assert result.exit_code == 0, result.stdout


def test_json_shape(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["lint", "--format", "json", str(EXAMPLES / "drafts" / "id" / "05-ejaan-dan-waktu.md")])
    data = json.loads(result.stdout)
    assert set(data) == {"version", "schema", "results", "problems", "summary"}
    [post] = data["results"]
    assert set(post) >= {"path", "locator", "language", "platform", "scores", "passed", "findings"}
    assert set(post["scores"]) == {"overall", "interactivity", "authenticity", "timeliness", "relevance", "quality", "safety"}
    finding = next(f for f in post["findings"] if f["rule"] == "quality/spelling-id")
    assert set(finding) >= {"rule", "category", "severity", "message", "line", "column", "end_line", "end_column", "match", "fix"}
    assert (finding["line"], finding["column"], finding["match"], finding["fix"]) == (5, 1, "Silahkan", "Silakan")
    assert post["publish_source"] == "front matter"
    assert result.exit_code == 1


def test_json_is_deterministic(cli) -> None:  # type: ignore[no-untyped-def]
    args = ["lint", "--format", "json", "--publish-at", "2026-01-01T09:00+07:00", str(EXAMPLES)]
    assert cli(args).stdout == cli(args).stdout


def test_seed_article_positions(cli) -> None:  # type: ignore[no-untyped-def]
    seed = shared_file("corpora", "seed", SEED.name)
    result = cli(["lint", "--format", "json", "--publish-at", "2020-01-16T09:00+07:00", str(seed)])
    post = json.loads(result.stdout)["results"][0]
    lines = seed.read_text(encoding="utf-8").split("\n")
    for f in post["findings"]:
        if f["end_line"] == f["line"] and f["match"] and len(f["match"]) < 60:
            line = lines[f["line"] - 1]
            assert line[f["column"] - 1 : f["end_column"] - 1] == f["match"], f
    hoax = next(f for f in post["findings"] if f["rule"] == "quality/spelling-id")
    assert (hoax["line"], hoax["column"], hoax["match"]) == (10, 83, "hoax")


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda d: d / "missing.md", "no such file or folder"),
        (lambda d: _write(d / "bin.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"), "binary file"),
        (lambda d: _write(d / "fm.md", b"---\nplatform: [x\n---\nHalo\n"), "invalid YAML"),
        (lambda d: _write(d / "utf.md", b"Halo \xff\xfe dunia\n"), "not valid UTF-8"),
    ],
)
def test_input_errors_exit_2_one_line(cli, tmp_path: Path, setup, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = setup(tmp_path)
    result = cli(["lint", str(path)])
    assert result.exit_code == 2
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_rule_file_with_unknown_key_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "house.yaml"
    rules.write_text(
        "- id: house/x\n  kind: existence\n  category: quality\n  severity: info\n  message: m\n  tokens: [a]\n  colour: red\n"
    )
    draft = tmp_path / "d.md"
    draft.write_text("halo\n")
    result = cli(["lint", "--rules", str(rules), str(draft)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"postcheck: {rules}:7: rule 'house/x': unknown key 'colour'")


def test_bad_config_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "postcheck.yaml").write_text("languag: id\n")
    (tmp_path / "d.md").write_text("halo\n")
    result = cli(["lint", str(tmp_path / "d.md")])
    assert result.exit_code == 2
    assert "postcheck.yaml:1: 'languag': unknown key" in result.stderr


def test_broken_file_in_a_batch_does_not_stop_the_rest(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text("Silahkan datang ke kantor kami hari Senin.\n")
    (tmp_path / "b.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.txt").write_text("Terima kasih atas partisipasinya.\n")
    result = cli(["lint", "--format", "json", str(tmp_path)])
    data = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in data["results"]] == ["a.md", "c.txt"]
    assert [Path(p["path"]).name for p in data["problems"]] == ["b.md"]
    assert result.exit_code == 2
    assert "b.md: binary file" in result.stderr


def test_stdin(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["lint", "--format", "json", "-"], stdin="---\nlang: id\n---\nSilahkan masuk.\n")
    post = json.loads(result.stdout)["results"][0]
    assert post["path"] == "<stdin>"
    assert [f["line"] for f in post["findings"] if f["rule"] == "quality/spelling-id"] == [4]


def test_bad_option_value_exits_2(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["lint", "--format", "xml", "x.md"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_publish_at_bad_value(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "d.md").write_text("halo\n")
    result = cli(["lint", "--publish-at", "kemarin sore", str(tmp_path / "d.md")])
    assert result.exit_code == 2
    assert "--publish-at" in result.stderr


def test_rules_list_and_explain(cli) -> None:  # type: ignore[no-untyped-def]
    listing = cli(["rules"])
    assert listing.exit_code == 0
    assert "authenticity/spread-demand" in listing.stdout
    assert listing.stdout.strip().splitlines()[-1].endswith("rules")
    explained = cli(["rules", "explain", "authenticity/spread-demand"])
    assert explained.exit_code == 0
    for section in ("What it checks", "Why it matters", "Examples that fail", "Examples that pass", "Options"):
        assert f"## {section}" in explained.stdout
    assert "Source: Kompas.com, 20 Aug 2019" in explained.stdout
    assert cli(["rules", "explain", "nope/none"]).exit_code == 2


def test_explain_shows_no_raw_message_fields() -> None:
    """A message's fields are filled per finding; the documentation shows '…' in their place."""
    from postcheck.config import Config
    from postcheck.engine import engine_for
    from postcheck.ruledoc import explain

    for ui in ("en", "id"):
        for rule in engine_for(Config(), ()).rules:
            what = explain(rule, ui)["what_it_checks"]
            assert "{" not in what.replace("{{", "") and "}" not in what.replace("}}", ""), (rule.id, what)
    spread = next(r for r in engine_for(Config(), ()).rules if r.id == "authenticity/spread-demand")
    assert explain(spread)["what_it_checks"].startswith('A demand to spread ("…")')


def test_rules_test_on_own_pack(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "- id: house/no-kami\n  kind: existence\n  category: quality\n  severity: info\n  message: 'Hindari {match}'\n"
        "  tokens: [kami]\n  examples:\n    bad: ['Kami hadir']\n    good: ['Saya hadir', 'Kami juga']\n"
    )
    result = cli(["rules", "test", str(pack)])
    assert result.exit_code == 1
    assert "should stay silent on 'Kami juga' but fired" in result.stdout
    assert "1 passed, 1 failed" in result.stdout or "2 passed, 1 failed" in result.stdout


def test_no_traceback_on_internal_error(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import postcheck.api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(postcheck.api, "lint_paths", boom)
    monkeypatch.delenv("POSTCHECK_DEBUG", raising=False)
    result = cli(["lint", str(tmp_path)])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_subprocess_one_line_error(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "postcheck", "lint", str(tmp_path / "nope.md")], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") <= 2
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_draft_not_checked_is_named_on_standard_error(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.md").write_text("---\nplatform: [x\n---\nHalo\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("Halo warga, silakan daftar.\n", encoding="utf-8")
    result = cli(["lint", "--format", fmt, str(tmp_path)])
    assert result.exit_code == 2
    assert f"postcheck: {tmp_path / 'bad.md'}:3: invalid YAML" in result.stderr
    assert "ok.md" in result.stdout  # the other draft is still checked and reported
