"""Hashtags and mentions with their spans.

A hashtag is ``#`` (or fullwidth ``＃``) followed by a word that holds at
least one letter (``#1`` is not a hashtag on any platform), not glued to a
preceding word (``C#``, ``a#b``). A mention is ``@name``, optionally with a
Mastodon instance (``@setneg@mastodon.social``), not part of an e-mail address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

# Letters, digits and ``_``, at least one letter; combining marks (but not
# emoji variation selectors) continue the tag, as do ZWJ/ZWNJ.
_HASHTAG = regex.compile(
    r"(?<![\w&#＃/])[#＃]([\p{L}\p{N}_]*\p{L}(?:[\p{L}\p{N}_\u200c\u200d]|[\p{Mn}\p{Mc}--\p{Variation_Selector}])*)",
    regex.V1,
)
_MENTION = re.compile(r"(?<![\w@./])@([A-Za-z0-9_]{1,50}(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)")


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str  # as written, with the sign
    name: str  # without the sign


def find_hashtags(text: str) -> list[Entity]:
    if "#" not in text and "＃" not in text:
        return []
    return [Entity(m.start(), m.end(), m.group(), m.group(1)) for m in _HASHTAG.finditer(text)]


def find_mentions(text: str) -> list[Entity]:
    if "@" not in text:
        return []
    return [Entity(m.start(), m.end(), m.group(), m.group(1)) for m in _MENTION.finditer(text)]
