"""Scores: 100 per category, minus what each finding costs; overall = weighted mean.

Every lost point is traceable: a finding costs ``penalty[severity] × rule
weight`` points from its category, never more than the category has left, and
the cost is stored on the finding (``points``). The overall score is the mean
of the category scores weighted by the configured category weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .results import Finding
from .ruleset import CATEGORIES


def score(findings: Sequence[Finding], weights: Mapping[str, float], penalties: Mapping[str, float],
          category_weights: Mapping[str, float]) -> tuple[list[Finding], dict[str, float]]:
    """Return the findings with their ``points`` set, and the scores.

    ``weights`` maps rule id to rule weight. Findings are charged in the
    order given (sorted by position), so the result is deterministic.
    """
    left = dict.fromkeys(CATEGORIES, 100.0)
    charged: list[Finding] = []
    for f in findings:
        cost = penalties.get(f.severity, 0.0) * weights.get(f.rule, 1.0)
        take = round(min(left[f.category], cost), 2)
        left[f.category] = round(left[f.category] - take, 2)
        charged.append(replace(f, points=take))
    total_weight = sum(category_weights.get(c, 1.0) for c in CATEGORIES)
    overall = sum(left[c] * category_weights.get(c, 1.0) for c in CATEGORIES) / total_weight
    scores = {"overall": round(overall, 1), **{c: round(left[c], 1) for c in CATEGORIES}}
    return charged, scores
