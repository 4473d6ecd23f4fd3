"""``platform``: check a post the way the platform it is meant for will see it.

Each platform counts and limits posts its own way (X weighs emoji and URLs,
Bluesky counts graphemes and bytes, Instagram caps hashtags); the figures
live in the platform profiles (``postcheck/platforms/*.yaml``), overridable
per project under ``platform_settings`` in the configuration. ``check`` picks
what to verify:

- ``length``: the text is over the platform's limit — the finding spans the
  overflow, and says the count and the limit; ``byte_limit`` too (Bluesky).
- ``hashtags``, ``mentions``, ``links``, ``media``: more than the profile allows.
- ``alt-missing``: a picture or video declared without alt text (checked on
  every post, with or without a platform).
- ``alt-length``: an alt text longer than the platform accepts.
- ``truncation-cta``: the call to action (``tokens``) only appears after the
  part the feed shows before "…more".
- ``hashtag-length``: a hashtag longer than the platform accepts.
- ``forbidden``: characters the platform refuses (YouTube: ``<`` and ``>``).

Markdown link targets that are not visible in the text are counted as if
they were appended, since the platform would show them. Placeholders:
``{platform}``, ``{count}``, ``{limit}``, ``{unit}``, ``{match}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..platforms import PlatformProfile, canonical_name, load_profile
from .base import Check, CompileContext, Hit, Option, one_of
from .matcher import Matcher

if TYPE_CHECKING:
    from ..post import Post

CHECKS = (
    "length",
    "hashtags",
    "mentions",
    "links",
    "media",
    "alt-missing",
    "alt-length",
    "truncation-cta",
    "hashtag-length",
    "forbidden",
)
#: Checks that apply to every post, whether or not a platform is set.
PLATFORM_FREE = ("alt-missing",)

_UNITS = {
    "x-weighted": "weighted characters",
    "graphemes": "graphemes",
    "utf8-bytes": "bytes",
    "characters": "characters",
    "mastodon": "characters",
}


class PlatformCheck(Check):
    kind = "platform"
    PLACEHOLDERS = ("match", "platform", "count", "limit", "unit")
    OPTIONS = {
        "check": Option(one_of(*CHECKS), required=True, doc="what to verify against the platform profile"),
        "tokens": Option(lambda v: _tokens(v), per_language=True, doc="call-to-action words (truncation-cta)"),
    }

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        super().__init__(options, context)
        self.check = options["check"]
        self.overrides = {canonical_name(k): dict(v) for k, v in context.platform_overrides.items()}
        self.cta = Matcher({"tokens": options["tokens"]}, lazy=context.lazy) if options.get("tokens") else None
        self._profiles: dict[str, PlatformProfile] = {}

    def profile(self, name: str) -> PlatformProfile:
        key = canonical_name(name)
        profile = self._profiles.get(key)
        if profile is None:
            profile = self._profiles[key] = load_profile(key, self.overrides.get(key) or None)
        return profile

    def parts(self, language: str | None = None) -> list[Any]:
        return self.cta.parts(language) if self.cta is not None else []

    def run(self, post: Post) -> Iterator[Hit]:
        if self.check == "alt-missing":
            yield from self._alt_missing(post)
            return
        if post.platform is None:
            return
        profile = self.profile(post.platform)
        values = {"platform": profile.title}
        method = getattr(self, "_" + self.check.replace("-", "_"))
        yield from method(post, profile, values)

    # -- the checks ----------------------------------------------------------
    def _length(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        text = post.text
        hidden = [link for link in post.extra_links if link not in text]
        counted = text + "".join(" " + link for link in hidden)
        length = profile.length(counted)
        if length > profile.text_limit:
            at = profile.overflow_offset(counted)
            end = len(text.rstrip())
            start = min(at if at is not None else end, end)
            unit = _UNITS.get(profile.counting, "characters")
            yield Hit(
                start, end, {**values, "count": length, "limit": profile.text_limit, "unit": unit, "match": text[start:end]}
            )
        if profile.byte_limit is not None:
            size = len(counted.encode("utf-8"))
            if size > profile.byte_limit:
                end = len(text.rstrip())
                start = min(_byte_offset(text, profile.byte_limit), end)
                yield Hit(
                    start, end, {**values, "count": size, "limit": profile.byte_limit, "unit": "bytes", "match": text[start:end]}
                )

    def _count(self, spans: list[tuple[int, int]], limit: int | None, values: dict[str, Any], post: Post) -> Iterator[Hit]:
        if limit is None or len(spans) <= limit:
            return
        start = spans[limit][0]
        end = max(spans[-1][1], start)
        yield Hit(start, end, {**values, "count": len(spans), "limit": limit, "unit": "", "match": post.text[start:end]})

    def _hashtags(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        yield from self._count([(h.start, h.end) for h in post.hashtags], profile.max_hashtags, values, post)

    def _mentions(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        yield from self._count([(m.start, m.end) for m in post.mentions], profile.max_mentions, values, post)

    def _links(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        visible = [(u.start, u.end) for u in post.urls]
        hidden = [(0, 0)] * (len(post.links) - len(visible))
        yield from self._count(visible + hidden, profile.max_links, values, post)

    def _media(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        media = post.media
        if profile.max_media is not None and len(media) > profile.max_media:
            extra = media[profile.max_media]
            yield Hit(
                0,
                0,
                {**values, "count": len(media), "limit": profile.max_media, "unit": "", "match": extra.uri or ""},
                line=extra.line,
            )

    def _alt_missing(self, post: Post) -> Iterator[Hit]:
        for item in post.media:
            if not (item.alt or "").strip():
                yield Hit(0, 0, {"platform": post.platform or "", "match": item.uri or ""}, line=item.line)

    def _alt_length(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        limit = profile.alt_text_limit
        if limit is None:
            return
        for item in post.media:
            if item.alt and len(item.alt) > limit:
                yield Hit(
                    0,
                    0,
                    {**values, "count": len(item.alt), "limit": limit, "unit": "characters", "match": item.uri or ""},
                    line=item.line,
                )

    def _truncation_cta(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        if profile.truncation is None or self.cta is None or len(post.text) <= profile.truncation:
            return
        matches = list(self.cta.finditer(post))
        if matches and all(start >= profile.truncation for start, _, _ in matches):
            start, end, word = matches[0]
            yield Hit(start, end, {**values, "count": start, "limit": profile.truncation, "unit": "characters", "match": word})

    def _hashtag_length(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        limit = profile.hashtag_length_limit
        if limit is None:
            return
        for tag in post.hashtags:
            if len(tag.name) > limit:
                yield Hit(
                    tag.start,
                    tag.end,
                    {**values, "count": len(tag.name), "limit": limit, "unit": "characters", "match": tag.text},
                )

    def _forbidden(self, post: Post, profile: PlatformProfile, values: dict[str, Any]) -> Iterator[Hit]:
        banned = profile.forbidden_characters
        if not banned:
            return
        for i, ch in enumerate(post.text):
            if ch in banned:
                yield Hit(i, i + 1, {**values, "count": 1, "limit": 0, "unit": "", "match": ch})


def _tokens(value: Any) -> tuple[str, ...]:
    from .base import str_list

    return str_list(value)


def _byte_offset(text: str, limit: int) -> int:
    """The character offset where the UTF-8 encoding of ``text`` passes ``limit`` bytes."""
    total = 0
    for i, ch in enumerate(text):
        total += len(ch.encode("utf-8"))
        if total > limit:
            return i
    return len(text)
