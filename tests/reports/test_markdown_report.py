"""Markdown summary: headline, table, findings per post, escaping, folding, both UI languages."""

from __future__ import annotations

from collections.abc import Callable

from postcheck.reports import markdown
from postcheck.results import LintReport, Problem

from .conftest import VERSION, Run, finding, lint_report, post_result


def _render(report: LintReport, ui: str = "en") -> str:
    return markdown.render(report, rules=[], ui_language=ui, tool_version=VERSION)


def test_golden_run_sections(golden_run: Callable[[str], Run]) -> None:
    text = _render(golden_run("en").report)
    lines = text.splitlines()
    assert lines[0] == "## ❌ postcheck: 1 of 3 posts failed, 1 not checked · mean score 83.6"
    assert lines[2] == "3 posts · ✅ 2 passed · ❌ 1 failed · 1 error · 2 warnings · 4 info"
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 2 + 3  # header, alignment, one row per post
    assert all(row.count(" | ") == table[0].count(" | ") for row in table)
    assert "### Findings" in lines and "### Not checked" in lines


def test_escaping_in_cells_and_text() -> None:
    f = finding(message="Use *this* | not `that` <b> [x](y) & @kemenkes_ri #2024 ~~z~~ \\o/")
    report = lint_report([post_result([f], path="drafts/a|b_c.md", platform="x")])
    text = _render(report)
    row = next(line for line in text.splitlines() if line.startswith("| ❌") or line.startswith("| ✅"))
    assert "drafts/a\\|b\\_c.md" in row
    assert row.count("|") - row.count("\\|") == 11  # ten columns: the escaped pipe does not split a cell
    item = next(line for line in text.splitlines() if line.startswith("- "))
    expected = "Use \\*this\\* \\| not \\`that\\` \\<b\\> \\[x\\](y) \\& @\u2060kemenkes\\_ri #\u20602024 \\~\\~z\\~\\~ \\\\o/"
    assert expected in item


def test_escape_is_one_line() -> None:
    assert markdown.escape("a\nb\r\nc") == "a b c"


def test_long_lists_fold_into_details() -> None:
    few = [finding(line=n) for n in range(1, markdown.FOLD_AFTER + 1)]
    many = [finding(line=n) for n in range(1, markdown.FOLD_AFTER + 2)]
    report = lint_report([post_result(few, path="drafts/few.md"), post_result(many, path="drafts/<many>.md")])
    text = _render(report)
    assert "#### ✅ drafts/few.md" in text
    assert f"<details><summary>✅ drafts/&lt;many&gt;.md · {markdown.FOLD_AFTER + 1} findings</summary>\n\n- " in text
    assert text.count("</details>") == 1


def test_headlines() -> None:
    assert _render(lint_report()).startswith("## ✅ postcheck: no posts checked\n")
    assert _render(lint_report([post_result()])).startswith("## ✅ postcheck: all 1 post passed · mean score 80.0\n")
    assert _render(lint_report([post_result(), post_result()])).startswith("## ✅ postcheck: all 2 posts passed · mean")
    only_problem = lint_report(problems=[Problem("a.md", "binary file")])
    assert _render(only_problem).startswith("## ❌ postcheck: no posts checked, 1 not checked\n")
    failed = lint_report([post_result(passed=False, reasons=["safety error"])])
    assert _render(failed, "id").startswith("## ❌ postcheck: 1 dari 1 unggahan gagal · skor rata-rata 80.0\n")


def test_indonesian_headings(golden_run: Callable[[str], Run]) -> None:
    text = _render(golden_run("id").report, "id")
    assert "### Temuan" in text and "### Tidak diperiksa" in text
    assert "| Unggahan | Platform | Total | Interaktivitas |" in text
    assert "**galat**" in text and "perbaikan: «Silakan»" in text
