"""rdjson: valid against reviewdog's schema, with columns in UTF-8 bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import jsonschema

from postcheck.reports import rdjson
from postcheck.results import LintReport, Problem

from .conftest import SCHEMAS, VERSION, Run, finding, lint_report, post_result


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / "reviewdog-DiagnosticResult.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _render(report: LintReport, rules: Any = ()) -> dict[str, Any]:
    doc = json.loads(rdjson.render(report, rules=list(rules), tool_version=VERSION))
    errors = list(_validator().iter_errors(doc))
    assert not errors, [e.message for e in errors]
    return doc


def test_schema_rejects_what_it_should() -> None:
    assert list(_validator().iter_errors({"diagnostics": [{"severity": "FATAL"}]}))


def test_golden_run_shape(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    doc = _render(run.report, run.rules)
    assert doc["source"] == {"name": "postcheck"}
    assert doc["severity"] == "ERROR"
    diagnostics = doc["diagnostics"]
    assert len(diagnostics) == sum(len(r.findings) for r in run.report.results) + len(run.report.problems)
    assert {d["severity"] for d in diagnostics} == {"ERROR", "WARNING", "INFO"}
    for d in diagnostics[:-1]:
        assert d["code"]["value"] in {r.id for r in run.rules}
    assert diagnostics[-1]["location"] == {"path": "drafts/03-rusak.md", "range": {"start": {"line": 3}}}
    stdin = [d for d in diagnostics if d["message"].startswith("<stdin>:1:1: ")]
    assert len(stdin) == 1 and "location" not in stdin[0]


def test_columns_are_utf8_bytes_after_emoji(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    doc = _render(run.report, run.rules)
    source = (run.root / "drafts/01-imunisasi.md").read_bytes()
    lines = source.split(b"\n")
    spelling = next(d for d in doc["diagnostics"] if d["code"]["value"] == "quality/spelling-id")
    rng = spelling["location"]["range"]
    line = lines[rng["start"]["line"] - 1]
    assert line[rng["start"]["column"] - 1 : rng["end"]["column"] - 1] == b"Silahkan"
    assert rng["start"]["column"] == 10  # 🙏 and 🏽 are 4 bytes each, then a space: code point 4 is byte 10


def _apply(data: bytes, suggestions: list[dict[str, Any]]) -> bytes:
    lines = data.split(b"\n")

    def offset(pos: dict[str, int]) -> int:
        return sum(len(x) + 1 for x in lines[: pos["line"] - 1]) + pos["column"] - 1

    for s in sorted(suggestions, key=lambda s: offset(s["range"]["start"]), reverse=True):
        start, end = offset(s["range"]["start"]), offset(s["range"]["end"])
        data = data[:start] + s["text"].encode() + data[end:]
    return data


def test_suggestions_apply_to_the_file_bytes(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    doc = _render(run.report, run.rules)
    suggestions = [s for d in doc["diagnostics"] for s in d.get("suggestions", [])]
    assert len(suggestions) == 2
    source = (run.root / "drafts/01-imunisasi.md").read_bytes()
    expected = source.replace(b"Silahkan", b"Silakan").replace(b"08:00", b"08.00")
    assert _apply(source, suggestions) == expected


def test_without_source_text_ranges_are_lines_only() -> None:
    f = finding(line=2, column=5, end_line=2, end_column=9, fix="Silakan", match="Silahkan")
    doc = _render(lint_report([post_result([f])]))
    (d,) = doc["diagnostics"]
    assert d["location"]["range"] == {"start": {"line": 2}, "end": {"line": 2}}
    assert "suggestions" not in d  # no source, no way to check the fix is safe


def test_code_url_from_rule_link_and_problem_without_file(golden_run: Callable[[str], Run]) -> None:
    import copy

    rule = copy.copy(golden_run("en").rules[0])
    rule.link = "https://example.org/rules/x"
    report = lint_report([post_result([finding(rule=rule.id)])], problems=[Problem("<stdin>", "not valid UTF-8", 1)])
    doc = _render(report, [rule])
    assert doc["diagnostics"][0]["code"] == {"value": rule.id, "url": "https://example.org/rules/x"}
    assert doc["diagnostics"][1] == {"message": "<stdin>: not valid UTF-8", "severity": "ERROR"}


def test_empty_report() -> None:
    assert _render(lint_report()) == {"source": {"name": "postcheck"}, "diagnostics": []}
