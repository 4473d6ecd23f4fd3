"""``--format text``: findings per file, a score table and a summary, via rich.

Colours come from one theme with names by area (``postcheck.error``,
``postcheck.rule``…); rich drops them when ``NO_COLOR`` is set or the output
is not a terminal.

The report is built once as lines of styled spans (:func:`_prints`). On a
terminal (or whenever rich would add anything: colour forced by the
environment, Jupyter, text rich reads as an emoji code or an escape) rich
prints it from markup; otherwise the spans are written as they are, which is
byte for byte what rich would print, without importing rich (a fifth of a
one-draft lint's start-up). ``tests/reports/test_text_plain.py`` holds the two
paths to each other.
"""

from __future__ import annotations

import builtins
import codecs
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..results import LintReport, PostResult
from ..ruleset import CATEGORIES
from ..text.plaintext import one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.theme import Theme

#: A piece of a line: its style name ("" for none) and its text as shown.
Span = tuple[str, str]
#: What one ``console.print`` call prints (lines separated by "\n"), and whether it is the score table.
Print = tuple[list[Span], bool]


def escape(value: str) -> str:
    """Text from drafts and exports, safe for one terminal line: control characters and
    bidirectional overrides written as escapes, then rich markup escaped."""
    from rich.markup import escape as markup_escape

    return markup_escape(one_line(value))


_STYLES = {
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
_THEME: list[Theme] = []


def _theme() -> Theme:
    if not _THEME:
        from rich.theme import Theme

        _THEME.append(Theme(_STYLES))
    return _THEME[0]


def __getattr__(name: str) -> Any:
    if name == "THEME":  # the rich theme, built on first use
        return _theme()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    from rich.console import Console

    return Console(file=stream, stderr=stderr, theme=_theme(), highlight=False, soft_wrap=True)


def write(report: LintReport, ui_language: str = "en") -> None:
    """Print the report to standard output: as plain text when rich would add nothing, else via rich."""
    prints = _prints(report, _LABELS.get(ui_language, _LABELS["en"]))
    if _plain_is_exact(prints, sys.stdout):
        _write_plain(prints, sys.stdout)
    else:
        _print_rich(prints, console_for())


def render(report: LintReport, console: Console, ui_language: str = "en") -> None:
    _print_rich(_prints(report, _LABELS.get(ui_language, _LABELS["en"])), console)


def render_plain(report: LintReport, ui_language: str = "en") -> str:
    """The terminal report as plain text (for ``--output FILE``)."""
    prints = _prints(report, _LABELS.get(ui_language, _LABELS["en"]))
    buffer = io.StringIO()
    if _plain_is_exact(prints, buffer):
        _write_plain(prints, buffer)
        return buffer.getvalue()
    from rich.console import Console

    console = Console(file=buffer, theme=_theme(), highlight=False, soft_wrap=True, no_color=True, width=100)
    _print_rich(prints, console)
    return buffer.getvalue()


def render_summary(report: LintReport, console: Console, ui_language: str, written_to: object) -> None:
    """What the terminal shows when the full report went to a file."""
    labels = _LABELS.get(ui_language, _LABELS["en"])
    for problem in report.problems:
        console.print(f"[postcheck.error]{labels['problems']}:[/] {escape(str(problem))}")
    console.print(summary_line(report, labels))
    console.print(f"[postcheck.rule]{labels['written']} {escape(str(written_to))}[/]")


# -- the report as spans --------------------------------------------------------
def _prints(report: LintReport, labels: dict[str, str]) -> list[Print]:
    prints: list[Print] = []
    for result in report.results:
        prints.extend((spans, False) for spans in _result(result, labels))
    if report.results:
        prints.append((_score_table(report.results, labels), True))
    for problem in report.problems:
        prints.append(([("postcheck.error", f"{labels['problems']}:"), ("", " " + one_line(str(problem)))], False))
    prints.append((_summary(report, labels), False))
    return prints


def _result(result: PostResult, labels: dict[str, str]) -> Iterator[list[Span]]:
    head = [("postcheck.path", one_line(result.locator))]
    if result.platform:
        head += [("", " "), ("postcheck.rule", f"({one_line(result.platform)})")]
    yield head
    for f in result.findings:
        match = f.match.replace("\n", " ")
        if len(match) > 60:
            match = match[:59] + "…"
        line = [
            ("", "  "),
            ("postcheck.position", f"{f.line}:{f.column}"),
            ("", " "),
            (f"postcheck.{f.severity}", f"{labels[f.severity]:<10}"),
            ("", f" {one_line(f.message)} "),
            ("postcheck.rule", one_line(f.rule)),
        ]
        if match and match not in f.message:
            line += [("", " "), ("postcheck.match", f"«{one_line(match)}»")]
        if f.fix is not None:
            line.append(("", f" → {labels['fix']}: «{one_line(f.fix)}»"))
        yield line
    if result.thread:
        yield [("", f"  {labels['thread']} ({len(result.thread)}):")]
        for part in result.thread:
            yield [("", "    "), ("postcheck.match", one_line(part))]
    if result.publish_source == "now" and any(f.category == "timeliness" for f in result.findings):
        yield [("", "  "), ("postcheck.rule", labels["publish_now"])]
    verdict: list[Span] = (
        [("postcheck.pass", labels["passed"])]
        if result.passed
        else [("postcheck.fail", labels["failed"]), ("", f" ({one_line(', '.join(result.reasons))})")]
    )
    yield [("", f"  {labels['score']} {result.scores['overall']:.1f} · "), *verdict, ("", "\n")]


def _score_table(results: list[PostResult], labels: dict[str, str]) -> list[Span]:
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

    out: list[Span] = [("bold", one_line("  ".join(line(head))))]
    for row, passed in rows:
        out.append(("", "\n"))
        for i, cell in enumerate(line(row)):
            if i:
                out.append(("", "  "))
            style = ("postcheck.pass" if passed else "postcheck.fail") if i == first_numeric else ""
            out.append((style, one_line(cell)))
    return out


def _summary(report: LintReport, labels: dict[str, str]) -> list[Span]:
    s = report.summary()
    parts: list[Span] = [
        ("", f"{s['posts']} {labels['posts']}"),
        ("postcheck.pass", f"{s['passed']} {labels['passed']}"),
        ("postcheck.fail", f"{s['failed']} {labels['failed']}") if s["failed"] else ("", f"0 {labels['failed']}"),
        ("", f"{s['errors']} {labels['error']}"),
        ("", f"{s['warnings']} {labels['warning']}"),
        ("", f"{s['infos']} {labels['info']}"),
    ]
    if s["mean_score"] is not None:
        parts.append(("", f"{labels['mean']} {s['mean_score']:.1f}"))
    if s["baselined"]:
        parts.append(("", f"{s['baselined']} {labels['baselined']}"))
    if s["problems"]:
        parts.append(("postcheck.error", f"{s['problems']} {labels['problems']}"))
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(("", " · "))
        out.append(part)
    return out


def summary_line(report: LintReport, labels: dict[str, str]) -> str:
    """The summary as rich markup."""
    return _markup(_summary(report, labels))


# -- printing ---------------------------------------------------------------------
def _markup(spans: list[Span]) -> str:
    """Rich markup that prints ``spans``: each run of one style escaped as a whole and tagged."""
    from rich.markup import escape as markup_escape

    out: list[str] = []
    i = 0
    while i < len(spans):
        style = spans[i][0]
        j = i
        while j < len(spans) and spans[j][0] == style:
            j += 1
        text = markup_escape("".join(t for _, t in spans[i:j]))
        out.append(f"[{style}]{text}[/]" if style else text)
        i = j
    return "".join(out)


def _print_rich(prints: list[Print], console: Console) -> None:
    for spans, table in prints:
        if table:
            console.print(_markup(spans), overflow="ignore", crop=False)
        else:
            console.print(_markup(spans))


def _write_plain(prints: list[Print], stream: IO[str]) -> None:
    stream.write("".join("".join(t for _, t in spans) + "\n" for spans, _ in prints))
    stream.flush()


#: Text rich would change: a backslash (markup escapes) or an emoji code such as ``:smile:``.
_RICH_WOULD_CHANGE = re.compile(r"\\|:\S*:")


def _plain_is_exact(prints: list[Print], stream: IO[str]) -> bool:
    """Would rich print exactly the spans' text to ``stream``: no colour, nothing replaced?

    Rich styles output for a terminal, when ``FORCE_COLOR`` or ``TTY_COMPATIBLE``
    say so, and in Jupyter; it reads backslashes before brackets and ``:name:``
    emoji codes in the text. Anything of the kind, or a stream that is not
    UTF-8, goes through rich.
    """
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ or hasattr(builtins, "get_ipython"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is None or isatty():
            return False
    except ValueError:
        return False
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return False
    except LookupError:
        return False
    return not any(_RICH_WOULD_CHANGE.search(text) for spans, _ in prints for _, text in spans)
