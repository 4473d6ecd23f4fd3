"""Built-in rules compile per post language on first use; that must change no result, and a
user's pack must still be refused when it loads, with its file and line."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from postcheck.checks import KINDS, CompileContext
from postcheck.checks.matcher import LANGUAGE_KEYS
from postcheck.config import Config
from postcheck.drafts import build_post
from postcheck.engine import Engine
from postcheck.errors import RuleError
from postcheck.ruleset import BUILTIN_PACKS, Rule, builtin_rules_dir, compile_rules, load_rule_file
from postcheck.timeparse import parse_zone

TZ = parse_zone("Asia/Jakarta")
WHEN = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)


def _builtin() -> list[Rule]:
    return [r for pack in BUILTIN_PACKS for r in load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True)]


def _eager(rules: list[Rule], context: CompileContext) -> list[Rule]:
    """Every rule compiled the way a user's pack is: all languages at once."""
    return [replace(r, check=KINDS[r.kind](r.options, context)) for r in rules]


def _texts(rules: list[Rule]) -> list[tuple[str, str | None]]:
    texts = [(e.text, e.language) for r in rules for e in r.examples]
    texts += [("\n\n".join(e.text for e in r.examples), None) for r in rules]  # several triggers in one post
    texts += [(e.text, lang) for r in rules[::3] for e in r.examples for lang in ("id", "en")]  # the other language's rules
    return texts


def _findings(engine: Engine, texts: list[tuple[str, str | None]]) -> list[list[tuple[object, ...]]]:
    out = []
    for text, language in texts:
        post = build_post(text, path=None, default_tz=TZ, language=language, publish_at=WHEN)
        for platform in (None, "x", "instagram"):
            result = engine.check_one(post, platform)
            out.append(
                [(f.rule, f.line, f.column, f.end_line, f.end_column, f.match, f.severity, f.fix) for f in result.findings]
            )
    return out


def test_builtin_rules_are_compiled_lazily() -> None:
    context = CompileContext(timezone=TZ)
    [rule] = [r for r in compile_rules(_builtin(), context) if r.id == "authenticity/spread-demand"]
    matcher = rule.check.matcher  # type: ignore[union-attr]
    assert matcher._by_lang == {}
    matcher.parts("en")
    assert list(matcher._by_lang) == ["en"]
    matcher.parts()
    assert sorted(matcher._by_lang) == sorted(LANGUAGE_KEYS)


def test_lazy_compilation_gives_the_findings_of_eager_compilation() -> None:
    rules = _builtin()
    context = CompileContext(timezone=TZ)
    texts = _texts(rules)
    assert len(texts) > 1000
    lazy = _findings(Engine(Config(), compile_rules(rules, context)), texts)
    eager = _findings(Engine(Config(), _eager(rules, context)), texts)
    assert sum(map(len, lazy)) > 1000
    assert lazy == eager


def test_an_engine_prepared_before_forking_gives_the_same_findings() -> None:
    """``Engine.prepare`` compiles every language up front (lint and audit do it before forking workers)."""
    rules = _builtin()
    context = CompileContext(timezone=TZ)
    texts = _texts(rules)[:400]
    prepared = Engine(Config(), compile_rules(rules, context))
    prepared.prepare()
    assert sorted(prepared._prefilters) == ["*", "en", "id"]
    assert _findings(prepared, texts) == _findings(Engine(Config(), compile_rules(rules, context)), texts)


class _Everything:
    """A prefilter that rules nothing out: every part of every rule, in every language, may match."""

    def __init__(self, rules: list[Rule]) -> None:
        self.ids = frozenset(id(p) for r in rules if r.check is not None for p in r.check.parts())

    def candidates(self, post: object) -> frozenset[int]:
        return self.ids


def test_the_prefilter_of_a_language_holds_every_part_its_posts_consult(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part a check consults for a post but missing from that language's prefilter would never match."""
    rules = _builtin()
    texts = _texts(rules)
    compiled = compile_rules(rules, CompileContext(timezone=TZ))
    filtered = _findings(Engine(Config(), compiled), texts)
    everything = _Everything(compiled)
    monkeypatch.setattr(Engine, "_prefilter_for", lambda self, key: everything)
    assert _findings(Engine(Config(), compiled), texts) == filtered


def test_lazy_and_eager_checks_have_the_same_parts() -> None:
    """Per language, and in the same order: the prefilter and the gates see the same lists."""
    rules = _builtin()
    context = CompileContext(timezone=TZ)
    lazy = compile_rules(rules, context)
    eager = _eager(rules, context)
    for a, b in zip(lazy, eager, strict=True):
        assert a.check is not None and b.check is not None
        for language in (*LANGUAGE_KEYS, None):
            assert [_describe(p) for p in a.check.parts(language)] == [_describe(p) for p in b.check.parts(language)], a.id
            gate_a, gate_b = a.check.gate_parts(language), b.check.gate_parts(language)
            assert (gate_a is None) == (gate_b is None), a.id
            assert [_describe(p) for p in gate_a or ()] == [_describe(p) for p in gate_b or ()], a.id


def _describe(part: object) -> object:
    patterns = getattr(part, "patterns", None)
    if patterns is not None:
        return ("patterns", patterns, part.ignorecase, part.word_boundary)  # type: ignore[attr-defined]
    return ("phrases", sorted(part._first), [e.source for e in part._prefixes], part.ignorecase)  # type: ignore[attr-defined]


def test_every_builtin_rule_compiles_in_every_language() -> None:
    """What lazy compilation defers must never fail at run time."""
    for rule in compile_rules(_builtin(), CompileContext(timezone=TZ)):
        assert rule.check is not None
        for part in rule.check.parts():
            if hasattr(part, "validate"):
                part.validate()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('  tokens:\n    id: [sebarkan]\n    en: ["share!"]\n', "not made of whole words"),
        ('  tokens: [sebarkan]\n  unless_tokens:\n    en: ["a."]\n', "not made of whole words"),
        ("  tokens: [sebarkan]\n  patterns:\n    en: ['(a']\n", "bad pattern"),
    ],
)
def test_a_bad_entry_in_a_users_pack_is_refused_when_it_loads(tmp_path: Path, body: str, message: str) -> None:
    """Even in a language no post of the run is in: the error names the file and the rule's line."""
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "- id: quality/first\n  kind: existence\n  category: quality\n  severity: info\n  message: x\n  tokens: [a]\n"
        "- id: quality/house\n  kind: existence\n  category: quality\n  severity: info\n  message: x\n" + body,
        encoding="utf-8",
    )
    rules = load_rule_file(pack)
    with pytest.raises(RuleError, match=message) as info:
        compile_rules(rules, CompileContext(timezone=TZ))
    assert str(pack) in str(info.value)
    assert info.value.line is not None and info.value.line >= 7


def test_a_self_swap_in_a_users_pack_is_refused_when_it_loads(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "- id: quality/house\n  kind: substitution\n  category: quality\n  severity: info\n  message: x\n"
        "  swap:\n    id: {silahkan: silakan}\n    en: {Okay: okay}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="swapped for itself") as info:
        compile_rules(load_rule_file(pack), CompileContext(timezone=TZ))
    assert info.value.line == 6
