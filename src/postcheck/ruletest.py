"""Run the examples that rules carry: every ``bad`` must fire, every ``good`` must not.

Used by ``postcheck rules test`` for a team's own packs and by postcheck's
test suite for the built-in ones, so house rules are tested exactly the way
built-ins are. Each example runs with its rule alone, at a fixed publish time
unless the example gives one, so the outcome does not depend on other rules
or on the day the test runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from .checks import CompileContext
from .config import Config, parse_config
from .drafts import build_post
from .engine import Engine
from .ruleset import Example, Rule, compile_rules
from .timeparse import parse_datetime

#: Publish time of examples that do not give one (a Thursday morning in WIB).
EXAMPLE_PUBLISH_AT = "2026-01-15T09:00:00+07:00"


@dataclass(frozen=True)
class ExampleOutcome:
    rule: Rule
    example: Example
    fired: bool
    messages: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.fired == self.example.bad

    def describe(self) -> str:
        expected = "fire" if self.example.bad else "stay silent"
        got = "fired" if self.fired else "stayed silent"
        where = f"{self.rule.file}:{self.example.line or self.rule.line}"
        return f"{where}: rule '{self.rule.id}' should {expected} on {self.example.text!r} but {got}"


def run_examples(rules: Iterable[Rule], config: Config | None = None) -> Iterator[ExampleOutcome]:
    """Check every example of every (compiled) rule."""
    base = config or Config()
    for rule in rules:
        plain_engine = Engine(base, [rule])
        for example in rule.examples:
            cfg, engine = base, plain_engine
            if example.profile is not None:
                cfg = replace(base, profile=parse_config({"profile": example.profile}, None).profile)
                engine = Engine(cfg, compile_rules([rule], CompileContext(profile=cfg.profile, timezone=cfg.tz)))
            when = parse_datetime(example.publish_at or EXAMPLE_PUBLISH_AT, cfg.tz)
            language = example.language or (rule.languages[0] if len(rule.languages) == 1 else None)
            post = build_post(example.text, path=None, default_tz=cfg.tz, markdown=False, publish_at=when, language=language)
            platform = example.platform or (rule.platforms[0] if rule.platforms else None)
            result = engine.check_one(post, platform)
            messages = tuple(f.message for f in result.findings if f.rule == rule.id)
            yield ExampleOutcome(rule, example, bool(messages), messages)
