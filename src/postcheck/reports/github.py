"""``--format github``: GitHub Actions workflow commands, one line per finding.

Why: the runner turns ``::error file=…,line=…::message`` lines on standard
output into annotations on the pull request's changed lines, with no upload
step and no token.

Format facts (GitHub's "Workflow commands for GitHub Actions" page and the
``@actions/core`` toolkit): ``::error``, ``::warning`` and ``::notice`` take
the properties ``file``, ``line``, ``col``, ``endLine``, ``endColumn`` and
``title``; in the message ``%``, CR and LF are written ``%25``, ``%0D`` and
``%0A``, and in property values ``:`` and ``,`` also become ``%3A`` and
``%2C``. Columns may only be given when the annotation starts and ends on the
same line, so a finding spanning lines is annotated by lines alone, as is a
finding about a whole line. Columns are postcheck's (code points, end
exclusive). A post that is not a file (``<stdin>``, an export record) has no
``file``: its locator starts the message. Problems are ``::error`` lines on
their file (and line, when known). Nothing else is printed: the summary goes
to the terminal or the step summary elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results import Finding, LintReport, Problem
from ..ruleset import Rule

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: LintReport, *, rules: Sequence[Rule], ui_language: str = "en", tool_version: str) -> str:
    """One workflow command per finding, then one per problem; empty when there are none."""
    lines: list[str] = []
    for result in report.results:
        path = _file_path(result.path)
        for f in result.findings:
            message = f.message if path is not None else f"{result.locator}:{f.line}:{f.column}: {f.message}"
            lines.append(_command(COMMANDS[f.severity], _properties(path, f), message))
    for problem in report.problems:
        lines.append(_problem(problem))
    return "".join(line + "\n" for line in lines)


def _properties(path: str | None, f: Finding) -> list[tuple[str, str]]:
    props: list[tuple[str, str]] = []
    if path is not None:
        props.append(("file", path))
        props.append(("line", str(f.line)))
        whole_line = f.end_line == f.line and f.end_column == f.column == 1
        if f.end_line == f.line and not whole_line:
            props.append(("col", str(f.column)))
        props.append(("endLine", str(f.end_line)))
        if f.end_line == f.line and not whole_line:
            props.append(("endColumn", str(f.end_column)))
    title = f.rule if not f.platform else f"{f.rule} ({f.platform})"
    props.append(("title", title))
    return props


def _problem(problem: Problem) -> str:
    path = _file_path(problem.path)
    if path is None:
        return _command("error", [("title", "postcheck")], f"{problem.path}: {problem.message}")
    props = [("file", path)]
    if problem.line is not None:
        props.append(("line", str(problem.line)))
    props.append(("title", "postcheck"))
    return _command("error", props, problem.message)


def _command(name: str, props: list[tuple[str, str]], message: str) -> str:
    head = f"::{name}"
    if props:
        head += " " + ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"{head}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,`` (which delimit properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file_path(path: str | None) -> str | None:
    """``path`` with forward slashes when it names a file; None for ``<stdin>`` and the like."""
    if not path or (path.startswith("<") and path.endswith(">")):
        return None
    return path.replace("\\", "/")
