"""``--format rdjson``: reviewdog's Diagnostic Format (rdjson), for ``reviewdog -f=rdjson``.

Why: reviewdog posts findings as review comments on GitHub, GitLab, Gitea or
Gerrit — and turns fixes into suggested changes — filtered to the lines a
change touched.

Format facts, from the reviewdog repository (``proto/rdf/reviewdog.proto``
and ``proto/rdf/jsonschema/DiagnosticResult.json``, vendored in
``tests/reports/schemas``): ``{"source": {"name", "url"}, "severity",
"diagnostics": [{"message", "location": {"path", "range": {"start": {"line",
"column"}, "end": …}}, "severity": "ERROR"|"WARNING"|"INFO", "code": {"value",
"url"}, "suggestions": [{"range", "text"}]}]}``. Lines and columns are 1-based
and the end is exclusive, like postcheck's — but a column is a **UTF-8 byte**
count (``'a𐐀b'``: ``b`` is at column 6), where postcheck counts code points.
Columns are therefore converted using the line's text from the post's source;
when the source is not at hand, the range gives lines only (reviewdog then
reads it as whole lines) rather than columns in the wrong unit. A finding
about a whole line also gives lines only.

Suggestions are the fixes ``postcheck fix`` would apply
(:func:`postcheck.fixer.choose_edits`), each as its minimal replacement. A
post that is not a file (``<stdin>``, an export record) has no location; its
locator starts the message. Inputs that could not be checked are ERROR
diagnostics on their file. The top-level ``severity`` is the worst one
present. ``source.url`` and ``code.url`` are given only when a real address
is known (a rule's ``link``), see :data:`postcheck.reports.sarif.INFORMATION_URI`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..fixer import choose_edits
from ..post import Post
from ..results import Finding, LintReport, PostResult, Problem
from ..ruleset import Rule
from .sarif import INFORMATION_URI

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_RANK = {"ERROR": 3, "WARNING": 2, "INFO": 1}


def render(report: LintReport, *, rules: Sequence[Rule], ui_language: str = "en", tool_version: str) -> str:
    """The report as one rdjson document."""
    links = {r.id: r.link for r in rules if r.link}
    diagnostics: list[dict[str, Any]] = []
    for result in report.results:
        lines = _Lines(result.post)
        path = _file_path(result.path)
        for f in result.findings:
            diagnostics.append(_diagnostic(result, path, f, lines, links))
    for problem in report.problems:
        diagnostics.append(_problem(problem))
    source: dict[str, str] = {"name": "postcheck"}
    if INFORMATION_URI:
        source["url"] = INFORMATION_URI
    doc: dict[str, Any] = {"source": source}
    if diagnostics:
        doc["severity"] = max((d["severity"] for d in diagnostics), key=_RANK.__getitem__)
    doc["diagnostics"] = diagnostics
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _diagnostic(result: PostResult, path: str | None, f: Finding, lines: _Lines, links: dict[str, str]) -> dict[str, Any]:
    message = f.message if not f.platform else f"{f.message} [{f.platform}]"
    d: dict[str, Any] = {}
    if path is None:
        d["message"] = f"{result.locator}:{f.line}:{f.column}: {message}"
    else:
        d["message"] = message
        d["location"] = {"path": path, "range": _range(f, lines)}
    d["severity"] = SEVERITIES[f.severity]
    code: dict[str, str] = {"value": f.rule}
    if f.rule in links:
        code["url"] = links[f.rule]
    d["code"] = code
    suggestion = _suggestion(result.post, f, lines) if path is not None else None
    if suggestion is not None:
        d["suggestions"] = [suggestion]
    return d


def _range(f: Finding, lines: _Lines) -> dict[str, Any]:
    whole_line = f.end_line == f.line and f.end_column == f.column == 1
    start, end = lines.byte_column(f.line, f.column), lines.byte_column(f.end_line, f.end_column)
    if whole_line or start is None or end is None:
        return {"start": {"line": f.line}, "end": {"line": f.end_line}}
    return {"start": {"line": f.line, "column": start}, "end": {"line": f.end_line, "column": end}}


def _suggestion(post: Post | None, f: Finding, lines: _Lines) -> dict[str, Any] | None:
    if f.fix is None or post is None:
        return None
    edits, _ = choose_edits([f], post)
    if not edits:
        return None
    edit = edits[0]
    (line, start), (end_line, end) = lines.at_offset(edit.source_start), lines.at_offset(edit.source_end)
    return {
        "range": {"start": {"line": line, "column": start}, "end": {"line": end_line, "column": end}},
        "text": edit.replacement,
    }


def _problem(problem: Problem) -> dict[str, Any]:
    path = _file_path(problem.path)
    if path is None:
        return {"message": f"{problem.path}: {problem.message}", "severity": "ERROR"}
    location: dict[str, Any] = {"path": path}
    if problem.line is not None:
        location["range"] = {"start": {"line": problem.line}}
    return {"message": problem.message, "location": location, "severity": "ERROR"}


class _Lines:
    """The lines of a post's source, for converting code-point columns to UTF-8 byte columns."""

    def __init__(self, post: Post | None) -> None:
        self.source = post.source if post is not None else None
        self.lines = self.source.split("\n") if self.source is not None else None

    def byte_column(self, line: int, column: int) -> int | None:
        """The UTF-8 byte column of code-point ``column`` on ``line``; None when the line is unknown."""
        if self.lines is None or not 1 <= line <= len(self.lines):
            return None
        return len(self.lines[line - 1][: column - 1].encode("utf-8")) + 1

    def at_offset(self, offset: int) -> tuple[int, int]:
        """1-based line and UTF-8 byte column of a code-point offset into the source."""
        assert self.source is not None
        line_start = self.source.rfind("\n", 0, offset) + 1
        return self.source.count("\n", 0, offset) + 1, len(self.source[line_start:offset].encode("utf-8")) + 1


def _file_path(path: str | None) -> str | None:
    """``path`` with forward slashes when it names a file; None for ``<stdin>`` and the like."""
    if not path or (path.startswith("<") and path.endswith(">")):
        return None
    return path.replace("\\", "/")
