"""``substitution``: a non-standard form and the form to use instead.

``swap`` maps the form to flag to its replacement (per language), matched
whole-word and case-insensitively; the fix keeps the writer's case
("Silahkan" → "Silakan", "SILAHKAN" → "SILAKAN"). With ``patterns: true``
the keys are RE2 patterns and the values may refer to groups as ``{1}``.
Placeholders: ``{match}``, ``{fix}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..text.tokens import normalize
from .base import LANGUAGES, Check, CompileContext, Hit, Option, OptionError, boolean, str_map
from .patterns import PatternSet
from .phrases import PhraseSet

if TYPE_CHECKING:
    from ..post import Post


def match_case(found: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``found``."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Substitution(Check):
    kind = "substitution"
    PLACEHOLDERS = ("match", "fix")
    OPTIONS = {
        "swap": Option(str_map, required=True, per_language=True, doc="form to flag → form to use"),
        "patterns": Option(boolean, default=False, doc="the keys of swap are RE2 patterns"),
        "ignorecase": Option(boolean, default=True, doc="match regardless of case (default true)"),
        "keep_case": Option(boolean, default=True, doc="give the fix the case of the match"),
        "include_hashtags": Option(boolean, default=False, doc="also match words inside hashtags"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        swap = options["swap"]
        if not swap:
            raise OptionError("swap", "'swap' is empty")
        self.ignorecase = options.get("ignorecase", True)
        self.keep_case = options.get("keep_case", True)
        self.include_hashtags = options.get("include_hashtags", False)
        self.is_pattern = options.get("patterns", False)
        by_lang: dict[str, dict[str, str]] = {}
        if any(k in LANGUAGES for k in swap) and all(isinstance(v, Mapping) for v in swap.values()):
            merged: dict[str, str] = {}
            for lang, table in swap.items():
                by_lang[lang] = dict(table)
                merged.update(table)
            by_lang["*"] = merged
        else:
            for lang in (*LANGUAGES, "*"):
                by_lang[lang] = dict(swap)
        self._by_lang = by_lang
        self._tables: dict[str, tuple[Any, dict[str, str]]] = {}
        if not context.lazy:
            for lang in by_lang:
                self._compile(lang)

    def _compile(self, lang: str) -> tuple[Any, dict[str, str]]:
        table = self._by_lang[lang]
        for bad, good in table.items():
            if (normalize(bad) if self.ignorecase else bad) == (
                normalize(good) if self.ignorecase else good
            ) and not self.is_pattern:
                raise OptionError("swap", f"'{bad}' is swapped for itself")
        try:
            if self.is_pattern:
                matcher: Any = [PatternSet((k,), ignorecase=self.ignorecase) for k in table]
                compiled: tuple[Any, dict[str, str]] = (matcher, table)
            else:
                lookup = {(normalize(k) if self.ignorecase else k): v for k, v in table.items()}
                compiled = (PhraseSet(list(table), ignorecase=self.ignorecase), lookup)
        except ValueError as exc:
            raise OptionError("swap", str(exc)) from None
        self._tables[lang] = compiled
        return compiled

    def _table(self, language: str) -> tuple[Any, dict[str, str]]:
        """The table for posts in ``language``: its own, or ``*`` (every table merged), compiled on first use."""
        lang = language if language in self._by_lang else "*"
        table = self._tables.get(lang)
        return table if table is not None else self._compile(lang)

    def gate_parts(self, language: str | None = None) -> list[Any] | None:
        return self.parts(language)

    def parts(self, language: str | None = None) -> list[Any]:
        out: list[Any] = []
        for lang in self._by_lang if language is None else (language,):
            matcher, _ = self._table(lang)
            out.extend(matcher if self.is_pattern else [matcher])
        return out

    def run(self, post: Post) -> Iterator[Hit]:
        matcher, table = self._table(post.language)
        text = post.text
        candidates = post.candidates
        if self.is_pattern:
            hits: list[Hit] = []
            for pset, (_key, template) in zip(matcher, table.items(), strict=True):
                if candidates is not None and id(pset) not in candidates:
                    continue
                for start, end, m in pset.finditer(text):
                    groups = [m.group(0), *m.groups()]
                    fix = template.format(*[g or "" for g in groups])
                    hits.append(self._hit(start, end, text[start:end], fix))
            hits.sort(key=lambda h: h.start)
            last = -1
            for h in hits:
                if h.start >= last:
                    last = h.end
                    yield h
            return
        if candidates is not None and id(matcher) not in candidates:
            return
        index = post.word_index(self.include_hashtags, self.ignorecase)
        items = post.word_items(self.include_hashtags)
        for start, end, entry in matcher.finditer(
            text, post.words, include_hashtags=self.include_hashtags, index=index, items=items
        ):
            found = text[start:end]
            good = table[normalize(entry) if self.ignorecase else entry]
            yield self._hit(start, end, found, good)

    def _hit(self, start: int, end: int, found: str, good: str) -> Hit:
        fix = match_case(found, good) if self.keep_case else good
        return Hit(start, end, {"match": found, "fix": fix}, fix=fix)
