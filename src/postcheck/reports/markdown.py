"""``--format markdown``: a summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Why: reviewers of a content repository read the pull request, not the CI log;
one comment with the verdict, a score table and the findings per post is
what they need to decide.

Layout: a headline with the verdict and the mean score, a line of counts, a
table of posts (verdict, path, platform, overall and category scores), then
the findings of each post that has any — under a heading, or folded in a
``<details>`` block when there are more than :data:`FOLD_AFTER` — and the
inputs that could not be checked. Headings and labels follow the UI language
(``id`` or ``en``); messages are already in it.

Text from drafts and paths is escaped for GitHub Flavored Markdown:
backslash escapes for the characters that start markup (``|`` included, which
ends a table cell even inside code), and an invisible word joiner after ``@``
and ``#`` so that a post's ``@account`` or ``#2024`` does not notify a GitHub
user or link an issue. Inside ``<details>`` summaries, which are HTML, text is
HTML-escaped instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..results import Finding, LintReport, PostResult
from ..ruleset import CATEGORIES, Rule

#: Posts with more findings than this have them folded in a <details> block.
FOLD_AFTER = 10
_ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
_PASS, _FAIL = "✅", "❌"
_MARKUP = re.compile(r"([\\`*_{}\[\]<>|~&])")
_REFERENCE = re.compile(r"([@#])(?=\w)")
_WORD_JOINER = "\u2060"

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "postcheck",
        "all_passed": "all {posts} passed",
        "some_failed": "{failed} of {posts} failed",
        "nothing": "no posts checked",
        "not_checked_tail": "{n} not checked",
        "post": "post",
        "posts": "posts",
        "passed": "passed",
        "failed": "failed",
        "mean": "mean score",
        "error": "error",
        "errors": "errors",
        "warning": "warning",
        "warnings": "warnings",
        "info": "info",
        "infos": "info",
        "finding": "finding",
        "findings": "findings",
        "col_post": "Post",
        "col_platform": "Platform",
        "col_overall": "Overall",
        "h_findings": "Findings",
        "h_not_checked": "Not checked",
        "fix": "fix",
        "interactivity": "Interactivity",
        "authenticity": "Authenticity",
        "timeliness": "Timeliness",
        "relevance": "Relevance",
        "quality": "Quality",
        "safety": "Safety",
    },
    "id": {
        "title": "postcheck",
        "all_passed": "semua {posts} lolos",
        "some_failed": "{failed} dari {posts} gagal",
        "nothing": "tidak ada unggahan yang diperiksa",
        "not_checked_tail": "{n} tidak diperiksa",
        "post": "unggahan",
        "posts": "unggahan",
        "passed": "lolos",
        "failed": "gagal",
        "mean": "skor rata-rata",
        "error": "galat",
        "errors": "galat",
        "warning": "peringatan",
        "warnings": "peringatan",
        "info": "info",
        "infos": "info",
        "finding": "temuan",
        "findings": "temuan",
        "col_post": "Unggahan",
        "col_platform": "Platform",
        "col_overall": "Total",
        "h_findings": "Temuan",
        "h_not_checked": "Tidak diperiksa",
        "fix": "perbaikan",
        "interactivity": "Interaktivitas",
        "authenticity": "Autentisitas",
        "timeliness": "Ketepatan waktu",
        "relevance": "Relevansi",
        "quality": "Kualitas",
        "safety": "Keamanan",
    },
}


def render(report: LintReport, *, rules: Sequence[Rule], ui_language: str = "en", tool_version: str) -> str:
    """The report as GitHub Flavored Markdown."""
    t = _LABELS.get(ui_language, _LABELS["en"])
    out = [_headline(report, t), "", _counts(report, t)]
    if report.results:
        out += ["", *_table(report.results, t)]
    with_findings = [r for r in report.results if r.findings]
    if with_findings:
        out += ["", f"### {t['h_findings']}"]
        for result in with_findings:
            out += ["", *_findings(result, t)]
    if report.problems:
        out += ["", f"### {t['h_not_checked']}", ""]
        for p in report.problems:
            where = p.path if p.line is None else f"{p.path}:{p.line}"
            out.append(f"- {escape(where)} — {escape(p.message)}")
    out.append(f"\n<sub>postcheck {html.escape(tool_version)}</sub>")
    return "\n".join(out) + "\n"


def _headline(report: LintReport, t: dict[str, str]) -> str:
    s = report.summary()
    if not s["posts"]:
        verdict = t["nothing"]
    elif s["failed"]:
        verdict = t["some_failed"].format(failed=s["failed"], posts=_count(s["posts"], "post", t))
    else:
        verdict = t["all_passed"].format(posts=_count(s["posts"], "post", t))
    if s["problems"]:
        verdict += ", " + t["not_checked_tail"].format(n=s["problems"])
    if s["mean_score"] is not None:
        verdict += f" · {t['mean']} {s['mean_score']:.1f}"
    icon = _FAIL if s["failed"] or s["problems"] else _PASS
    return f"## {icon} {t['title']}: {verdict}"


def _counts(report: LintReport, t: dict[str, str]) -> str:
    s = report.summary()
    parts = [
        _count(s["posts"], "post", t),
        f"{_PASS} {s['passed']} {t['passed']}",
        f"{_FAIL} {s['failed']} {t['failed']}",
    ]
    parts += [_count(s["errors"], "error", t), _count(s["warnings"], "warning", t), _count(s["infos"], "info", t)]
    return " · ".join(parts)


def _count(n: int, noun: str, t: dict[str, str]) -> str:
    plural = {"post": "posts", "error": "errors", "warning": "warnings", "info": "infos", "finding": "findings"}[noun]
    return f"{n} {t[noun] if n == 1 else t[plural]}"


def _table(results: Sequence[PostResult], t: dict[str, str]) -> list[str]:
    head = ["", t["col_post"], t["col_platform"], t["col_overall"], *(t[c] for c in CATEGORIES)]
    rows = [
        "| " + " | ".join(head) + " |",
        "| :-: | --- | --- | " + " | ".join("--:" for _ in range(1 + len(CATEGORIES))) + " |",
    ]
    for r in results:
        cells = [
            _PASS if r.passed else _FAIL,
            escape(r.locator),
            escape(r.platform) if r.platform else "–",
            f"**{r.scores['overall']:.1f}**",
            *(f"{r.scores[c]:.0f}" if c in r.scores else "–" for c in CATEGORIES),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _findings(result: PostResult, t: dict[str, str]) -> list[str]:
    icon = _PASS if result.passed else _FAIL
    platform = f" ({result.platform})" if result.platform else ""
    items = [_item(f, result.platform, t) for f in result.findings]
    if len(items) > FOLD_AFTER:
        summary = f"{icon} {html.escape(_neutralise(result.locator + platform))} · {_count(len(items), 'finding', t)}"
        return [f"<details><summary>{summary}</summary>", "", *items, "", "</details>"]
    return [f"#### {icon} {escape(result.locator + platform)}", "", *items]


def _item(f: Finding, platform: str | None, t: dict[str, str]) -> str:
    line = f"- {_ICONS[f.severity]} **{t[f.severity]}** {f.line}:{f.column} {escape(f.message)} · `{f.rule}`"
    if f.platform and f.platform != platform:
        line += f" ({escape(f.platform)})"
    if f.fix is not None:
        line += f" · {t['fix']}: «{escape(f.fix)}»"
    return line


def escape(text: str) -> str:
    """``text`` as literal inline Markdown (one line; safe in table cells)."""
    one_line = " ".join(text.splitlines())
    return _neutralise(_MARKUP.sub(r"\\\1", one_line))


def _neutralise(text: str) -> str:
    """Break ``@name`` and ``#123`` so GitHub neither notifies a user nor links an issue."""
    return _REFERENCE.sub(r"\1" + _WORD_JOINER, text)
