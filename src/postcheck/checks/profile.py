"""``profile``: does the post fit the institution the configuration describes?

``require: topic`` fires when a post shares nothing with the profile — none of
its ``keywords``, no mention of its ``handles``, no link to its ``domains``.
``require: language`` fires when the post's language is not the profile's.
Without a profile in the configuration the rule stays silent: postcheck does
not guess what an account is about.
Placeholders: ``{organization}``, ``{language}``, ``{expected}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .base import Check, CompileContext, Hit, Option, count, one_of
from .metric import span_of
from .phrases import PhraseSet

if TYPE_CHECKING:
    from ..post import Post


class ProfileCheck(Check):
    kind = "profile"
    PLACEHOLDERS = ("match", "organization", "language", "expected")
    OPTIONS = {
        "require": Option(one_of("topic", "language"), required=True, doc="what the post must share with the profile"),
        "min_words": Option(count, default=8, doc="skip posts shorter than this (too little to judge)"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.require = options["require"]
        self.min_words = options.get("min_words", 8)
        profile = context.profile
        self.profile = profile
        self.keywords = PhraseSet(profile.keywords) if profile.keywords else None
        self.handles = frozenset(h.lower() for h in profile.handles)
        self.domains = tuple(d.lower() for d in profile.domains)

    def run(self, post: Post) -> Iterator[Hit]:
        words = [w for w in post.words if not w.in_hashtag]
        if len(words) < self.min_words:
            return
        values = {"organization": self.profile.organization or ""}
        if self.require == "language":
            expected = self.profile.language
            if expected and post.language in ("id", "en") and post.language != expected:
                start, end = span_of(post, "first_sentence")
                yield Hit(start, end, {**values, "language": post.language, "expected": expected, "match": post.text[start:end]})
            return
        if self.keywords is None and not self.handles and not self.domains:
            return
        if self.keywords is not None and next(self.keywords.finditer(post.text, post.words, include_hashtags=True), None):
            return
        if any(m.name.lower().split("@")[0] in self.handles for m in post.mentions):
            return
        if any(_on_domain(link, self.domains) for link in post.links):
            return
        start, end = span_of(post, "first_sentence")
        yield Hit(start, end, {**values, "match": post.text[start:end]})


def _on_domain(link: str, domains: tuple[str, ...]) -> bool:
    host = link.lower().split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return any(host == d or host.endswith("." + d) for d in (d.split("/", 1)[0] for d in domains))
