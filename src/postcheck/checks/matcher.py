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

#: The keys of per-language compiled sets: each language, and ``*`` for a post in another or an
#: undetermined language (checked against every list).
LANGUAGE_KEYS = (*LANGUAGES, "*")

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

    def __init__(
        self, options: Mapping[str, Any], token_key: str = "tokens", pattern_key: str = "patterns", *, lazy: bool = False
    ) -> None:
        self.ignorecase = options.get("ignorecase", True)
        self.word_boundary = options.get("word_boundary", True)
        self.include_hashtags = options.get("include_hashtags", False)
        self.scope = options.get("scope", "text")
        self.within = options.get("within", 90)
        self._tokens = options.get("tokens")
        self._patterns = options.get("patterns")
        self._keys = (token_key, pattern_key)
        self._by_lang: dict[str, tuple[PhraseSet | None, PatternSet | None]] = {}
        self.empty = not _has_entries(self._tokens) and not _has_entries(self._patterns)
        if not lazy:
            for lang in LANGUAGE_KEYS:
                self._compile(lang)

    def _compile(self, lang: str) -> tuple[PhraseSet | None, PatternSet | None]:
        toks = _pick(self._tokens, lang)
        pats = _pick(self._patterns, lang)
        try:
            phrase_set = PhraseSet(toks, ignorecase=self.ignorecase) if toks else None
        except ValueError as exc:
            raise OptionError(self._keys[0], str(exc)) from None
        try:
            pattern_set = PatternSet(pats, ignorecase=self.ignorecase, word_boundary=self.word_boundary) if pats else None
        except ValueError as exc:
            raise OptionError(self._keys[1], str(exc)) from None
        pair = self._by_lang[lang] = (phrase_set, pattern_set)
        return pair

    def sets(self, lang: str) -> tuple[PhraseSet | None, PatternSet | None]:
        """The word list and pattern group for posts in ``lang`` (``*``: undetermined), compiled on first use."""
        pair = self._by_lang.get(lang)
        return pair if pair is not None else self._compile(lang)

    def parts(self, language: str | None = None) -> list[PhraseSet | PatternSet]:
        """The compiled word lists and patterns (for the engine's prefilter): of posts in
        ``language`` (``*``: undetermined), or of every language."""
        langs = LANGUAGE_KEYS if language is None else (language,)
        return [p for lang in langs for p in self.sets(lang) if p is not None]

    def finditer(self, post: Post) -> Iterator[tuple[int, int, str]]:
        """Matches as ``(start, end, matched text)`` sorted by position."""
        lang = post.language if post.language in LANGUAGES else "*"
        phrases, patterns = self.sets(lang)
        hits = post.candidates
        index = None
        if phrases is not None:
            if hits is not None and id(phrases) not in hits:
                phrases = None
            else:
                index = post.word_index(self.include_hashtags, phrases.ignorecase)
                if hits is None and not phrases.may_match(index):
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
                (s, e)
                for s, e, _ in phrases.finditer(
                    text,
                    post.words,
                    include_hashtags=self.include_hashtags,
                    index=index,
                    items=post.word_items(self.include_hashtags),
                )
            )
        if patterns is not None:
            window = text if (lo, hi) == (0, len(text)) else text[:hi]
            found.extend(patterns.spans(window))
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
        merged: dict[str, None] = {}  # every list, in order, without repeats
        for items in value.values():
            merged.update(dict.fromkeys(items))
        return tuple(merged)
    return tuple(value.get(lang, ()))


def _has_entries(value: Any) -> bool:
    """Would :func:`_pick` give entries for some language (without building them)?"""
    if value is None:
        return False
    if isinstance(value, Mapping):
        return any(value.values())
    return bool(value)
