"""``--format text``: findings per file, a score table and a summary, via rich.

Colours come from one theme with names by area (``postcheck.error``,
``postcheck.rule``…); rich drops them when ``NO_COLOR`` is set or the output
is not a terminal.
"""

from __future__ import annotations

import io
from typing import IO

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.theme import Theme

from ..results import LintReport, PostResult
from ..ruleset import CATEGORIES
from ..text.plaintext import one_line


def escape(value: str) -> str:
    """Text from drafts and exports, safe for one terminal line: control characters and
    bidirectional overrides written as escapes, then rich markup escaped."""
    return _markup_escape(one_line(value))


THEME = Theme(
    {
        "postcheck.error": "bold red",
        "postcheck.warning": "yellow",
        "postcheck.info": "cyan",
        "postcheck.rule": "dim",
        "postcheck.path": "bold underline",
        "postcheck.match": "italic",
        "postcheck.pass": "bold green",
        "postcheck.fail": "bold red",
        "postcheck.position": "dim",
    }
)

_LABELS = {
    "en": {
        "error": "error",
        "warning": "warning",
        "info": "info",
        "passed": "passed",
        "failed": "failed",
        "posts": "posts",
        "problems": "not checked",
        "score": "score",
        "mean": "mean score",
        "file": "post",
        "platform": "platform",
        "overall": "overall",
        "publish_now": "no publish time: checked as of now",
        "fix": "fix",
        "thread": "suggested thread",
        "written": "report written to",
        "baselined": "in baseline",
    },
    "id": {
        "error": "galat",
        "warning": "peringatan",
        "info": "info",
        "passed": "lolos",
        "failed": "gagal",
        "posts": "unggahan",
        "problems": "tidak diperiksa",
        "score": "skor",
        "mean": "skor rata-rata",
        "file": "unggahan",
        "platform": "platform",
        "overall": "total",
        "publish_now": "tanpa waktu unggah: diperiksa per saat ini",
        "fix": "perbaikan",
        "thread": "usulan utas",
        "written": "laporan ditulis ke",
        "baselined": "di baseline",
    },
}
_SHORT = {
    "interactivity": "inter",
    "authenticity": "auth",
    "timeliness": "time",
    "relevance": "relev",
    "quality": "qual",
    "safety": "safety",
}


def console_for(stream: IO[str] | None = None, *, stderr: bool = False) -> Console:
    return Console(file=stream, stderr=stderr, theme=THEME, highlight=False, soft_wrap=True)


def render(report: LintReport, console: Console, ui_language: str = "en") -> None:
    labels = _LABELS.get(ui_language, _LABELS["en"])
    for result in report.results:
        _render_result(result, console, labels)
    if report.results:
        console.print(_score_table(report.results, labels), overflow="ignore", crop=False)
    for problem in report.problems:
        console.print(f"[postcheck.error]{labels['problems']}:[/] {escape(str(problem))}")
    console.print(summary_line(report, labels))


def render_plain(report: LintReport, ui_language: str = "en") -> str:
    """The terminal report as plain text (for ``--output FILE``)."""
    buffer = io.StringIO()
    console = Console(file=buffer, theme=THEME, highlight=False, soft_wrap=True, no_color=True, width=100)
    render(report, console, ui_language)
    return buffer.getvalue()


def render_summary(report: LintReport, console: Console, ui_language: str, written_to: object) -> None:
    """What the terminal shows when the full report went to a file."""
    labels = _LABELS.get(ui_language, _LABELS["en"])
    for problem in report.problems:
        console.print(f"[postcheck.error]{labels['problems']}:[/] {escape(str(problem))}")
    console.print(summary_line(report, labels))
    console.print(f"[postcheck.rule]{labels['written']} {escape(str(written_to))}[/]")


def _render_result(result: PostResult, console: Console, labels: dict[str, str]) -> None:
    head = f"[postcheck.path]{escape(result.locator)}[/]"
    if result.platform:
        head += f" [postcheck.rule]({escape(result.platform)})[/]"
    console.print(head)
    for f in result.findings:
        sev = f"[postcheck.{f.severity}]{labels[f.severity]:<10}[/]"
        pos = f"[postcheck.position]{f.line}:{f.column}[/]"
        match = f.match.replace("\n", " ")
        if len(match) > 60:
            match = match[:59] + "…"
        line = f"  {pos:<8} {sev} {escape(f.message)} [postcheck.rule]{escape(f.rule)}[/]"
        if match and match not in f.message:
            line += f" [postcheck.match]«{escape(match)}»[/]"
        if f.fix is not None:
            line += f" → {labels['fix']}: «{escape(f.fix)}»"
        console.print(line)
    if result.thread:
        console.print(f"  {labels['thread']} ({len(result.thread)}):")
        for part in result.thread:
            console.print(f"    [postcheck.match]{escape(part)}[/]")
    if result.publish_source == "now" and any(f.category == "timeliness" for f in result.findings):
        console.print(f"  [postcheck.rule]{labels['publish_now']}[/]")
    verdict = (
        f"[postcheck.pass]{labels['passed']}[/]"
        if result.passed
        else f"[postcheck.fail]{labels['failed']}[/] ({escape(', '.join(result.reasons))})"
    )
    console.print(f"  {labels['score']} {result.scores['overall']:.1f} · {verdict}\n")


def _score_table(results: list[PostResult], labels: dict[str, str]) -> str:
    """An aligned table of scores; paths are never cut, so it is plain text."""
    with_platform = any(r.platform for r in results)
    head = (
        [labels["file"]] + ([labels["platform"]] if with_platform else []) + [labels["overall"]] + [_SHORT[c] for c in CATEGORIES]
    )
    rows = []
    for r in results:
        row = [r.locator] + ([r.platform or "-"] if with_platform else [])
        row += [f"{r.scores['overall']:.1f}"] + [f"{r.scores[c]:.0f}" for c in CATEGORIES]
        rows.append((row, r.passed))
    widths = [max(len(head[i]), *(len(row[i]) for row, _ in rows)) for i in range(len(head))]
    first_numeric = 2 if with_platform else 1

    def line(cells: list[str]) -> list[str]:
        return [c.ljust(w) if i < first_numeric else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]

    out = ["[bold]" + escape("  ".join(line(head))) + "[/]"]
    for row, passed in rows:
        cells = [escape(c) for c in line(row)]
        style = "postcheck.pass" if passed else "postcheck.fail"
        cells[first_numeric] = f"[{style}]{cells[first_numeric]}[/]"
        out.append("  ".join(cells))
    return "\n".join(out)


def summary_line(report: LintReport, labels: dict[str, str]) -> str:
    s = report.summary()
    parts = [
        f"{s['posts']} {labels['posts']}",
        f"[postcheck.pass]{s['passed']} {labels['passed']}[/]",
        f"[postcheck.fail]{s['failed']} {labels['failed']}[/]" if s["failed"] else f"0 {labels['failed']}",
        f"{s['errors']} {labels['error']}",
        f"{s['warnings']} {labels['warning']}",
        f"{s['infos']} {labels['info']}",
    ]
    if s["mean_score"] is not None:
        parts.append(f"{labels['mean']} {s['mean_score']:.1f}")
    if s["baselined"]:
        parts.append(f"{s['baselined']} {labels['baselined']}")
    if s["problems"]:
        parts.append(f"[postcheck.error]{s['problems']} {labels['problems']}[/]")
    return " · ".join(parts)
