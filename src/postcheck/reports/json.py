"""``--format json``: the documented, stable machine-readable shape.

``{"version", "schema", "results": [{"path", "locator", "language",
"language_detected", "platform", "publish_at", "publish_source", "scores",
"passed", "reasons", "findings": [{"rule", "category", "severity", "message",
"line", "column", "end_line", "end_column", "match", "fix", "platform",
"points"}]}], "problems": [...], "summary": {...}}`` — keys are sorted the
same way on every run and machine.
"""

from __future__ import annotations

import json

from .. import __version__
from ..results import LintReport


def render(report: LintReport) -> str:
    return json.dumps(report.to_dict(__version__), ensure_ascii=False, indent=2) + "\n"
