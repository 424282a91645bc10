"""Near-duplicate stems across every bank linted, without comparing every pair.

Comparing each stem with every other is 50 million comparisons on 10,000 questions. Instead
each stem becomes a set of word pairs (shingles); word pairs that occur in many stems (the
boilerplate "which phase", "of the") are set aside, and each stem is filed under its few
rarest-by-hash remaining shingles (a bottom-k sketch, as MinHash does with one hash function).
Two stems that share a large part of their shingles very likely share one of those, so only
stems filed together are compared, by the exact Jaccard similarity of their full shingle sets.
The work grows with the number of stems times the (capped) size of a file-together group.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from quiz.lint.rules import NEAR_DUPLICATE_SIMILARITY

SKETCH_SIZE = 6
"""Shingles each stem is filed under. Two stems of similarity J share none with chance about
(1 - J) ** 6: 0.4 % at J = 0.6, the threshold."""

COMMON_SHINGLE = 50
"""A shingle found in more stems than this is boilerplate: used for similarity, not filing."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Pair:
    """Two stems, by index into the list given, ``first < second``, and their similarity."""

    first: int
    second: int
    similarity: float


def shingles(text: str) -> frozenset[int]:
    """A stem's word pairs (single words for stems of one or two words), hashed to ints."""
    words = _WORD.findall(text.casefold())
    grams = [f"{a} {b}" for a, b in pairwise(words)] if len(words) > 2 else words
    # crc32 is deterministic across runs (str hashes are salted per process), and the
    # multiply spreads its bits so that "smallest" is a fair random pick.
    return frozenset((zlib.crc32(g.encode()) * 0x9E3779B1) & 0xFFFFFFFF for g in grams)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def near_duplicates(
    stems: Sequence[str], threshold: float = NEAR_DUPLICATE_SIMILARITY
) -> list[Pair]:
    """Every pair of stems whose similarity reaches ``threshold``, in index order."""
    sets = [shingles(s) for s in stems]
    frequency: Counter[int] = Counter()
    for shingle_set in sets:
        frequency.update(shingle_set)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    first_with: dict[frozenset[int], int] = {}
    candidates: set[tuple[int, int]] = set()
    for index, shingle_set in enumerate(sets):
        # Identical stems are matched exactly, whatever their words; this also covers stems
        # made only of boilerplate, which are filed nowhere below.
        earlier = first_with.setdefault(shingle_set, index)
        if earlier != index:
            candidates.add((earlier, index))
        rare = [h for h in shingle_set if frequency[h] <= COMMON_SHINGLE]
        for h in heapq.nsmallest(SKETCH_SIZE, rare):
            groups[h].append(index)
    # A group holds at most COMMON_SHINGLE stems, so this is linear in the number of stems.
    for members in groups.values():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                candidates.add((a, b))
    pairs = []
    for a, b in sorted(candidates):
        similarity = jaccard(sets[a], sets[b])
        if similarity >= threshold:
            pairs.append(Pair(a, b, similarity))
    return pairs
