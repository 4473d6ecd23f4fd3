"""Post length as each platform counts it.

Why: "280 characters" means something different on every platform. X weighs
code points and replaces links, Bluesky counts grapheme clusters and caps
UTF-8 bytes, Mastodon counts graphemes with links at a fixed 23, YouTube caps
description bytes. A length rule must count the way the platform does, or it
rejects valid posts and passes invalid ones. Which counting a platform uses is
data (``counting:`` in its profile); this module holds the countings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

import regex

from .urls import find_urls

# --- X / Twitter -----------------------------------------------------------------
# Source: docs.x.com, "Counting characters" (X API fundamentals), and the
# twitter-text configuration v3 (github.com/twitter/twitter-text, config/v3.json):
#   maxWeightedTweetLength 280, scale 100, defaultWeight 200,
#   transformedURLLength 23, emojiParsingEnabled true, ranges of weight 100:
#   0x0000-0x10FF, 0x2000-0x200D, 0x2010-0x201F, 0x2032-0x2037.
# Text is NFC-normalised first. Only the figures are taken; the code is ours.

#: Every URL counts this many, whatever its length (t.co wrapping).
X_URL_LENGTH = 23
#: Code point ranges (inclusive) that weigh 1; every other code point weighs 2.
X_LIGHT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x10FF),
    (0x2000, 0x200D),
    (0x2010, 0x201F),
    (0x2032, 0x2037),
)
#: An emoji sequence, however many code points, weighs this in total.
X_EMOJI_WEIGHT = 2

_HEAVY = re.compile("[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in X_LIGHT_RANGES) + "]")

# Emoji sequences as X counts them (one unit of weight 2). Built on Unicode
# properties of the `regex` module so new sequences (🐦‍🔥, 🧑‍🧑‍🧒) are covered
# as soon as `regex` knows the code points. A lone pictograph is left to the
# per-code-point weights: that gives 2 for 😀 and 1 for © and ® (which X treats
# as text unless followed by U+FE0F).
_EMOJI = regex.compile(
    r"""
      \U0001F3F4[\U000E0020-\U000E007E]+\U000E007F          # subdivision flag (tag sequence)
    | [0-9#*]\uFE0F?\u20E3                                  # keycap
    | \p{Regional_Indicator}{2}                             # country flag
    | (?:\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)
      (?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*   # ZWJ sequence
    """,
    regex.VERBOSE,
)


def _weight(s: str) -> int:
    """Per-code-point weight of ``s`` (1 inside the light ranges, 2 outside)."""
    return len(s) + len(_HEAVY.findall(s))


def _x_specials(t: str, url_length: int) -> list[tuple[int, int, int]]:
    """URLs and multi-code-point emoji in NFC text ``t`` as (start, end, weight), in order.

    An emoji that overlaps a URL (a keycap after a path digit) is dropped: the URL
    wins, as in twitter-text.
    """
    specials = [(u.start, u.end, url_length) for u in find_urls(t)]
    if _HEAVY.search(t) is not None:  # every emoji sequence holds a code point of weight 2
        specials += [(m.start(), m.end(), X_EMOJI_WEIGHT) for m in _EMOJI.finditer(t) if m.end() - m.start() > 1]
        specials.sort()
    kept: list[tuple[int, int, int]] = []
    for special in specials:
        if not kept or special[0] >= kept[-1][1]:
            kept.append(special)
    return kept


def _nfc(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def x_weighted_length(text: str, *, url_length: int = X_URL_LENGTH) -> int:
    """Weighted length of ``text`` by the X/Twitter rules (twitter-text config v3).

    NFC first; code points in 0x0000–0x10FF, 0x2000–0x200D, 0x2010–0x201F and
    0x2032–0x2037 weigh 1, all others 2; each URL found by
    :func:`~postcheck.text.urls.find_urls` (scheme-less ones too) counts
    ``url_length``; each emoji sequence (ZWJ, skin tone, flag, keycap, U+FE0F
    presentation) counts 2 in total. Source: docs.x.com "Counting characters";
    twitter-text ``config/v3.json``.
    """
    if text.isascii():  # all weight 1, no emoji, already NFC
        total = len(text)
        for u in find_urls(text):
            total += url_length - (u.end - u.start)
        return total
    t = _nfc(text)
    total = _weight(t)
    for start, end, weight in _x_specials(t, url_length):
        total += weight - _weight(t[start:end])
    return total


def _is_nfc_boundary(ch: str) -> bool:
    """True when NFC never joins ``ch`` with what precedes it (a safe place to cut)."""
    return ch < "\u0300" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"


def _nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC of ``text`` and, when it differs, the source offset of each NFC code point."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    chunk = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and not _is_nfc_boundary(text[i]):
            continue
        piece = text[chunk:i]
        norm = unicodedata.normalize("NFC", piece)
        parts.append(norm)
        offsets.extend(range(chunk, i) if norm == piece else [chunk] * len(norm))
        chunk = i
    return "".join(parts), offsets


def x_overflow_offset(text: str, limit: int, *, url_length: int = X_URL_LENGTH) -> int | None:
    """Offset in ``text`` of the first character, URL or emoji that takes the
    weighted length past ``limit``; ``None`` when the text fits.

    A URL or emoji sequence is one unit, so the offset is its start. When NFC
    changes the text, the offset points at the start of the source characters
    that compose the overflowing code point.
    """
    t, offsets = _nfc_with_offsets(text)
    specials = _x_specials(t, url_length)
    total = 0
    pos = 0
    for start, end, weight in [*specials, (len(t), len(t), 0)]:
        gap = t[pos:start]
        gap_weight = _weight(gap)
        if total + gap_weight > limit:
            for i, ch in enumerate(gap, pos):
                total += _weight(ch)
                if total > limit:
                    return offsets[i] if offsets is not None else i
        total += gap_weight
        if total + weight > limit:
            return offsets[start] if offsets is not None else start
        total += weight
        pos = end
    return None


# --- Bluesky, bytes, code points -------------------------------------------------

_GRAPHEME = regex.compile(r"\X")


def grapheme_length(text: str) -> int:
    """Extended grapheme clusters (UAX #29, via ``regex`` ``\\X``), as Bluesky's 300 limit counts."""
    if text.isascii():
        return len(text) - text.count("\r\n")  # CR LF is one cluster
    return len(_GRAPHEME.findall(text))


def utf8_length(text: str) -> int:
    """UTF-8 bytes, as Bluesky's 3,000-byte and YouTube's 5,000-byte limits count."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def char_length(text: str) -> int:
    """Unicode code points (Python ``len``)."""
    return len(text)


# --- Mastodon --------------------------------------------------------------------
# Source: mastodon/mastodon app/validators/status_length_validator.rb (v4):
# the length is grapheme clusters of the text after each URL with a scheme
# (extract_url_without_protocol: false) is replaced by 23 characters and each
# remote mention @user@domain is shortened to @user. The limit is per instance
# (API: configuration.statuses.max_characters / characters_reserved_per_url).

MASTODON_URL_LENGTH = 23
@cache
def _remote_mention() -> re.Pattern[str]:
    """Compiled on first use (Mastodon counting only)."""
    return re.compile(
        r"(?<![\w/=@])@[a-z0-9_]+(?:[a-z0-9_.\-]*[a-z0-9_])?(?P<domain>@[\w\-]+(?:\.[\w\-]+)+)",
        re.IGNORECASE,
    )


def _mastodon_units(text: str, url_length: int) -> list[tuple[int, int, int]]:
    """Scheme URLs and remote-mention domains as (start, end, counted length), in order."""
    units = [(u.start, u.end, url_length) for u in find_urls(text) if u.has_scheme]
    if "@" in text:
        taken = [(s, e) for s, e, _ in units]
        for m in _remote_mention().finditer(text):
            s, e = m.span("domain")
            if not any(a < e and s < b for a, b in taken):
                units.append((s, e, 0))
        units.sort()
    return units


def mastodon_length(text: str, url_length: int = MASTODON_URL_LENGTH) -> int:
    """Length as Mastodon validates a status: graphemes, links with a scheme count
    ``url_length``, ``@user@domain`` counts as ``@user``.

    Links without a scheme (``kemkes.go.id``) count their characters on Mastodon.
    """
    total = grapheme_length(text)
    for start, end, counted in _mastodon_units(text, url_length):
        total += counted - grapheme_length(text[start:end])
    return total


# --- Dispatch --------------------------------------------------------------------

_COUNTERS: dict[str, Callable[..., int]] = {
    "x-weighted": x_weighted_length,
    "graphemes": grapheme_length,
    "utf8-bytes": utf8_length,
    "characters": char_length,
    "mastodon": mastodon_length,
}

#: Counting names a platform profile may use.
COUNTINGS: frozenset[str] = frozenset(_COUNTERS)

#: Options each counting accepts (all integers), for validating profiles.
COUNTING_OPTIONS: dict[str, frozenset[str]] = {
    "x-weighted": frozenset({"url_length"}),
    "graphemes": frozenset(),
    "utf8-bytes": frozenset(),
    "characters": frozenset(),
    "mastodon": frozenset({"url_length"}),
}


def _check(counting: str, options: dict[str, Any]) -> None:
    if counting not in _COUNTERS:
        raise ValueError(f"unknown counting {counting!r}; expected one of {sorted(COUNTINGS)}")
    unknown = set(options) - COUNTING_OPTIONS[counting]
    if unknown:
        raise ValueError(f"counting {counting!r} takes no option {min(unknown)!r}")


def length_for(text: str, counting: str, **options: Any) -> int:
    """Length of ``text`` under the named counting (see :data:`COUNTINGS`)."""
    _check(counting, options)
    return _COUNTERS[counting](text, **options)


def overflow_offset_for(text: str, counting: str, limit: int, **options: Any) -> int | None:
    """Offset in ``text`` where the named counting first exceeds ``limit``, or ``None``."""
    _check(counting, options)
    if counting == "x-weighted":
        return x_overflow_offset(text, limit, url_length=options.get("url_length", X_URL_LENGTH))
    if counting == "characters":
        return limit if len(text) > limit else None
    if counting == "utf8-bytes":
        if utf8_length(text) <= limit:
            return None
        used = 0
        for i, ch in enumerate(text):
            used += utf8_length(ch)
            if used > limit:
                return i
        return None  # pragma: no cover - unreachable
    if counting == "graphemes":
        units: list[tuple[int, int, int]] = []
    else:
        units = _mastodon_units(text, options.get("url_length", MASTODON_URL_LENGTH))
    total = 0
    pos = 0
    for start, end, counted in [*units, (len(text), len(text), 0)]:
        for m in _GRAPHEME.finditer(text, pos, start):
            total += 1
            if total > limit:
                return int(m.start())
        total += counted
        if total > limit:
            return start
        pos = end
    return None
