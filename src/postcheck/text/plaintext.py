"""Plain text with an exact map back to the characters of its source.

Every rule runs on the text a reader sees; every finding must point at the
line and column of the file the user opened. :class:`PlainText` carries both:
``text`` and, per character, the source span it came from (an entity such as
``&amp;`` is one plain character spanning five source characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlainText:
    """Reader-visible text and the source offsets of each of its characters.

    ``starts[i]``/``ends[i]`` give the source span of ``text[i]``. When both are
    ``None`` the mapping is the identity shifted by ``base`` (plain-text drafts
    and export posts, the common and cheap case).
    """

    text: str
    base: int = 0
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a plain-text span ``[start, end)`` to a source span (clamped to the text)."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if self.starts is None or self.ends is None:
            return start + self.base, end + self.base
        if n == 0:
            return self.base, self.base
        if start == n:
            src = self.ends[n - 1]
            return src, src
        src_start = self.starts[start]
        src_end = self.ends[end - 1] if end > start else src_start
        return src_start, max(src_start, src_end)


def identity(text: str, base: int = 0) -> PlainText:
    """A plain text that is its own source (shifted by ``base``)."""
    return PlainText(text, base)


# -- untrusted strings -------------------------------------------------------------------------
# Keys, ids and file names from drafts, rule packs and exports end up in one-line messages and
# report lines. A newline in one would split the line (and a line such as ``::error …`` is a
# command to GitHub Actions); a bidirectional override would reorder what a terminal shows; a
# lone UTF-16 surrogate (JSON can carry ``"\ud83d"``) cannot be encoded at all.

#: Lone UTF-16 surrogates (not characters; no encoder, nor RE2, accepts them) and NUL (which
#: CommonMark reads as U+FFFD, so Markdown and plain text agree only if both do).
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
#: Control characters (newlines, escape sequences), line and paragraph separators,
#: bidirectional marks and overrides, and lone surrogates.
UNSAFE_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(value: str) -> str:
    """``value`` with every unsafe character written as its escape (``\\n``, ``\\x1b``, ``\\u202e``)."""
    if value.isascii() and value.isprintable():
        return value
    return UNSAFE_IN_A_LINE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def valid_text(value: str) -> str:
    """``value`` with each lone surrogate and NUL replaced by U+FFFD: one for one, so offsets stay put."""
    if value.isascii() and "\x00" not in value:
        return value
    return NOT_TEXT.sub("\ufffd", value)
