"""The engine: compile the configured rule set once, run it over posts.

For each post (and each platform it is meant for) the engine picks the rules
that apply (language, platform, select/ignore), runs their compiled checks,
turns hits into located findings with messages in the UI language, drops
what inline comments silence, and scores the rest.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .checks import Check, CompileContext, Hit
from .checks.base import LANGUAGES
from .checks.patterns import PatternSet
from .checks.phrases import PhraseSet
from .checks.prefilter import Prefilter
from .config import Config
from .errors import ConfigError, InputError
from .platforms import available, canonical_name
from .post import Post
from .results import SEVERITY_RANK, Finding, PostResult
from .ruleset import Rule, compile_rules, iter_rule_files, load_rule_file
from .scoring import charges, score
from .suppress import parse_suppressions, rule_matches

#: Longest matched text carried in a finding (whole-post findings are long).
MAX_MATCH_CHARS = 200

#: A :class:`Finding`'s fields in order, all but ``points``.
_FindingFields = tuple[str, str, str, str, int, int, int, int, str, "str | None", int, int, int, int, "str | None"]


class Engine:
    """A compiled rule set and the settings to run it with."""

    def __init__(self, config: Config, rules: Sequence[Rule]) -> None:
        self.config = config
        self.rules = list(rules)
        self.ui_language = config.resolved_ui_language()
        self._weights = {r.id: r.weight for r in self.rules}
        # Built per post language on first use (``*``: another or an undetermined language), from
        # the word lists and patterns of the rules for that language only.
        self._prefilters: dict[str, Prefilter] = {}
        # A rule whose gate (the word lists or patterns it cannot report without) the
        # prefilter rules out for a post is skipped for that post.
        self._selected: dict[tuple[str, str | None], _Selection] = {}

    # -- building -------------------------------------------------------------
    @classmethod
    def from_config(cls, config: Config, *, extra_rule_files: Sequence[str] = ()) -> Engine:
        rules: list[Rule] = []
        # ``extends`` in a configuration file is relative to that file; extra rule files (``--rules``,
        # ``rule_files=``) are relative to the working directory, as every other path given to a command.
        extras = [f if f.split(":")[0] == "builtin" else str(Path(f).expanduser().absolute()) for f in extra_rule_files]
        for path, builtin in iter_rule_files([*config.extends, *extras], config.base_dir):
            rules.extend(load_rule_file(path, builtin=builtin))
        _check_references(config, rules)
        context = CompileContext(profile=config.profile, timezone=config.tz, platform_overrides=config.platform_settings)
        selected = [r for r in (_configure(rule, config) for rule in rules) if r is not None]
        return cls(config, compile_rules(selected, context))

    # -- running --------------------------------------------------------------
    def platforms_for(self, post: Post, override: Sequence[str] | None = None) -> list[str | None]:
        """The platforms a post is checked for: option, front matter, configuration, or none."""
        if override:
            return list(override)
        names = post.meta.platforms or self.config.platforms
        result: list[str | None] = []
        for name in names:
            canonical = canonical_name(name)
            if canonical not in available():
                line = post.meta.key_lines.get("platform", post.meta.key_lines.get("platforms"))
                raise InputError(
                    f"unknown platform '{name}' (known: {', '.join(available())})", path=post.path or "<text>", line=line
                )
            if canonical not in result:
                result.append(canonical)
        return result or [None]

    def check(self, post: Post, platforms: Sequence[str] | None = None) -> list[PostResult]:
        """Check one post once per platform it is meant for."""
        return [self.check_one(post, platform) for platform in self.platforms_for(post, platforms)]

    def check_one(self, post: Post, platform: str | None) -> PostResult:
        post.platform = platform
        language = post.language
        key = language if language in LANGUAGES else "*"
        prefilter = self._prefilter_for(key)
        if post.candidates is None or post.candidates_from is not prefilter:
            post.candidates = prefilter.candidates(post)
            post.candidates_from = prefilter
        candidates = post.candidates
        suppressions = parse_suppressions(post.source) if post.path is not None else None
        # Each finding's fields but its points, sorted by place, then charged in that order: a
        # finding is built once, with its points (``dataclasses.replace`` costs as much again).
        pending: list[_FindingFields] = []
        for rule, check in self._rules_for(key, platform).select(candidates):
            for hit in check.run(post):
                fields = self._finding_fields(rule, hit, post, platform)
                if suppressions and suppressions.silenced(rule.id, fields[4]):
                    continue
                pending.append(fields)
        pending.sort(key=_by_place)
        points, scores = charges(
            ((f[0], f[1], f[2]) for f in pending), self._weights, self.config.penalties, self.config.category_weights
        )
        findings = [Finding(*fields, take) for fields, take in zip(pending, points, strict=True)]
        passed, reasons = self._verdict(findings, scores)
        return PostResult(
            path=post.path,
            locator=post.locator or post.path or "<text>",
            language=language,
            language_detected=post.language_detected,
            platform=platform,
            publish_at=post.publish_at,
            publish_source=post.publish_source,
            findings=findings,
            scores=scores,
            passed=passed,
            reasons=reasons,
            post=post,
        )

    def prepare(self) -> None:
        """Compile every language variant now, not on first use.

        Done before worker processes are forked, so that they share one compiled
        rule set instead of each compiling its own.
        """
        for key in (*LANGUAGES, "*"):
            self._prefilter_for(key)

    def _applies(self, rule: Rule, key: str) -> bool:
        """Does ``rule`` apply to posts of language ``key`` (``*``: every rule does)?"""
        return rule.check is not None and not (rule.languages and key != "*" and key not in rule.languages)

    def _prefilter_for(self, key: str) -> Prefilter:
        """The prefilter of the word lists and patterns that posts in language ``key`` are checked against."""
        prefilter = self._prefilters.get(key)
        if prefilter is None:
            prefilter = Prefilter(part for r in self.rules if self._applies(r, key) for part in r.check.parts(key))  # type: ignore[union-attr]
            self._prefilters[key] = prefilter
        return prefilter

    def _rules_for(self, key: str, platform: str | None) -> _Selection:
        """The rules that apply to a post in language ``key`` for ``platform`` (cached)."""
        selected = self._selected.get((key, platform))
        if selected is None:
            entries: list[tuple[Rule, Check, list[PhraseSet | PatternSet] | None]] = []
            for rule in self.rules:
                if not self._applies(rule, key) or (rule.platforms and platform not in rule.platforms):
                    continue
                check = rule.check
                assert check is not None
                entries.append((rule, check, check.gate_parts(key) or None))
            selected = self._selected[(key, platform)] = _Selection(entries)
        return selected

    def rescore(self, result: PostResult, findings: Sequence[Finding]) -> PostResult:
        """The result again with only ``findings`` (e.g. those a baseline does not know)."""
        charged, scores = score(findings, self._weights, self.config.penalties, self.config.category_weights)
        passed, reasons = self._verdict(charged, scores)
        return replace(result, findings=charged, scores=scores, passed=passed, reasons=reasons)

    def _finding_fields(self, rule: Rule, hit: Hit, post: Post, platform: str | None) -> _FindingFields:
        """The fields of a :class:`Finding`, in order, without ``points``."""
        if hit.line is not None:
            loc = post.locate_line(hit.line)
            src_start = src_end = 0
        else:
            loc = post.locate(hit.start, hit.end)
            src_start, src_end = post.plain.source_span(hit.start, hit.end)
        match = str(hit.values.get("match", post.text[hit.start : hit.end]))
        if len(match) > MAX_MATCH_CHARS:
            match = match[: MAX_MATCH_CHARS - 1] + "…"
        message = format_message(rule.message_for(self.ui_language), hit.values)
        severity = rule.severity if rule.severity_configured or hit.severity is None else hit.severity
        return (
            rule.id,
            rule.category,
            severity,
            message,
            loc.line,
            loc.column,
            loc.end_line,
            loc.end_column,
            match,
            hit.fix,
            hit.start,
            hit.end,
            src_start,
            src_end,
            hit.platform or platform,
        )

    def _verdict(self, findings: Sequence[Finding], scores: Mapping[str, float]) -> tuple[bool, list[str]]:
        reasons: list[str] = []
        if any(f.category == "safety" and f.severity == "error" for f in findings):
            reasons.append("safety error")
        threshold = SEVERITY_RANK.get(self.config.fail_on)
        if threshold is not None:
            worst = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
            if worst >= threshold:
                reasons.append(f"{self.config.fail_on} finding")
        if self.config.fail_under is not None and scores["overall"] < self.config.fail_under:
            reasons.append(f"score {scores['overall']} < {self.config.fail_under:g}")
        return not reasons, reasons


def _check_references(config: Config, rules: Sequence[Rule]) -> None:
    """A ``select``, ``ignore`` or ``rules`` entry that names no loaded rule is a typo: say so
    (with the configuration's file and line, or the option), instead of silently checking
    something else than the user asked for."""
    ids = [r.id for r in rules]
    for key in ("select", "ignore", "rules"):
        for ref in tuple(getattr(config, key)):
            line = config.ref_lines.get((key, ref))
            if line == 0:
                check_option_references(f"--{key}", (ref,), ids)
            elif not any(rule_matches(rule_id, ref) for rule_id in ids):
                raise ConfigError(
                    f"'{key}': no rule or category '{ref}'{_hint(ref, ids)}",
                    path=config.path if line is not None else None,
                    line=line,
                )


def check_option_references(option: str, refs: Sequence[str], ids: Sequence[str]) -> None:
    """Raise a usage error for the first of ``refs`` (given as ``option``) that names none of ``ids``."""
    for ref in refs:
        if not any(rule_matches(rule_id, ref) for rule_id in ids):
            raise ConfigError(f"{option}: no rule or category '{ref}'{_hint(ref, ids)}")


def _hint(ref: str, ids: Sequence[str]) -> str:
    """The likeliest intended ids (same category, similar name), else the categories."""
    import difflib

    category, _, name = ref.rstrip("/").partition("/")
    if name:
        names = {i.split("/", 1)[1]: i for i in ids if i.startswith(category + "/")} or {i.split("/", 1)[-1]: i for i in ids}
        near = [names[n] for n in difflib.get_close_matches(name, list(names), n=3, cutoff=0.6)]
        if near:
            return f" (did you mean {', '.join(near)}?)"
        return " (`postcheck rules` lists them)"
    return f" (categories: {', '.join(sorted({i.split('/')[0] for i in ids}))})"


def _configure(rule: Rule, config: Config) -> Rule | None:
    """Apply select/ignore and per-rule settings; None when the rule is off."""
    if config.select and not any(rule_matches(rule.id, ref) for ref in config.select):
        return None
    if any(rule_matches(rule.id, ref) for ref in config.ignore):
        return None
    setting = None
    for ref, s in config.rules.items():
        if rule_matches(rule.id, ref):
            setting = s  # the most specific reference wins: ids are listed after categories
            if ref == rule.id:
                break
    if setting is None:
        return rule
    if setting.severity == "off":
        return None
    changes: dict[str, Any] = {}
    if setting.severity is not None:
        changes["severity"] = setting.severity
        changes["severity_configured"] = True
    if setting.weight is not None:
        changes["weight"] = setting.weight
    return replace(rule, **changes) if changes else rule


class _SafeValues(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _by_place(fields: _FindingFields) -> tuple[int, int, str, int, int]:
    """Findings in reading order: line, column, rule, end (fields as :meth:`Engine._finding_fields`)."""
    return (fields[4], fields[5], fields[0], fields[6], fields[7])


class _Selection:
    """The rules that apply to one language and platform, in rule order, indexed by their gates.

    A rule with a gate (the word lists or patterns it cannot report without) runs only when
    the prefilter left one of them among a post's candidates; looking the candidates up here
    costs a few dictionary probes per post instead of a set test per rule.
    """

    def __init__(self, entries: Sequence[tuple[Rule, Check, Sequence[PhraseSet | PatternSet] | None]]) -> None:
        self._entries = [(rule, check) for rule, check, _ in entries]
        self._always = [i for i, (_, _, gate) in enumerate(entries) if gate is None]
        self._by_part: dict[int, list[int]] = {}
        for i, (_, _, gate) in enumerate(entries):
            for part in gate or ():
                positions = self._by_part.setdefault(id(part), [])
                if not positions or positions[-1] != i:
                    positions.append(i)

    def select(self, candidates: frozenset[int]) -> list[tuple[Rule, Check]]:
        """The rules to run for a post with these prefilter candidates, in rule order."""
        by_part = self._by_part
        chosen = set(self._always)
        for part in candidates:
            positions = by_part.get(part)
            if positions is not None:
                chosen.update(positions)
        entries = self._entries
        return [entries[i] for i in sorted(chosen)]


def format_message(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{placeholders}``; numbers print without needless decimals."""
    shown = _SafeValues()
    for k, v in values.items():
        if isinstance(v, float):
            shown[k] = f"{v:.0f}" if v.is_integer() else f"{v:.2f}".rstrip("0")
        elif v is None:
            shown[k] = ""
        else:
            text = str(v)
            shown[k] = text if len(text) <= 80 else text[:79] + "…"
    try:
        return template.format_map(shown)
    except (ValueError, IndexError, AttributeError):
        return template


_cache_lock = threading.Lock()
_engines: dict[tuple[str, tuple[str, ...]], Engine] = {}


_last_engine: tuple[Config, tuple[str, ...], Engine] | None = None


def engine_for(config: Config, extra_rule_files: Sequence[str] = ()) -> Engine:
    """The compiled engine for a configuration, built once per process."""
    global _last_engine
    files = tuple(extra_rule_files)
    same = _last_engine  # one read: safe when threads interleave
    if same is not None and same[0] is config and same[1] == files:
        return same[2]  # the same configuration object as last time: no repr needed
    key = (repr(config), files)
    with _cache_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = Engine.from_config(config, extra_rule_files=extra_rule_files)
            _engines[key] = engine
    _last_engine = (config, files, engine)
    return engine
