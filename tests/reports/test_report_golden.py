"""Golden outputs: every format rendered from one real lint run, compared byte for byte.

Regenerate after a deliberate change with ``POSTCHECK_UPDATE_GOLDEN=1`` and
review each golden file by eye. The goldens hold the rules' messages as the
built-in packs word them, so a reworded message means regenerating them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import pytest

from postcheck.reports import github, junit, markdown, rdjson, sarif
from postcheck.ruledoc import explain_text

from .conftest import VERSION, Run, assert_golden

FORMATS: dict[str, tuple[ModuleType, str]] = {
    "sarif": (sarif, "report.sarif.json"),
    "github": (github, "report.github.txt"),
    "junit": (junit, "report.junit.xml"),
    "markdown": (markdown, "report.md"),
    "rdjson": (rdjson, "report.rdjson.json"),
}


def _stable_sarif(text: str, run: Run, ui: str) -> str:
    """The SARIF log with each rule's help replaced by a marker, once it is checked to be ``explain_text``.

    Rule documentation (word lists and all) changes with every edit of a rule pack; the golden
    is about the shape of the log, so it holds the marker instead.
    """
    log = json.loads(text)
    by_id = {r.id: r for r in run.rules}
    for descriptor in log["runs"][0]["tool"]["driver"]["rules"]:
        doc = explain_text(by_id[descriptor["id"]], ui)
        assert descriptor["help"] == {"text": doc, "markdown": doc}
        descriptor["help"] = {"text": f"<explain_text {descriptor['id']}>", "markdown": f"<explain_text {descriptor['id']}>"}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_golden_en(golden_run: Callable[[str], Run], name: str) -> None:
    run = golden_run("en")
    module, golden = FORMATS[name]
    text = module.render(run.report, rules=run.rules, ui_language="en", tool_version=VERSION)
    assert_golden(golden, _stable_sarif(text, run, "en") if name == "sarif" else text)


@pytest.mark.parametrize("name", ["markdown", "junit"])
def test_golden_id(golden_run: Callable[[str], Run], name: str) -> None:
    """Indonesian headings and labels (the messages come from the engine in the same language)."""
    run = golden_run("id")
    module, golden = FORMATS[name]
    text = module.render(run.report, rules=run.rules, ui_language="id", tool_version=VERSION)
    assert_golden(golden.replace("report.", "report.id.", 1), text)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rendering_is_pure(golden_run: Callable[[str], Run], name: str) -> None:
    """Same input, same output; rendering changes nothing in the report."""
    run = golden_run("en")
    module, _ = FORMATS[name]
    before = run.report.to_dict("x")
    first = module.render(run.report, rules=run.rules, ui_language="en", tool_version=VERSION)
    second = module.render(run.report, rules=list(reversed(run.rules)), ui_language="en", tool_version=VERSION)
    assert first == second
    assert run.report.to_dict("x") == before


def test_golden_run_covers_the_cases(golden_run: Callable[[str], Run]) -> None:
    """The drafts still produce what the goldens are meant to show (guards against rule changes)."""
    report = golden_run("en").report
    findings = [f for r in report.results for f in r.findings]
    assert {f.severity for f in findings} == {"error", "warning", "info"}
    assert any(f.fix is not None for f in findings)
    assert any(r.platform == "x" for r in report.results)
    assert any(not r.passed for r in report.results) and any(r.passed for r in report.results)
    assert any(r.path == "<stdin>" for r in report.results)
    assert [p.path for p in report.problems] == ["drafts/03-rusak.md"]
    emoji_line = next(f for f in findings if f.rule == "quality/spelling-id")
    assert (emoji_line.line, emoji_line.column, emoji_line.match) == (5, 4, "Silahkan")


@pytest.mark.parametrize("name", ["text", "json"])
def test_golden_text_and_json(golden_run: Callable[[str], Run], name: str) -> None:
    """The two formats for people and scripts, from the same run as the others."""
    from postcheck.reports import json as json_report
    from postcheck.reports.text import render_plain

    run = golden_run("en")
    if name == "json":
        data = json.loads(json_report.render(run.report))
        data["version"] = VERSION
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        assert_golden("report.json", text)
    else:
        assert_golden("report.txt", render_plain(run.report, "en"))


def test_json_report_is_the_documented_dict(golden_run: Callable[[str], Run]) -> None:
    """The streamed rendering equals LintReport.to_dict, key order included."""
    from postcheck import __version__
    from postcheck.reports import json as json_report

    run = golden_run("en")
    text = json_report.render(run.report)
    assert json.loads(text) == run.report.to_dict(__version__)
    assert list(json.loads(text)) == list(run.report.to_dict(__version__))
    assert all(line.startswith("    {") for line in text.splitlines() if '"locator"' in line)
