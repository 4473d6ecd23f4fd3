"""``--format json``: the documented, stable machine-readable shape.

``{"version", "schema", "results": [{"path", "locator", "language",
"language_detected", "platform", "publish_at", "publish_source", "scores",
"passed", "reasons", "findings": [{"rule", "category", "severity", "message",
"line", "column", "end_line", "end_column", "match", "fix", "platform",
"points"}]}], "problems": [...], "summary": {...}}`` — keys are sorted the
same way on every run and machine.

Layout: the top level is indented, and each result is written on one line.
That keeps a report readable and diffable per draft, and lets Python's C
encoder write the results, the bulk of a large report (the indenting encoder
is pure Python: 2.6 times slower on 2,000 results).
"""

from __future__ import annotations

import json

from .. import __version__
from ..results import JSON_SCHEMA_VERSION, LintReport, PostResult


class ResultLines(list[str]):
    """Each result's line of the report, written as the result arrives.

    Passed as ``on_result`` to :func:`postcheck.api.lint_paths`: a parallel run
    then writes its results while the workers are still checking, instead of
    all at the end.
    """

    def __call__(self, result: PostResult) -> None:
        self.append(result_line(result))


def result_line(result: PostResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def render(report: LintReport, lines: list[str] | None = None) -> str:
    """The report; ``lines``: its results already written (:class:`ResultLines`)."""
    if lines is None or len(lines) != len(report.results):
        lines = [result_line(result) for result in report.results]
    # The document of LintReport.to_dict, written result by result and joined once: a run of
    # 10,000 drafts never holds all result dicts, nor several copies of the text, at once (one
    # emoji makes every copy four bytes per character).
    pieces = ["{\n"]
    head = {"version": __version__, "schema": JSON_SCHEMA_VERSION}
    for key, value in head.items():
        pieces += ["  ", json.dumps(key), ": ", json.dumps(value), ",\n"]
    pieces.append('  "results": [')
    for n, line in enumerate(lines):
        pieces += [",\n    " if n else "\n    ", line]
    pieces.append("\n  ],\n" if report.results else "],\n")
    tail = {"problems": [p.to_dict() for p in report.problems], "summary": report.summary()}
    for n, (key, value) in enumerate(tail.items()):
        text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        pieces += ["  ", json.dumps(key), ": ", text, ",\n" if n < len(tail) - 1 else "\n"]
    pieces.append("}\n")
    return "".join(pieces)
