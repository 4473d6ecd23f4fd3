"""``occurrence``: too few or too many of a word list or a feature.

Count ``tokens``/``patterns`` matches, or a ``feature`` of the post
(``hashtags``, ``mentions``, ``links``, ``emoji``, ``exclamations``,
``questions``, ``media``), and fire when the count is below ``min`` or above
``max``. Over the maximum, the finding points at the first item past it; under
the minimum, at the start of the post. Placeholders: ``{count}``, ``{min}``,
``{max}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, OptionError, count, one_of
from .matcher import MATCH_OPTIONS, Matcher
from .metric import span_of

if TYPE_CHECKING:
    from ..post import Post

FEATURES = ("hashtags", "mentions", "links", "emoji", "exclamations", "questions", "media")


def feature_spans(post: Post, feature: str) -> list[tuple[int, int]]:
    """Spans of each item of a countable feature (media have none: empty spans)."""
    text = post.text
    if feature == "hashtags":
        return [(h.start, h.end) for h in post.hashtags]
    if feature == "mentions":
        return [(m.start, m.end) for m in post.mentions]
    if feature == "links":
        visible = [(u.start, u.end) for u in post.urls]
        return visible + [(0, 0)] * (len(post.links) - len(visible))
    if feature == "emoji":
        return list(post.emoji)
    if feature in ("exclamations", "questions"):
        mark = "!" if feature == "exclamations" else "?"
        return [(i, i + 1) for i, c in enumerate(text) if c == mark]
    if feature == "media":
        return [(0, 0)] * len(post.media)
    raise ValueError(feature)


class Occurrence(Check):
    kind = "occurrence"
    PLACEHOLDERS = ("count", "min", "max", "match")
    OPTIONS = {
        **MATCH_OPTIONS,
        "feature": Option(one_of(*FEATURES), doc="count a feature instead of tokens/patterns"),
        "min": Option(count, doc="fire when fewer than this"),
        "max": Option(count, doc="fire when more than this"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.feature = options.get("feature")
        self.min = options.get("min")
        self.max = options.get("max")
        if self.min is None and self.max is None:
            raise OptionError("max", "kind 'occurrence' needs 'min' or 'max'")
        self.matcher = Matcher(options, lazy=context.lazy)
        if self.feature is None and self.matcher.empty:
            raise OptionError("feature", "kind 'occurrence' needs 'feature', 'tokens' or 'patterns'")
        if self.feature is not None and not self.matcher.empty:
            raise OptionError("feature", "use either 'feature' or 'tokens'/'patterns', not both")

    def parts(self, language: str | None = None) -> list[Any]:
        return self.matcher.parts(language)

    def run(self, post: Post) -> Iterator[Hit]:
        if self.feature is not None:
            spans = feature_spans(post, self.feature)
        else:
            spans = [(s, e) for s, e, _ in self.matcher.finditer(post)]
        n = len(spans)
        values = {"count": n, "min": self.min, "max": self.max}
        if self.max is not None and n > self.max:
            start = spans[self.max][0]
            end = spans[-1][1] if spans[-1][1] >= start else start
            yield Hit(start, end, {**values, "match": post.text[start:end]})
        elif self.min is not None and n < self.min and post.text.strip():
            start, end = span_of(post, "first_sentence")
            yield Hit(start, end, {**values, "match": post.text[start:end]})
