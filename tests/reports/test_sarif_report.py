"""SARIF: valid against the OASIS 2.1.0 schema, and shaped the way GitHub code scanning reads it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from postcheck.reports import sarif
from postcheck.results import Problem

from .conftest import SCHEMAS, VERSION, Run, finding, lint_report, post_result

_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _render(run: Run | None = None, **kwargs: Any) -> dict[str, Any]:
    report = kwargs.pop("report", run.report if run else None)
    rules = kwargs.pop("rules", run.rules if run else [])
    text = sarif.render(report, rules=rules, ui_language=kwargs.pop("ui_language", "en"), tool_version=VERSION)
    log = json.loads(text)
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


def _walk(node: Any, key: str) -> list[Any]:
    """Every value of ``key`` anywhere in ``node``."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                found.append(v)
            found += _walk(v, key)
    elif isinstance(node, list):
        for item in node:
            found += _walk(item, key)
    return found


def test_schema_rejects_what_it_should() -> None:
    """The vendored schema is really applied (a broken log fails)."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "postcheck"}}, "results": [{"ruleId": "x"}]}]}
    assert list(_validator().iter_errors(bad))


def test_golden_run_is_valid_and_fit_for_code_scanning(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    log = _render(run)
    assert log["$schema"] == sarif.SCHEMA_URI and log["version"] == "2.1.0" and len(log["runs"]) == 1
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "postcheck" and driver["version"] == VERSION
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(r.id for r in run.rules)
    for rule in rules:  # what GitHub marks "required", never empty
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert len(rule["shortDescription"]["text"]) <= 1024 and len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["markdown"].startswith(f"# {rule['id']}\n")
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["properties"]["tags"][0] in {r.category for r in run.rules}
        assert "{" not in rule["shortDescription"]["text"]
    results = sarif_run["results"]
    assert len(results) == sum(len(r.findings) for r in run.report.results)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        assert len(result["locations"]) == 1
        assert re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*", result["partialFingerprints"]["primaryLocationLineHash"])
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)
    for uri in _walk(log, "uri"):
        assert _URI_CHARS.match(uri), uri
    assert "drafts/diskon%2050%25%2C%20hari%20ini.txt" in _walk(log, "uri")
    invocation = sarif_run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "drafts/03-rusak.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3},
    }


def test_file_results_have_physical_locations_and_stdin_a_logical_one(golden_run: Callable[[str], Run]) -> None:
    log = _render(golden_run("en"))
    results = log["runs"][0]["results"]
    physical = [r for r in results if "physicalLocation" in r["locations"][0]]
    logical = [r for r in results if "logicalLocations" in r["locations"][0]]
    assert len(physical) + len(logical) == len(results)
    for r in physical:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["region"]["startLine"] >= 1
    assert [r["locations"][0]["logicalLocations"][0]["name"] for r in logical] == ["<stdin>"]
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"]


def test_region_columns_are_code_points_after_emoji(golden_run: Callable[[str], Run]) -> None:
    log = _render(golden_run("en"))
    spelling = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "quality/spelling-id")
    region = spelling["locations"][0]["physicalLocation"]["region"]
    line = "🙏🏽 Silahkan daftar imunisasi anak di puskesmas terdekat & gratis | tanpa biaya!"
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "Silahkan"
    assert (region["startLine"], region["endLine"]) == (5, 5)


def _apply(text: str, replacements: list[dict[str, Any]]) -> str:
    """Apply SARIF replacements (code-point regions) to newline-separated ``text``, last first."""
    lines = text.split("\n")

    def offset(line: int, column: int) -> int:
        return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1

    spans = []
    for rep in replacements:
        region = rep["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        spans.append((start, end, rep["insertedContent"]["text"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_fixes_apply_to_the_file(golden_run: Callable[[str], Run]) -> None:
    run = golden_run("en")
    log = _render(run)
    with_fix = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert {r["ruleId"] for r in with_fix} == {"quality/spelling-id", "timeliness/time-colon"}
    replacements = []
    for r in with_fix:
        (fix,) = r["fixes"]
        assert fix["description"]["text"]
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"] == r["locations"][0]["physicalLocation"]["artifactLocation"]
        replacements += change["replacements"]
    source = (run.root / "drafts/01-imunisasi.md").read_text(encoding="utf-8")
    fixed = _apply(source, replacements)
    assert fixed == source.replace("Silahkan", "Silakan").replace("08:00", "08.00")


def test_fingerprints_survive_unrelated_edits(lint_drafts: Callable[..., Run]) -> None:
    before = lint_drafts({"a.md": "Silahkan datang ke balai kota.\n"}, paths=["a.md"])
    log1 = _render(before)
    edited = "Pengumuman untuk warga.\n\nHari ini kami buka. Silahkan datang ke balai kota.\n"
    after = lint_drafts({"a.md": edited}, paths=["a.md"])
    log2 = _render(after)

    def prints(log: dict[str, Any]) -> dict[str, str]:
        return {r["ruleId"]: r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]}

    p1, p2 = prints(log1), prints(log2)
    assert "quality/spelling-id" in p1
    assert p1["quality/spelling-id"] == p2["quality/spelling-id"]
    moved = next(r for r in log2["runs"][0]["results"] if r["ruleId"] == "quality/spelling-id")
    assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_repeated_match_gets_distinct_occurrence_numbers() -> None:
    findings = [finding(line=n, column=1, end_column=9, match="Silahkan") for n in (1, 2)]
    log = _render(report=lint_report([post_result(findings)]))
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]]
    assert hashes[0].split(":")[0] == hashes[1].split(":")[0]
    assert [h.split(":")[1] for h in hashes] == ["1", "2"]


def test_whole_line_and_multi_line_regions() -> None:
    findings = [finding(line=2, column=1, end_line=2, end_column=1), finding(line=3, column=5, end_line=4, end_column=2)]
    log = _render(report=lint_report([post_result(findings)]))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions == [{"startLine": 2}, {"startLine": 3, "startColumn": 5, "endLine": 4, "endColumn": 2}]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("drafts/a b.md", {"uri": "drafts/a%20b.md", "uriBaseId": "%SRCROOT%"}),
        ("./drafts/x.md", {"uri": "drafts/x.md", "uriBaseId": "%SRCROOT%"}),
        ("drafts\\win.md", {"uri": "drafts/win.md", "uriBaseId": "%SRCROOT%"}),
        ("Shares.csv:row 12", {"uri": "Shares.csv%3Arow%2012", "uriBaseId": "%SRCROOT%"}),
        ("drafts/#1?.md", {"uri": "drafts/%231%3F.md", "uriBaseId": "%SRCROOT%"}),
        ("/home/u/drafts/é.md", {"uri": "file:///home/u/drafts/%C3%A9.md"}),
        ("C:\\Users\\u\\a.md", {"uri": "file:///C:/Users/u/a.md"}),
    ],
)
def test_artifact_locations(path: str, expected: dict[str, str]) -> None:
    location = sarif.artifact_location(sarif.file_path(path) or "")
    assert location == expected
    if "uriBaseId" in location:  # a relative reference, never mistaken for a scheme
        assert urlsplit(location["uri"]).scheme == ""
        assert unquote(location["uri"]) == path.replace("\\", "/").removeprefix("./")


def test_no_problems_means_successful_execution_and_no_notifications() -> None:
    log = _render(report=lint_report([post_result()]))
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_problem_without_file_gets_a_logical_location() -> None:
    log = _render(report=lint_report(problems=[Problem("<stdin>", "not valid UTF-8", 1)]))
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"] == [{"logicalLocations": [{"name": "<stdin>", "kind": "resource"}]}]


def test_rule_missing_from_rules_gets_a_bare_descriptor_and_rules_without_results_are_listed(
    golden_run: Callable[[str], Run],
) -> None:
    run = golden_run("en")
    unused = next(r for r in run.report.rules if r.id not in {x.id for x in run.rules})
    log = _render(report=lint_report([post_result([finding(rule="house/custom", category="quality")])]), rules=[unused])
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == sorted(["house/custom", unused.id])
    assert log["runs"][0]["results"][0]["ruleIndex"] == ids.index("house/custom")


def test_help_uri_only_for_absolute_links(golden_run: Callable[[str], Run]) -> None:
    import copy

    rule = copy.copy(golden_run("en").rules[0])
    rule.link = "https://example.org/rules/x"
    relative = copy.copy(rule)
    relative.id, relative.link = "house/relative", "docs/rules.md"
    log = _render(report=lint_report(), rules=[rule, relative])
    by_id = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id[rule.id]["helpUri"] == "https://example.org/rules/x"
    assert "helpUri" not in by_id["house/relative"]
    assert "informationUri" not in log["runs"][0]["tool"]["driver"]  # no real home page to point at yet
