"""``existence``: flag each occurrence of listed words, phrases or patterns.

The workhorse kind: spread demands, sensational openers, abusive words.
Options: ``tokens`` and/or ``patterns`` (per language), ``ignorecase``,
``word_boundary``, ``include_hashtags``, ``scope`` (``text``, ``opening``
with ``within`` characters, ``first_sentence``, ``first_line``,
``last_line``), ``max_findings`` (stop after this many per post).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, OptionError, count
from .matcher import MATCH_OPTIONS, Matcher

if TYPE_CHECKING:
    from ..post import Post


class Existence(Check):
    kind = "existence"
    OPTIONS = {**MATCH_OPTIONS, "max_findings": Option(count, default=0, doc="at most this many findings per post (0: all)")}

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.matcher = Matcher(options)
        if self.matcher.empty:
            raise OptionError("tokens", "kind 'existence' needs 'tokens' or 'patterns'")
        self.max_findings = options.get("max_findings", 0)

    def parts(self) -> list[Any]:
        return self.matcher.parts()

    def run(self, post: Post) -> Iterator[Hit]:
        for n, (start, end, match) in enumerate(self.matcher.finditer(post), 1):
            yield Hit(start, end, {"match": match})
            if n == self.max_findings:
                return
