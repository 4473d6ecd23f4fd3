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


def _band_key(sketches: array, i: int, lo: int) -> int | None:
    part = tuple(sketches[i * BINS + lo : i * BINS + lo + BAND])
    if part.count(EMPTY) == BAND:
        return None
    return hash(part) & 0xFFFFFFFF  # ints hash the same on every run


def near_duplicates(sketches: array, limit: int = 20) -> tuple[list[tuple[float, int, int]], int]:
    """The ``limit`` most similar pairs ``(similarity, i, j)`` (most similar, then earliest first), and the total.

    ``sketches`` holds BINS values per post; a post with no sketch is all EMPTY.
    A pair that agrees on several bands is counted in the first band that
    compared it. Which pairs a band compared is known from each post's rank in
    its group of equal keys (only the first ``MAX_RUN`` of a group are
    compared), so no set of pairs is kept: memory stays at a few bytes per
    post however many duplicates an archive holds.
    """
    n = len(sketches) // BINS
    total = 0
    best: list[tuple[float, int, int]] = []
    ranks: list[array] = []  # per band done so far: each post's rank in its group (MAX_RUN: not compared)
    for band in range(BINS // BAND):
        lo = band * BAND
        keys = []
        for i in range(n):
            key = _band_key(sketches, i, lo)
            if key is not None:
                keys.append(key << 32 | i)
        keys.sort()
        rank = array("I", [MAX_RUN]) * n
        start = 0
        while start < len(keys):
            end = start
            while end < len(keys) and keys[end] >> 32 == keys[start] >> 32:
                end += 1
            run = [k & 0xFFFFFFFF for k in keys[start : min(end, start + MAX_RUN)]]
            for position, i in enumerate(run):
                rank[i] = position
            for a in range(len(run)):
                for b in range(a + 1, len(run)):
                    i, j = (run[a], run[b]) if run[a] < run[b] else (run[b], run[a])
                    if _compared_before(sketches, ranks, i, j):
                        continue
                    score = similarity(sketches, i, j)
                    if score >= THRESHOLD:
                        total += 1
                        best.append((-score, i, j))
                        if len(best) > 4 * limit:
                            best.sort()
                            del best[limit:]
            start = end
        ranks.append(rank)
    best.sort()
    return [(round(-s, 3), i, j) for s, i, j in best[:limit]], total


def _compared_before(sketches: array, ranks: list[array], i: int, j: int) -> bool:
    """Did an earlier band already compare ``i`` and ``j`` (same key, both within its first MAX_RUN)?"""
    for band, rank in enumerate(ranks):
        if rank[i] < MAX_RUN and rank[j] < MAX_RUN:
            lo = band * BAND
            if _band_key(sketches, i, lo) == _band_key(sketches, j, lo):
                return True
    return False
