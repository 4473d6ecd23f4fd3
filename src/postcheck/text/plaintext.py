"""Plain text with an exact map back to the characters of its source.

Every rule runs on the text a reader sees; every finding must point at the
line and column of the file the user opened. :class:`PlainText` carries both:
``text`` and, per character, the source span it came from (an entity such as
``&amp;`` is one plain character spanning five source characters).
"""

from __future__ import annotations

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
