"""postcheck in CI: thresholds, output files, baselines, changed files, init, pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import postcheck
from conftest import ROOT
from postcheck.initconfig import render as render_config

GOOD = "---\nlang: id\n---\nLayanan pengaduan dibuka setiap hari kerja. Informasi lengkap: kemkes.go.id/layanan\n"
BAD = "---\nlang: id\n---\nSilahkan datang ke kantor kami setiap hari kerja untuk layanan.\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "old.md").write_text(
        "---\nlang: id\n---\nPengumuman.\n\nSilahkan datang ke kantor kami setiap hari kerja.\n\nTerima kasih.\n"
    )
    (tmp_path / "drafts" / "good.md").write_text(GOOD)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "drafts")
    return tmp_path


def test_baseline_new_line_fails_unrelated_edit_does_not(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    # the rules are narrowed to one, so the edits below cannot trip another rule
    assert cli(["baseline", "drafts", "--select", "quality/spelling-id"]).exit_code == 0
    args = ["lint", "drafts", "--baseline", ".postcheck-baseline.json", "--fail-on", "warning", "--select", "quality/spelling-id"]
    assert cli(args).exit_code == 0
    old = repo / "drafts" / "old.md"
    # an unrelated edit above the finding moves it two lines down
    old.write_text(old.read_text().replace("Pengumuman.", "Pengumuman penting.\n\nBaca sampai habis."))
    assert cli(args).exit_code == 0
    # a new bad line is new, even with the same mistake
    old.write_text(old.read_text() + "\nSilahkan juga mampir ke loket dua.\n")
    result = cli([*args, "--format", "json"])
    assert result.exit_code == 1
    [post] = [r for r in json.loads(result.stdout)["results"] if r["path"].endswith("old.md")]
    assert [(f["rule"], f["match"], f["line"]) for f in post["findings"]] == [("quality/spelling-id", "Silahkan", 12)]
    assert json.loads(result.stdout)["summary"]["baselined"] >= 1


def test_bad_baseline_file(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "b.json").write_text("[1, 2]")
    result = cli(["lint", "drafts", "--baseline", "b.json"])
    assert result.exit_code == 2
    assert "not a postcheck baseline" in result.stderr


def test_changed_since(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "drafts" / "new.md").write_text(BAD)
    (repo / "drafts" / "good.md").write_text(GOOD + "\nTambahan.\n")
    result = cli(["lint", "drafts", "--changed-since", "HEAD", "--format", "json"])
    paths = sorted(Path(r["path"]).name for r in json.loads(result.stdout)["results"])
    assert paths == ["good.md", "new.md"]
    assert cli(["lint", "drafts", "--changed-since", "no-such-ref"]).exit_code == 2


def test_changed_since_outside_a_repository(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = cli(["lint", ".", "--changed-since", "HEAD"])
    assert result.exit_code == 2
    assert "--changed-since" in result.stderr


def test_format_auto_in_github_actions(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "d.md"
    draft.write_text(BAD)
    result = cli(["lint", "--format", "auto", str(draft)], env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::warning file=")
    plain = cli(["lint", "--format", "auto", str(draft)], env={"GITHUB_ACTIONS": "false"})
    assert "quality/spelling-id" in plain.stdout and "::" not in plain.stdout


def test_output_file_and_terminal_summary(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "d.md"
    draft.write_text(BAD)
    out = tmp_path / "reports" / "postcheck.json"
    result = cli(["lint", "--format", "json", "--output", str(out), str(draft)])
    assert json.loads(out.read_text())["summary"]["posts"] == 1
    assert "1 posts" in result.stdout and str(out) in result.stdout


def test_max_warnings(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "d.md"
    draft.write_text(BAD)
    assert cli(["lint", str(draft)]).exit_code == 0
    result = cli(["lint", "--max-warnings", "0", str(draft)])
    assert result.exit_code == 1
    assert "more than --max-warnings 0" in result.stderr
    assert cli(["lint", "--max-warnings", "0", "--exit-zero", str(draft)]).exit_code == 0


def test_fail_on_warning_and_never(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "d.md"
    draft.write_text(BAD)
    assert cli(["lint", "--fail-on", "warning", str(draft)]).exit_code == 1
    assert cli(["lint", "--fail-on", "never", "--fail-under", "99", str(draft)]).exit_code == 1
    assert cli(["lint", "--fail-on", "never", str(draft)]).exit_code == 0


def test_init_writes_a_valid_commented_config(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli(
        [
            "init",
            "--organization",
            "Kementerian Kesehatan",
            "--language",
            "id",
            "--platform",
            "x,instagram",
            "--keywords",
            "kesehatan,vaksin",
            "--domains",
            "kemkes.go.id",
            "--handles",
            "@kemenkes_ri",
        ]
    )
    assert result.exit_code == 0
    text = (tmp_path / "postcheck.yaml").read_text()
    assert text.startswith("# postcheck configuration")
    cfg = postcheck.api.resolve_config(tmp_path / "postcheck.yaml")
    assert cfg.profile.organization == "Kementerian Kesehatan"
    assert cfg.platforms == ("x", "instagram")
    assert cfg.profile.handles == ("kemenkes_ri",)
    again = cli(["init", "--language", "en"])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert cli(["init", "--language", "en", "--force"]).exit_code == 0


def test_init_rejects_bad_answers() -> None:
    with pytest.raises(postcheck.PostcheckError):
        render_config(language="id", platforms=["myspace"])


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or (shutil.which("pre-commit", path=str(Path(sys.executable).parent)))
    if pre_commit is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    (tmp_path / "ok.md").write_text(GOOD)
    (tmp_path / "bad.md").write_text("---\nlang: id\n---\nDasar monyet kalian semua.\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / ".cache"), "NO_COLOR": "1"}
    ok = subprocess.run(
        [pre_commit, "try-repo", str(ROOT), "postcheck", "--files", "ok.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(
        [pre_commit, "try-repo", str(ROOT), "postcheck", "--files", "bad.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 1
    assert "safety/insult-addressed-id" in bad.stdout


def test_fix_command_on_the_examples(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    examples = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", examples)
    before = {p: p.read_bytes() for p in examples.rglob("*") if p.is_file()}
    check = cli(["fix", "--diff", str(examples)])
    assert check.exit_code == 1 and "+Silakan datang" in check.stdout
    assert {p: p.read_bytes() for p in before} == before  # --diff writes nothing
    assert cli(["fix", str(examples)]).exit_code == 0
    fixed = (examples / "drafts" / "id" / "05-ejaan-dan-waktu.md").read_text()
    assert "Silakan datang ke posyandu di sini besok, Jumat 27 Februari, mulai 08.00 WIB." in fixed
    after_once = {p: p.read_bytes() for p in before}
    assert cli(["fix", "--diff", str(examples)]).exit_code == 0  # nothing left to fix
    assert cli(["fix", str(examples)]).exit_code == 0
    assert {p: p.read_bytes() for p in before} == after_once  # idempotent
