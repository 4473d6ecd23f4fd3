"""``metric``: a condition over the post's measures.

``condition: "caps_ratio > 0.6 and letters >= 20"`` fires once per post when
true. Measures are those of :data:`postcheck.post.MEASURES` (words,
sentences, avg_sentence_length, caps_ratio, exclamation_runs, hashtags,
links, emoji, readability, …); each is computed once per post and only if a
condition needs it. ``span`` chooses what the finding points at: the whole
``text`` (default), the ``first_sentence``, or the ``longest_sentence``.
Placeholders: every measure the condition names, e.g. ``{caps_ratio}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, OptionError, one_of, text
from .expr import compile_condition

if TYPE_CHECKING:
    from ..post import Post


def _measures() -> dict[str, Any]:
    from ..post import MEASURES

    return MEASURES


class Metric(Check):
    kind = "metric"
    PLACEHOLDERS = ("value",)
    OPTIONS = {
        "condition": Option(text, required=True, doc="expression over measures; fires when true"),
        "span": Option(one_of("text", "first_sentence", "longest_sentence"), default="text", doc="what the finding points at"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        try:
            self.evaluate, self.used = compile_condition(options["condition"], _measures())
        except ValueError as exc:
            raise OptionError("condition", str(exc)) from None
        self.span = options.get("span", "text")

    def run(self, post: Post) -> Iterator[Hit]:
        if not post.text.strip():
            return
        if not self.evaluate(post.measure):
            return
        values: dict[str, Any] = {name: post.measure(name) for name in self.used}
        values["value"] = values[self.used[0]] if self.used else ""
        start, end = span_of(post, self.span)
        values["match"] = post.text[start:end]
        yield Hit(start, end, values)


def span_of(post: Post, which: str) -> tuple[int, int]:
    """The span a whole-post finding points at."""
    sentences = post.sentences
    if which == "first_sentence" and sentences:
        return sentences[0].start, sentences[0].end
    if which == "longest_sentence" and sentences:
        best = max(range(len(sentences)), key=lambda i: (post.sentence_words[i], -i))
        return sentences[best].start, sentences[best].end
    text_ = post.text
    start = len(text_) - len(text_.lstrip())
    return start, len(text_.rstrip())
