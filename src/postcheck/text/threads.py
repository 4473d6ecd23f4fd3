"""Split a too-long post into a numbered thread, at sentence boundaries.

Used for X: each part, with its "1/3" counter, must fit the platform's limit
as the platform counts it (``length`` is the platform's counting function).
Sentences stay whole where they fit; a sentence longer than a part is split
between words; a single word longer than a part is cut.
"""

from __future__ import annotations

from collections.abc import Callable

from .sentences import split_sentences


def split_thread(text: str, limit: int, length: Callable[[str], int]) -> list[str]:
    """Parts of ``text`` numbered " k/n", each within ``limit`` by ``length``."""
    body = text.strip()
    if not body:
        return []
    if length(body) <= limit:
        return [body]
    digits = 1
    while True:
        suffix_room = length(f" {'9' * digits}/{'9' * digits}")
        parts = _pack(_pieces(body), limit - suffix_room, length)
        n = len(parts)
        if len(str(n)) <= digits:
            return [f"{part} {i}/{n}" for i, part in enumerate(parts, 1)]
        digits = len(str(n))


def _pieces(text: str) -> list[str]:
    """Sentences, keeping paragraph breaks as their own markers."""
    return [text[s.start : s.end] for s in split_sentences(text)] or [text]


def _pack(pieces: list[str], room: int, length: Callable[[str], int]) -> list[str]:
    if room <= 0:
        raise ValueError("limit too small for a thread")
    parts: list[str] = []
    current = ""
    for piece in pieces:
        for chunk in _fit(piece, room, length):
            candidate = f"{current} {chunk}" if current else chunk
            if length(candidate) <= room:
                current = candidate
            else:
                if current:
                    parts.append(current)
                current = chunk
    if current:
        parts.append(current)
    return parts


def _fit(piece: str, room: int, length: Callable[[str], int]) -> list[str]:
    """Split one sentence into chunks that each fit ``room``."""
    if length(piece) <= room:
        return [piece]
    chunks: list[str] = []
    current = ""
    for word in piece.split():
        while length(word) > room:  # a single over-long word: cut it
            cut = len(word)
            while cut > 1 and length(word[:cut]) > room:
                cut -= 1
            if current:
                chunks.append(current)
                current = ""
            chunks.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if length(candidate) <= room:
            current = candidate
        else:
            chunks.append(current)
            current = word
    if current:
        chunks.append(current)
    return chunks
