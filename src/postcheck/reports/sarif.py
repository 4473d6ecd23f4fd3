"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Why SARIF: it is the one format code scanning ingests, so findings become
alerts on the lines of the pull request, tracked across commits.

Sources of the facts used here: the OASIS SARIF 2.1.0 standard and its JSON
schema (vendored in ``tests/reports/schemas``), and GitHub's "SARIF support for
code scanning" page. Decisions:

* **Paths.** Result paths are written as the report holds them, relative to
  the folder postcheck ran in (the repository root in CI), percent-encoded,
  with ``uriBaseId: "%SRCROOT%"``. ``originalUriBaseIds`` describes
  ``%SRCROOT%`` without an absolute ``uri``: an absolute path would differ
  from machine to machine, and code scanning resolves relative URIs against
  the repository root anyway. Absolute paths become ``file:`` URIs.
* **Columns.** postcheck counts columns in code points, 1-based, end
  exclusive; SARIF regions use the same convention (``endColumn`` is the
  column after the region), so ``run.columnKind`` is ``unicodeCodePoints`` and
  columns are copied unchanged. A finding about a whole line (front matter)
  has a region with ``startLine`` only, which SARIF reads as the whole line.
* **helpUri** is the rule's ``link`` when it is an absolute URI, and is
  otherwise omitted: postcheck has no published documentation site to point
  at, code scanning does not read ``helpUri`` (it shows ``help.markdown``),
  and SARIF says ``help`` is "useful when there is no online documentation".
  ``help.text`` and ``help.markdown`` are :func:`postcheck.ruledoc.explain_text`,
  the same documentation ``postcheck rules explain`` prints. For the same
  reason ``informationUri`` is written only when :data:`INFORMATION_URI` is set.
* **Fingerprints.** ``partialFingerprints.primaryLocationLineHash`` (the only
  key code scanning reads; the upload action fills it from the line text when
  absent) is a hash of rule, path, platform and matched text, plus the
  occurrence number of that combination in the file (``<hash>:<n>``). It does
  not depend on line numbers or on the rest of the line, so an alert survives
  edits elsewhere in the draft — a Markdown paragraph is one long line, so a
  line hash would change with every word. Rules about the post as a whole
  (kinds ``require``, ``metric``, ``profile``, ``occurrence``) leave the
  matched text out: their "match" is only where the report points.
* **Fixes** are offered only where ``postcheck fix`` would apply them
  (:func:`postcheck.fixer.choose_edits`: not in front matter, not across
  markup or line breaks), as the minimal replacement.
* **Inputs that are not files** (``<stdin>``, an export record) get a logical
  location named by the locator. Code scanning rejects a whole upload that
  holds a result without a physical location, so upload SARIF of files only.
* **Problems** (unreadable inputs) are ``toolExecutionNotifications`` of the
  one invocation, whose ``executionSuccessful`` is false when there are any.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from ..fixer import choose_edits
from ..results import Finding, LintReport, PostResult, Problem
from ..ruledoc import explain, explain_text
from ..ruleset import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: The absolute URI of postcheck's home page, once it has one (``informationUri``).
INFORMATION_URI: str | None = None
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub's ``problem.severity`` vocabulary for non-security rules.
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
#: Rule kinds whose findings are about the post as a whole, not the text matched.
WHOLE_POST_KINDS = frozenset({"require", "metric", "profile", "occurrence"})
#: GitHub shows at most this many characters of a rule's short and full description.
DESCRIPTION_LIMIT = 1024

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")
_LABELS = {
    "en": {"replace": "Replace “{match}” with “{fix}”", "root": "The folder postcheck was run in (the repository root in CI)."},
    "id": {"replace": "Ganti “{match}” dengan “{fix}”", "root": "Folder tempat postcheck dijalankan (akar repositori di CI)."},
}


def render(report: LintReport, *, rules: Sequence[Rule], ui_language: str = "en", tool_version: str) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    labels = _LABELS.get(ui_language, _LABELS["en"])
    descriptors, index = _rule_descriptors(report, rules, ui_language)
    by_id = {r.id: r for r in rules}
    results: list[dict[str, Any]] = []
    for result in report.results:
        results.extend(_results(result, index, by_id, labels))
    driver: dict[str, Any] = {"name": "postcheck", "version": tool_version}
    if _is_semver(tool_version):
        driver["semanticVersion"] = tool_version
    if INFORMATION_URI:
        driver["informationUri"] = INFORMATION_URI
    driver["rules"] = descriptors
    invocation: dict[str, Any] = {"executionSuccessful": not report.problems}
    if report.problems:
        invocation["toolExecutionNotifications"] = [_notification(p) for p in report.problems]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": labels["root"]}}},
        "language": ui_language if re.fullmatch(r"[a-zA-Z]{2}(-[a-zA-Z]{2})?", ui_language) else "en",
        "newlineSequences": ["\r\n", "\n", "\r"],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": report.summary()},
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# -- rules ---------------------------------------------------------------------------------------


def _rule_descriptors(report: LintReport, rules: Sequence[Rule], ui: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Descriptors of the active rules (and of any rule a finding names but ``rules`` lacks), by id."""
    known: dict[str, dict[str, Any]] = {}
    for rule in rules:
        if rule.id not in known:
            known[rule.id] = _descriptor(rule, ui)
    for result in report.results:
        for f in result.findings:
            if f.rule not in known:
                known[f.rule] = _bare_descriptor(f)
    ids = sorted(known)
    return [known[i] for i in ids], {rule_id: n for n, rule_id in enumerate(ids)}


def _descriptor(rule: Rule, ui: str) -> dict[str, Any]:
    doc = explain(rule, ui)
    what = _PLACEHOLDER.sub("…", doc["what_it_checks"]).strip()
    full = what if not doc["why_it_matters"] else f"{what}\n\n{doc['why_it_matters'].strip()}"
    help_text = explain_text(rule, ui)
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": _pascal_case(rule.id),
        "shortDescription": {"text": _clip(what.splitlines()[0] if what else rule.id)},
        "fullDescription": {"text": _clip(full or rule.id)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "help": {"text": help_text, "markdown": help_text},
    }
    if rule.link and _is_absolute_uri(rule.link):
        descriptor["helpUri"] = rule.link
    descriptor["properties"] = {
        "tags": _tags(rule.category, rule.tags),
        "problem.severity": PROBLEM_SEVERITY[rule.severity],
    }
    return descriptor


def _bare_descriptor(f: Finding) -> dict[str, Any]:
    """A rule that is not among the active rules given (a per-folder configuration's own rule)."""
    return {
        "id": f.rule,
        "name": _pascal_case(f.rule),
        "shortDescription": {"text": f.rule},
        "fullDescription": {"text": f.rule},
        "help": {"text": f.rule},
        "properties": {"tags": _tags(f.category, ())},
    }


def _tags(category: str, tags: Sequence[str]) -> list[str]:
    return [category, *sorted(set(tags) - {category})]


def _pascal_case(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[/\-_.]+", rule_id) if part)


def _clip(text: str) -> str:
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


# -- results -------------------------------------------------------------------------------------


def _results(result: PostResult, index: dict[str, int], rules: dict[str, Rule], labels: dict[str, str]) -> list[dict[str, Any]]:
    path = file_path(result.path)
    where = path if path is not None else result.locator
    seen: Counter[str] = Counter()
    out = []
    for f in result.findings:
        rule = rules.get(f.rule)
        matched = "" if rule is not None and rule.kind in WHOLE_POST_KINDS else " ".join(f.match.split())
        digest = hashlib.sha256("\x1f".join((f.rule, where, f.platform or "", matched)).encode()).hexdigest()[:16]
        seen[digest] += 1
        text = f.message if not f.platform else f"{f.message} [{f.platform}]"
        entry: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": text},
            "locations": [_location(path, result.locator, f)],
            "partialFingerprints": {"primaryLocationLineHash": f"{digest}:{seen[digest]}"},
        }
        fix = _fix(result, path, f, labels) if path is not None else None
        if fix is not None:
            entry["fixes"] = [fix]
        properties: dict[str, Any] = {"category": f.category, "points": f.points}
        if f.platform:
            properties["platform"] = f.platform
        entry["properties"] = properties
        out.append(entry)
    return out


def _location(path: str | None, locator: str, f: Finding) -> dict[str, Any]:
    if path is None:
        return {
            "logicalLocations": [{"name": locator, "fullyQualifiedName": locator, "kind": "resource"}],
            "message": {"text": f"{locator}:{f.line}:{f.column}"},
        }
    return {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region(f)}}


def region(f: Finding) -> dict[str, int]:
    """The finding's region; a zero-width one at a line start means the whole line."""
    if f.end_line == f.line and f.end_column == f.column == 1:
        return {"startLine": f.line}
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}


def _fix(result: PostResult, path: str, f: Finding, labels: dict[str, str]) -> dict[str, Any] | None:
    if f.fix is None or result.post is None:
        return None
    edits, _ = choose_edits([f], result.post)
    if not edits:
        return None
    edit = edits[0]
    source = result.post.source
    line, column = position(source, edit.source_start)
    end_line, end_column = position(source, edit.source_end)
    return {
        "description": {"text": labels["replace"].format(match=f.match, fix=f.fix)},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(path),
                "replacements": [
                    {
                        "deletedRegion": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
                        "insertedContent": {"text": edit.replacement},
                    }
                ],
            }
        ],
    }


def position(source: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of ``offset`` in newline-normalised ``source``."""
    line_start = source.rfind("\n", 0, offset) + 1
    return source.count("\n", 0, offset) + 1, offset - line_start + 1


def _notification(problem: Problem) -> dict[str, Any]:
    path = file_path(problem.path)
    if path is None:
        location: dict[str, Any] = {"logicalLocations": [{"name": problem.path, "kind": "resource"}]}
    else:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(path)}
        if problem.line is not None:
            physical["region"] = {"startLine": problem.line}
        location = {"physicalLocation": physical}
    return {"locations": [location], "message": {"text": problem.message}, "level": "error"}


# -- paths ---------------------------------------------------------------------------------------


def file_path(path: str | None) -> str | None:
    """``path`` with forward slashes when it names a file; None for ``<stdin>``, ``<text>`` or no path."""
    if not path or (path.startswith("<") and path.endswith(">")):
        return None
    return path.replace("\\", "/")


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF ``artifactLocation``: relative paths against ``%SRCROOT%``, absolute ones as ``file:`` URIs."""
    if _WINDOWS_DRIVE.match(path):
        return {"uri": "file:///" + path[:2] + quote(path[2:], safe="/")}
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    while path.startswith("./"):
        path = path[2:]
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _is_absolute_uri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and not any(c.isspace() for c in value)


def _is_semver(version: str) -> bool:
    return re.fullmatch(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?", version) is not None
