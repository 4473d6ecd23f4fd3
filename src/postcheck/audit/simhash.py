"""Near-duplicate posts with bounded memory: 64-bit SimHash and block sorting.

Each post becomes one 64-bit SimHash (Charikar 2002) over its word 3-grams, so
a lightly edited repost lands a few bits away from the original. Pairs within
Hamming distance 3 are found the way Manku, Jain & Das Sarma (WWW 2007)
describe: split the 64 bits into 4 blocks of 16; two hashes at most 3 bits
apart agree exactly on at least one block, so sorting by each block and
comparing neighbours inside equal-block runs finds every such pair, using
arrays of integers rather than per-post objects.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from hashlib import blake2b

MAX_DISTANCE = 3
#: Texts with fewer words than this are not compared (too short to be "the same post").
MIN_WORDS = 6
#: Runs of equal blocks longer than this are sampled, so a flood of identical posts
#: cannot make the comparison quadratic.
MAX_RUN = 200


def simhash(words: Iterable[str]) -> int:
    """The SimHash of a text given as normalised words (0 for short texts)."""
    items = list(words)
    if len(items) < MIN_WORDS:
        return 0
    counts = [0] * 64
    for i in range(len(items) - 2):
        h = int.from_bytes(blake2b(" ".join(items[i : i + 3]).encode("utf-8"), digest_size=8).digest(), "little")
        for bit in range(64):
            counts[bit] += 1 if h >> bit & 1 else -1
    value = 0
    for bit in range(64):
        if counts[bit] > 0:
            value |= 1 << bit
    return value or 1


def near_duplicates(hashes: array, limit: int = 20) -> tuple[list[tuple[int, int, int]], int]:
    """Pairs ``(distance, i, j)`` of post indices with near-equal hashes, and the total found.

    The ``limit`` closest pairs are returned (ties: earliest posts first).
    """
    found: set[tuple[int, int]] = set()
    best: list[tuple[int, int, int]] = []
    n = len(hashes)
    for block in range(4):
        shift = 16 * block
        # one int per post, block value above the index: sorting groups equal blocks
        keys = sorted((hashes[i] >> shift & 0xFFFF) << 32 | i for i in range(n) if hashes[i])
        start = 0
        while start < len(keys):
            end = start
            while end < len(keys) and keys[end] >> 32 == keys[start] >> 32:
                end += 1
            run = [k & 0xFFFFFFFF for k in keys[start : min(end, start + MAX_RUN)]]
            for a in range(len(run)):
                ha = hashes[run[a]]
                for b in range(a + 1, len(run)):
                    d = (ha ^ hashes[run[b]]).bit_count()
                    if d <= MAX_DISTANCE:
                        pair = (run[a], run[b]) if run[a] < run[b] else (run[b], run[a])
                        if pair not in found:
                            found.add(pair)
                            best.append((d, *pair))
                            if len(best) > 4 * limit:
                                best.sort()
                                del best[limit:]
            start = end
    best.sort()
    return best[:limit], len(found)
