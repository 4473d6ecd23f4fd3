"""Aggregate post summaries into the audit report, in bounded memory.

Per post the aggregator keeps a few numbers in typed arrays (scores, publish
timestamps, SimHash) and counters; everything else is bounded: the worst
posts (a heap of 10), three examples per finding, the first 100 problems.
Posts arrive in source order and ties are broken by that order, so the report
is the same on every run whatever the number of workers.

Aggregates of consecutive slices of the stream combine with
:meth:`Aggregator.merge` (the Dask engine reduces one per partition); merged in
stream order they give exactly the report of one aggregator that saw every post.
"""

from __future__ import annotations

import heapq
import itertools
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
        #: per month, the score tuples added, in order (only in :meth:`partial` aggregates)
        self.month_log: dict[str, array] | None = None

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
            if self.month_log is not None:
                _log_scores(self.month_log, when.strftime("%Y-%m"), s.scores)
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
                "locator": s.locator,
                "publish_at": _iso(when),
                "platform": s.platform,
                "score": s.scores[0],
                "excerpt": s.excerpt,
                "findings": [
                    {"rule": f.rule, "severity": f.severity, "message": f.message, "match": f.match} for f in s.findings
                ],
            }
            if len(self.worst) < WORST:
                heapq.heappush(self.worst, (entry[0], entry[1], item))
            else:
                heapq.heapreplace(self.worst, (entry[0], entry[1], item))

    # -- combining -------------------------------------------------------------
    @classmethod
    def partial(cls, zone: tzinfo) -> Aggregator:
        """An aggregator for one slice of the stream, to be combined with :meth:`merge`.

        Float addition is not associative, so adding two months' sums can differ in the last
        bit from adding their posts one by one, and a mean on a rounding edge would then print
        differently. A partial aggregate therefore also logs, per month, the scores it added
        (as tenths in 2-byte integers: 14 bytes per post), and :meth:`merge` replays them.
        """
        agg = cls(zone)
        agg.month_log = {}
        return agg

    def merge(self, other: Aggregator) -> None:
        """Take in ``other``'s posts as if they had been added after this aggregator's own.

        Merging the aggregates of consecutive slices in stream order gives exactly the report
        of one aggregator that saw every post: counts add up; order-dependent parts (the first
        problems, the first examples of a finding, worst-post ties) keep stream order; the
        monthly sums are replayed from ``other``'s log. ``other`` is not changed. Without a log
        (``other`` is not a :meth:`partial` aggregate) monthly sums are added as they are.
        """
        offset = self.posts
        self.records += other.records
        self.outside_window += other.outside_window
        self.problem_count += other.problem_count
        self.problems.extend(other.problems[: max(0, MAX_PROBLEMS - len(self.problems))])
        for key in SCORE_KEYS:
            self.scores[key].extend(other.scores[key])
        self.passed += other.passed
        self.timestamps.extend(other.timestamps)
        self.sketches.extend(other.sketches)
        self.posts += other.posts
        self._merge_monthly(other)
        self.weekly.update(other.weekly)
        for mine, theirs in zip(self.weekday_hour, other.weekday_hour, strict=True):
            for hour, count in enumerate(theirs):
                mine[hour] += count
        self.finding_counts.update(other.finding_counts)
        self.finding_posts.update(other.finding_posts)
        for rule, meta in other.finding_meta.items():
            self.finding_meta.setdefault(rule, meta)
        for rule, theirs_examples in other.finding_examples.items():
            examples = self.finding_examples[rule]
            examples.extend(theirs_examples[: max(0, EXAMPLES - len(examples))])
        for neg_score, neg_index, item in other.worst:
            entry = (neg_score, neg_index - offset)  # other's post n is post offset + n here
            if len(self.worst) < WORST:
                heapq.heappush(self.worst, (entry[0], entry[1], item))
            elif entry > (self.worst[0][0], self.worst[0][1]):
                heapq.heapreplace(self.worst, (entry[0], entry[1], item))
        self.languages.update(other.languages)
        self.platform_checked += other.platform_checked
        self.over_limit.update(other.over_limit)
        self.with_media += other.with_media
        self.missing_alt += other.missing_alt
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        if other.last is not None and (self.last is None or other.last > self.last):
            self.last = other.last

    def _merge_monthly(self, other: Aggregator) -> None:
        width = len(SCORE_KEYS)
        for month, theirs in other.monthly.items():
            log = other.month_log.get(month) if other.month_log is not None else None
            mine = self.monthly.get(month)
            if mine is None:
                self.monthly[month] = list(theirs)  # both sums started from zero: the same floats
            else:
                mine[0] += theirs[0]
                mine[-1] += theirs[-1]
                if log is None:
                    for i in range(width):
                        mine[1 + i] += theirs[1 + i]
                else:
                    values = _logged(log)
                    for start in range(0, len(values), width):
                        for i in range(width):
                            mine[1 + i] += values[start + i]
            if self.month_log is not None:
                if other.month_log is None:
                    self.month_log = None  # cannot be replayed exactly any more
                elif log is not None:
                    _extend_log(self.month_log, month, log)

    def __getstate__(self) -> dict[str, Any]:
        """Picklable state (partial aggregates travel between Dask workers)."""
        state = dict(self.__dict__)
        state["monthly"] = dict(self.monthly)
        state["finding_examples"] = dict(self.finding_examples)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.monthly = defaultdict(_new_month, state["monthly"])
        self.finding_examples = defaultdict(list, state["finding_examples"])

    # -- output ----------------------------------------------------------------
    def report(
        self,
        *,
        near: list[dict[str, Any]],
        source: dict[str, Any],
        window: dict[str, Any],
        version: str,
        ui_language: str,
        zone_name: str,
    ) -> dict[str, Any]:
        posts = self.posts
        return {
            "version": version,
            "schema": 1,
            "ui_language": ui_language,
            "source": source,
            "window": {**window, "first": _iso(self.first), "last": _iso(self.last)},
            "counts": {
                "records": self.records,
                "posts": posts,
                "passed": self.passed,
                "failed": posts - self.passed,
                "problems": self.problem_count,
                "outside_window": self.outside_window,
            },
            "scores": {k: _distribution(self.scores[k]) for k in SCORE_KEYS},
            "monthly": [
                {
                    "month": m,
                    "posts": int(v[0]),
                    "mean": {k: round(v[1 + i] / v[0], 1) for i, k in enumerate(SCORE_KEYS)},
                    "findings": int(v[-1]),
                }
                for m, v in sorted(self.monthly.items())
            ],
            "top_findings": self._top_findings(),
            "worst_posts": [item for _, _, item in sorted(self.worst, key=lambda e: (-e[0], -e[1]))],
            "consistency": self._consistency(zone_name),
            "near_duplicates": near,
            "languages": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            "platform_limits": {
                "checked": self.platform_checked,
                "exceeded": sum(self.over_limit.values()),
                "by_platform": dict(sorted(self.over_limit.items())),
            },
            "media": {"posts_with_media": self.with_media, "missing_alt": self.missing_alt},
            "problems": self.problems,
        }

    def _top_findings(self) -> list[dict[str, Any]]:
        ranked = sorted(self.finding_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FINDINGS]
        out = []
        for rule, count in ranked:
            category, severity, message = self.finding_meta[rule]
            out.append(
                {
                    "rule": rule,
                    "category": category,
                    "severity": severity,
                    "count": count,
                    "posts": self.finding_posts[rule],
                    "message": message,
                    "examples": self.finding_examples[rule],
                }
            )
        return out

    def _consistency(self, zone_name: str) -> dict[str, Any]:
        runs = _sorted_runs(self.timestamps, skip_nan=True)
        weekly: list[dict[str, Any]] = []
        gaps: list[dict[str, Any]] = []
        if runs:
            start = datetime.fromtimestamp(min(r[0] for r in runs), self.zone)
            end = datetime.fromtimestamp(max(r[-1] for r in runs), self.zone)
            week = start - timedelta(days=start.weekday())
            while week.date() <= end.date():
                iso = week.isocalendar()
                key = f"{iso.year}-W{iso.week:02d}"
                weekly.append({"week": key, "posts": self.weekly.get(key, 0)})
                week += timedelta(days=7)
            # the longest gaps, earliest first among equals, without a list of every gap
            pairs = itertools.pairwise(heapq.merge(*runs))
            spans = heapq.nsmallest(GAPS, ((a - b, a, b) for a, b in pairs))
            for neg_span, a, b in spans:
                span = -neg_span
                gaps.append(
                    {
                        "from": _iso(datetime.fromtimestamp(a, self.zone)),
                        "to": _iso(datetime.fromtimestamp(b, self.zone)),
                        "days": round(span / 86400, 1),
                    }
                )
        counts = [w["posts"] for w in weekly]
        return {
            "zone": zone_name,
            "weeks_total": len(weekly),
            "weeks_active": sum(1 for c in counts if c),
            "posts_per_week": {
                "mean": round(statistics.fmean(counts), 1) if counts else 0.0,
                "median": float(statistics.median(counts)) if counts else 0.0,
                "max": max(counts, default=0),
            },
            "weekly": weekly,
            "longest_gaps": gaps,
            "weekday_hour": self.weekday_hour,
        }


def _distribution(values: array) -> dict[str, Any]:
    histogram = [0] * 10
    if not values:
        return {"mean": None, "median": None, "histogram": histogram}
    counts = _value_counts(values)
    if counts is None:
        for v in values:
            histogram[min(9, int(v // 10))] += 1
        median = _median(values)
    else:  # scores take few distinct values: count them once instead of walking every post
        for v, c in counts.items():
            histogram[min(9, int(v // 10))] += c
        median = _median_of_counts(counts, len(values))
    return {"mean": round(statistics.fmean(values), 1), "median": round(median, 1), "histogram": histogram}


def _value_counts(values: array) -> Counter[float] | None:
    """How often each value occurs, or ``None`` once there are more than :data:`RUN` distinct ones."""
    counts: Counter[float] = Counter()
    for start in range(0, len(values), RUN):
        counts.update(values[start : start + RUN])
        if len(counts) > RUN:
            return None
    return counts


def _median_of_counts(counts: Counter[float], n: int) -> float:
    """:func:`statistics.median` of the ``n`` values that ``counts`` counts."""
    wanted = (n - 1) // 2  # the lower middle; the upper one too when n is even
    seen = 0
    ordered = sorted(counts.items())
    for i, (value, count) in enumerate(ordered):
        seen += count
        if seen > wanted:
            if n % 2 or seen > wanted + 1:
                return float(value)
            return (value + ordered[i + 1][0]) / 2
    raise ValueError("counts do not add up to n")


#: values sorted at a time: the Python floats of one run are alive at once, not of every post
RUN = 65536


def _sorted_runs(values: array, *, skip_nan: bool = False) -> list[array]:
    """``values`` as sorted runs of typed arrays, for :func:`heapq.merge`.

    Sorting a million-post array at once builds a million Python floats (32 bytes
    each); in runs, the extra memory is one run's floats plus a typed copy.
    """
    runs = []
    for start in range(0, len(values), RUN):
        chunk = values[start : start + RUN]
        ordered = sorted(v for v in chunk if v == v) if skip_nan else sorted(chunk)
        if ordered:
            runs.append(array(values.typecode, ordered))
    return runs


def _median(values: array) -> float:
    """The median of ``values`` as :func:`statistics.median` gives it, in bounded memory."""
    n = len(values)
    if n <= RUN:
        return float(statistics.median(values))
    wanted = (n - 1) // 2
    merged = heapq.merge(*_sorted_runs(values))
    low = next(itertools.islice(merged, wanted, None))
    if n % 2:
        return float(low)
    return (low + next(merged)) / 2


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    return (
        when.isoformat(timespec="seconds") if when.tzinfo is not None else when.replace(tzinfo=UTC).isoformat(timespec="seconds")
    )


def _new_month() -> list[float]:
    return [0.0] * (len(SCORE_KEYS) + 2)


def _log_scores(logs: dict[str, array], month: str, scores: tuple[float, ...]) -> None:
    """Log a post's scores: as tenths (2 bytes each) when exact, else as doubles."""
    log = logs.get(month)
    if log is None:
        log = logs[month] = array("h")
    if log.typecode == "h":
        tenths = [round(v * 10) for v in scores]
        if all(-32768 <= t <= 32767 and t / 10 == v for t, v in zip(tenths, scores, strict=True)):
            log.extend(tenths)
            return
        logs[month] = array("d", _logged(log))
    logs[month].extend(scores)


def _logged(log: array) -> array:
    """The logged scores as floats, exactly as they were added."""
    return array("d", (t / 10 for t in log)) if log.typecode == "h" else log


def _extend_log(logs: dict[str, array], month: str, more: array) -> None:
    log = logs.get(month)
    if log is None:
        logs[month] = array(more.typecode, more)
    elif log.typecode == more.typecode:
        log.extend(more)
    else:
        logs[month] = array("d", _logged(log))
        logs[month].extend(_logged(more))
