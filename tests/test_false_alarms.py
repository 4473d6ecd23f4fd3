"""Legitimate institution posts that once raised false alarms: no authenticity or safety warning.

The posts (written for postcheck's tests, one per line) probe the words of the hoax, hate and
incitement rules in their ordinary senses: a benefit that "dapat diklaim", an official correction,
a history lesson on a dictator, a parenting style called "otoriter", a launch that "harus mundur".
"""

from __future__ import annotations

from pathlib import Path

import pytest

import postcheck
from postcheck.results import SEVERITY_RANK

FIXTURES = Path(__file__).parent / "fixtures"
POSTS = [
    (language, number, line.strip())
    for language in ("id", "en")
    for number, line in enumerate((FIXTURES / f"legitimate_posts_{language}.txt").read_text(encoding="utf-8").splitlines(), 1)
    if line.strip()
]


@pytest.mark.parametrize(("language", "number", "text"), POSTS, ids=[f"{lang}-{n}" for lang, n, _ in POSTS])
def test_no_authenticity_or_safety_warning(language: str, number: int, text: str) -> None:
    result = postcheck.check_text(text, language=language)
    alarms = [
        (f.rule, f.match)
        for f in result.findings
        if f.category in ("authenticity", "safety") and SEVERITY_RANK[f.severity] >= SEVERITY_RANK["warning"]
    ]
    # "jangan kaget" before an announcement is the clickbait phrase itself: the one expected warning
    assert alarms == [] or alarms == [("authenticity/clickbait-phrase", "jangan kaget")], (number, alarms)
