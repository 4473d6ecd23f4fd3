"""Emoji sequences with their spans.

An emoji as a reader sees it may be several code points: a base with a skin
tone, a ZWJ family, a flag (two regional indicators), a keycap. The ``regex``
module's grapheme clusters (``\\X``) group them by the Unicode segmentation
rules of its bundled Unicode version, so new ZWJ sequences are one cluster;
a cluster is an emoji when it holds an Extended_Pictographic code point, a
regional indicator, or a keycap mark.
"""

from __future__ import annotations

import re

import regex

_CLUSTER = regex.compile(r"\X")
_IS_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]")
# Plain text below U+00A9 (©) cannot hold an emoji; neither can most Latin text: only ©, ®
# and U+203C onwards may. Written as the complement of three short ranges, which compiles in a
# fifth of the time of the range up to U+10FFFF (tested equal on every code point).
_MAYBE = re.compile(r"[^\x00-\u00a8\u00aa-\u00ad\u00af-\u203b]")


def find_emoji(text: str) -> list[tuple[int, int]]:
    """Spans of emoji sequences in ``text`` (digits and ``#`` alone are not emoji)."""
    first = _MAYBE.search(text)
    if first is None:
        return []
    spans: list[tuple[int, int]] = []
    for m in _CLUSTER.finditer(text, max(0, first.start() - 1)):
        cluster = m.group()
        if len(cluster) == 1 and cluster < "\u00a9":
            continue
        if _IS_EMOJI.search(cluster) is not None:
            if cluster in ("\u00a9", "\u00ae", "\u2122"):
                continue  # ©, ®, ™ in text presentation are symbols, not emoji
            spans.append(m.span())
    return spans
