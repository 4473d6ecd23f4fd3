"""Baselines: adopt postcheck in a repository full of old drafts.

``postcheck baseline`` records today's findings; ``lint --baseline FILE``
then reports only findings that are not in it. A finding is keyed by its
file, rule, platform, matched text and the text of its line — not by its line
number — so editing an unrelated line above it does not make it "new", while
editing the line itself does. Identical keys are counted, so a second copy of
the same problem on a new line is still new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .results import Finding, LintReport, PostResult

BASELINE_VERSION = 1


def finding_key(result: PostResult, finding: Finding) -> str:
    """A stable key for one finding (see the module docstring)."""
    line_text = ""
    if result.post is not None:
        lines = result.post.source.split("\n")
        if 0 < finding.line <= len(lines):
            line_text = " ".join(lines[finding.line - 1].split())
    path = _portable(result.path or result.locator)
    parts = [path, finding.rule, finding.platform or "", finding.match, line_text]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _portable(path: str) -> str:
    """Paths relative to the working folder, with forward slashes."""
    p = Path(path)
    if p.is_absolute() and p.is_relative_to(Path.cwd()):
        p = p.relative_to(Path.cwd())
    return p.as_posix()


def build(report: LintReport) -> dict[str, Any]:
    """The baseline document for a report."""
    counts: Counter[str] = Counter()
    rules: dict[str, str] = {}
    for result in report.results:
        for finding in result.findings:
            key = finding_key(result, finding)
            counts[key] += 1
            rules[key] = f"{_portable(result.path or result.locator)}: {finding.rule}"
    entries = [{"key": key, "count": counts[key], "what": rules[key]} for key in sorted(counts)]
    return {"postcheck_baseline": BASELINE_VERSION, "findings": entries}


def write(report: LintReport, path: Path) -> int:
    """Write the baseline atomically; return the number of findings recorded."""
    data = build(report)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return sum(e["count"] for e in data["findings"])


def load(path: Path) -> Counter[str]:
    """Read a baseline file (a clear error when it is not one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found", path=path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"not a postcheck baseline: {exc}", path=path) from None
    if (
        not isinstance(data, dict)
        or data.get("postcheck_baseline") != BASELINE_VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise ConfigError("not a postcheck baseline (expected the file written by 'postcheck baseline')", path=path)
    known: Counter[str] = Counter()
    for entry in data["findings"]:
        if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("count"), int):
            known[entry["key"]] += entry["count"]
    return known


def new_findings(result: PostResult, known: Counter[str]) -> list[Finding]:
    """The findings of a result that the baseline does not account for (consumes ``known``)."""
    kept: list[Finding] = []
    for finding in result.findings:
        key = finding_key(result, finding)
        if known[key] > 0:
            known[key] -= 1
        else:
            kept.append(finding)
    return kept


def filter_results(results: Iterable[PostResult], known: Counter[str]) -> tuple[list[tuple[PostResult, list[Finding]]], int]:
    """Each result with its new findings, and how many findings the baseline absorbed."""
    remaining = Counter(known)
    out: list[tuple[PostResult, list[Finding]]] = []
    absorbed = 0
    for result in results:
        kept = new_findings(result, remaining)
        absorbed += len(result.findings) - len(kept)
        out.append((result, kept))
    return out, absorbed
