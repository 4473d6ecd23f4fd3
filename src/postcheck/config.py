"""Project configuration: found from each draft's own folder upward.

A repository may hold drafts for several accounts, each folder with its own
``postcheck.yaml``; so, unlike tools that read the working directory's
configuration, postcheck looks for ``postcheck.yaml``, ``.postcheck.yaml``,
or ``[tool.postcheck]`` in ``pyproject.toml`` starting at the folder of each
linted file, and uses the nearest one. ``--config`` overrides the search.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from .checks.base import Profile
from .drafts import CONFIG_NAMES
from .errors import ConfigError
from .platforms import available, canonical_name, load_profile
from .ruleset import CATEGORIES, SEVERITIES
from .timeparse import parse_zone
from .yamlsafe import LineDict, LineList, load_yaml

CONFIG_KEYS = (
    "extends",
    "select",
    "ignore",
    "rules",
    "language",
    "platform",
    "timezone",
    "ui_language",
    "profile",
    "fail_under",
    "fail_on",
    "exclude",
    "scoring",
    "platform_settings",
)

#: Points a finding takes from its category score, by severity (× rule weight).
DEFAULT_PENALTIES = {"error": 25.0, "warning": 10.0, "info": 2.0}


@dataclass(frozen=True)
class RuleSetting:
    """A per-rule override from configuration."""

    severity: str | None = None  # None: keep; "off": disabled
    weight: float | None = None


@dataclass(frozen=True)
class Config:
    """Validated settings for a set of drafts (defaults when no file is found)."""

    path: Path | None = None
    extends: tuple[str, ...] = ("builtin",)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    language: str = "auto"
    platforms: tuple[str, ...] = ()
    timezone: str = "Asia/Jakarta"
    ui_language: str | None = None
    profile: Profile = field(default_factory=Profile)
    fail_under: float | None = None
    fail_on: str = "error"
    exclude: tuple[str, ...] = ()
    penalties: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_PENALTIES))
    category_weights: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 1.0))
    platform_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Line in the file of each rule reference (``("select", ref)``, ``("rules", ref)``, …), for errors;
    #: 0 for a reference given as a command-line option.
    ref_lines: Mapping[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def base_dir(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    @property
    def tz(self) -> Any:
        return parse_zone(self.timezone)

    def resolved_ui_language(self) -> str:
        return self.ui_language or ui_language_from_env()


def ui_language_from_env() -> str:
    """``id`` when the environment's locale is Indonesian, else ``en``."""
    for var in ("POSTCHECK_UI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    return "en"


# -- discovery ---------------------------------------------------------------
def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a folder)."""
    return _find_in(start.resolve())


@cache
def _find_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _pyproject_section(pyproject) is not None:
        return pyproject
    if folder.parent == folder:
        return None
    return _find_in(folder.parent)


def _pyproject_section(path: Path) -> Mapping[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read pyproject.toml: {exc}", path=path) from None
    section = data.get("tool", {}).get("postcheck")
    return section if isinstance(section, Mapping) else None


@cache
def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    if path.name == "pyproject.toml":
        data: Any = _pyproject_section(path) or {}
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError("configuration file not found", path=path) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read configuration: {exc}", path=path) from None
        data = load_yaml(text, path=path, error=ConfigError) or {}
    if not isinstance(data, Mapping):
        raise ConfigError("configuration must be a mapping of keys", path=path, line=1)
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path | None) -> Config:
    """Validate a configuration mapping (from a file or from Python)."""

    def fail(key: str, message: str) -> ConfigError:
        line = data.line_of(key) if isinstance(data, LineDict) else None
        return ConfigError(f"'{key}': {message}", path=path, line=line)

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "extends":
            values["extends"] = _names(value, fail, key)
        elif key in ("select", "ignore", "exclude"):
            values[key] = _names(value, fail, key)
        elif key == "rules":
            values["rules"] = _rule_settings(value, fail)
        elif key == "language":
            if value not in ("auto", "id", "en"):
                raise fail(key, "expected auto, id or en")
            values[key] = value
        elif key in ("platform", "platforms"):
            names = [] if value == [] else _names(value, fail, key)
            unknown = [n for n in names if canonical_name(n) not in available()]
            if unknown:
                raise fail(key, f"unknown platform '{unknown[0]}' (known: {', '.join(available())})")
            values["platforms"] = tuple(canonical_name(n) for n in names)
        elif key == "platform_settings":
            if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
                raise fail(key, "expected a mapping of platform name to settings (e.g. mastodon: {text_limit: 1000})")
            settings: dict[str, dict[str, Any]] = {}
            for name, overrides in value.items():
                canonical = canonical_name(str(name))
                try:
                    load_profile(canonical, dict(overrides))
                except (ValueError, KeyError) as exc:
                    raise fail(key, str(exc)) from None
                settings[canonical] = dict(overrides)
            values[key] = settings
        elif key == "timezone":
            if not isinstance(value, str):
                raise fail(key, "expected a zone name such as Asia/Jakarta or WIB")
            try:
                parse_zone(value)
            except ValueError as exc:
                raise fail(key, str(exc)) from None
            values[key] = value
        elif key == "ui_language":
            if value not in ("id", "en"):
                raise fail(key, "expected id or en")
            values[key] = value
        elif key == "profile":
            values[key] = _profile(value, fail)
        elif key == "fail_under":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
                raise fail(key, "expected a score between 0 and 100")
            values[key] = float(value)
        elif key == "fail_on":
            if value not in ("error", "warning", "info", "never"):
                raise fail(key, "expected error, warning, info or never")
            values[key] = value
        elif key == "scoring":
            values.update(_scoring(value, fail))
        else:
            raise fail(key, f"unknown key (known: {', '.join(CONFIG_KEYS)})")
    if isinstance(data, LineDict):
        ref_lines: dict[tuple[str, str], int] = {}
        for key in ("select", "ignore", "rules"):
            value = data.get(key)
            for ref in values.get(key, ()):
                if isinstance(value, LineDict):
                    ref_lines[(key, ref)] = value.line_of(ref)
                elif isinstance(value, LineList) and ref in value:
                    ref_lines[(key, ref)] = value.item_lines[value.index(ref)]
                else:
                    ref_lines[(key, ref)] = data.line_of(key)
        values["ref_lines"] = ref_lines
    return Config(path=path, **values)


def _names(value: Any, fail: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(key, "expected a name or a list of names")
    return tuple(value)


def _rule_settings(value: Any, fail: Any) -> dict[str, RuleSetting]:
    if not isinstance(value, Mapping):
        raise fail("rules", "expected a mapping of rule id to severity, 'off', or {severity, weight}")
    result: dict[str, RuleSetting] = {}
    for rid, setting in value.items():
        if setting is False:
            setting = "off"
        if isinstance(setting, str):
            if setting not in (*SEVERITIES, "off"):
                raise fail("rules", f"rule '{rid}': expected one of {', '.join((*SEVERITIES, 'off'))}")
            result[rid] = RuleSetting(severity=setting)
        elif isinstance(setting, Mapping):
            extra = set(setting) - {"severity", "weight"}
            if extra:
                raise fail("rules", f"rule '{rid}': unknown setting '{sorted(extra)[0]}' (use severity, weight)")
            sev = setting.get("severity")
            if sev is not None and sev not in (*SEVERITIES, "off"):
                raise fail("rules", f"rule '{rid}': severity must be one of {', '.join((*SEVERITIES, 'off'))}")
            weight = setting.get("weight")
            if weight is not None and (isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0):
                raise fail("rules", f"rule '{rid}': weight must be a number ≥ 0")
            result[rid] = RuleSetting(severity=sev, weight=float(weight) if weight is not None else None)
        else:
            raise fail("rules", f"rule '{rid}': expected a severity, 'off', or {{severity, weight}}")
    return result


def _profile(value: Any, fail: Any) -> Profile:
    if not isinstance(value, Mapping):
        raise fail("profile", "expected a mapping (organization, keywords, handles, domains, language)")
    extra = set(value) - {"organization", "keywords", "handles", "domains", "language"}
    if extra:
        raise fail("profile", f"unknown key '{sorted(extra)[0]}' (use organization, keywords, handles, domains, language)")
    org = value.get("organization")
    if org is not None and not isinstance(org, str):
        raise fail("profile", "'organization' must be text")
    lang = value.get("language")
    if lang is not None and lang not in ("id", "en"):
        raise fail("profile", "'language' must be id or en")
    lists = {k: _names(value.get(k, []), fail, "profile") if value.get(k) else () for k in ("keywords", "handles", "domains")}
    handles = tuple(h.lstrip("@").lower() for h in lists["handles"])
    domains = tuple(
        d.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/") for d in lists["domains"]
    )
    return Profile(organization=org, keywords=lists["keywords"], handles=handles, domains=domains, language=lang)


def _scoring(value: Any, fail: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping) or set(value) - {"penalties", "weights"}:
        raise fail("scoring", "expected a mapping with 'penalties' (per severity) and/or 'weights' (per category)")
    result: dict[str, Any] = {}
    if "penalties" in value:
        pen = value["penalties"]
        if not isinstance(pen, Mapping) or set(pen) - set(SEVERITIES) or not all(_num(v) for v in pen.values()):
            raise fail("scoring", "'penalties' maps error/warning/info to points ≥ 0")
        result["penalties"] = {**DEFAULT_PENALTIES, **{k: float(v) for k, v in pen.items()}}
    if "weights" in value:
        w = value["weights"]
        if not isinstance(w, Mapping) or set(w) - set(CATEGORIES) or not all(_num(v) for v in w.values()):
            raise fail("scoring", f"'weights' maps categories ({', '.join(CATEGORIES)}) to numbers ≥ 0")
        merged = {**dict.fromkeys(CATEGORIES, 1.0), **{k: float(v) for k, v in w.items()}}
        result["category_weights"] = merged
    return result


def _num(v: Any) -> bool:
    return not isinstance(v, bool) and isinstance(v, (int, float)) and v >= 0


def with_overrides(config: Config, **overrides: Any) -> Config:
    """A copy with command-line options applied (None values are ignored)."""
    changes = {k: v for k, v in overrides.items() if v is not None}
    if not changes:
        return config
    # Rule references given as options are the command line's, not the file's (line 0: an option).
    options = {key for key in ("select", "ignore") if key in changes}
    if options:
        lines = {k: v for k, v in config.ref_lines.items() if k[0] not in options}
        lines.update({(key, ref): 0 for key in options for ref in changes[key]})
        changes["ref_lines"] = lines
    return replace(config, **changes)
