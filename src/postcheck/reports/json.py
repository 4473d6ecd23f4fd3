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
is pure Python and, for 10,000 drafts, took longer than checking them).
"""

from __future__ import annotations

import json

from .. import __version__
from ..results import LintReport


def render(report: LintReport) -> str:
    data = report.to_dict(__version__)
    parts = []
    for key, value in data.items():
        if key == "results" and value:
            body = ",\n".join("    " + json.dumps(result, ensure_ascii=False) for result in value)
            text = "[\n" + body + "\n  ]"
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
