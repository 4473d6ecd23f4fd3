"""Findings point at the characters they are about, in the file the user opened.

The fuzz properties (test_fuzz.py) check this on generated drafts; these are the cases they
found, pinned, and the known bugs left for the owners of the checks.
"""

from __future__ import annotations

import pytest

import postcheck

CONFIG = {"ui_language": "en"}


def located(text: str, **kwargs: object) -> list[tuple[str, str, str]]:
    """``(rule, match, the characters at its line:column)`` for each one-line finding."""
    result = postcheck.check_text(text, config=CONFIG, publish_at="2026-02-20T09:00:00+07:00", **kwargs)  # type: ignore[arg-type]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for f in result.findings:
        if f.line == f.end_line and f.column < f.end_column:
            out.append((f.rule, f.match, lines[f.line - 1][f.column - 1 : f.end_column - 1]))
    return out


@pytest.mark.parametrize("text", [
    "Halo 👨\u200d👩\u200d👧 \u200fSilahkan\u200f datang.",
    "e\u0301e\u0301 Silahkan datang, Jum'at.",
    "🇮🇩🇮🇩\r\nSilahkan\rdatang\r\nantri disini",
    "\ufeffSilahkan datang",
    "𝐇𝐄𝐁𝐎𝐇!!! SEBARKAN sebelum dihapus",
])
def test_one_line_findings_point_at_their_match(text: str) -> None:
    found = located(text, language="id")
    assert found
    for rule, match, there in found:
        assert there == match, (rule, match, there)


@pytest.mark.parametrize("text", [
    "\u2028\nSilahkan **datang**",  # found by the fuzz: U+2028 alone on the line before a paragraph
    "\u3000\n\u2029\nSilahkan **datang**",
    "> \u2028\n> Silahkan **datang**",
    "- \u2028\n  Silahkan **datang**",
    "1. \u2028\n   \u3000\n   a **Silahkan**\n",
])
def test_lines_of_unicode_whitespace_before_markdown_do_not_shift_positions(text: str) -> None:
    found = located(text, language="id", markdown=True)
    assert ("quality/spelling-id", "Silahkan", "Silahkan") in found, found


@pytest.mark.parametrize("markdown", [False, True])
def test_lone_surrogates_and_nul_are_read_as_replacement_characters_in_place(markdown: bool) -> None:
    result = postcheck.check_text("\ud83d Silahkan datang \udc00 \x00", language="id", config=CONFIG, markdown=markdown)
    post = result.results[0].post
    assert post is not None and post.text == "\ufffd Silahkan datang \ufffd \ufffd"
    spelling = [f for f in result.findings if f.match == "Silahkan"]
    assert spelling and (spelling[0].column, spelling[0].end_column) == (3, 11)


def test_nul_in_a_markdown_list_item_keeps_positions() -> None:
    """Found by the fuzz: CommonMark reads NUL as U+FFFD, plain text kept NUL; now both read U+FFFD."""
    result = postcheck.check_text("1.  \x00 Silahkan", language="id", config=CONFIG, markdown=True)
    for f in result.findings:
        if f.line == f.end_line and f.column < f.end_column:
            assert "1.  \ufffd Silahkan"[f.column - 1 : f.end_column - 1] == f.match, f


LONG_POST = "kata " * 57 + "Silahkan "  # 294 characters, over X's 280, ending in a space


def test_the_platform_length_finding_matches_its_span() -> None:
    found = [item for item in located(LONG_POST, platform="x", language="id") if "Silahkan" in item[1]]
    assert found
    for rule, match, there in found:
        assert there == match, (rule, match, there)


def test_the_platform_length_finding_span_is_never_reversed() -> None:
    result = postcheck.check_text("a" * 279 + " " * 10 + "\n", platform="x", language="id", config=CONFIG)
    assert result.findings
    for f in result.findings:
        assert f.start <= f.end, (f.rule, f.start, f.end)
        assert (f.line, f.column) <= (f.end_line, f.end_column), (f.rule, f.column, f.end_column)


def test_the_platform_byte_limit_finding_matches_its_span() -> None:
    text = ("e" + "\u0301" * 20 + " ") * 100  # 100 graphemes (within 300) but 4,200 bytes (over 3,000)
    result = postcheck.check_text(text, platform="bluesky", language="id", config=CONFIG)
    over = [f for f in result.findings if "bytes" in f.message]
    assert over
    for f in over:
        found = text[f.column - 1 : f.end_column - 1]
        # long matches are shortened with "…" in findings
        assert found == f.match or (f.match.endswith("…") and found.startswith(f.match[:-1])), (f.rule, f.column)
