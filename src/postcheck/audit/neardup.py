"""Near-duplicate posts with bounded memory: one-permutation MinHash and banding.

Posts are short, so a one-word edit changes a large share of a post's
features; a sketch that estimates Jaccard similarity directly holds up
better than bit-distance hashes. Each post's word 1- and 2-grams are hashed
once; the hash picks one of 16 bins and the smallest value per bin is kept
(one-permutation hashing, Li, Owen & Zhang, NIPS 2012). Two posts whose
sketches agree on one band of 4 bins become candidates (locality-sensitive
banding), found by sorting integer keys rather than building per-post
objects; candidates are kept when the share of agreeing non-empty bins — an
estimate of their Jaccard similarity — is at least 0.7. Sixteen 32-bit values
per post: 64 bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from hashlib import blake2b
from itertools import pairwise

BINS = 16
BAND = 4
EMPTY = 0xFFFFFFFF
THRESHOLD = 0.7
#: Texts with fewer words than this are not compared (too short to be "the same post").
MIN_WORDS = 6
#: Groups of equal band keys longer than this are cut, so a flood of identical posts
#: cannot make the comparison quadratic.
MAX_RUN = 200


def sketch(words: Sequence[str]) -> list[int] | None:
    """The MinHash sketch of a text given as normalised words (None when too short)."""
    if len(words) < MIN_WORDS:
        return None
    mins = [EMPTY] * BINS
    features = set(words)
    features.update(f"{a} {b}" for a, b in pairwise(words))
    for feature in features:
        h = int.from_bytes(blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")
        slot = h & (BINS - 1)
        value = (h >> 8) % EMPTY
        if value < mins[slot]:
            mins[slot] = value
    return mins


def similarity(sketches: array, i: int, j: int) -> float:
    """Estimated Jaccard similarity of posts ``i`` and ``j``."""
    a, b = i * BINS, j * BINS
    same = union = 0
    for k in range(BINS):
        x, y = sketches[a + k], sketches[b + k]
        if x == EMPTY and y == EMPTY:
            continue
        union += 1
        same += x == y
    return same / union if union else 0.0


def near_duplicates(sketches: array, limit: int = 20) -> tuple[list[tuple[float, int, int]], int]:
    """The ``limit`` most similar pairs ``(similarity, i, j)`` (most similar, then earliest first), and the total.

    ``sketches`` holds BINS values per post; a post with no sketch is all EMPTY.
    """
    n = len(sketches) // BINS
    found: set[tuple[int, int]] = set()
    best: list[tuple[float, int, int]] = []
    for band in range(BINS // BAND):
        lo = band * BAND
        keys = []
        for i in range(n):
            part = tuple(sketches[i * BINS + lo : i * BINS + lo + BAND])
            if part.count(EMPTY) == BAND:
                continue
            keys.append((hash(part) & 0xFFFFFFFF) << 32 | i)  # ints hash the same on every run
        keys.sort()
        start = 0
        while start < len(keys):
            end = start
            while end < len(keys) and keys[end] >> 32 == keys[start] >> 32:
                end += 1
            run = [k & 0xFFFFFFFF for k in keys[start : min(end, start + MAX_RUN)]]
            for a in range(len(run)):
                for b in range(a + 1, len(run)):
                    pair = (run[a], run[b]) if run[a] < run[b] else (run[b], run[a])
                    if pair in found:
                        continue
                    score = similarity(sketches, *pair)
                    if score >= THRESHOLD:
                        found.add(pair)
                        best.append((-score, *pair))
                        if len(best) > 4 * limit:
                            best.sort()
                            del best[limit:]
            start = end
    best.sort()
    return [(round(-s, 3), i, j) for s, i, j in best[:limit]], len(found)
