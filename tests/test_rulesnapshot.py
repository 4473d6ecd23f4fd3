"""The wheel's JSON snapshot of the built-in packs equals parsing their YAML, lines included."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from postcheck import rulesnapshot
from postcheck.ruleset import builtin_rules_dir
from postcheck.yamlsafe import LineDict, LineList, load_yaml


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, LineDict):
        return (a.line, a.key_lines, list(a)) == (b.line, b.key_lines, list(b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, LineList):
        return (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b)) and all(map(_same, a, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


def _copy_packs(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin_rules"
    shutil.copytree(builtin_rules_dir(), folder)
    (folder / rulesnapshot.SNAPSHOT_NAME).unlink(missing_ok=True)
    rulesnapshot.write(folder, folder / rulesnapshot.SNAPSHOT_NAME)
    return folder


def test_snapshot_equals_the_yaml_of_every_pack(tmp_path: Path) -> None:
    folder = _copy_packs(tmp_path)
    packs = sorted(folder.glob("*.yaml"))
    assert len(packs) >= 6
    for path in packs:
        from_snapshot = rulesnapshot.lookup(path, path.read_bytes())
        assert from_snapshot is not None
        assert _same(from_snapshot, load_yaml(path.read_text(encoding="utf-8"), path=path)), path.name


def test_an_edited_pack_is_read_from_its_yaml(tmp_path: Path) -> None:
    folder = _copy_packs(tmp_path)
    path = folder / "safety.yaml"
    edited = path.read_bytes() + b"\n# edited after the build\n"
    assert rulesnapshot.lookup(path, edited) is None
    assert rulesnapshot.lookup(folder / "unknown.yaml", b"") is None


def test_no_snapshot_or_a_broken_one_means_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    pack = folder / "a.yaml"
    pack.write_text("- id: quality/x\n", encoding="utf-8")
    assert rulesnapshot.lookup(pack, pack.read_bytes()) is None
    other = tmp_path / "broken"
    other.mkdir()
    (other / rulesnapshot.SNAPSHOT_NAME).write_text("{not json", encoding="utf-8")
    assert rulesnapshot.lookup(other / "a.yaml", b"") is None


def test_dates_and_plain_lists_round_trip() -> None:
    from datetime import date, datetime, timedelta, timezone

    value = [datetime(2024, 1, 2, 9, 0, tzinfo=timezone(timedelta(hours=7))), date(2024, 1, 2), "x", 1, 2.5, None, True]
    assert rulesnapshot.decode(rulesnapshot.encode(value)) == value


def test_snapshot_holds_the_needles_of_every_builtin_pattern(tmp_path: Path) -> None:
    """A one-file run analyses no built-in pattern: all are precomputed in the snapshot."""
    from postcheck.checks import CompileContext
    from postcheck.checks.patterns import PatternSet
    from postcheck.ruleset import BUILTIN_PACKS, compile_rules, load_rule_file
    from postcheck.text.regex_literals import min_counts, needles

    folder = _copy_packs(tmp_path)
    stored: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        rulesnapshot.lookup(path, path.read_bytes())
        snapshot = rulesnapshot._loaded[folder]
        assert snapshot is not None
        stored.update(snapshot["packs"][path.name]["needles"])
    rules = [r for pack in BUILTIN_PACKS for r in load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True)]
    patterns = {
        p
        for r in compile_rules(rules, CompileContext())
        if r.check
        for part in r.check.parts()
        if isinstance(part, PatternSet)
        for p in part.patterns
    }
    assert patterns and patterns <= set(stored)
    stored_counts: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        stored_counts.update(rulesnapshot._loaded[folder]["packs"][path.name]["counts"])  # type: ignore[index]
    for pattern in patterns:
        assert [sorted(c) for c in needles(pattern)] == stored[pattern]
        assert [list(min_counts(pattern, ignorecase=False)), list(min_counts(pattern, ignorecase=True))] == stored_counts[pattern]
