"""Platform profiles: every limit a platform imposes, as data.

Why: limits change (Instagram announced a cut from 30 hashtags to 5 in December 2025;
Threads began rejecting posts with more than 5 links the same month) and a
Mastodon instance sets its own. Keeping them in one YAML file per platform,
each figure with its source and date, lets them be updated and overridden
from user configuration without touching code. Profiles ship as package data
and are read with :mod:`importlib.resources`, so they load from a wheel.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..text.counting import COUNTING_OPTIONS, COUNTINGS, length_for, overflow_offset_for

#: Short names accepted for platforms.
ALIASES: Mapping[str, str] = MappingProxyType({"twitter": "x", "ig": "instagram", "fb": "facebook", "bsky": "bluesky"})

#: How sure a figure is: a platform's own documentation or code, a press report,
#: a third party (tool vendors, guides), or a value chosen here for lack of one.
BASES: frozenset[str] = frozenset({"official", "source-code", "press", "third-party", "chosen"})


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure in a profile comes from."""

    what: str  # the keys or figures it supports
    source: str  # document, page or file, with its publisher
    date: str  # when the figure was published or checked (ISO date or year-month)
    basis: str = "official"  # one of BASES


@dataclass(frozen=True, slots=True)
class FieldLimit:
    """A separately limited text field of a post (a YouTube title, a TikTok photo title)."""

    name: str
    text_limit: int
    counting: str
    counting_options: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    byte_limit: int | None = None
    truncation: int | None = None
    forbidden_characters: str = ""

    def length(self, text: str) -> int:
        """Length of ``text`` as this field counts it."""
        return length_for(text, self.counting, **self.counting_options)

    def overflow_offset(self, text: str) -> int | None:
        """Offset where ``text`` passes :attr:`text_limit`, or ``None``."""
        return overflow_offset_for(text, self.counting, self.text_limit, **self.counting_options)


@dataclass(frozen=True, slots=True)
class PlatformProfile:
    """The limits of one platform's main post text, plus its other fields."""

    name: str
    title: str
    text_limit: int
    counting: str
    counting_options: Mapping[str, int]
    sources: tuple[Source, ...]
    byte_limit: int | None = None
    truncation: int | None = None  # characters shown before "…more" / "See more"
    max_hashtags: int | None = None
    max_mentions: int | None = None
    max_links: int | None = None
    max_media: int | None = None
    alt_text_limit: int | None = None
    hashtag_length_limit: int | None = None
    forbidden_characters: str = ""
    sweet_spot: tuple[int, int] | None = None
    fields: Mapping[str, FieldLimit] = field(default_factory=lambda: MappingProxyType({}))

    def length(self, text: str) -> int:
        """Length of ``text`` as this platform counts its main text."""
        return length_for(text, self.counting, **self.counting_options)

    def overflow_offset(self, text: str) -> int | None:
        """Offset where ``text`` passes :attr:`text_limit`, or ``None``."""
        return overflow_offset_for(text, self.counting, self.text_limit, **self.counting_options)


# --- Schema --------------------------------------------------------------------
# key -> (kind, required). Kinds: "count" (int >= 0), "limit" (int >= 1),
# "text" (non-empty str), "chars" (str, may be empty), plus the structured keys.
_FIELD_KEYS: dict[str, tuple[str, bool]] = {
    "text_limit": ("limit", True),
    "counting": ("counting", True),
    "counting_options": ("options", False),
    "byte_limit": ("limit", False),
    "truncation": ("limit", False),
    "forbidden_characters": ("chars", False),
}
_PROFILE_KEYS: dict[str, tuple[str, bool]] = {
    "name": ("text", True),
    "title": ("text", True),
    **_FIELD_KEYS,
    "max_hashtags": ("count", False),
    "max_mentions": ("count", False),
    "max_links": ("count", False),
    "max_media": ("count", False),
    "alt_text_limit": ("limit", False),
    "hashtag_length_limit": ("limit", False),
    "sweet_spot": ("range", False),
    "fields": ("fields", False),
    "sources": ("sources", True),
}
_SOURCE_KEYS = {"what": True, "source": True, "date": True, "basis": False}


def _fail(origin: str, key: str, problem: str) -> ValueError:
    return ValueError(f"{origin}: key '{key}': {problem}")


def _describe(value: object) -> str:
    return f"{value!r} ({type(value).__name__})"


def _check_value(origin: str, key: str, kind: str, value: Any) -> Any:
    """Validate one value of the schema and return it in its stored form."""
    if value is None and kind in {"count", "limit", "range"}:
        return None  # explicitly unknown / no limit
    if kind in {"count", "limit"}:
        low = 0 if kind == "count" else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise _fail(origin, key, f"expected an integer >= {low}, got {_describe(value)}")
        return value
    if kind in {"text", "chars"}:
        if not isinstance(value, str) or (kind == "text" and not value.strip()):
            raise _fail(origin, key, f"expected a non-empty string, got {_describe(value)}")
        return value
    if kind == "counting":
        if value not in COUNTINGS:
            raise _fail(origin, key, f"expected one of {sorted(COUNTINGS)}, got {_describe(value)}")
        return value
    if kind == "options":
        if not isinstance(value, Mapping):
            raise _fail(origin, key, f"expected a mapping, got {_describe(value)}")
        for name, option in value.items():
            _check_value(origin, f"{key}.{name}", "count", option)
        return dict(value)
    if kind == "range":
        ok = (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            and value[0] <= value[1]
        )
        if not ok:
            raise _fail(origin, key, f"expected [min, max] with 0 <= min <= max, got {_describe(value)}")
        return (value[0], value[1])
    if kind == "fields":
        if not isinstance(value, Mapping):
            raise _fail(origin, key, f"expected a mapping of field names, got {_describe(value)}")
        return {
            str(name): _check_mapping(origin, f"{key}.{name}", spec, _FIELD_KEYS, partial=False) for name, spec in value.items()
        }
    if kind == "sources":
        if not isinstance(value, list) or not value:
            raise _fail(origin, key, f"expected a non-empty list, got {_describe(value)}")
        return tuple(_check_source(origin, f"{key}[{i}]", item) for i, item in enumerate(value))
    raise AssertionError(kind)  # pragma: no cover - schema typo


def _check_source(origin: str, key: str, item: Any) -> Source:
    if not isinstance(item, Mapping):
        raise _fail(origin, key, f"expected a mapping with what/source/date, got {_describe(item)}")
    for name in item:
        if name not in _SOURCE_KEYS:
            raise _fail(origin, f"{key}.{name}", f"unknown key; expected one of {sorted(_SOURCE_KEYS)}")
    values: dict[str, str] = {}
    for name, required in _SOURCE_KEYS.items():
        if name not in item:
            if required:
                raise _fail(origin, f"{key}.{name}", "missing")
            continue
        value = item[name]
        if isinstance(value, _dt.date):  # YAML reads 2025-12-22 as a date
            value = value.isoformat()
        values[name] = _check_value(origin, f"{key}.{name}", "text", value)
    if values.get("basis", "official") not in BASES:
        raise _fail(origin, f"{key}.basis", f"expected one of {sorted(BASES)}, got {values['basis']!r}")
    return Source(**values)


def _check_mapping(origin: str, key: str, data: Any, schema: dict[str, tuple[str, bool]], *, partial: bool) -> dict[str, Any]:
    """Validate a mapping against ``schema``; ``partial`` allows required keys to be absent."""
    if not isinstance(data, Mapping):
        raise _fail(origin, key or "(top level)", f"expected a mapping, got {_describe(data)}")
    out: dict[str, Any] = {}
    for name, value in data.items():
        path = f"{key}.{name}" if key else str(name)
        if name not in schema:
            raise _fail(origin, path, f"unknown key; expected one of {sorted(schema)}")
        out[name] = _check_value(origin, path, schema[name][0], value)
    if not partial:
        for name, (_, required) in schema.items():
            if required and name not in out:
                raise _fail(origin, f"{key}.{name}" if key else name, "missing")
    _check_options(origin, key, out)
    return out


def _check_options(origin: str, key: str, spec: Mapping[str, Any]) -> None:
    """The counting options must be ones the counting accepts."""
    if "counting" not in spec:
        return
    for option in spec.get("counting_options") or {}:
        if option not in COUNTING_OPTIONS[spec["counting"]]:
            path = f"{key}.counting_options.{option}" if key else f"counting_options.{option}"
            raise _fail(origin, path, f"not an option of counting {spec['counting']!r}")


def _field(name: str, spec: Mapping[str, Any]) -> FieldLimit:
    values = dict(spec)
    values["counting_options"] = MappingProxyType(dict(values.get("counting_options") or {}))
    return FieldLimit(name=name, **values)


def profile_from_mapping(data: Any, *, origin: str) -> PlatformProfile:
    """Build a profile from parsed YAML, raising ``ValueError`` naming ``origin`` and the key."""
    spec = _check_mapping(origin, "", data, _PROFILE_KEYS, partial=False)
    spec["counting_options"] = MappingProxyType(dict(spec.get("counting_options") or {}))
    spec["fields"] = MappingProxyType({n: _field(n, f) for n, f in (spec.get("fields") or {}).items()})
    return PlatformProfile(**spec)


def _as_mapping(profile: PlatformProfile) -> dict[str, Any]:
    """The profile as the plain data a YAML file would hold."""
    data: dict[str, Any] = {name: getattr(profile, name) for name in _PROFILE_KEYS}
    data["counting_options"] = dict(profile.counting_options)
    data["sources"] = [{"what": s.what, "source": s.source, "date": s.date, "basis": s.basis} for s in profile.sources]
    data["fields"] = {
        name: {key: getattr(limit, key) for key in _FIELD_KEYS} | {"counting_options": dict(limit.counting_options)}
        for name, limit in profile.fields.items()
    }
    return data


def apply_overrides(profile: PlatformProfile, overrides: Mapping[str, Any], *, origin: str) -> PlatformProfile:
    """Return ``profile`` with ``overrides`` (validated like a profile file) applied.

    Top-level keys replace the profile's; ``counting_options`` (unless the
    counting changes) and each entry of ``fields`` are merged key by key.
    ``name`` cannot be overridden.
    """
    if not isinstance(overrides, Mapping):
        raise _fail(origin, "(top level)", f"expected a mapping, got {_describe(overrides)}")
    if "name" in overrides:
        raise _fail(origin, "name", "cannot be overridden")
    top = {key: value for key, value in overrides.items() if key != "fields"}
    _check_mapping(origin, "", top, _PROFILE_KEYS, partial=True)
    fields_patch = overrides.get("fields") or {}
    if not isinstance(fields_patch, Mapping):
        raise _fail(origin, "fields", f"expected a mapping of field names, got {_describe(fields_patch)}")
    for name, spec in fields_patch.items():
        # A known field may be patched key by key; a new one must be complete.
        _check_mapping(origin, f"fields.{name}", spec, _FIELD_KEYS, partial=name in profile.fields)
    data = _as_mapping(profile)
    for key, value in overrides.items():
        if key == "counting_options" and overrides.get("counting", profile.counting) == profile.counting:
            data[key] = {**data[key], **value}
        elif key == "fields":
            for name, spec in fields_patch.items():
                data[key][name] = {**data[key].get(name, {}), **spec}
        else:
            data[key] = value
    if data["counting"] != profile.counting and "counting_options" not in overrides:
        data["counting_options"] = {}  # the old counting's options do not apply
    return profile_from_mapping(data, origin=origin)


# --- Loading -------------------------------------------------------------------


@functools.cache
def _shipped() -> tuple[str, ...]:
    package = resources.files(__name__)
    return tuple(sorted(p.name[: -len(".yaml")] for p in package.iterdir() if p.name.endswith(".yaml")))


def available() -> list[str]:
    """Names of the shipped platform profiles, sorted."""
    return list(_shipped())


def canonical_name(name: str) -> str:
    """Resolve an alias (``twitter`` → ``x``) and normalise case."""
    key = name.strip().lower()
    return ALIASES.get(key, key)


def _yaml_loader() -> Any:
    """libyaml's parser where PyYAML has it (the same safe constructor, a fifth of the time).

    PyYAML is imported here, not with this module: a draft for no platform needs no profile.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _load_base(name: str) -> PlatformProfile:
    """Parse and validate one shipped profile (cached: profiles are immutable)."""
    import yaml

    filename = f"{name}.yaml"
    resource = resources.files(__name__).joinpath(filename)
    data = yaml.load(resource.read_text(encoding="utf-8"), Loader=_yaml_loader())
    profile = profile_from_mapping(data, origin=filename)
    if profile.name != name:
        raise _fail(filename, "name", f"must match the file name {name!r}, got {profile.name!r}")
    return profile


def load_profile(name: str, overrides: Mapping[str, Any] | None = None) -> PlatformProfile:
    """Load the profile ``name`` (or an alias), with optional overrides from user config.

    >>> load_profile("mastodon", {"text_limit": 1000}).text_limit
    1000
    """
    key = canonical_name(name)
    if key not in _shipped():
        raise ValueError(f"unknown platform {name!r}; available: {', '.join(_shipped())}")
    profile = _load_base(key)
    if not overrides:
        return profile
    return apply_overrides(profile, overrides, origin=f"overrides for platform '{key}'")
