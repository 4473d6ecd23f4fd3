"""Inline suppression comments in drafts.

``<!-- postcheck-disable RULE -->`` … ``<!-- postcheck-enable RULE -->``
silence a rule between two lines; ``<!-- postcheck-disable-next-line RULE -->``
the next line only; ``<!-- postcheck-disable-file RULE -->`` the whole file.
RULE is a rule id, a category (``authenticity``), or several separated by
commas or spaces; no RULE means every rule. HTML comments are invisible to
readers, so these never change what is checked, only what is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"<!--\s*postcheck-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.DOTALL)
ALL = "*"


def rule_matches(rule_id: str, ref: str) -> bool:
    """Does a reference (id, category or id prefix, or ``*``) cover ``rule_id``?"""
    return ref == ALL or rule_id == ref or rule_id.startswith(ref.rstrip("/") + "/")


@dataclass
class Suppressions:
    """Which rules are silenced on which lines of one file."""

    file_refs: set[str] = field(default_factory=set)
    # (ref, first line, last line or None for "to the end")
    ranges: list[tuple[str, int, int | None]] = field(default_factory=list)

    def silenced(self, rule_id: str, line: int) -> bool:
        if any(rule_matches(rule_id, ref) for ref in self.file_refs):
            return True
        for ref, first, last in self.ranges:
            if first <= line and (last is None or line <= last) and rule_matches(rule_id, ref):
                return True
        return False

    def __bool__(self) -> bool:
        return bool(self.file_refs or self.ranges)


def parse_suppressions(source: str) -> Suppressions:
    """Read the suppression comments of a file (lines are 1-based)."""
    result = Suppressions()
    if "postcheck-" not in source:
        return result
    open_ranges: dict[str, int] = {}
    for m in _COMMENT.finditer(source):
        action = m.group(1)
        refs = [r for r in re.split(r"[\s,]+", m.group(2).strip()) if r] or [ALL]
        line = source.count("\n", 0, m.start()) + 1
        end_line = source.count("\n", 0, m.end()) + 1
        for ref in refs:
            if action == "disable-file":
                result.file_refs.add(ref)
            elif action == "disable-next-line":
                result.ranges.append((ref, end_line + 1, end_line + 1))
            elif action == "disable":
                open_ranges.setdefault(ref, line)
            elif ref in open_ranges:
                result.ranges.append((ref, open_ranges.pop(ref), line))
            elif ref == ALL:
                for other, first in open_ranges.items():
                    result.ranges.append((other, first, line))
                open_ranges.clear()
    for ref, first in open_ranges.items():
        result.ranges.append((ref, first, None))
    return result
