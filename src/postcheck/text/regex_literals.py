"""Required literals of a pattern: a cheap test that rules a pattern out.

Most patterns of a rule set match nothing in a given post, yet asking RE2
costs a call through its Python binding and a scan of the text. Nearly every
pattern, though, cannot match unless the text contains one of a few literal
strings: ``g+[o0]+bl+[o0]+k`` needs ``go`` or ``g0``; ``(?:sebar|viral)kan``
needs ``sebarkan`` or ``viralkan``. :func:`needles` finds such sets from the
pattern's syntax tree, and the rule engine skips RE2 when they do not occur in
the case-folded text.

The test only ever says "cannot match" when that is certain: both sides are
case-folded (a superset of RE2's case-insensitive matching), a construct this
module does not understand makes the pattern "may match", and a pattern whose
best needles are single characters is not filtered at all. Equivalence is
tested against RE2 on generated and real posts.

The tree comes from Python's own regular-expression parser after RE2-only
syntax (``\\pL``, ``\\p{Lu}``, ``\\z``) is mapped onto equivalents; patterns it
cannot parse are simply not filtered.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

sre: Any
sre_parse: Any
try:  # CPython's parser; private, so anything unexpected means "no filter"
    sre = importlib.import_module("re._constants")
    sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other interpreters
    sre = sre_parse = None

#: Largest set of alternatives kept as exact strings or as needles.
MAX_SET = 64
#: Character classes up to this size are expanded (``[o0]``, ``[kg]``).
MAX_CLASS = 8
#: Needles shorter than this say too little to be worth testing (a single
#: letter is in nearly every post; a single "@" or "{" is not, and is kept).
MIN_NEEDLE = 2

# RE2 syntax Python's parser does not know, mapped to something that matches a
# superset: \pL, \p{Lu}, \PN … become \w (one unknown character; a big class
# inside brackets); \z becomes \Z.
_RE2_ONLY = re.compile(r"\\\\|\\[pP](?:\{[^}]*\}|[A-Za-z])|\\z")
_UNSUPPORTED = ("\\Q", "\\C", "\\x{")
# RE2's POSIX classes ([[:alpha:]], [^[:space:]], [x[:digit:]]): Python's parser ends the class at
# their first "]" and reads the last one as a literal, so they are never analysed.
_POSIX_CLASS = re.compile(r"\[:\^?[A-Za-z]*:\]")


def _unsupported(pattern: str) -> bool:
    return sre_parse is None or any(u in pattern for u in _UNSUPPORTED) or _POSIX_CLASS.search(pattern) is not None


Clauses = tuple[frozenset[str], ...]
"""All of these must hold: every match contains one string of each set."""

#: At most this many clauses are kept per node (the most selective ones).
MAX_CLAUSES = 4


@dataclass(frozen=True)
class _Info:
    """What every match of a node looks like (all strings case-folded).

    ``exact``: the node matches exactly one of these strings. Otherwise
    ``prefix``/``suffix``: every match starts/ends with one of these;
    ``required``: clauses every match satisfies; ``None``/``()`` = unknown.
    """

    exact: frozenset[str] | None = None
    prefix: frozenset[str] | None = None
    suffix: frozenset[str] | None = None
    required: Clauses = ()
    nullable: bool = False

    def starts(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.prefix

    def ends(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.suffix

    def clauses(self) -> Clauses:
        if self.nullable:
            return ()
        if self.exact is not None:
            usable = _usable(self.exact)
            return (usable,) if usable is not None else ()
        return _select(*self.required, self.prefix, self.suffix)


_UNKNOWN_CHAR = _Info()
_EMPTY = _Info(exact=frozenset({""}), nullable=True)


def _usable(strings: frozenset[str] | None) -> frozenset[str] | None:
    if strings is None or not strings or "" in strings or len(strings) > MAX_SET:
        return None
    return strings


def _score(strings: frozenset[str]) -> tuple[int, int]:
    return (min(4, min(len(s) for s in strings)), -len(strings))


def _select(*options: frozenset[str] | None) -> Clauses:
    """The most selective distinct clauses among ``options`` (implied ones dropped)."""
    # Sorted by selectivity, ties by content: the same clauses in the same order on every run.
    usable = sorted(
        {s for s in (_usable(o) for o in options) if s is not None},
        key=lambda c: (*_score(c), sorted(c)),
        reverse=True,
    )
    kept: list[frozenset[str]] = []
    for clause in usable:
        # Implied by a kept clause (every string of it contains one of these): adds nothing.
        if any(all(any(n in s for n in clause) for s in k) for k in kept):
            continue
        kept.append(clause)
        if len(kept) == MAX_CLAUSES:
            break
    return tuple(kept)


def _product(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None or right is None or len(left) * len(right) > MAX_SET:
        return None
    return frozenset(a + b for a in left for b in right)


def _exact(strings: set[str] | frozenset[str]) -> _Info:
    if len(strings) > MAX_SET:
        return _UNKNOWN_CHAR if all(len(s) == 1 for s in strings) else _Info(nullable="" in strings)
    return _Info(exact=frozenset(strings), nullable="" in strings)


def _concat(a: _Info, b: _Info) -> _Info:
    if a.exact is not None and b.exact is not None:
        joined = _product(a.exact, b.exact)
        if joined is not None:
            return _Info(exact=joined, nullable=a.nullable and b.nullable)
    prefix = _product(a.exact, b.starts()) if a.exact is not None else (a.prefix if not a.nullable else None)
    if prefix is None and not a.nullable:
        prefix = a.starts()
    suffix = _product(a.ends(), b.exact) if b.exact is not None else (b.suffix if not b.nullable else None)
    if suffix is None and not b.nullable:
        suffix = b.ends()
    junction = _product(a.ends(), b.starts()) if not (a.nullable or b.nullable) else None
    required = _select(*a.clauses(), *b.clauses(), junction, prefix, suffix)
    return _Info(prefix=_usable(prefix), suffix=_usable(suffix), required=required, nullable=a.nullable and b.nullable)


def _alternate(branches: list[_Info]) -> _Info:
    if all(b.exact is not None for b in branches):
        return _exact({s for b in branches for s in b.exact or ()})
    if any(b.nullable for b in branches):
        return _Info(nullable=True)

    def union(parts: list[frozenset[str] | None]) -> frozenset[str] | None:
        if any(p is None for p in parts):
            return None
        return _usable(frozenset(s for p in parts for s in p or ()))

    # One clause for the alternation: each branch's most selective clause, joined.
    firsts = [b.clauses() for b in branches]
    either = union([c[0] if c else None for c in firsts])
    return _Info(
        prefix=union([b.starts() for b in branches]),
        suffix=union([b.ends() for b in branches]),
        required=(either,) if either is not None else (),
    )


def _repeat(body: _Info, low: int, high: int) -> _Info:
    if low == high == 1:
        return body
    if low == 0:
        return _Info(nullable=True)
    # The first two copies stand side by side: [!?]{2,} needs "!!", "!?", "?!" or "??".
    twice = _product(body.exact, body.exact) if low >= 2 and body.exact is not None else None
    return _Info(
        prefix=_usable(body.starts()),
        suffix=_usable(body.ends()),
        required=_select(*body.clauses(), twice),
        nullable=body.nullable,
    )


def _char_class(items: list[tuple[Any, Any]]) -> _Info:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg).casefold())
        elif op is sre.RANGE:
            low, high = arg
            if high - low >= MAX_CLASS:
                return _UNKNOWN_CHAR
            chars.update(chr(c).casefold() for c in range(low, high + 1))
        else:  # NEGATE, CATEGORY, …
            return _UNKNOWN_CHAR
        if len(chars) > MAX_CLASS:
            return _UNKNOWN_CHAR
    return _exact(chars) if chars else _UNKNOWN_CHAR


def _sequence(items: Any) -> _Info:
    info = _EMPTY
    run: list[str] = []  # consecutive literal characters, joined before they meet the rest
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg).casefold())
            continue
        if run:
            info = _concat(info, _exact({"".join(run)}))
            run.clear()
        info = _concat(info, _node(op, arg))
    if run:
        info = _concat(info, _exact({"".join(run)}))
    return info


def _node(op: Any, arg: Any) -> _Info:
    if op is sre.LITERAL:
        return _exact({chr(arg).casefold()})
    if op is sre.IN:
        return _char_class(arg)
    if op in (sre.ANY, sre.NOT_LITERAL, sre.CATEGORY):
        return _UNKNOWN_CHAR
    if op is sre.AT:
        return _EMPTY
    if op is sre.SUBPATTERN:
        return _sequence(arg[-1])
    if op is sre.BRANCH:
        return _alternate([_sequence(branch) for branch in arg[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, body = arg
        return _repeat(_sequence(body), low, high)
    raise ValueError(f"unsupported construct {op}")


def _informative(clause: frozenset[str]) -> bool:
    return all(len(s) >= MIN_NEEDLE or not (s.isalnum() or s.isspace()) for s in clause)


#: Needles worked out ahead of time (the wheel's snapshot of the built-in packs).
_PRECOMPUTED: dict[str, Clauses] = {}


#: Capital and digit counts worked out ahead of time: (pattern, ignorecase) → counts.
_PRECOMPUTED_COUNTS: dict[tuple[str, bool], tuple[int, int]] = {}


def preload(found: dict[str, Clauses], counts: dict[tuple[str, bool], tuple[int, int]] | None = None) -> None:
    """Take needles (and counts) computed ahead of time, so a one-file run does not analyse every pattern."""
    _PRECOMPUTED.update(found)
    _PRECOMPUTED_COUNTS.update(counts or {})


def needles(pattern: str) -> Clauses:
    """Clauses every match of ``pattern`` satisfies: it contains one string of each.

    Empty when there is nothing worth testing (or the pattern uses a construct
    this module does not read): the pattern must then always run.
    """
    known = _PRECOMPUTED.get(pattern)
    return known if known is not None else _analyse(pattern)


@lru_cache(maxsize=4096)
def _analyse(pattern: str) -> Clauses:
    if _unsupported(pattern):
        return ()
    mapped = _RE2_ONLY.sub(lambda m: m.group(0) if m.group(0) == "\\\\" else ("\\Z" if m.group(0) == "\\z" else "\\w"), pattern)
    try:
        info = _sequence(sre_parse.parse(mapped))
    except Exception:  # any parser surprise means "do not filter"
        return ()
    return tuple(c for c in info.clauses() if _informative(c))


def needles_of_any(patterns: tuple[str, ...]) -> tuple[Clauses, ...] | None:
    """Clauses of each of ``patterns`` (an alternation), or ``None`` if one has none."""
    found = tuple(needles(p) for p in patterns)
    return None if any(not clauses for clauses in found) else found


# -- character counts ------------------------------------------------------------
# Some patterns have no literal at all but need characters of a class: "\p{Lu}{6,}"
# (shouting) needs six capitals, "^\d{1,3}\s+\pL+" a digit. A post without that
# many is ruled out by counting once per post. Under case-insensitive matching RE2
# folds \p{Lu} to every letter, so capitals count only in case-sensitive patterns.
_UPPER_MARK = 0xE000  # a private-use character standing for \p{Lu} while parsing
_IGNORECASE_FLAG = 2  # re.IGNORECASE, as CPython's parser records inline (?i)
_COUNTS_MAPPING = re.compile(r"\\\\|\\p\{Lu\}|\\pL|\\[pP](?:\{[^}]*\}|[A-Za-z])|\\z")


def _map_for_counts(m: re.Match[str]) -> str:
    token = m.group(0)
    return {"\\\\": token, "\\p{Lu}": "\\ue000", "\\z": "\\Z"}.get(token, "\\w")


def min_counts(pattern: str, *, ignorecase: bool) -> tuple[int, int]:
    """``(capitals, digits)`` every match of ``pattern`` contains at least (``(0, 0)``: unknown)."""
    known = _PRECOMPUTED_COUNTS.get((pattern, ignorecase))
    return known if known is not None else _analyse_counts(pattern, ignorecase)


@lru_cache(maxsize=4096)
def _analyse_counts(pattern: str, ignorecase: bool) -> tuple[int, int]:
    if _unsupported(pattern):
        return (0, 0)
    try:
        parsed = sre_parse.parse(_COUNTS_MAPPING.sub(_map_for_counts, pattern))
        return _counts(parsed, ignorecase or bool(parsed.state.flags & _IGNORECASE_FLAG))
    except Exception:  # any parser surprise means "do not filter"
        return (0, 0)


def _counts(items: Any, folded: bool) -> tuple[int, int]:
    upper = digits = 0
    for op, arg in items:
        u, d = _count_node(op, arg, folded)
        upper, digits = upper + u, digits + d
    return upper, digits


def _is_digit_code(code: int) -> bool:
    return 0x30 <= code <= 0x39


def _count_node(op: Any, arg: Any, folded: bool) -> tuple[int, int]:
    if op is sre.LITERAL:
        if arg == _UPPER_MARK:
            return (0 if folded else 1, 0)
        return (0, 1 if _is_digit_code(arg) else 0)
    if op is sre.IN:
        if arg == [(sre.LITERAL, _UPPER_MARK)]:
            return (0 if folded else 1, 0)
        digits_only = all(
            (kind is sre.LITERAL and _is_digit_code(value))
            or (kind is sre.RANGE and _is_digit_code(value[0]) and _is_digit_code(value[1]))
            or (kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT)
            for kind, value in arg
        )
        return (0, 1 if digits_only and arg else 0)
    if op is sre.CATEGORY:
        return (0, 1 if arg is sre.CATEGORY_DIGIT else 0)
    if op in (sre.ANY, sre.NOT_LITERAL, sre.AT):
        return (0, 0)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        inner = (folded or bool(add_flags & _IGNORECASE_FLAG)) and not (del_flags & _IGNORECASE_FLAG)
        return _counts(body, inner)
    if op is sre.BRANCH:
        options = [_counts(branch, folded) for branch in arg[1]]
        return (min(o[0] for o in options), min(o[1] for o in options))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _high, body = arg
        u, d = _counts(body, folded)
        return (min(u * low, 1000), min(d * low, 1000))
    raise ValueError(f"unsupported construct {op}")
