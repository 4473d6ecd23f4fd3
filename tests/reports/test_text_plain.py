"""The text report written without rich is byte for byte what rich prints when it adds nothing."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcheck.api import lint_paths
from postcheck.reports import text as text_report
from postcheck.results import Finding, LintReport, PostResult, Problem

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCORES = {"overall": 71.25, "interactivity": 99.0, "authenticity": 100.0, "timeliness": 73.4, "relevance": 100.0,
          "quality": 90.0, "safety": 100.0}  # fmt: skip


class _Pipe(io.StringIO):
    """Standard output redirected to a file or a pipe: not a terminal, UTF-8."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return False


def _rich(report: LintReport, ui: str) -> str:
    """What rich prints for the report on a stream that is not a terminal (the way it did before the plain path)."""
    stream = _Pipe()
    text_report.render(report, text_report.console_for(stream), ui)
    return stream.getvalue()


def _written(report: LintReport, ui: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, bool]:
    """What ``write`` puts on standard output, and whether it took the plain path."""
    stream = _Pipe()
    monkeypatch.setattr("sys.stdout", stream)
    plain = text_report._plain_is_exact(text_report._prints(report, text_report._LABELS[ui]), stream)
    text_report.write(report, ui)
    return stream.getvalue(), plain


@pytest.fixture(autouse=True)
def _no_forced_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("ui", ["en", "id"])
def test_the_examples_written_plain_equal_rich(ui: str, monkeypatch: pytest.MonkeyPatch) -> None:
    report = lint_paths([str(EXAMPLES)], suggest_thread=True)
    assert len(report.results) >= 10 and any(r.findings for r in report.results)
    written, plain = _written(report, ui, monkeypatch)
    assert plain
    assert written == _rich(report, ui)


def _finding(rng: random.Random, *, message: str, match: str, fix: str | None) -> Finding:
    severity = rng.choice(["error", "warning", "info"])
    return Finding(
        rule=rng.choice(["quality/spelling-id", "safety/x-y", "timeliness/time-colon"]),
        category=rng.choice(["quality", "safety", "timeliness"]),
        severity=severity,
        message=message,
        line=rng.randint(1, 300),
        column=rng.randint(1, 90),
        end_line=1,
        end_column=2,
        match=match,
        fix=fix,
    )


# Characters rich might treat specially, and a few it does not.
_CHARS = list("ab [] /#@:x\\é🙂\u200b\u0301中\ufe0f-\u00a0«»*_`\t\n\r\x1b\u202e()=,.")
ALPHABET = st.sampled_from([*_CHARS, "[bold]", ":smile:", "[/]", "\\["])
TEXT = st.lists(ALPHABET, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    locator=TEXT,
    platform=st.none() | TEXT,
    message=TEXT,
    match=TEXT,
    fix=st.none() | TEXT,
    reasons=st.lists(TEXT, max_size=2),
    thread=st.none() | st.lists(TEXT, min_size=1, max_size=2),
    problem=st.none() | TEXT,
    seed=st.integers(0, 10_000),
    ui=st.sampled_from(["en", "id"]),
)
def test_generated_reports_written_plain_equal_rich(
    locator: str,
    platform: str | None,
    message: str,
    match: str,
    fix: str | None,
    reasons: list[str],
    thread: list[str] | None,
    problem: str | None,
    seed: int,
    ui: str,
) -> None:
    """Whatever the drafts, rules and platforms hold: the plain path where it is exact, rich otherwise."""
    rng = random.Random(seed)
    findings = [_finding(rng, message=message, match=match, fix=fix) for _ in range(rng.randint(0, 3))]
    result = PostResult(
        path=locator,
        locator=locator,
        language="id",
        language_detected=False,
        platform=platform,
        publish_at=None,
        publish_source=rng.choice(["now", "front matter"]),
        findings=findings,
        scores=SCORES,
        passed=not reasons,
        reasons=reasons,
        thread=thread,
    )
    report = LintReport(results=[result] * rng.randint(1, 2), problems=[Problem(locator, problem, 3)] if problem else [])
    with pytest.MonkeyPatch.context() as monkeypatch:
        written, _ = _written(report, ui, monkeypatch)
    assert written == _rich(report, ui)


def test_text_rich_would_change_goes_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backslash or an emoji code in a draft's path: rich's output, whatever it makes of them."""
    for locator in ("drafts\\a.md", "drafts/:fire:.md"):
        report = LintReport(
            results=[PostResult(locator, locator, "en", False, None, None, "front matter", [], SCORES, True)]
        )
        written, plain = _written(report, "en", monkeypatch)
        assert not plain
        assert written == _rich(report, "en")


@pytest.mark.parametrize(("name", "value"), [("FORCE_COLOR", "1"), ("TTY_COMPATIBLE", "1"), ("FORCE_COLOR", "")])
def test_forced_colour_goes_through_rich(name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, value)
    report = LintReport(results=[PostResult("a.md", "a.md", "en", False, "x", None, "now", [], SCORES, True)])
    written, plain = _written(report, "en", monkeypatch)
    assert not plain
    assert written == _rich(report, "en")


def test_a_terminal_or_another_encoding_goes_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(_Pipe):
        def isatty(self) -> bool:
            return True

    class Latin1(_Pipe):
        encoding = "latin-1"

    prints = text_report._prints(LintReport(results=[]), text_report._LABELS["en"])
    assert text_report._plain_is_exact(prints, _Pipe())
    assert not text_report._plain_is_exact(prints, Terminal())
    assert not text_report._plain_is_exact(prints, Latin1())


def test_the_plain_path_imports_no_rich(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from postcheck.cli import main\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')), file=sys.stderr)"
    )
    draft = EXAMPLES / "drafts" / "en" / "01-clinic-opening.md"
    proc = subprocess.run(
        [sys.executable, "-c", code, "lint", str(draft)], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.stdout.endswith("mean score 100.0\n")
    assert proc.stderr.strip().splitlines()[-1] == "[]"
