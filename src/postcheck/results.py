"""What a check produces: findings, per-post results, and a run's report.

These are the objects every report format renders; their JSON form
(:meth:`PostResult.to_dict`, :meth:`LintReport.to_dict`) is the documented,
stable ``--format json`` shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .post import Post

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
#: Version of the JSON report shape; bumped only on incompatible changes.
JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one post, located in the file the user opened."""

    rule: str
    category: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    fix: str | None = None
    start: int = 0  # offsets into the post's reader-visible text
    end: int = 0
    source_start: int = 0  # offsets into the (newline-normalised) source file
    source_end: int = 0
    platform: str | None = None
    points: float = 0.0  # points this finding took from its category score

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "fix": self.fix,
            "platform": self.platform,
            "points": self.points,
        }

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickle as a constructor call: three times faster to load than slot-by-slot state,
        and lint workers send every finding back to the parent."""
        return (Finding, tuple(getattr(self, name) for name in _FINDING_FIELDS))


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass
class PostResult:
    """The findings and scores of one post (on one platform)."""

    path: str | None
    locator: str
    language: str
    language_detected: bool
    platform: str | None
    publish_at: datetime | None
    publish_source: str
    findings: list[Finding]
    scores: dict[str, float]
    passed: bool
    reasons: list[str] = field(default_factory=list)
    post: Post | None = field(default=None, repr=False, compare=False)
    #: with --suggest-thread: the post split into numbered parts within the limit
    thread: list[str] | None = None

    @property
    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "locator": self.locator,
            "language": self.language,
            "language_detected": self.language_detected,
            "platform": self.platform,
            "publish_at": self.publish_at.isoformat() if self.publish_at else None,
            "publish_source": self.publish_source,
            "scores": self.scores,
            "passed": self.passed,
            "reasons": self.reasons,
            "findings": [f.to_dict() for f in self.findings],
            "thread": self.thread,
        }


@dataclass
class TextResult:
    """The result of :func:`postcheck.check_text`: one :class:`PostResult` per platform."""

    results: list[PostResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def scores(self) -> dict[str, float]:
        """The worst score per category across platforms."""
        merged: dict[str, float] = {}
        for r in self.results:
            for k, v in r.scores.items():
                merged[k] = min(merged.get(k, v), v)
        return merged

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be checked (reported; the rest of the run goes on)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        from .text.plaintext import one_line

        where = one_line(self.path) if self.line is None else f"{one_line(self.path)}:{self.line}"
        return f"{where}: {one_line(self.message)}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message}


@dataclass
class LintReport:
    """Everything one ``lint`` run produced."""

    results: list[PostResult]
    problems: list[Problem] = field(default_factory=list)
    #: findings left out because a baseline already records them
    baselined: int = 0
    #: the rules that were active (for report formats that describe rules)
    rules: list[Any] = field(default_factory=list, repr=False)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def summary(self) -> dict[str, Any]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for r in self.results:
            for k, v in r.counts.items():
                counts[k] += v
        overall = [r.scores["overall"] for r in self.results]
        return {
            "posts": len(self.results),
            "passed": sum(1 for r in self.results if r.passed),
            "failed": sum(1 for r in self.results if not r.passed),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "problems": len(self.problems),
            "baselined": self.baselined,
            "mean_score": round(sum(overall) / len(overall), 1) if overall else None,
        }

    def to_dict(self, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "schema": JSON_SCHEMA_VERSION,
            "results": [r.to_dict() for r in self.results],
            "problems": [p.to_dict() for p in self.problems],
            "summary": self.summary(),
        }
