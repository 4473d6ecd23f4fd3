"""Non-standard spellings of Indonesian month and day names.

Government posts should follow KBBI/EYD ("Februari", "Jumat", "Ramadan"),
but older habits ("Pebruari", "Jum'at", "Ramadhan") persist. The finder here
works on any text, so a substitution rule can offer the fix on its own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from postcheck.text.dates_lexicon import ABBREVIATION_FIXES_ID, SPELLING_FIXES_ID

APOSTROPHES: Final[str] = "'\u2019`\u00b4\u02bc"
"""Characters written for the apostrophe in "Jum'at" and "Sya'ban"."""

_APOSTROPHE_TABLE: Final = str.maketrans({c: "'" for c in APOSTROPHES})


def key_pattern(key: str) -> str:
    """Regex for a lexicon key: its apostrophe matches any apostrophe, a space any gap."""
    parts = []
    for char in key:
        if char == "'":
            parts.append(f"[{APOSTROPHES}]")
        elif char == " ":
            parts.append(r"[ \u00a0-]+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def normalize_key(found: str) -> str:
    """Lexicon key for matched text: lower case, one apostrophe, single spaces."""
    lowered = found.lower().translate(_APOSTROPHE_TABLE).replace("-", " ")
    return " ".join(lowered.split())


def match_case(found: str, fix: str) -> str:
    """``fix`` in the case of ``found``: "PEBRUARI"→"FEBRUARI", "jum'at"→"jumat"."""
    if found.isupper():
        return fix.upper()
    if found.islower():
        return fix.lower()
    return fix


@cache
def _variants() -> re.Pattern[str]:
    """Compiled on first use (a few milliseconds): only Indonesian posts are asked."""
    return re.compile(
        r"(?<!\w)(?:" + "|".join(key_pattern(k) for k in sorted(SPELLING_FIXES_ID, key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )


def nonstandard_spellings(text: str) -> list[tuple[int, int, str, str]]:
    """Each non-standard month or day name in ``text``: (start, end, found, fix).

    Whole words only; the fix keeps the case of what was written.
    """
    found: list[tuple[int, int, str, str]] = []
    for match in _variants().finditer(text):
        word = match.group()
        fix = SPELLING_FIXES_ID[normalize_key(word)]
        found.append((match.start(), match.end(), word, match_case(word, fix)))
    return found


def standard_spelling(*parts: str | None) -> str | None:
    """Standard spelling of the first non-standard month or day name among ``parts``.

    Inside a date, the abbreviations "Peb" and "Nop" count too ("17 Nop" → "Nov").
    """
    for part in parts:
        if part is None:
            continue
        key = normalize_key(part)
        fix = SPELLING_FIXES_ID.get(key) or ABBREVIATION_FIXES_ID.get(key)
        if fix is not None:
            return match_case(part, fix)
    return None
