"""Fixtures of the report-format tests: a real lint run on small drafts, golden files, made-up results.

Golden files live in ``golden/``; after a deliberate change, regenerate them
with ``POSTCHECK_UPDATE_GOLDEN=1 python -m pytest tests/reports`` and review
the diff line by line before committing.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import postcheck
from postcheck.results import Finding, LintReport, PostResult, Problem
from postcheck.ruleset import CATEGORIES, Rule

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMAS = HERE / "schemas"
PUBLISH_AT = "2026-03-02T08:00:00+07:00"  # a Monday, 08:00 WIB
#: A fixed tool version, so that goldens do not change with each release.
VERSION = "0.0.0-test"

# The drafts of the golden run. Between them: a fix (spelling, time format), an error (weekday and
# date disagree), warnings and infos, a platform from front matter, emoji before a finding on the
# same line (code points, UTF-16 units and UTF-8 bytes all differ there), HTML, "&" and "|", a file
# name with a space, "%" and ",", a file that cannot be read (broken front matter) and standard input.
DRAFTS = {
    "drafts/01-imunisasi.md": (
        "---\n"
        "platform: x\n"
        "lang: id\n"
        "---\n"
        "🙏🏽 Silahkan daftar imunisasi anak di puskesmas terdekat & gratis | tanpa biaya!\n"
        "\n"
        "Jadwal: Rabu, 3 Maret 2026 pukul 08:00 WIB di <b>aula</b>. Info: kemkes.go.id\n"
    ),
    "drafts/diskon 50%, hari ini.txt": (
        "Hello everyone. The ministry will hold a free health check on Monday at the city hall for all "
        "residents. Come and bring your ID card, it is free.\n"
    ),
    "drafts/03-rusak.md": "---\nplatform: [x\n---\nBroken front matter\n",
}
STDIN = (
    "Free flu shots at the city health office on 10 March 2026, 08.00–12.00 WIB. "
    "Details: https://dinkes.example.go.id/flu 💉\n"
)


@dataclass
class Run:
    """A lint run and the rules to describe it with."""

    report: LintReport
    rules: list[Rule]
    root: Path


def write_drafts(root: Path, drafts: dict[str, str]) -> None:
    for name, text in drafts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def lint_in(root: Path, monkeypatch: pytest.MonkeyPatch, paths: Sequence[str], ui: str = "en", stdin: str | None = None) -> Run:
    """Lint ``paths`` from ``root`` (so that report paths are relative), with a fixed publish time."""
    monkeypatch.chdir(root)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    report = postcheck.lint_paths(list(paths), publish_at=PUBLISH_AT, config={"ui_language": ui})
    used = {f.rule for r in report.results for f in r.findings}
    # Only the rules that found something: the documentation of fifty rules would drown the goldens.
    rules = [r for r in report.rules if r.id in used]
    return Run(report, rules, root)


@pytest.fixture
def golden_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Run]:
    """``golden_run(ui)``: the lint run the goldens are made of."""

    def run(ui: str = "en") -> Run:
        write_drafts(tmp_path, DRAFTS)
        return lint_in(tmp_path, monkeypatch, ["drafts", "-"], ui=ui, stdin=STDIN)

    return run


@pytest.fixture
def lint_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """``lint_drafts({name: text}, ui="en")``: write drafts into a fresh folder and lint them."""

    def run(drafts: dict[str, str], ui: str = "en", paths: Sequence[str] | None = None) -> Run:
        write_drafts(tmp_path, drafts)
        return lint_in(tmp_path, monkeypatch, list(paths) if paths is not None else sorted(drafts), ui=ui)

    return run


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/<name>`` byte for byte (or rewrite it when regenerating)."""
    path = GOLDEN / name
    if os.environ.get("POSTCHECK_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"{path.name} is missing: run with POSTCHECK_UPDATE_GOLDEN=1 and review it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{path.name} differs: if the change is intended, regenerate with POSTCHECK_UPDATE_GOLDEN=1"


# -- made-up results, for cases a real run cannot easily produce ----------------------------------


def finding(**overrides: Any) -> Finding:
    values: dict[str, Any] = {
        "rule": "quality/spelling-id",
        "category": "quality",
        "severity": "warning",
        "message": "A message.",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 2,
        "match": "x",
    }
    values.update(overrides)
    return Finding(**values)


def post_result(
    findings: Sequence[Finding] = (),
    *,
    path: str | None = "drafts/a.md",
    locator: str | None = None,
    platform: str | None = None,
    passed: bool = True,
    reasons: Sequence[str] = (),
) -> PostResult:
    scores = {"overall": 80.0, **dict.fromkeys(CATEGORIES, 100.0)}
    return PostResult(
        path=path,
        locator=locator or path or "<text>",
        language="id",
        language_detected=False,
        platform=platform,
        publish_at=None,
        publish_source="now",
        findings=list(findings),
        scores=scores,
        passed=passed,
        reasons=list(reasons),
    )


def lint_report(results: Sequence[PostResult] = (), problems: Sequence[Problem] = ()) -> LintReport:
    return LintReport(results=list(results), problems=list(problems))
