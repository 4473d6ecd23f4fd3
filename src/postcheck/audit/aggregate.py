"""Aggregate post summaries into the audit report, in bounded memory.

Per post the aggregator keeps a few numbers in typed arrays (scores, publish
timestamps, SimHash) and counters; everything else is bounded: the worst
posts (a heap of 10), three examples per finding, the first 100 problems.
Posts arrive in source order and ties are broken by that order, so the report
is the same on every run whatever the number of workers.
"""

from __future__ import annotations

import heapq
import statistics
from array import array
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from ..results import SEVERITY_RANK
from .check import SCORE_KEYS, PostSummary
from .neardup import BINS, EMPTY

_NO_SKETCH = (EMPTY,) * BINS

WORST = 10
TOP_FINDINGS = 20
EXAMPLES = 3
MAX_PROBLEMS = 100
GAPS = 5


class Aggregator:
    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.records = 0
        self.outside_window = 0
        self.problems: list[dict[str, str]] = []
        self.problem_count = 0
        self.scores = {k: array("f") for k in SCORE_KEYS}
        self.passed = 0
        self.timestamps = array("d")
        self.sketches = array("I")  # BINS values per post
        self.posts = 0
        self.monthly: dict[str, list[float]] = defaultdict(lambda: [0.0] * (len(SCORE_KEYS) + 2))
        self.weekly: Counter[str] = Counter()
        self.weekday_hour = [[0] * 24 for _ in range(7)]
        self.finding_counts: Counter[str] = Counter()
        self.finding_posts: Counter[str] = Counter()
        self.finding_meta: dict[str, tuple[str, str, str]] = {}
        self.finding_examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.worst: list[tuple[float, int, dict[str, Any]]] = []  # max-heap by (-score, -index)
        self.languages: Counter[str] = Counter()
        self.platform_checked = 0
        self.over_limit: Counter[str] = Counter()
        self.with_media = 0
        self.missing_alt = 0
        self.first: datetime | None = None
        self.last: datetime | None = None

    # -- input ---------------------------------------------------------------
    def problem(self, locator: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append({"locator": locator, "message": message})

    def add(self, s: PostSummary) -> None:
        if s.error is not None:
            self.problem(s.locator, s.error)
            return
        n = self.posts
        self.posts += 1
        for key, value in zip(SCORE_KEYS, s.scores, strict=True):
            self.scores[key].append(value)
        self.sketches.extend(s.sketch if s.sketch is not None else _NO_SKETCH)
        self.passed += s.passed
        self.languages[s.language] += 1
        if s.platform is not None:
            self.platform_checked += 1
            if s.over_limit:
                self.over_limit[s.platform] += 1
        self.with_media += s.has_media
        self.missing_alt += s.missing_alt
        when = s.publish_at.astimezone(self.zone) if s.publish_at is not None else None
        self.timestamps.append(when.timestamp() if when is not None else float("nan"))
        if when is not None:
            self.first = when if self.first is None or when < self.first else self.first
            self.last = when if self.last is None or when > self.last else self.last
            month = self.monthly[when.strftime("%Y-%m")]
            month[0] += 1
            for i, value in enumerate(s.scores):
                month[1 + i] += value
            month[-1] += len(s.findings)
            iso = when.isocalendar()
            self.weekly[f"{iso.year}-W{iso.week:02d}"] += 1
            self.weekday_hour[when.weekday()][when.hour] += 1
        seen_rules: set[str] = set()
        for f in s.findings:
            if SEVERITY_RANK[f.severity] < SEVERITY_RANK["warning"]:
                continue
            self.finding_counts[f.rule] += 1
            self.finding_meta.setdefault(f.rule, (f.category, f.severity, f.message))
            if f.rule not in seen_rules:
                seen_rules.add(f.rule)
                self.finding_posts[f.rule] += 1
                examples = self.finding_examples[f.rule]
                if len(examples) < EXAMPLES:
                    examples.append({"locator": s.locator, "publish_at": _iso(when), "match": f.match, "excerpt": s.excerpt})
        entry = (-s.scores[0], -n)
        if len(self.worst) < WORST or entry > (self.worst[0][0], self.worst[0][1]):
            item = {
                "locator": s.locator, "publish_at": _iso(when), "platform": s.platform, "score": s.scores[0],
                "excerpt": s.excerpt,
                "findings": [{"rule": f.rule, "severity": f.severity, "message": f.message, "match": f.match} for f in s.findings],
            }
            if len(self.worst) < WORST:
                heapq.heappush(self.worst, (entry[0], entry[1], item))
            else:
                heapq.heapreplace(self.worst, (entry[0], entry[1], item))

    # -- output ----------------------------------------------------------------
    def report(self, *, near: list[dict[str, Any]], source: dict[str, Any], window: dict[str, Any],
               version: str, ui_language: str, zone_name: str) -> dict[str, Any]:
        posts = self.posts
        return {
            "version": version,
            "schema": 1,
            "ui_language": ui_language,
            "source": source,
            "window": {**window, "first": _iso(self.first), "last": _iso(self.last)},
            "counts": {"records": self.records, "posts": posts, "passed": self.passed, "failed": posts - self.passed,
                       "problems": self.problem_count, "outside_window": self.outside_window},
            "scores": {k: _distribution(self.scores[k]) for k in SCORE_KEYS},
            "monthly": [
                {"month": m, "posts": int(v[0]),
                 "mean": {k: round(v[1 + i] / v[0], 1) for i, k in enumerate(SCORE_KEYS)}, "findings": int(v[-1])}
                for m, v in sorted(self.monthly.items())
            ],
            "top_findings": self._top_findings(),
            "worst_posts": [item for _, _, item in sorted(self.worst, key=lambda e: (-e[0], -e[1]))],
            "consistency": self._consistency(zone_name),
            "near_duplicates": near,
            "languages": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            "platform_limits": {"checked": self.platform_checked, "exceeded": sum(self.over_limit.values()),
                                "by_platform": dict(sorted(self.over_limit.items()))},
            "media": {"posts_with_media": self.with_media, "missing_alt": self.missing_alt},
            "problems": self.problems,
        }

    def _top_findings(self) -> list[dict[str, Any]]:
        ranked = sorted(self.finding_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FINDINGS]
        out = []
        for rule, count in ranked:
            category, severity, message = self.finding_meta[rule]
            out.append({"rule": rule, "category": category, "severity": severity, "count": count,
                        "posts": self.finding_posts[rule], "message": message, "examples": self.finding_examples[rule]})
        return out

    def _consistency(self, zone_name: str) -> dict[str, Any]:
        times = sorted(t for t in self.timestamps if t == t)  # NaN-free
        weekly: list[dict[str, Any]] = []
        gaps: list[dict[str, Any]] = []
        if times:
            start = datetime.fromtimestamp(times[0], self.zone)
            end = datetime.fromtimestamp(times[-1], self.zone)
            week = start - timedelta(days=start.weekday())
            while week.date() <= end.date():
                iso = week.isocalendar()
                key = f"{iso.year}-W{iso.week:02d}"
                weekly.append({"week": key, "posts": self.weekly.get(key, 0)})
                week += timedelta(days=7)
            spans = sorted(((b - a, a, b) for a, b in zip(times, times[1:], strict=False)), key=lambda g: (-g[0], g[1]))
            for span, a, b in spans[:GAPS]:
                gaps.append({"from": _iso(datetime.fromtimestamp(a, self.zone)), "to": _iso(datetime.fromtimestamp(b, self.zone)),
                             "days": round(span / 86400, 1)})
        counts = [w["posts"] for w in weekly]
        return {
            "zone": zone_name,
            "weeks_total": len(weekly),
            "weeks_active": sum(1 for c in counts if c),
            "posts_per_week": {"mean": round(statistics.fmean(counts), 1) if counts else 0.0,
                               "median": float(statistics.median(counts)) if counts else 0.0,
                               "max": max(counts, default=0)},
            "weekly": weekly,
            "longest_gaps": gaps,
            "weekday_hour": self.weekday_hour,
        }


def _distribution(values: array) -> dict[str, Any]:
    histogram = [0] * 10
    for v in values:
        histogram[min(9, int(v // 10))] += 1
    if not values:
        return {"mean": None, "median": None, "histogram": histogram}
    return {"mean": round(statistics.fmean(values), 1), "median": round(float(statistics.median(values)), 1),
            "histogram": histogram}


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    return when.isoformat(timespec="seconds") if when.tzinfo is not None else when.replace(tzinfo=UTC).isoformat(timespec="seconds")
