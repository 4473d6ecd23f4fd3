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
Groups without needles are candidates when the post has as many capitals
and digits as any match needs (``\\p{Lu}{6,}`` needs six capitals; see
:func:`postcheck.text.regex_literals.min_counts`), and otherwise always.
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
        # Groups without needles that need capitals or digits: (id, capitals, digits).
        self._counted: list[tuple[int, int, int]] = []
        # Pattern filtering works on numbered clauses: each needle satisfies some clauses;
        # a pattern may match when all its clauses are satisfied; its group is then a candidate.
        needle_index: dict[str, int] = {}
        satisfies: list[list[int]] = []  # needle index → clause numbers
        self._pattern_clauses: list[frozenset[int]] = []  # pattern number → its clause numbers
        self._pattern_part: list[int] = []  # pattern number → id of its group
        first_owners: list[set[int]] = []  # needle index → patterns whose first clause it satisfies
        clause_count = 0
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
                continue
            if part.needles is None:
                capitals, digits = part.min_counts
                if capitals or digits:
                    self._counted.append((id(part), capitals, digits))
                else:
                    self._always.add(id(part))
                continue
            for clauses in part.needles:
                pattern = len(self._pattern_part)
                self._pattern_part.append(id(part))
                numbers = []
                for position, clause in enumerate(clauses):
                    numbers.append(clause_count)
                    for needle in sorted(clause):
                        index = needle_index.setdefault(needle, len(needle_index))
                        if index == len(satisfies):
                            satisfies.append([])
                            first_owners.append(set())
                        satisfies[index].append(clause_count)
                        if position == 0:
                            first_owners[index].add(pattern)
                    clause_count += 1
                self._pattern_clauses.append(frozenset(numbers))
        self._key_set = frozenset(self._keys)
        self._satisfies = [tuple(c) for c in satisfies]
        self._first_owners = [tuple(sorted(o)) for o in first_owners]
        self._needles = _literal_set(list(needle_index)) if needle_index else None
        if needle_index and self._needles is None:  # too many needles for one automaton: search them all
            self._always.update(self._pattern_part)
            self._pattern_clauses, self._pattern_part = [], []

    def candidates(self, post: Post) -> frozenset[int]:
        found = set(self._always)
        keys = self._keys
        words = post.words
        present = {w.norm for w in words}
        present.update(w.text for w in words)
        for key in present & self._key_set:
            found.update(keys[key])
        if self._needles is not None:
            indexes = self._needles.Match(post.folded)
            if indexes:
                satisfied: set[int] = set()
                maybe: set[int] = set()
                for i in indexes:
                    satisfied.update(self._satisfies[i])
                    maybe.update(self._first_owners[i])
                clauses, part_of = self._pattern_clauses, self._pattern_part
                found.update(part_of[p] for p in maybe if clauses[p] <= satisfied)
        if self._counted:
            text = post.text
            capitals = sum(map(str.isupper, text))
            digits = sum(map(str.isdigit, text))
            found.update(part for part, c, d in self._counted if c <= capitals and d <= digits)
        return frozenset(found)


#: Memory for the needle automaton: the built-in packs need well under 1 MiB; a user pack with
#: tens of thousands of patterns may need more, and past this the prefilter steps aside.
NEEDLE_SET_MEMORY = 64 << 20


def _literal_set(needles: list[str]) -> Any | None:
    """One RE2 ``Set`` that reports which of ``needles`` occur in a text (``None``: too large)."""
    options = re2.Options()
    options.log_errors = False
    options.max_mem = NEEDLE_SET_MEMORY
    needle_set = re2.Set.SearchSet(options)
    try:
        for needle in needles:
            # Letters and digits as they are; anything else as \x{…}, never special.
            needle_set.Add("".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in needle))
        needle_set.Compile()
    except Exception:  # re2 raises its own error type when the automaton does not fit
        return None
    return needle_set
