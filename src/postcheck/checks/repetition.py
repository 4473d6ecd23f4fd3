"""``repetition``: the same word twice in a row ("akan akan", "the the").

Indonesian reduplication is written with a hyphen (``sama-sama``), so a
repeated word without one is either a typo or a misspelt reduplication; the
message can say both. Numbers and words in ``allow`` are not flagged.
Placeholders: ``{match}``, ``{word}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..text.tokens import normalize
from .base import Check, CompileContext, Hit, Option, count, str_list

if TYPE_CHECKING:
    from ..post import Post


class Repetition(Check):
    kind = "repetition"
    PLACEHOLDERS = ("match", "word")
    OPTIONS = {
        "allow": Option(str_list, per_language=True, doc="words that may repeat"),
        "min_length": Option(count, default=2, doc="ignore words shorter than this"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        allow = options.get("allow") or ()
        if isinstance(allow, Mapping):
            allow = [w for words in allow.values() for w in words]
        self.allow = frozenset(normalize(w) for w in allow)
        self.min_length = options.get("min_length", 2)

    def run(self, post: Post) -> Iterator[Hit]:
        text = post.text
        words = [w for w in post.words if not w.in_hashtag]
        for prev, cur in pairwise(words):
            if prev.norm != cur.norm or len(cur.norm) < self.min_length or cur.norm.isdigit() or cur.norm in self.allow:
                continue
            gap = text[prev.end : cur.start]
            if gap.strip():
                continue  # "ya, ya" or "no. No" are deliberate
            yield Hit(prev.start, cur.end, {"match": text[prev.start : cur.end], "word": cur.text})
