"""GitHub workflow commands: the documented line format and escaping."""

from __future__ import annotations

import re
from collections.abc import Callable

from postcheck.reports import github
from postcheck.results import Problem

from .conftest import VERSION, Run, finding, lint_report, post_result

# ::error file=…,line=…::message — property values and the message carry no raw CR, LF, and
# (in properties) no raw ":" or ",": those are what the runner splits on.
_PROP = r"[A-Za-z]+=[^,:\r\n]*"
_LINE = re.compile(rf"^::(?P<cmd>error|warning|notice)(?: (?P<props>{_PROP}(?:,{_PROP})*))?::(?P<msg>[^\r\n]*)$")
_KEYS = ("file", "line", "col", "endLine", "endColumn", "title")


def _unescape(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def _parse(text: str) -> list[tuple[str, dict[str, str], str]]:
    assert text.endswith("\n") or text == ""
    out = []
    for line in text.splitlines():
        m = _LINE.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(",")) if m["props"] else {}
        assert list(props) == [k for k in _KEYS if k in props], line  # documented order
        out.append((m["cmd"], {k: _unescape(v) for k, v in props.items()}, _unescape(m["msg"])))
    return out


def _render(report: object) -> str:
    return github.render(report, rules=[], tool_version=VERSION)  # type: ignore[arg-type]


def test_golden_run_lines(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    commands = _parse(_render(run.report))
    findings = [f for r in run.report.results for f in r.findings]
    assert len(commands) == len(findings) + len(run.report.problems)
    assert {c for c, _, _ in commands} == {"error", "warning", "notice"}
    weird = [p for _, p, _ in commands if p.get("file") == "drafts/diskon 50%, hari ini.txt"]
    assert weird and all(p["line"] == "1" for p in weird)
    stdin = [(p, m) for _, p, m in commands if m.startswith("<stdin>:")]
    assert stdin and all("file" not in p for p, _ in stdin)
    assert any(p.get("title") == "quality/spelling-id (x)" for _, p, _ in commands)
    assert commands[-1][0] == "error" and commands[-1][1]["file"] == "drafts/03-rusak.md" and commands[-1][1]["line"] == "3"


def test_escaping_of_properties_and_message() -> None:
    assert github.escape_data("50% off\r\nnow: a,b") == "50%25 off%0D%0Anow: a,b"
    assert github.escape_property("50% off\r\nnow: a,b") == "50%25 off%0D%0Anow%3A a%2Cb"
    f = finding(message="Line one\nline two: 100%, really", rule="quality/spelling-id", platform="x")
    text = _render(lint_report([post_result([f], path="posts/a,b: c%.md", platform="x")]))
    assert text == (
        "::warning file=posts/a%2Cb%3A c%25.md,line=1,col=1,endLine=1,endColumn=2,title=quality/spelling-id (x)"
        "::Line one%0Aline two: 100%25, really\n"
    )
    ((_, props, msg),) = _parse(text)
    assert props["file"] == "posts/a,b: c%.md" and msg == "Line one\nline two: 100%, really"


def test_columns_only_on_single_line_spans() -> None:
    findings = [
        finding(line=3, column=2, end_line=5, end_column=4, severity="error"),
        finding(line=7, column=1, end_line=7, end_column=1, severity="info"),
    ]
    lines = _render(lint_report([post_result(findings)])).splitlines()
    assert lines == [
        "::error file=drafts/a.md,line=3,endLine=5,title=quality/spelling-id::A message.",
        "::notice file=drafts/a.md,line=7,endLine=7,title=quality/spelling-id::A message.",
    ]


def test_problems_and_empty_report() -> None:
    report = lint_report(problems=[Problem("drafts/x.md", "binary file"), Problem("<stdin>", "not valid UTF-8", 2)])
    assert _render(report).splitlines() == [
        "::error file=drafts/x.md,title=postcheck::binary file",
        "::error title=postcheck::<stdin>: not valid UTF-8",
    ]
    assert _render(lint_report()) == ""


def test_windows_paths_use_forward_slashes() -> None:
    ((_, props, _),) = _parse(_render(lint_report([post_result([finding()], path="drafts\\a.md")])))
    assert props["file"] == "drafts/a.md"
