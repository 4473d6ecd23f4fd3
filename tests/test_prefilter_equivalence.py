"""Skipping work must not change results: the engine with and without its prefilter agrees."""

from __future__ import annotations

from datetime import datetime

import pytest

from postcheck.checks import CompileContext
from postcheck.checks.base import Check
from postcheck.checks.patterns import PatternSet
from postcheck.config import Config
from postcheck.drafts import build_post
from postcheck.engine import Engine
from postcheck.ruleset import BUILTIN_PACKS, builtin_rules_dir, compile_rules, load_rule_file
from postcheck.timeparse import parse_zone

TZ = parse_zone("Asia/Jakarta")
WHEN = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)


def _findings(texts: list[tuple[str, str | None]]) -> list[list[tuple[object, ...]]]:
    rules = [r for pack in BUILTIN_PACKS for r in load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True)]
    engine = Engine(Config(), compile_rules(rules, CompileContext(timezone=TZ)))
    out = []
    for text, language in texts:
        post = build_post(text, path=None, default_tz=TZ, language=language, publish_at=WHEN)
        for platform in (None, "x"):
            result = engine.check_one(post, platform)
            out.append([(f.rule, f.line, f.column, f.end_line, f.end_column, f.match, f.severity) for f in result.findings])
    return out


def test_results_are_the_same_without_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = [r for pack in BUILTIN_PACKS for r in load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True)]
    texts = [(e.text, e.language) for r in rules for e in r.examples]
    texts += [("\n\n".join(e.text for e in r.examples), None) for r in rules]  # several triggers in one post
    assert len(texts) > 500
    filtered = _findings(texts)
    assert sum(map(len, filtered)) > 500
    monkeypatch.setattr(Check, "gate_parts", lambda self, language=None: None)
    for kind in {type(r.check) for r in compile_rules(rules, CompileContext(timezone=TZ)) if r.check is not None}:
        monkeypatch.setattr(kind, "gate_parts", lambda self, language=None: None, raising=False)
    monkeypatch.setattr(PatternSet, "needles", property(lambda self: None))
    assert _findings(texts) == filtered
