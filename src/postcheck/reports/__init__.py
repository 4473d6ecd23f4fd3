"""Report renderers: one module per format, all taking the same result objects.

``render(name, report)`` returns the report as text for the machine-readable
formats; the terminal report (``text``) prints through rich instead.
"""

from __future__ import annotations

from importlib import import_module

from .. import __version__
from ..results import LintReport

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown", "rdjson")
#: formats that read each result's post (its source lines, to place fixes); the others
#: need findings and scores only, so lint can drop the posts as it goes
NEEDS_POSTS = frozenset({"sarif", "rdjson"})


def render(name: str, report: LintReport, *, ui_language: str = "en", lines: list[str] | None = None) -> str:
    """The report in format ``name`` (imported on demand, so unused formats cost nothing).

    ``lines``: for ``json``, the results already written as they arrived
    (:class:`postcheck.reports.json.ResultLines`)."""
    if name == "text":
        from .text import render_plain

        return render_plain(report, ui_language)
    if name == "json":
        from .json import render as render_json

        return render_json(report, lines)
    module = import_module(f"{__name__}.{name}")
    return str(module.render(report, rules=report.rules, ui_language=ui_language, tool_version=__version__))
