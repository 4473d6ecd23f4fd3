"""How the engine turns hits into findings."""

from __future__ import annotations

from postcheck import check_text


def test_findings_are_built_in_field_order() -> None:
    """The engine builds findings positionally (one construction per finding): a reordered
    ``Finding`` must fail here, not silently swap fields."""
    from dataclasses import fields

    from postcheck.results import Finding

    names = [f.name for f in fields(Finding)]
    assert names == [
        "rule", "category", "severity", "message", "line", "column", "end_line", "end_column", "match",
        "fix", "start", "end", "source_start", "source_end", "platform", "points",
    ]  # fmt: skip
    result = check_text("SEBARKAN sebelum dihapus!!", language="id", platform="x")
    finding = next(f for f in result.findings if f.rule == "authenticity/exclamation-run")
    assert (finding.category, finding.match, finding.platform) == ("authenticity", "!!", "x")
    assert (finding.line, finding.column, finding.start, finding.end) == (1, 25, 24, 26)
    assert (finding.source_start, finding.source_end) == (24, 26)
    assert finding.points > 0
