"""JUnit XML: parses, one testcase per post, counts, and XML-safe text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from postcheck.reports import junit
from postcheck.results import LintReport, Problem

from .conftest import VERSION, Run, finding, lint_report, post_result


def _parse(report: LintReport, ui: str = "en") -> ET.Element:
    text = junit.render(report, rules=[], ui_language=ui, tool_version=VERSION)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_golden_run_structure(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    root = _parse(run.report)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    posts = [c for c in cases if c.find("error") is None]
    assert len(posts) == len(run.report.results)  # one testcase per post
    assert [c.get("name") for c in posts] == ["drafts/01-imunisasi.md [x]", "drafts/diskon 50%, hari ini.txt", "<stdin>"]
    assert [c.get("classname") for c in posts] == ["drafts/01-imunisasi.md", "drafts/diskon 50%, hari ini.txt", "<stdin>"]
    for element in (root, suite):
        assert element.get("tests") == "4" and element.get("failures") == "1" and element.get("errors") == "1"
        assert element.get("skipped") == "0"
    failure = posts[0].find("failure")
    assert failure is not None and failure.get("message") == "error finding (score 62.4)"
    lines = (failure.text or "").splitlines()
    assert len(lines) == len(run.report.results[0].findings)
    assert "7:9 error timeliness/weekday-mismatch [x] Weekday and date disagree" in lines[-1]
    assert posts[1].find("failure") is None and "1:63 warning timeliness/relative-only" in (posts[1].findtext("system-out") or "")
    (problem,) = [c for c in cases if c.find("error") is not None]
    error = problem.find("error")
    assert error is not None and error.get("type") == "input-error"
    assert problem.get("name") == "drafts/03-rusak.md" and error.get("message", "").startswith("invalid YAML")


def test_escaping_and_characters_xml_cannot_hold() -> None:
    nasty = 'a < b & "c" \'d\' \x00\x07\x1b\x0b\ufffe 🙏🏽 é\ttab'
    f = finding(message=nasty, match=nasty, fix="<fix & go>")
    report = lint_report(
        [post_result([f], path='drafts/<odd> & "name".md', platform="x", passed=False, reasons=["error finding"])],
        problems=[Problem("drafts/bin\x01.md", "binary\x02file", 1)],
    )
    root = _parse(report)
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == 'drafts/<odd> & "name".md [x]'
    text = case.findtext("failure") or ""
    assert 'a < b & "c" \'d\' \\x00\\x07\\x1b\\x0b\\ufffe 🙏🏽 é\ttab' in text
    assert "→ <fix & go>" in text
    error = root.find("testsuite/testcase/error")
    assert error is not None and error.get("message") == "binary\\x02file"


def test_multiline_message_in_attribute_survives() -> None:
    f = finding(message="one\ntwo")
    root = _parse(lint_report([post_result([f], passed=False, reasons=["reason one\nreason two"])]))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message", "").startswith("reason one\nreason two")


def test_empty_report_and_indonesian_labels() -> None:
    root = _parse(lint_report())
    assert root.get("tests") == "0" and root.find("testsuite") is not None
    f = finding(severity="error")
    root = _parse(lint_report([post_result([f], passed=False, reasons=["error finding"])]), ui="id")
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "1:1 galat quality/spelling-id" in (failure.text or "")
    assert "(skor 80.0)" in failure.get("message", "")
