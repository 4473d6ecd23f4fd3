"""Words, phrases and patterns per language, matched within a scope.

``existence``, ``require`` and ``occurrence`` all look for "any of these
words or patterns"; this is that one piece. Options may be one list for every
language or a mapping ``{id: [...], en: [...]}``; a post in another or an
undetermined language is checked against all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import LANGUAGES, Option, OptionError, boolean, count, one_of, str_list
from .patterns import PatternSet
from .phrases import PhraseSet

if TYPE_CHECKING:
    from ..post import Post

SCOPES = ("text", "opening", "first_sentence", "first_line", "last_line")

MATCH_OPTIONS: dict[str, Option] = {
    "tokens": Option(str_list, per_language=True, doc="words or phrases, matched whole-word"),
    "patterns": Option(str_list, per_language=True, doc="RE2 patterns"),
    "ignorecase": Option(boolean, default=True, doc="match regardless of case (default true)"),
    "word_boundary": Option(boolean, default=True, doc="patterns must start and end at word boundaries"),
    "include_hashtags": Option(boolean, default=False, doc="also match words inside hashtags"),
    "scope": Option(one_of(*SCOPES), default="text", doc="where to look"),
    "within": Option(count, default=90, doc="characters of the opening (scope: opening)"),
}


class Matcher:
    """Compiled ``tokens`` and ``patterns`` options of one rule."""

    def __init__(self, options: Mapping[str, Any], token_key: str = "tokens", pattern_key: str = "patterns") -> None:
        ignorecase = options.get("ignorecase", True)
        self.include_hashtags = options.get("include_hashtags", False)
        self.scope = options.get("scope", "text")
        self.within = options.get("within", 90)
        tokens = options.get("tokens")
        patterns = options.get("patterns")
        self._by_lang: dict[str, tuple[PhraseSet | None, PatternSet | None]] = {}
        for lang in (*LANGUAGES, "*"):
            toks = _pick(tokens, lang)
            pats = _pick(patterns, lang)
            try:
                phrase_set = PhraseSet(toks, ignorecase=ignorecase) if toks else None
            except ValueError as exc:
                raise OptionError(token_key, str(exc)) from None
            try:
                pattern_set = (
                    PatternSet(pats, ignorecase=ignorecase, word_boundary=options.get("word_boundary", True)) if pats else None
                )
            except ValueError as exc:
                raise OptionError(pattern_key, str(exc)) from None
            self._by_lang[lang] = (phrase_set, pattern_set)

    def parts(self) -> list[PhraseSet | PatternSet]:
        """The compiled word lists and patterns (for the engine's prefilter)."""
        return [p for pair in self._by_lang.values() for p in pair if p is not None]

    @property
    def empty(self) -> bool:
        return all(p is None and q is None for p, q in self._by_lang.values())

    def finditer(self, post: Post) -> Iterator[tuple[int, int, str]]:
        """Matches as ``(start, end, matched text)`` sorted by position."""
        lang = post.language if post.language in LANGUAGES else "*"
        phrases, patterns = self._by_lang[lang]
        hits = post.candidates
        index = post.word_index(self.include_hashtags, phrases.ignorecase) if phrases is not None else None
        if phrases is not None and (id(phrases) not in hits if hits is not None else not phrases.may_match(index)):  # type: ignore[arg-type]
            phrases = None
        text = post.text
        if patterns is not None and ((hits is not None and id(patterns) not in hits) or not patterns.search(text)):
            patterns = None
        if phrases is None and patterns is None:
            return
        lo, hi = self._bounds(post)
        if hi <= lo:
            return
        found: list[tuple[int, int]] = []
        if phrases is not None:
            found.extend(
                (s, e) for s, e, _ in phrases.finditer(text, post.words, include_hashtags=self.include_hashtags, index=index)
            )
        if patterns is not None:
            window = text if (lo, hi) == (0, len(text)) else text[:hi]
            found.extend((s, e) for s, e, _ in patterns.finditer(window))
        found.sort()
        last_end = -1
        for start, end in found:
            if start < lo or start >= hi or start < last_end:
                continue
            last_end = end
            yield start, end, text[start:end]

    def _bounds(self, post: Post) -> tuple[int, int]:
        text = post.text
        scope = self.scope
        if scope == "text":
            return 0, len(text)
        if scope == "opening":
            return 0, min(len(text), self.within)
        if scope == "first_sentence":
            return (post.sentences[0].start, post.sentences[0].end) if post.sentences else (0, 0)
        if scope == "first_line":
            stripped = len(text) - len(text.lstrip())
            nl = text.find("\n", stripped)
            return stripped, len(text) if nl == -1 else nl
        if scope == "last_line":
            body = text.rstrip()
            return body.rfind("\n") + 1, len(body)
        return 0, len(text)


def _pick(value: Any, lang: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        return tuple(value)
    if lang == "*":
        merged: list[str] = []
        for items in value.values():
            merged.extend(i for i in items if i not in merged)
        return tuple(merged)
    return tuple(value.get(lang, ()))
