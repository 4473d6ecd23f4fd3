"""One pass per post to learn which word lists can match at all.

A rule set holds dozens of word lists; most of them match nothing in a given
post. Instead of asking each one in turn, the engine builds one index of
every list's first words and per post does a single walk over its words;
lists that cannot match are skipped without running, the rest run as usual,
so results are unchanged.

Pattern groups are filtered by their needles (:mod:`postcheck.text.regex_literals`): literal
strings one of which every match contains. All needles of all groups go into
one RE2 ``Set`` of plain literals, matched once per post against the
case-folded text (about 2 µs for 700 needles); a group none of whose needles
occurs is not a candidate. A ``Set`` of the patterns themselves was measured
at 5 ms per post (their automaton does not fit the DFA cache); literals fit.
Groups without needles are always candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import re2

from .patterns import PatternSet
from .phrases import PhraseSet

if TYPE_CHECKING:
    from ..post import Post


class Prefilter:
    """Candidates for a post: the ids of phrase and pattern sets that may match."""

    def __init__(self, parts: Iterable[PhraseSet | PatternSet]) -> None:
        self._keys: dict[str, list[int]] = {}
        self._always: set[int] = set()
        owners: dict[str, set[int]] = {}
        self._clauses: dict[int, tuple[tuple[frozenset[str], ...], ...]] = {}
        seen: set[int] = set()
        for part in parts:
            if id(part) in seen:
                continue
            seen.add(id(part))
            if isinstance(part, PhraseSet):
                if part.has_prefixes:
                    self._always.add(id(part))
                for key in part.first_keys:
                    self._keys.setdefault(key, []).append(id(part))
            elif part.needles is None:
                self._always.add(id(part))
            else:
                self._clauses[id(part)] = part.needles
                for clauses in part.needles:
                    for needle in clauses[0]:  # a pattern is looked at only if its first clause may hold
                        owners.setdefault(needle, set()).add(id(part))
                    for clause in clauses[1:]:
                        for needle in clause:
                            owners.setdefault(needle, set())
        self._needle_list = list(owners)
        self._needle_owners = [sorted(ids) for ids in owners.values()]
        self._needles = _literal_set(self._needle_list) if owners else None

    def candidates(self, post: Post) -> frozenset[int]:
        found = set(self._always)
        keys = self._keys
        words = post.words
        present = {w.norm for w in words}
        present.update(w.text for w in words)
        for key in present.intersection(keys):
            found.update(keys[key])
        if self._needles is not None:
            indexes = self._needles.Match(post.folded)
            if indexes:
                present = {self._needle_list[i] for i in indexes}
                owners = self._needle_owners
                maybe = {part for i in indexes for part in owners[i]}
                for part in maybe:
                    if any(all(not present.isdisjoint(c) for c in clauses) for clauses in self._clauses[part]):
                        found.add(part)
        return frozenset(found)


def _literal_set(needles: list[str]) -> Any:
    """One RE2 ``Set`` that reports which of ``needles`` occur in a text."""
    options = re2.Options()
    options.log_errors = False
    needle_set = re2.Set.SearchSet(options)
    for needle in needles:
        # Letters and digits as they are; anything else as \x{…}, never special.
        needle_set.Add("".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in needle))
    needle_set.Compile()
    return needle_set
