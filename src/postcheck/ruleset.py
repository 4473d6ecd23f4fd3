"""Rule files: load, validate with file:line errors, compile once.

A rule file is a YAML list of rules. Each rule has the common keys below and
the options of its ``kind`` at the same level (as in Vale). Anything else is
an error naming the file, the line and the rule: a misspelt key must never
turn into a rule that silently does nothing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .checks import KINDS, Check, CompileContext, OptionError
from .errors import RuleError
from .yamlsafe import LineDict, LineList, load_yaml

CATEGORIES = ("interactivity", "authenticity", "timeliness", "relevance", "quality", "safety")
SEVERITIES = ("error", "warning", "info")
UI_LANGUAGES = ("id", "en")
BUILTIN_PACKS = CATEGORIES

_ID = re.compile(r"[a-z][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)+")

#: Keys every rule may carry, whatever its kind.
COMMON_KEYS = frozenset(
    {
        "id",
        "kind",
        "category",
        "severity",
        "message",
        "description",
        "rationale",
        "source",
        "languages",
        "platforms",
        "weight",
        "examples",
        "link",
        "tags",
    }
)


@dataclass(frozen=True)
class Example:
    """One example text of a rule and the conditions to check it under."""

    text: str
    bad: bool
    language: str | None = None
    platform: str | None = None
    publish_at: str | None = None
    line: int | None = None
    #: a configuration profile to check the example under (for ``profile`` rules)
    profile: Mapping[str, Any] | None = None


@dataclass
class Rule:
    """A validated rule; ``check`` is its compiled kind."""

    id: str
    kind: str
    category: str
    severity: str
    message: dict[str, str]
    rationale: str
    source: str
    options: dict[str, Any]
    file: str
    line: int
    description: str = ""
    languages: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    weight: float = 1.0
    link: str | None = None
    examples: tuple[Example, ...] = ()
    check: Check | None = field(default=None, repr=False)
    builtin: bool = False
    key_lines: dict[str, int] = field(default_factory=dict, repr=False)
    #: free labels for grouping rules (e.g. ``hate``, ``abusive``, ``clickbait``)
    tags: tuple[str, ...] = ()
    #: the severity was set by the user's configuration (it then wins over a kind's own grading)
    severity_configured: bool = False

    def message_for(self, ui_language: str) -> str:
        return self.message.get(ui_language) or self.message.get("en") or next(iter(self.message.values()))


# -- locating packs -----------------------------------------------------------
def builtin_rules_dir() -> Path:
    """The built-in packs: inside the installed package, or ``rules/`` of a checkout."""
    packaged = resources.files("postcheck") / "builtin_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleError("the built-in rule packs are missing from this installation (reinstall postcheck)")


def resolve_pack(name: str, base: Path | None) -> list[Path]:
    """Files of a pack reference: ``builtin``, ``builtin:<category>``, or a path."""
    if name == "builtin":
        root = builtin_rules_dir()
        return [root / f"{pack}.yaml" for pack in BUILTIN_PACKS if (root / f"{pack}.yaml").is_file()]
    if name.startswith("builtin:"):
        pack = name.split(":", 1)[1]
        path = builtin_rules_dir() / f"{pack}.yaml"
        if not path.is_file():
            raise RuleError(f"unknown built-in pack '{pack}' (known: {', '.join(BUILTIN_PACKS)})")
        return [path]
    path = Path(name).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise RuleError("no .yaml rule files in this folder", path=path)
        return files
    if not path.is_file():
        raise RuleError("rule file not found", path=path)
    return [path]


# -- loading ----------------------------------------------------------------
def _read_rule_file(path: Path) -> Any:
    try:
        stat = path.stat()
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=path) from None
    return _parse_rule_file(str(path), stat.st_mtime_ns, stat.st_size)


@cache
def _parse_rule_file(path_str: str, mtime_ns: int, size: int) -> Any:
    """Parse once per file version (a changed file is read again)."""
    path = Path(path_str)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleError("rule file is not valid UTF-8", path=path) from None
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=path) from None
    if path.parent == _packaged_rules_dir():
        from . import rulesnapshot

        parsed = rulesnapshot.lookup(path, raw)
        if parsed is not None:
            return parsed
    return load_yaml(text, path=path, error=RuleError)


@cache
def _packaged_rules_dir() -> Path | None:
    """The built-in packs' folder when they are installed in the package (where a snapshot may be)."""
    packaged = resources.files("postcheck") / "builtin_rules"
    return Path(str(packaged)) if packaged.is_dir() else None


def load_rule_file(path: Path, *, builtin: bool = False) -> list[Rule]:
    """Parse and validate one rule file (kinds are compiled later)."""
    data = _read_rule_file(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError("a rule file is a list of rules (each item starting with '- id: ...')", path=path, line=1)
    assert isinstance(data, LineList)
    rules = []
    for item, line in zip(data, data.item_lines, strict=True):
        rules.append(_rule(item, path, line, builtin))
    return rules


def _rule(item: Any, path: Path, line: int, builtin: bool) -> Rule:
    if not isinstance(item, LineDict):
        raise RuleError("each rule is a mapping of keys (id, kind, category, …)", path=path, line=line)
    rid = item.get("id")
    label = f"rule '{rid}'" if isinstance(rid, str) else "rule"

    def fail(key: str | None, message: str) -> RuleError:
        return RuleError(f"{label}: {message}", path=path, line=item.line_of(key) if key else item.line)

    if not isinstance(rid, str) or not _ID.fullmatch(rid):
        raise fail("id", "'id' must look like 'category/short-name' (lower case, digits, hyphens)")
    kind = item.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise fail("kind", f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    cls = KINDS[kind]
    for key in item:
        if key not in COMMON_KEYS and key not in cls.OPTIONS:
            known = ", ".join(sorted(cls.OPTIONS))
            raise fail(
                key, f"unknown key '{key}' (kind '{kind}' takes: {known}; every rule takes: {', '.join(sorted(COMMON_KEYS))})"
            )
    category = item.get("category")
    if category not in CATEGORIES:
        raise fail("category", f"'category' must be one of: {', '.join(CATEGORIES)}")
    severity = item.get("severity")
    if severity not in SEVERITIES:
        raise fail("severity", f"'severity' must be one of: {', '.join(SEVERITIES)}")
    message = item.get("message")
    if isinstance(message, str):
        message = {"en": message}
    if not isinstance(message, Mapping) or not message or not all(isinstance(v, str) and v for v in message.values()):
        raise fail("message", "'message' must be text, or a mapping {id: ..., en: ...}")
    bad_lang = [k for k in message if k not in UI_LANGUAGES]
    if bad_lang:
        raise fail("message", f"'message' has unknown language '{bad_lang[0]}' (use id, en)")
    placeholders = set(cls.PLACEHOLDERS) | {"match"} | _extra_placeholders(cls, item)
    for text in message.values():
        try:
            fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        except ValueError as exc:
            raise fail("message", f"message is not a valid template: {exc} (write {{{{ and }}}} for literal braces)") from None
        for name, spec, conv in fields:
            if spec or conv:
                raise fail("message", f"message placeholder '{{{name}}}' may not carry a format or conversion")
            if name not in placeholders:
                raise fail(
                    "message",
                    f"message placeholder '{{{name}}}' is not filled by kind '{kind}' (use: {', '.join(sorted(placeholders))})",
                )
    for key in ("rationale", "source", "description", "link"):
        if key in item and not isinstance(item[key], str):
            raise fail(key, f"'{key}' must be text")
    languages = _string_tuple(item.get("languages", []), fail, "languages")
    platforms = _string_tuple(item.get("platforms", []), fail, "platforms")
    tags = _string_tuple(item.get("tags", []), fail, "tags")
    weight = item.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        raise fail("weight", "'weight' must be a number ≥ 0")
    raw_options = {k: v for k, v in item.items() if k not in COMMON_KEYS}
    try:
        options = cls.validate(raw_options)
    except OptionError as exc:
        raise fail(exc.key, str(exc)) from None
    examples = _examples(item.get("examples"), fail)
    return Rule(
        id=rid,
        kind=kind,
        category=category,
        severity=severity,
        message=dict(message),
        rationale=item.get("rationale", ""),
        source=item.get("source", ""),
        options=options,
        file=str(path),
        line=item.line,
        description=item.get("description", ""),
        languages=languages,
        platforms=platforms,
        weight=float(weight),
        link=item.get("link"),
        examples=examples,
        tags=tags,
        builtin=builtin,
        key_lines=dict(item.key_lines),
    )


def _extra_placeholders(cls: type[Check], item: Mapping[str, Any]) -> set[str]:
    """Measures named in a metric condition are placeholders too."""
    if cls.kind != "metric" or not isinstance(item.get("condition"), str):
        return set()
    from .post import MEASURES

    return {name for name in re.findall(r"[A-Za-z_]\w*", item["condition"]) if name in MEASURES}


def _string_tuple(value: Any, fail: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, f"'{key}' must be a list of names")
    return tuple(v.lower() for v in value)


def _examples(value: Any, fail: Any) -> tuple[Example, ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping) or any(k not in ("bad", "good") for k in value):
        raise fail("examples", "'examples' must be a mapping with 'bad' and/or 'good' lists")
    result: list[Example] = []
    for label in ("bad", "good"):
        items = value.get(label) or []
        if isinstance(items, Mapping):  # per-language variants {id: [...], en: [...]}
            expanded = []
            for lang, texts in items.items():
                if lang not in UI_LANGUAGES or not isinstance(texts, list):
                    raise fail("examples", f"'examples.{label}' by language must map id/en to lists")
                for t in texts:
                    expanded.append({"text": t, "lang": lang} if isinstance(t, str) else {**t, "lang": lang})
            items = expanded
        if not isinstance(items, list):
            raise fail("examples", f"'examples.{label}' must be a list")
        for entry in items:
            line = getattr(entry, "line", None)
            if isinstance(entry, str):
                result.append(Example(entry, label == "bad"))
                continue
            if not isinstance(entry, Mapping) or not isinstance(entry.get("text"), str):
                raise fail("examples", f"each example in '{label}' is text or a mapping with 'text'")
            extra = set(entry) - {"text", "lang", "platform", "publish_at", "profile"}
            if extra:
                raise fail(
                    "examples", f"unknown key '{sorted(extra)[0]}' in an example (use text, lang, platform, publish_at, profile)"
                )
            profile = entry.get("profile")
            if profile is not None and not isinstance(profile, Mapping):
                raise fail("examples", "an example's 'profile' is a mapping like the configuration's 'profile'")
            result.append(
                Example(
                    entry["text"],
                    label == "bad",
                    entry.get("lang"),
                    entry.get("platform"),
                    str(entry["publish_at"]) if entry.get("publish_at") is not None else None,
                    line,
                    profile,
                )
            )
    return tuple(result)


def compile_rules(rules: Iterable[Rule], context: CompileContext) -> list[Rule]:
    """Compile each rule's kind once for this context; refuse duplicate ids."""
    seen: dict[str, Rule] = {}
    compiled: list[Rule] = []
    # Built-in packs compile their word lists and patterns per post language on first use; the
    # test suite compiles every one of them. A user's pack compiles now, so that its errors name
    # the file and line when it loads, not when a post happens to need the rule.
    lazy = replace(context, lazy=True)
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            raise RuleError(
                f"duplicate rule id '{rule.id}' (first defined at {first.file}:{first.line})", path=rule.file, line=rule.line
            )
        seen[rule.id] = rule
        try:
            check = KINDS[rule.kind](rule.options, lazy if rule.builtin else context)
            if not rule.builtin:  # built-in patterns are compiled (and tested) by the suite; lazily at run time
                for part in check.parts():
                    if hasattr(part, "validate"):
                        part.validate()
        except OptionError as exc:
            raise RuleError(f"rule '{rule.id}': {exc}", path=rule.file, line=rule.key_lines.get(exc.key, rule.line)) from None
        except ValueError as exc:
            raise RuleError(f"rule '{rule.id}': {exc}", path=rule.file, line=rule.line) from None
        compiled.append(_with_check(rule, check))
    return compiled


def _with_check(rule: Rule, check: Check) -> Rule:
    return replace(rule, check=check)


def iter_rule_files(packs: Iterable[str], base: Path | None) -> Iterator[tuple[Path, bool]]:
    """Files of the given pack references, without repeats, in order."""
    seen: set[Path] = set()
    for name in packs:
        builtin = name == "builtin" or name.startswith("builtin:")
        for path in resolve_pack(name, base):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path, builtin
