"""User patterns, compiled with RE2 so that no rule pack can hang a run.

Rule packs are untrusted data. Python's backtracking ``re`` can take
exponential time on patterns such as ``(a+)+$``; RE2 (google-re2) matches in
time linear in the text, whatever the pattern. So every ``patterns`` option,
built-in or user-supplied, is compiled here with RE2, and constructs RE2
cannot run in linear time (backreferences, lookaround) are rejected when the
rule file loads.

Matching is leftmost-longest (POSIX), so the order of alternatives does
not matter. RE2's ``\\b`` and ``\\w`` are ASCII-only; postcheck therefore checks word
boundaries itself with Unicode letters (``word_boundary: true``, the
default), and rule authors write ``\\pL`` for "any letter".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import re2

from ..text.regex_literals import Clauses, min_counts, needles_of_any

_OPTIONS_CACHE: dict[bool, Any] = {}

#: Memory RE2 may use per pattern group: its compiled program and the DFA's cache of states. It is
#: a cap, not an allocation (a group uses what the texts it scans need), and it bounds what a user's
#: pattern can take. At 8 MiB, the DFA of the largest groups (runs of capitals over ``\p{Lu}``, the
#: Indonesian "ini dia …" openers) ran out of room and RE2 fell back to its NFA, 10–30 times slower
#: per search (27 → 2.7 µs for the capitals on 20,000 posts at 32 MiB); see the README's speed section.
PATTERN_MEMORY = 32 << 20

#: RE2's own matcher under google-re2's Python wrapper. The wrapper encodes the text to UTF-8
#: and maps byte offsets back to characters on every call, which costs more than the scan
#: itself for a post-sized text (4.8 µs against 1.8 µs for a 400-character post, measured
#: 2026-12-08); :meth:`PatternSet.search` and :meth:`PatternSet.spans` call the matcher
#: directly on the post's UTF-8 bytes, encoded once. ``None`` when a google-re2 release
#: moves it: the wrapper is used then, with the same results.
_UNANCHORED: Any = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
_NULL_SPAN = (-1, -1)


def _options(ignorecase: bool) -> Any:
    opts = _OPTIONS_CACHE.get(ignorecase)
    if opts is None:
        opts = re2.Options()
        opts.log_errors = False
        opts.case_sensitive = not ignorecase
        opts.max_mem = PATTERN_MEMORY
        # Leftmost-longest: "teman|temanmu" finds "temanmu" whatever the order
        # of the alternatives, so authors need not sort them.
        opts.longest_match = True
        _OPTIONS_CACHE[ignorecase] = opts
    return opts


def compile_pattern(pattern: str, *, ignorecase: bool = True) -> Any:
    """Compile with RE2 or raise ValueError with RE2's reason."""
    try:
        return re2.compile(pattern, _options(ignorecase))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "invalid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(f"bad pattern {pattern!r}: {reason}") from None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=4096)
def _compiled(pattern: str, ignorecase: bool) -> Any:
    """Compiled patterns are shared: the same group often serves several languages."""
    return compile_pattern(pattern, ignorecase=ignorecase)


@dataclass(frozen=True)
class PatternSet:
    """Several patterns matched as one RE2 alternation, with Unicode word boundaries."""

    patterns: tuple[str, ...]
    ignorecase: bool = True
    word_boundary: bool = True
    joined: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "joined", "|".join(f"(?:{p})" for p in self.patterns))

    @cached_property
    def _regex(self) -> Any:
        """Compiled on first use: a run that sees only Indonesian posts never pays
        for the English patterns. :meth:`validate` compiles eagerly."""
        try:
            return _compiled(self.joined, self.ignorecase)
        except ValueError:
            for p in self.patterns:
                _compiled(p, self.ignorecase)  # name the bad one
            raise

    @cached_property
    def needles(self) -> tuple[Clauses, ...] | None:
        """Per pattern, clauses of case-folded strings every match satisfies (``None``: always search)."""
        return needles_of_any(self.patterns)

    @cached_property
    def min_counts(self) -> tuple[int, int]:
        """``(capitals, digits)`` any match needs at least (for groups without needles)."""
        counts = [min_counts(p, ignorecase=self.ignorecase) for p in self.patterns]
        return (min(c[0] for c in counts), min(c[1] for c in counts))

    def may_match(self, text: str) -> bool:
        """False only when no match is possible (a clause of every pattern fails): no RE2 call.

        Tested here only for one short pattern (a loop over many needles costs
        as much as RE2's scan); the engine's prefilter tests them all at once
        per post.
        """
        needles = self.needles
        if needles is None or len(needles) > 1 or sum(len(c) for c in needles[0]) > 4:
            return True
        folded = folded_text(text)
        return all(any(n in folded for n in clause) for clause in needles[0])

    @cached_property
    def _native(self) -> tuple[Any, Any] | None:
        """RE2's matcher of :attr:`_regex` and its unanchored mode, or ``None`` to go through the wrapper."""
        native, anchor = getattr(self._regex, "_regexp", None), _UNANCHORED
        if anchor is None or native is None or not hasattr(native, "Match"):
            return None
        try:
            native.Match(anchor, b"", 0, 0)
        except Exception:  # any change of the private API: use the public one
            return None
        return native, anchor

    def validate(self) -> None:
        """Compile now, so a bad pattern is reported when its rule file loads."""
        self._regex  # noqa: B018

    def search(self, text: str) -> bool:
        """Does any pattern occur (ignoring word boundaries)? One linear scan."""
        if not self.may_match(text):
            return False
        direct = self._native
        if direct is None:
            return self._regex.search(text) is not None
        data = utf8_text(text)
        return direct[0].Match(direct[1], data, 0, len(data))[0] != _NULL_SPAN

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of the matches at word boundaries, as :meth:`finditer` without match objects."""
        direct = self._native
        data = utf8_text(text) if direct is not None else b""
        if direct is None or len(data) != len(text):  # offsets differ from characters: the wrapper maps them
            for start, end, _ in self.finditer(text):
                yield start, end
            return
        if not self.may_match(text):
            return
        native, anchor = direct
        pos, stop = 0, len(data)
        while pos <= stop:
            start, end = native.Match(anchor, data, pos, stop)[0]
            if start == -1:
                return
            if end == start:
                pos = end + 1
                continue
            pos = end
            if self.word_boundary and not _at_boundary(text, start, end):
                continue
            yield start, end

    def finditer(self, text: str) -> Iterator[tuple[int, int, Any]]:
        if not self.search(text):
            return
        for m in self._regex.finditer(text):
            start, end = m.span()
            if end == start:
                continue
            if self.word_boundary and not _at_boundary(text, start, end):
                continue
            yield start, end, m


_last_folded: tuple[str, str] = ("", "")


def folded_text(text: str) -> str:
    """``text.casefold()``, remembered for the last text (all rules see the same post in turn)."""
    global _last_folded
    last = _last_folded  # one read: safe when threads interleave
    if last[0] is text:
        return last[1]
    folded = text.casefold()
    _last_folded = (text, folded)
    return folded


_last_utf8: tuple[str, bytes] = ("", b"")


def utf8_text(text: str) -> bytes:
    """``text`` encoded as UTF-8, remembered for the last text (as :func:`folded_text`)."""
    global _last_utf8
    last = _last_utf8
    if last[0] is text:
        return last[1]
    data = text.encode("utf-8", "surrogatepass")
    _last_utf8 = (text, data)
    return data


def _at_boundary(text: str, start: int, end: int) -> bool:
    if _is_word_char(text[start]) and start > 0 and _is_word_char(text[start - 1]):
        return False
    return not (_is_word_char(text[end - 1]) and end < len(text) and _is_word_char(text[end]))
