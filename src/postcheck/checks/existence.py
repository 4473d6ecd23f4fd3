"""``existence``: flag each occurrence of listed words, phrases or patterns.

The workhorse kind: spread demands, sensational openers, abusive words.
Options: ``tokens`` and/or ``patterns`` (per language), ``ignorecase``,
``word_boundary``, ``include_hashtags``, ``scope`` (``text``, ``opening``
with ``within`` characters, ``first_sentence``, ``first_line``,
``last_line``), ``max_findings`` (stop after this many per post).

Context, for words that are only a problem in some company:

- ``near_tokens`` / ``near_patterns`` (per language) with ``near_words``
  (default 3): a match counts only when one of these occurs in the same
  sentence, at most ``near_words`` words before or after it with no ``.``,
  ``!``, ``?``, ``;`` or line break between them ("a group term
  within three words of a dehumanising word"). The finding then covers both,
  so the writer sees the whole phrase.
- ``unless_tokens`` / ``unless_patterns`` (per language) with
  ``unless_scope`` (``sentence``, the default, or ``post``): a match is
  dropped when one of these occurs in the same sentence (or anywhere in the
  post): "bubarkan" is not incitement in "Polisi bubarkan kerumunan", nor
  "kafir" hostility in "istilah kafir dalam kajian tafsir".

The context lists always look inside hashtags too, match regardless of case
unless ``ignorecase: false``, and follow the same per-language rules as
``tokens``/``patterns``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, OptionError, count, one_of, str_list
from .matcher import MATCH_OPTIONS, Matcher

if TYPE_CHECKING:
    from ..post import Post

UNLESS_SCOPES = ("sentence", "post")

CONTEXT_OPTIONS: dict[str, Option] = {
    "near_tokens": Option(str_list, per_language=True, doc="a match counts only with one of these words close by"),
    "near_patterns": Option(str_list, per_language=True, doc="a match counts only with one of these patterns close by"),
    "near_words": Option(count, doc="how many words may separate a match from its near_ word (default 3)"),
    "unless_tokens": Option(str_list, per_language=True, doc="drop a match when one of these words is in its context"),
    "unless_patterns": Option(str_list, per_language=True, doc="drop a match when one of these patterns is in its context"),
    "unless_scope": Option(one_of(*UNLESS_SCOPES), doc="the context of unless_: sentence (default) or post"),
}

Span = tuple[int, int]
_CLAUSE_ENDS = ".!?;\n"


def _context_matcher(options: Mapping[str, Any], prefix: str, lazy: bool = False) -> Matcher | None:
    tokens, patterns = options.get(f"{prefix}_tokens"), options.get(f"{prefix}_patterns")
    if not tokens and not patterns:
        return None
    sub = {
        "tokens": tokens,
        "patterns": patterns,
        "ignorecase": options.get("ignorecase", True),
        "word_boundary": options.get("word_boundary", True),
        "include_hashtags": True,
    }
    return Matcher(sub, f"{prefix}_tokens", f"{prefix}_patterns", lazy=lazy)


class Existence(Check):
    kind = "existence"
    OPTIONS = {
        **MATCH_OPTIONS,
        **CONTEXT_OPTIONS,
        "max_findings": Option(count, default=0, doc="at most this many findings per post (0: all)"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.matcher = Matcher(options, lazy=context.lazy)
        if self.matcher.empty:
            raise OptionError("tokens", "kind 'existence' needs 'tokens' or 'patterns'")
        self.max_findings = options.get("max_findings", 0)
        self.near = _context_matcher(options, "near", context.lazy)
        if self.near is None and options.get("near_words") is not None:
            raise OptionError("near_words", "'near_words' needs 'near_tokens' or 'near_patterns'")
        near_words = options.get("near_words")
        self.near_words: int = 3 if near_words is None else near_words
        self.unless = _context_matcher(options, "unless", context.lazy)
        if self.unless is None and options.get("unless_scope") is not None:
            raise OptionError("unless_scope", "'unless_scope' needs 'unless_tokens' or 'unless_patterns'")
        self.unless_scope = options.get("unless_scope") or "sentence"

    def gate_parts(self, language: str | None = None) -> list[Any] | None:
        return self.matcher.parts(language)  # nothing to report without a match of the lists themselves

    def parts(self, language: str | None = None) -> list[Any]:
        parts = self.matcher.parts(language)
        for extra in (self.near, self.unless):
            if extra is not None:
                parts.extend(extra.parts(language))
        return parts

    def run(self, post: Post) -> Iterator[Hit]:
        near: list[Span] | None = None
        unless: list[Span] | None = None
        n = 0
        for start, end, match in self.matcher.finditer(post):
            if self.near is not None:
                if near is None:
                    near = [(s, e) for s, e, _ in self.near.finditer(post)]
                span = self._with_near(post, start, end, near)
                if span is None:
                    continue
                start, end = span
                match = post.text[start:end]
            if self.unless is not None:
                if unless is None:
                    unless = [(s, e) for s, e, _ in self.unless.finditer(post)]
                if self._suppressed(post, start, end, unless):
                    continue
            n += 1
            yield Hit(start, end, {"match": match})
            if n == self.max_findings:
                return

    def _with_near(self, post: Post, start: int, end: int, near: list[Span]) -> Span | None:
        """The span from the match to its closest ``near_`` match, or None if none is close enough."""
        if not near:
            return None
        starts = [w.start for w in post.words]
        lo, hi = _sentence_bounds(post, start, end)
        first, last = _word_at(starts, start), _word_at(starts, end - 1)
        best: tuple[int, Span] | None = None
        for s, e in near:
            if e <= lo or s >= hi or (s < end and e > start):
                continue  # another sentence, or the match itself
            if s >= end:
                gap = _word_at(starts, s) - last - 1
            else:
                gap = first - _word_at(starts, e - 1) - 1
            between = post.text[end:s] if s >= end else post.text[e:start]
            if any(mark in between for mark in _CLAUSE_ENDS):
                continue  # the sentence splitter is cautious; a full stop still ends the phrase
            if gap <= self.near_words and (best is None or gap < best[0]):
                best = (max(gap, 0), (min(s, start), max(e, end)))
        return best[1] if best is not None else None

    def _suppressed(self, post: Post, start: int, end: int, unless: list[Span]) -> bool:
        if not unless:
            return False
        if self.unless_scope == "post":
            return True
        lo, hi = _sentence_bounds(post, start, end)
        return any(s < hi and e > lo for s, e in unless)


def _word_at(starts: list[int], offset: int) -> int:
    """Index of the word that starts at or before ``offset``."""
    return bisect_right(starts, offset) - 1


def _sentence_bounds(post: Post, start: int, end: int) -> Span:
    """From the start of the sentence holding ``start`` to the end of the one holding ``end``."""
    lo, hi = 0, len(post.text)
    for sentence in post.sentences:  # in text order
        if sentence.start <= start:
            lo = sentence.start
        if sentence.end >= end:
            hi = sentence.end
            break
    return lo, hi
