"""Pattern needles: the literal prefilter must never rule out a pattern that matches."""

from __future__ import annotations

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from postcheck.checks import CompileContext
from postcheck.checks.patterns import PatternSet
from postcheck.checks.prefilter import Prefilter
from postcheck.drafts import build_post
from postcheck.ruleset import BUILTIN_PACKS, builtin_rules_dir, compile_rules, load_rule_file
from postcheck.text.regex_literals import min_counts, needles
from postcheck.timeparse import parse_zone

TZ = parse_zone("Asia/Jakarta")


def _sets(clauses: tuple[frozenset[str], ...]) -> list[set[str]]:
    return [set(c) for c in clauses]


def test_needles_of_plain_words_and_alternations() -> None:
    assert _sets(needles(r"(?:sebar|viral)kan")) == [{"sebarkan", "viralkan"}]
    assert sorted(map(sorted, needles(r"Klik\s+di\s+sini"))) == [["di"], ["klik"], ["sini"]]


def test_needles_across_repeats_and_small_classes() -> None:
    # g+[o0]+ : the last g stands next to the first o or 0.
    clauses = _sets(needles(r"g+[o0]+b+l+[o0]+[kg]+"))
    assert {"go", "g0"} in clauses
    assert {"bl"} in clauses
    assert _sets(needles(r"[!?]{2,}"))[0] == {"!!", "!?", "?!", "??"}


def test_every_clause_is_required() -> None:
    # "the" alone would let every English post through; "tf" is required too.
    assert {"tf"} in _sets(needles(r"(?:what|how|the)\s+tf"))


def test_no_needles_when_nothing_is_certain() -> None:
    assert needles(r"\p{Lu}{6,}") == ()
    assert needles(r"(?:abc)?\d+") == ()
    assert needles(r"[a-z]+") == ()
    assert needles(r"a|\d") == ()  # one branch has no literal
    assert needles(r"[[:alpha:]]+x") == ()  # syntax postcheck does not read: never filtered


def test_single_rare_characters_are_kept_and_single_letters_are_not() -> None:
    assert {"@"} in _sets(needles(r"[\pL\pN._%+-]+@[\pL\pN-]+"))
    assert needles(r"a\d") == ()


def test_posix_classes_are_not_analysed() -> None:
    """Python's parser reads [^[:space:]] as a class and a literal "]": such patterns are never filtered."""
    for pattern in (r"[^[:space:]]+", r"[\d[:punct:]]x", r"[a-z[:digit:]]{3}", r"[[:alpha:]]+x"):
        assert needles(pattern) == ()
        assert min_counts(pattern, ignorecase=False) == (0, 0)
    assert needles(r"[:;]x") != ()  # a colon in an ordinary class is still read


def test_too_many_needles_for_one_automaton_means_no_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    from postcheck.checks import prefilter as module

    monkeypatch.setattr(module, "NEEDLE_SET_MEMORY", 1 << 10)
    groups = [PatternSet((f"needle{i:04d}x",)) for i in range(300)]
    post = build_post("nothing here", path=None, markdown=False, default_tz=TZ)
    candidates = Prefilter(groups).candidates(post)
    assert {id(g) for g in groups} <= candidates


def test_capitals_and_digits_are_counted() -> None:
    assert min_counts(r"\p{Lu}{6,}(?:[ \t]+\p{Lu}{3,}){2,}", ignorecase=False) == (12, 0)
    assert min_counts(r"\p{Lu}{6,}", ignorecase=True) == (0, 0)  # RE2 folds \p{Lu} to every letter
    assert min_counts(r"(?-i:\p{Lu}{3})", ignorecase=True) == (3, 0)
    assert min_counts(r"(?:\+62|62|0)\s?\d{2,4}", ignorecase=True) == (0, 3)
    assert min_counts(r"[\p{Lu}\d]x", ignorecase=False) == (0, 0)


def test_case_is_folded() -> None:
    assert _sets(needles(r"(?-i:BREAKING)")) == [{"breaking"}]
    assert _sets(needles(r"STRAẞE")) == [{"strasse"}]


# -- soundness: a match always satisfies every clause -------------------------

_PLAIN_ATOMS = ["a", "b", "k", "A", "0", "!", "@", ".", "ß", "K", "ſ", "[ab]", "[k0]", r"\d", r"\s", r"\pL", "^", "$"]
_CLASS_ATOMS = [r"\p{Lu}", "[0-9]", r"(?-i:\p{Lu})", "(?i:A)", r"[\p{Lu}0-9]"]
_POSIX_ATOMS = ["[^[:space:]]", "[x[:digit:]]", "[[:alpha:]]", "[:;]", r"\]"]
_ATOMS = st.sampled_from([*_PLAIN_ATOMS, *_CLASS_ATOMS, *_POSIX_ATOMS])


@st.composite
def _regexes(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 4 if depth < 2 else 1))
        if kind <= 1:
            parts.append(draw(_ATOMS))
        elif kind == 2:
            parts.append("(?:" + "|".join(draw(st.lists(_regexes(depth + 1), min_size=1, max_size=3))) + ")")
        elif kind == 3:
            parts.append("(?:" + draw(_regexes(depth + 1)) + ")" + draw(st.sampled_from(["*", "+", "?", "{2}", "{1,3}", "{2,}"])))
        else:
            parts.append(draw(st.sampled_from(["ab", "kk", "!!", "a.b", "0k"])))
    return "".join(parts)


_TEXT = st.text(alphabet=st.sampled_from(list("abkAK0!@. \nßẞſ7ǅⅫ٣x]:;")), max_size=30)


@settings(max_examples=400, deadline=None)
@given(_regexes(), _TEXT, st.booleans())
def test_a_match_satisfies_every_clause(pattern: str, text: str, ignorecase: bool) -> None:
    options = re2.Options()
    options.case_sensitive = not ignorecase
    options.log_errors = False
    try:
        regex = re2.compile(pattern, options)
    except re2.error:
        return
    if regex.search(text) is None:
        return
    folded = text.casefold()
    for clause in needles(pattern):
        assert any(n in folded for n in clause), (pattern, text, clause)
    capitals, digits = min_counts(pattern, ignorecase=ignorecase)
    assert sum(map(str.isupper, text)) >= capitals, (pattern, text)
    assert sum(map(str.isdigit, text)) >= digits, (pattern, text)


def test_the_prefilter_keeps_every_builtin_pattern_that_matches_its_rule_examples() -> None:
    rules = []
    for pack in BUILTIN_PACKS:
        rules.extend(load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True))
    compiled = compile_rules(rules, CompileContext(timezone=TZ))
    parts = [p for r in compiled if r.check is not None for p in r.check.parts()]
    prefilter = Prefilter(parts)
    pattern_sets = [p for p in parts if isinstance(p, PatternSet)]
    assert sum(p.needles is not None for p in pattern_sets) > len(pattern_sets) // 2
    texts = [example.text for rule in rules for example in rule.examples]
    assert len(texts) > 300
    checked = 0
    for text in texts:
        post = build_post(text, path=None, markdown=False, default_tz=TZ)
        candidates = prefilter.candidates(post)
        for part in pattern_sets:
            if part.search(post.text):
                checked += 1
                assert id(part) in candidates, (part.patterns, text)
    assert checked > 100
