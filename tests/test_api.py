"""The Python API the CLI is built on."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path

import pytest

import postcheck
from postcheck.reports import json as json_report
from postcheck.results import TextResult


def test_check_text_returns_findings_and_scores() -> None:
    result = postcheck.check_text("SEBARKAN sebelum dihapus!!", language="id")
    assert isinstance(result, TextResult)
    rules = [f.rule for f in result.findings]
    assert "authenticity/spread-demand" in rules
    assert result.scores["authenticity"] < 100
    assert set(result.scores) == {"overall", "interactivity", "authenticity", "timeliness", "relevance", "quality", "safety"}


def test_check_text_per_platform() -> None:
    result = postcheck.check_text("Halo warga, layanan dibuka.", platform="x,instagram", language="id")
    assert [r.platform for r in result.results] == ["x", "instagram"]


def test_publish_time_sources() -> None:
    declared = postcheck.check_text("---\npublish_at: 2020-01-17 10:00\n---\nHalo", language="id")
    assert declared.results[0].publish_source == "front matter"
    assert declared.results[0].publish_at.isoformat() == "2020-01-17T10:00:00+07:00"
    option = postcheck.check_text("Halo", publish_at=datetime(2020, 1, 17, 10, 0), language="id")
    assert option.results[0].publish_source == "option"
    default = postcheck.check_text("Halo", language="id")
    assert default.results[0].publish_source == "now"


def test_language_detection_skipped_when_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    import postcheck.post

    def fail(words: list[str]) -> str:
        raise AssertionError("language detection ran although the language was declared")

    monkeypatch.setattr(postcheck.post, "detect_language", fail)
    assert postcheck.check_text("Halo semua", language="en").results[0].language == "en"
    assert postcheck.check_text("---\nlang: id\n---\nHalo semua").results[0].language == "id"
    assert postcheck.check_text("Halo semua", config={"language": "id"}).results[0].language == "id"


def test_detected_language() -> None:
    assert postcheck.check_text("Pemerintah akan membuka pendaftaran untuk program beasiswa.").results[0].language == "id"
    assert postcheck.check_text("The ministry will open applications for the scholarship today.").results[0].language == "en"


def test_lint_paths_reports_problems(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("Terima kasih.\n")
    report = postcheck.lint_paths([tmp_path / "ok.md", tmp_path / "missing.md"])
    assert len(report.results) == 1
    assert [p.message for p in report.problems] == ["no such file or folder"]


def test_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "arsip").mkdir()
    (tmp_path / "arsip" / "old.md").write_text("lama\n")
    (tmp_path / "new.md").write_text("baru\n")
    report = postcheck.lint_paths([tmp_path], exclude=["arsip/*"])
    assert [Path(r.path).name for r in report.results] == ["new.md"]


def test_runs_with_the_network_disabled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    english = "The clinic opens on Monday. Please book your visit online and bring your card. " * 3
    result = postcheck.check_text(english, language="en", config={"rules": {"quality/long-sentence": "info"}})
    post = result.results[0].post
    assert post is not None and post.readability > 0
    undetermined = postcheck.check_text("Sampai jumpa di acara kami minggu ini, teman-teman semua ya")
    assert undetermined.results[0].language in ("id", "ms", "und")


def test_reports_that_do_not_need_posts_are_the_same_without_them() -> None:
    """lint drops ``result.post`` for every format outside NEEDS_POSTS: those must not read it."""
    from postcheck.api import lint_paths
    from postcheck.reports import FORMATS, NEEDS_POSTS, render

    drafts = Path(__file__).resolve().parent.parent / "examples" / "drafts"
    when = "2026-12-01T09:00:00+07:00"  # "now" would differ between the two runs
    kept = lint_paths([drafts], jobs=1, publish_at=when)
    dropped = lint_paths([drafts], jobs=1, keep_posts=False, publish_at=when)
    assert all(r.post is None for r in dropped.results) and all(r.post is not None for r in kept.results)
    assert any(f.fix for r in kept.results for f in r.findings)  # the examples exercise fixes
    for name in FORMATS:
        with_posts, without = render(name, kept), render(name, dropped)
        if name in NEEDS_POSTS:
            assert with_posts != without, f"{name} is listed as needing posts but does not read them"
        else:
            assert with_posts == without, f"{name} reads posts: add it to NEEDS_POSTS"


def test_workers_return_the_same_results_without_posts(tmp_path: Path) -> None:
    from postcheck.api import lint_paths
    from postcheck.reports import render

    for i in range(6):
        (tmp_path / f"d{i}.md").write_text(f"Silahkan daftar disini ya!! nomor {i}\n", encoding="utf-8")
    when = "2026-12-01T09:00:00+07:00"
    serial = lint_paths([tmp_path], jobs=1, publish_at=when)
    parallel = lint_paths([tmp_path], jobs=2, keep_posts=False, publish_at=when)
    assert render("json", serial) == render("json", parallel)


def test_findings_survive_pickling_field_for_field() -> None:
    """Workers send findings back pickled (``Finding.__reduce__``): every field must come back."""
    import copy
    import dataclasses
    import pickle

    from postcheck.results import Finding

    values = {f.name: f"v{i}" if f.type == "str" else i + 1 for i, f in enumerate(dataclasses.fields(Finding))}
    finding = Finding(**values)  # type: ignore[arg-type]
    for again in (pickle.loads(pickle.dumps(finding, protocol=p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)):
        assert again == finding and type(again) is Finding
    assert copy.deepcopy(finding) == finding


def _mixed_tree(root: Path, drafts: int) -> None:
    """Drafts in two folders, with unreadable inputs between them (a folder named like a draft)."""
    for folder in ("a", "b"):
        (root / folder).mkdir()
        for i in range(drafts):
            (root / folder / f"d{i:03}.md").write_text(f"Silahkan daftar disini ya!! nomor {i}\n", encoding="utf-8")
    (root / "a" / "d005.md").write_bytes(b"\xff\xfe\x00broken")


def test_a_parallel_run_reports_in_the_order_of_a_serial_one(tmp_path: Path) -> None:
    """Planning is streamed into the workers: results and problems keep their places."""
    from postcheck.api import lint_paths
    from postcheck.reports import render
    from postcheck.reports.json import ResultLines

    _mixed_tree(tmp_path, 130)  # past PARALLEL_MIN_FILES, so the default run forks too
    missing = tmp_path / "gone.md"
    when = "2026-12-01T09:00:00+07:00"
    paths = [tmp_path / "a", missing, tmp_path / "b"]
    serial = lint_paths(paths, jobs=1, publish_at=when)
    lines = ResultLines()
    parallel = lint_paths(paths, keep_posts=False, publish_at=when, on_result=lines)
    assert len(serial.results) == 259 and [p.path for p in serial.problems] == [str(tmp_path / "a" / "d005.md"), str(missing)]
    assert render("json", serial) == render("json", parallel) == render("json", parallel, lines=lines)
    assert lines == [json_report.result_line(r) for r in serial.results]


def test_a_broken_configuration_met_while_workers_run_is_still_an_error(tmp_path: Path) -> None:
    from postcheck.api import lint_paths
    from postcheck.errors import PostcheckError

    _mixed_tree(tmp_path, 230)  # the first folder fills the planned head; the second is planned in the pool
    (tmp_path / "b" / "postcheck.yaml").write_text("fail_under: [\n", encoding="utf-8")
    with pytest.raises(PostcheckError, match=r"postcheck\.yaml"):
        lint_paths([tmp_path], jobs=2)


def test_importing_the_cli_does_not_import_pyyaml() -> None:
    """PyYAML (15 ms) loads only when a draft has front matter, a config or rule pack is read, or a
    platform profile is needed."""
    import subprocess
    import sys

    code = "import sys, postcheck.cli, postcheck.api, postcheck.drafts; print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


_DYING_WORKER = """
import os, sys
from pathlib import Path
import postcheck.api as api
import postcheck.audit.run as audit_run
from postcheck.errors import PostcheckError

def dying_lint(jobs):
    if any(job.path.endswith("d150.md") for job in jobs):
        os._exit(9)  # as the kernel's out-of-memory killer would end it
    return [api._lint_file(job) for job in jobs]

def dying_audit(batch):
    os._exit(9)

api._lint_batch = dying_lint
audit_run.check_batch = dying_audit
root = Path(sys.argv[1])
for run in (lambda: api.lint_paths([root], jobs=2), lambda: audit_run.audit(root / "posts.jsonl", jobs=2)):
    try:
        run()
    except PostcheckError as exc:
        print(type(exc).__name__, exc)
"""


def test_a_worker_that_dies_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """A worker killed mid-run (out of memory, a signal) ends the run with a one-line error."""
    import subprocess
    import sys

    for i in range(300):
        (tmp_path / f"d{i:03}.md").write_text(f"Rapat koordinasi nomor {i}.\n", encoding="utf-8")
    (tmp_path / "posts.jsonl").write_text('{"text": "Rapat koordinasi."}\n' * 50, encoding="utf-8")
    script = tmp_path / "dying.py"
    script.write_text(_DYING_WORKER, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=120)
    lines = out.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("WorkerDied a worker process stopped") for line in lines), out
