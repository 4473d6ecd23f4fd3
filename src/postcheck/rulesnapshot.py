"""Parsed built-in rule packs, stored as JSON when the wheel is built.

Parsing the built-in YAML packs costs about 90 ms per process, most of a
one-file lint's budget; loading the same data from JSON costs a few. The
wheel's build hook (``hatch_build.py``) parses every pack once and stores
the result, line numbers included, in ``builtin_rules/snapshot.json`` next to
the YAML files. At run time a pack is taken from the snapshot only if the
SHA-256 of its YAML file still equals the one recorded, so an edited pack is
always read from its YAML. Checkouts and editable installs have no snapshot
and read YAML, as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .text.regex_literals import min_counts, needles, preload
from .yamlsafe import LineDict, LineList, load_yaml

SNAPSHOT_NAME = "snapshot.json"
FORMAT = 3

# Tags of encoded values (JSON has no line numbers, dates or list subclasses).
_DICT, _LIST, _PLAIN_LIST, _DATETIME, _DATE = "\0d", "\0l", "\0p", "\0t", "\0D"


def encode(value: Any) -> Any:
    """Plain JSON for parsed YAML data, keeping the lines of mappings and sequences."""
    if isinstance(value, LineDict):
        return [_DICT, value.line, [[k, value.key_lines.get(k, value.line), encode(v)] for k, v in value.items()]]
    if isinstance(value, LineList):
        return [_LIST, value.line, value.item_lines, [encode(v) for v in value]]
    if isinstance(value, list):
        return [_PLAIN_LIST, [encode(v) for v in value]]
    if isinstance(value, datetime):
        return [_DATETIME, value.isoformat()]
    if isinstance(value, date):
        return [_DATE, value.isoformat()]
    if isinstance(value, dict):
        raise TypeError("parsed YAML mappings are LineDicts")
    return value


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`."""
    if type(value) is not list:
        return value
    tag = value[0]
    if tag == _DICT:
        result = LineDict()
        result.line = value[1]
        result.key_lines = {}
        for key, line, item in value[2]:
            result[key] = decode(item)
            result.key_lines[key] = line
        return result
    if tag == _LIST:
        seq = LineList(decode(v) for v in value[3])
        seq.line = value[1]
        seq.item_lines = value[2]
        return seq
    if tag == _PLAIN_LIST:
        return [decode(v) for v in value[1]]
    if tag == _DATETIME:
        return datetime.fromisoformat(value[1])
    if tag == _DATE:
        return date.fromisoformat(value[1])
    raise ValueError(f"unknown snapshot tag {tag!r}")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(rules_dir: Path) -> dict[str, Any]:
    """Parse every ``*.yaml`` pack of ``rules_dir`` into a snapshot mapping.

    Besides the parsed data, each pack carries the needles of its patterns
    (:mod:`postcheck.text.regex_literals`), worked out here once instead of in
    every process.
    """
    packs = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        raw = path.read_bytes()
        data = load_yaml(raw.decode("utf-8"), path=path)
        patterns = sorted(set(_patterns_in(data)))
        found = {p: [sorted(clause) for clause in needles(p)] for p in patterns}
        counts = {p: [min_counts(p, ignorecase=False), min_counts(p, ignorecase=True)] for p in patterns}
        packs[path.name] = {"sha256": digest(raw), "data": encode(data), "needles": found, "counts": counts}
    return {"format": FORMAT, "packs": packs}


def _patterns_in(value: Any, key: str = "") -> Iterator[str]:
    """Strings that are RE2 patterns: under any ``*patterns`` option, and ``swap`` keys of pattern substitutions."""
    if isinstance(value, dict):
        for k, v in value.items():
            # Per-language lists ({id: [...], en: [...]}) stay under their option's name.
            yield from _patterns_in(v, key if key.endswith("patterns") else k)
        if value.get("patterns") is True and isinstance(value.get("swap"), dict):
            yield from (k for k in value["swap"] if isinstance(k, str))
    elif isinstance(value, list):
        for item in value:
            yield from _patterns_in(item, key)
    elif isinstance(value, str) and key.endswith("patterns"):
        yield value


def write(rules_dir: Path, target: Path) -> None:
    """Write the snapshot of ``rules_dir`` to ``target`` (used by the wheel build)."""
    text = json.dumps(build(rules_dir), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    target.write_text(text, encoding="utf-8")


_loaded: dict[Path, dict[str, Any] | None] = {}


def lookup(path: Path, raw: bytes) -> Any | None:
    """The parsed data of pack ``path`` from its folder's snapshot, if it is there and current.

    ``None`` means "parse the YAML": no snapshot, another format, or a pack
    whose bytes no longer match (``raw`` is the file as read now).
    """
    folder = path.parent
    if folder not in _loaded:
        try:
            snapshot = json.loads((folder / SNAPSHOT_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            snapshot = None
        _loaded[folder] = snapshot if isinstance(snapshot, dict) and snapshot.get("format") == FORMAT else None
    snapshot = _loaded[folder]
    entry = snapshot["packs"].get(path.name) if snapshot is not None else None
    if entry is None or entry.get("sha256") != digest(raw):
        return None
    counts = {
        (p, ignorecase): (pair[int(ignorecase)][0], pair[int(ignorecase)][1])
        for p, pair in entry.get("counts", {}).items()
        for ignorecase in (False, True)
    }
    preload({p: tuple(frozenset(c) for c in clauses) for p, clauses in entry.get("needles", {}).items()}, counts)
    return decode(entry["data"])
