"""``require``: the post must contain one of the listed words or patterns.

For what a good post has and a weak one lacks: a call to action, a question
to the audience, a source. ``scope`` limits where it must appear
(``opening`` with ``within`` characters for "early in the post"). The rule
only applies when ``when`` (a measure condition such as ``words >= 8``) holds
and, if ``if_tokens``/``if_patterns`` are given, when one of them is present
(e.g. "an announcement must carry a link"). Alternatively ``feature`` requires
at least one hashtag, link, mention, question, … The finding points at the
first sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, OptionError, boolean, one_of, str_list, text
from .expr import compile_condition
from .matcher import MATCH_OPTIONS, Matcher
from .metric import _measures, span_of
from .occurrence import FEATURES, feature_spans

if TYPE_CHECKING:
    from ..post import Post


class Require(Check):
    kind = "require"
    PLACEHOLDERS = ("match", "trigger")
    OPTIONS = {
        **MATCH_OPTIONS,
        "feature": Option(one_of(*FEATURES), doc="require at least one of a feature instead"),
        "when": Option(text, doc="only check posts for which this measure condition holds"),
        "if_tokens": Option(str_list, per_language=True, doc="only check posts containing one of these"),
        "if_patterns": Option(str_list, per_language=True, doc="only check posts matching one of these"),
        "or_links": Option(boolean, default=False, doc="a link also satisfies the requirement"),
        "or_mentions": Option(boolean, default=False, doc="a mention also satisfies the requirement"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.feature = options.get("feature")
        self.matcher = Matcher(options, lazy=context.lazy)
        if self.feature is None and self.matcher.empty:
            raise OptionError("tokens", "kind 'require' needs 'tokens', 'patterns' or 'feature'")
        self.when = None
        if "when" in options:
            try:
                self.when, _ = compile_condition(options["when"], _measures())
            except ValueError as exc:
                raise OptionError("when", str(exc)) from None
        guard_opts = {
            "tokens": options.get("if_tokens"),
            "patterns": options.get("if_patterns"),
            "ignorecase": options.get("ignorecase", True),
        }
        self.guard = (
            Matcher(guard_opts, "if_tokens", "if_patterns", lazy=context.lazy)
            if guard_opts["tokens"] or guard_opts["patterns"]
            else None
        )
        self.or_links = options.get("or_links", False)
        self.or_mentions = options.get("or_mentions", False)

    def parts(self, language: str | None = None) -> list[Any]:
        return self.matcher.parts(language) + (self.guard.parts(language) if self.guard is not None else [])

    def gate_parts(self, language: str | None = None) -> list[Any] | None:
        # With if_tokens/if_patterns, a post that has none of them is not checked at all.
        return self.guard.parts(language) if self.guard is not None else None

    def run(self, post: Post) -> Iterator[Hit]:
        if not post.text.strip():
            return
        if self.when is not None and not self.when(post.measure):
            return
        trigger = ""
        if self.guard is not None:
            first = next(self.guard.finditer(post), None)
            if first is None:
                return
            trigger = first[2]
        if (self.or_links and post.links) or (self.or_mentions and post.mentions):
            return
        if self.feature is not None:
            if feature_spans(post, self.feature):
                return
        elif next(self.matcher.finditer(post), None) is not None:
            return
        start, end = span_of(post, "first_sentence")
        yield Hit(start, end, {"match": post.text[start:end], "trigger": trigger})
