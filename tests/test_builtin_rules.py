"""The shipped rule packs as data: complete, bilingual, unique, and every example behaves."""

from __future__ import annotations

from collections import Counter

import pytest

from postcheck.checks import CompileContext
from postcheck.ruleset import BUILTIN_PACKS, CATEGORIES, Rule, builtin_rules_dir, compile_rules, load_rule_file
from postcheck.ruletest import run_examples


def builtin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for pack in BUILTIN_PACKS:
        rules.extend(load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True))
    return compile_rules(rules, CompileContext())


RULES = builtin_rules()


def test_one_pack_per_category() -> None:
    for pack in BUILTIN_PACKS:
        rules = load_rule_file(builtin_rules_dir() / f"{pack}.yaml")
        assert {r.category for r in rules} == {pack}
        assert all(r.id.startswith(pack + "/") for r in rules)


def test_at_least_five_rules_per_category() -> None:
    counts = Counter(r.category for r in RULES)
    assert all(counts[c] >= 5 for c in CATEGORIES), counts


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert set(rule.message) == {"id", "en"}, "messages in Indonesian and English"
    assert len(rule.rationale) > 40
    assert rule.source
    assert any(e.bad for e in rule.examples), "needs an example that must fire"
    assert any(not e.bad for e in rule.examples), "needs an example that must stay silent"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_examples_behave(rule: Rule) -> None:
    failures = [o.describe() for o in run_examples([rule]) if not o.ok]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_word_lists_have_no_duplicates(rule: Rule) -> None:
    for key in ("tokens", "if_tokens", "near_tokens", "unless_tokens", "patterns", "near_patterns", "unless_patterns"):
        value = rule.options.get(key)
        if not isinstance(value, (list, tuple, dict)):
            continue  # substitution's `patterns: true` is a flag
        lists = value.values() if isinstance(value, dict) else [value]
        for items in lists:
            lowered = [i.lower() for i in items]
            duplicates = [w for w, n in Counter(lowered).items() if n > 1]
            assert not duplicates, f"{rule.id}: {key} repeats {duplicates}"
            if not key.endswith("patterns"):
                assert lowered == sorted(lowered), f"{rule.id}: {key} is not sorted"
    swap = rule.options.get("swap")
    if swap:
        tables = swap.values() if all(isinstance(v, dict) for v in swap.values()) else [swap]
        for table in tables:
            lowered = [k.lower() for k in table]
            assert len(lowered) == len(set(lowered)), f"{rule.id}: swap keys repeat"
            assert lowered == sorted(lowered), f"{rule.id}: swap keys are not sorted"
            if rule.options.get("patterns") is not True:
                fold = str.lower if rule.options.get("ignorecase", True) else str
                fixes = {fold(v) for v in table.values()}
                assert not fixes & {fold(k) for k in table}, f"{rule.id}: a fix is itself flagged"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_pattern_compiles(rule: Rule) -> None:
    # Built-in patterns compile lazily at run time; the suite compiles them all here.
    assert rule.check is not None
    for part in rule.check.parts():
        if hasattr(part, "validate"):
            part.validate()
