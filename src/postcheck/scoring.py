"""Scores: every finding costs points; categories and the overall score start at 100.

Every lost point is traceable: a finding costs ``penalty[severity] × rule
weight`` points from its category (never more than the category has left),
and the cost is stored on the finding (``points``). The overall score is 100
minus the points lost in all categories, each multiplied by its category
weight, floored at 0 — so a post with one serious problem cannot hide it
behind five clean categories, as an average would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from .results import Finding
from .ruleset import CATEGORIES


def charges(
    charged: Iterable[tuple[str, str, str]],
    weights: Mapping[str, float],
    penalties: Mapping[str, float],
    category_weights: Mapping[str, float],
) -> tuple[list[float], dict[str, float]]:
    """The points each ``(rule, category, severity)`` takes, in the order given, and the scores.

    ``weights`` maps rule id to rule weight. Findings are charged in the
    order given (sorted by position), so the result is deterministic.
    """
    left = dict.fromkeys(CATEGORIES, 100.0)
    points: list[float] = []
    for rule, category, severity in charged:
        cost = penalties.get(severity, 0.0) * weights.get(rule, 1.0)
        take = round(min(left[category], cost), 2)
        left[category] = round(left[category] - take, 2)
        points.append(take)
    lost = sum((100.0 - left[c]) * category_weights.get(c, 1.0) for c in CATEGORIES)
    scores = {"overall": round(max(0.0, 100.0 - lost), 1), **{c: round(left[c], 1) for c in CATEGORIES}}
    return points, scores


def score(
    findings: Sequence[Finding],
    weights: Mapping[str, float],
    penalties: Mapping[str, float],
    category_weights: Mapping[str, float],
) -> tuple[list[Finding], dict[str, float]]:
    """Return the findings with their ``points`` set, and the scores (see :func:`charges`)."""
    points, scores = charges(((f.rule, f.category, f.severity) for f in findings), weights, penalties, category_weights)
    charged = [f if f.points == take else replace(f, points=take) for f, take in zip(findings, points, strict=True)]
    return charged, scores
