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
from collections import Counter
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


#: Posts whose band keys are computed in one go (bounds the strided copies of a band).
_CHUNK = 1 << 16
#: About this many keys are sorted at a time: a band's keys are spread over buckets by their
#: top bits, so the Python ints of only one bucket exist at once.
_BUCKET = 1 << 16
#: A post's group in a band when it was not compared there (no key, or cut by MAX_RUN).
_NONE = 0xFFFFFFFF
_EMPTY_BAND = (EMPTY,) * BAND


def near_duplicates(sketches: array, limit: int = 20) -> tuple[list[tuple[float, int, int]], int]:
    """The ``limit`` most similar pairs ``(similarity, i, j)`` (most similar, then earliest first), and the total.

    ``sketches`` holds BINS values per post; a post with no sketch is all EMPTY.
    In each band, posts with equal band keys form a group, and the first
    ``MAX_RUN`` of a group (in post order) are compared with each other; a pair
    is counted once, however many bands compare it, when its similarity is at
    least THRESHOLD.

    Memory stays at a few bytes per post however many duplicates an archive
    holds: no set of pairs is kept; a band's keys wait in 8-byte slots and are
    sorted a bucket at a time; each band remembers only each post's group (the
    first post of its group, ``_NONE`` when not compared), which tells whether
    an earlier band compared a pair. Time does not grow with the square of a
    group of identical posts: the members of a group are classed by their whole
    sketch (equal sketches: similarity 1), pairs are counted per pair of
    classes, and only pairs that can still enter the ``limit`` best are listed.
    """
    n = len(sketches) // BINS
    if n >= _NONE:
        raise ValueError("too many posts for 32-bit post numbers")
    found = _Found(limit)
    groups: list[array] = []  # per band done so far: each post's group (_NONE: not compared)
    bits = max(0, (n // _BUCKET).bit_length())
    bands = BINS // BAND
    for band in range(bands):
        buckets = [array("Q") for _ in range(1 << bits)]
        _spread_keys(sketches, n, band * BAND, buckets, 32 - bits)
        group = array("I", [_NONE]) * n if band < bands - 1 else None
        for bucket_index in range(len(buckets)):
            keys = sorted(buckets[bucket_index])
            buckets[bucket_index] = array("Q")  # free the slots as the bucket is done
            _compare_groups(sketches, keys, group, groups, found)
            del keys
        if group is not None:
            groups.append(group)
    return found.pairs(), found.total


def _spread_keys(sketches: array, n: int, lo: int, buckets: list[array], shift: int) -> None:
    """Append ``key << 32 | post`` of every post with a non-empty band to the bucket of its key's top bits."""
    for first in range(0, n, _CHUNK):
        last = min(n, first + _CHUNK)
        columns = [sketches[first * BINS + lo + k : last * BINS : BINS] for k in range(BAND)]
        for i, part in enumerate(zip(*columns, strict=True), first):
            if part != _EMPTY_BAND:
                key = hash(part) & 0xFFFFFFFF  # the same as _band_key
                buckets[key >> shift].append(key << 32 | i)


class _Found:
    """The pairs counted so far: their total, and the best of them as ``(-similarity, i, j)``.

    ``best`` is cut back to the ``limit`` smallest entries when it grows to four times that;
    the largest entry kept then (``cutoff``) can only fall, so an entry above it can never be
    among the best and is not kept.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0
        self.best: list[tuple[float, int, int]] = []
        self.cutoff: tuple[float, int, int] | None = None

    def hopeless(self, entry: tuple[float, int, int]) -> bool:
        return self.cutoff is not None and entry > self.cutoff

    def add(self, entry: tuple[float, int, int]) -> None:
        self.best.append(entry)
        if len(self.best) > 4 * self.limit:
            self.best.sort()
            del self.best[self.limit :]
            self.cutoff = self.best[-1] if self.best else None

    def pairs(self) -> list[tuple[float, int, int]]:
        self.best.sort()
        return [(round(-s, 3), i, j) for s, i, j in self.best[: self.limit]]


def _compare_groups(sketches: array, keys: list[int], group: array | None, groups: list[array], found: _Found) -> None:
    """Compare the posts of each group of equal keys in ``keys`` (sorted ``key << 32 | post``)."""
    sizes = Counter([k >> 32 for k in keys])  # in key order: keys are sorted
    start = 0
    for size in sizes.values():
        if size > 1:  # a post alone with its key is compared with nothing
            run = [k & 0xFFFFFFFF for k in keys[start : start + min(size, MAX_RUN)]]
            if group is not None:
                gid = run[0]
                for i in run:
                    group[i] = gid
            _compare_run(sketches, run, groups, found)
        start += size


def _compare_run(sketches: array, run: list[int], groups: list[array], found: _Found) -> None:
    """Count the pairs of ``run`` (posts in order, all compared in this band) not compared by an earlier band."""
    by_sketch: dict[bytes, list[int]] = {}
    for i in run:
        by_sketch.setdefault(sketches[i * BINS : (i + 1) * BINS].tobytes(), []).append(i)
    classes = [_Class(members, groups) for members in by_sketch.values()]
    for x, a in enumerate(classes):
        for b in classes[x:]:
            if a is b:
                if len(a.members) < 2:
                    continue
                score = 1.0  # equal sketches; a member of a run has a non-empty band
            else:
                score = similarity(sketches, a.members[0], b.members[0])
                if score < THRESHOLD:
                    continue
            shared = 0  # earlier bands that put both classes in one group
            for band, (ga, gb) in enumerate(zip(a.groups, b.groups, strict=True)):
                if ga != _NONE and ga == gb:
                    shared |= 1 << band
            other = None if a is b else b
            new = _new_pairs(a, other, shared)
            if new:
                found.total += new
                _list_best(a, other, shared, -score, found)


class _Class:
    """Posts of a run with equal sketches: their group in each earlier band, and which earlier bands compared each.

    Members share their band keys, so those an earlier band compared share one group there.
    ``mask`` is the bands that compared every member; ``masks`` is per member, or None when
    all members have ``mask``.
    """

    __slots__ = ("groups", "mask", "masks", "members")

    def __init__(self, members: list[int], groups: list[array]) -> None:
        self.members = members
        self.groups: list[int] = []
        self.mask = 0
        self.masks: list[int] | None = None
        for band, g in enumerate(groups):
            values = [g[i] for i in members]
            if _NONE not in values:
                self.groups.append(values[0])
                self.mask |= 1 << band
                if self.masks is not None:
                    self.masks = [m | 1 << band for m in self.masks]
                continue
            self.groups.append(next((v for v in values if v != _NONE), _NONE))
            if self.masks is None:
                self.masks = [self.mask] * len(members)
            self.masks = [m | (1 << band if v != _NONE else 0) for m, v in zip(self.masks, values, strict=True)]

    def mask_of(self) -> list[int]:
        return self.masks if self.masks is not None else [self.mask] * len(self.members)


def _new_pairs(a: _Class, b: _Class | None, shared: int) -> int:
    """Pairs between two classes (or within one, ``b`` None) that no earlier band compared."""
    na = len(a.members)
    if b is None:
        if a.masks is None:
            return 0 if a.mask & shared else na * (na - 1) // 2
    elif a.masks is None and b.masks is None:
        return 0 if a.mask & b.mask & shared else na * len(b.members)
    count_a = Counter(m & shared for m in a.mask_of())
    if b is None:
        total = 0
        items = sorted(count_a.items())
        for p, (ma, ca) in enumerate(items):
            if ma == 0:
                total += ca * (ca - 1) // 2
            for mb, cb in items[p + 1 :]:
                if not ma & mb:
                    total += ca * cb
        return total
    count_b = Counter(m & shared for m in b.mask_of())
    return sum(ca * cb for ma, ca in count_a.items() for mb, cb in count_b.items() if not ma & mb)


def _list_best(a: _Class, b: _Class | None, shared: int, neg: float, found: _Found) -> None:
    """Offer the new pairs of two classes (or of one) to ``found``, earliest first, while they can still be among the best."""
    mask = dict(zip(a.members, a.mask_of(), strict=True))
    if b is not None:
        mask.update(zip(b.members, b.mask_of(), strict=True))
    side = set(a.members)
    everyone = sorted(mask)
    for p, i in enumerate(everyone):
        for j in everyone[p + 1 :]:
            entry = (neg, i, j)
            if found.hopeless(entry):
                return  # every pair after this one is later still
            if b is not None and (i in side) == (j in side):
                continue  # both from the same class: counted with that class
            if mask[i] & mask[j] & shared:
                continue  # an earlier band compared them
            found.add(entry)
