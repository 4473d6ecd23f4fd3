"""Whole-word phrase lookup over a post's precomputed words.

Word lists are matched by dictionary lookup on each word's normalised form,
not by one regular expression per entry: a list of a thousand words costs
the same per post as a list of ten. A phrase is a sequence of words separated
only by white space in the post; an entry ending in ``*`` matches any word
that starts with it (``sebar*``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..text.tokens import Word, normalize, words


@dataclass(frozen=True, slots=True)
class _Entry:
    parts: tuple[str, ...]
    prefix_last: bool
    source: str


class PhraseSet:
    """A compiled list of words and phrases."""

    def __init__(self, entries: Sequence[str], *, ignorecase: bool = True) -> None:
        self.ignorecase = ignorecase
        self._first: dict[str, list[_Entry]] = {}
        self._prefixes: list[_Entry] = []
        for raw in entries:
            entry = _parse(raw, ignorecase)
            if entry.prefix_last and len(entry.parts) == 1:
                self._prefixes.append(entry)
            else:
                self._first.setdefault(entry.parts[0], []).append(entry)
        for bucket in self._first.values():
            bucket.sort(key=lambda e: -len(e.parts))  # longest phrase wins
        self.first_keys = frozenset(self._first)
        self.has_prefixes = bool(self._prefixes)

    def may_match(self, index: Mapping[str, Sequence[int]]) -> bool:
        """Cheap pre-check: could any entry match a post with this word index?"""
        if self._prefixes:
            return True
        first = self._first
        if len(first) <= len(index):
            return any(k in index for k in first)
        return any(k in first for k in index)

    def finditer(
        self,
        text: str,
        post_words: Sequence[Word],
        *,
        include_hashtags: bool = False,
        index: Mapping[str, Sequence[int]] | None = None,
        items: Sequence[Word] | None = None,
    ) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, entry)`` for each match, left to right, non-overlapping.

        ``items`` is ``post_words`` after the hashtag filter, when the caller
        has it (:meth:`postcheck.post.Post.word_items`). ``index`` (the
        positions of each word's lookup key in ``items``, see
        :meth:`postcheck.post.Post.word_index`) lets the list be probed by the
        post's own keys instead of walking every word.
        """
        if items is None:
            items = post_words if include_hashtags else [w for w in post_words if not w.in_hashtag]
        key = _norm if self.ignorecase else _text
        first, prefixes = self._first, self._prefixes
        if index is not None and not prefixes:
            # The post's keys that start an entry (a post has fewer distinct words than a
            # list has entries), then their positions.
            present = [k for k in index if k in first]
            if not present:
                return
            starts: Sequence[int] = sorted(p for k in present for p in index[k]) if len(present) > 1 else index[present[0]]
        else:
            starts = range(len(items))
        skip_to = 0
        for i in starts:
            if i < skip_to:
                continue
            word = items[i]
            k = key(word)
            matched = 0
            entry_src = ""
            for entry in first.get(k, ()):
                size = _match_at(entry, items, i, text, key)
                if size:
                    matched, entry_src = size, entry.source
                    break
            if not matched and prefixes:
                for entry in prefixes:
                    if k.startswith(entry.parts[0]):
                        matched, entry_src = 1, entry.source
                        break
            if matched:
                yield word.start, items[i + matched - 1].end, entry_src
                skip_to = i + matched


def _norm(word: Word) -> str:
    return word.norm


def _text(word: Word) -> str:
    return word.text


def _parse(raw: str, ignorecase: bool) -> _Entry:
    prefix = raw.endswith("*")
    body = raw[:-1] if prefix else raw
    parts_words = words(body)
    if not parts_words or not _same_words(body, parts_words):
        raise ValueError(f"'{raw}' is not made of whole words; use 'patterns' for punctuation or symbols")
    parts = tuple(normalize(w.text) if ignorecase else w.text for w in parts_words)
    return _Entry(parts, prefix, raw)


def _same_words(body: str, parts: Sequence[Word]) -> bool:
    """True when ``body`` is exactly its words separated by white space."""
    pos = 0
    for w in parts:
        if body[pos : w.start].strip():
            return False
        pos = w.end
    return not body[pos:].strip()


def _match_at(entry: _Entry, items: Sequence[Word], i: int, text: str, key: object) -> int:
    parts = entry.parts
    size = len(parts)
    if i + size > len(items):
        return 0
    for j in range(1, size):
        prev, cur = items[i + j - 1], items[i + j]
        if text[prev.end : cur.start].strip():
            return 0
        k = key(cur)  # type: ignore[operator]
        if j == size - 1 and entry.prefix_last:
            if not k.startswith(parts[j]):
                return 0
        elif k != parts[j]:
            return 0
    return size
