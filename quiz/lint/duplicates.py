"""Near-duplicate stems across every bank linted, without comparing every pair.

Comparing each stem with every other is 50 million comparisons on 10,000 questions. Instead
each stem becomes a set of word pairs (shingles); word pairs found in many stems (boilerplate
such as "which phase" or "of the") are set aside, and the rest give the stem a MinHash
signature of HASHES values: for each of HASHES hash functions, the smallest value over the
stem's shingles. Two stems agree on one value with probability equal to their Jaccard
similarity J. Signatures are cut into bands of ROWS values; stems that agree on a whole band
are filed together, and only stems filed together are compared, by the exact Jaccard
similarity of their shingle sets. A pair at J = 0.6 is found with probability
1 - (1 - 0.6²)^12 ≈ 99.5 % (99.96 % at J = 0.7); unrelated stems (J ≈ 0.05) meet with
probability about 3 %, and only within groups of at most COMMON_SHINGLE stems, so the work
grows with the number of stems, not its square.

The HASHES hash functions are the 16-bit words of one BLAKE2b digest per distinct shingle, so
a signature is a column-wise ``min`` over rows of precomputed values: C loops, not Python ones.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain, pairwise
from typing import Any

from quiz.digest import blake2b_digest
from quiz.fields import Fields
from quiz.lint.rules import NEAR_DUPLICATE_SIMILARITY

HASHES = 24
"""Values in a MinHash signature."""
ROWS = 2
"""Values per band: stems must agree on all of them to be compared."""

COMMON_SHINGLE = 50
"""A shingle found in more stems than this is boilerplate: used for similarity, not filing.
It also bounds how many stems one band can gather, and so the comparisons."""

_SIGNATURE = struct.Struct(f"<{HASHES}H")
"""A signature packed: HASHES 16-bit values."""
_UINT_OF_ROWS = {1: "H", 2: "I", 4: "Q"}
"""struct's unsigned integer as wide as a band of 1, 2 or 4 16-bit values."""
_BAND_KEYS = struct.Struct(f"<{HASHES // ROWS}{_UINT_OF_ROWS[ROWS]}").unpack
"""A packed signature's bands, each one int: its ROWS 16-bit values read as one unsigned
integer, in C. An int keys a dict faster than a tuple of ROWS values (a quarter of the
search's time on 10,000 stems went to filing them)."""

_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(rb"\w+")


class Pair(Fields):
    """Two stems, by index into the list given, ``first < second``, and their similarity.

    A named tuple: a search on 10,000 stems can make tens of thousands, and a frozen
    dataclass took a third of the final comparisons' time to build them."""

    first: int
    second: int
    similarity: float


def shingles(text: str) -> frozenset[int]:
    """A stem's word pairs (single words for stems of one or two words), hashed to ints."""
    return frozenset([_mix(crc) for crc in _crcs(text)])


def _mix(crc: int) -> int:
    # crc32 is deterministic across runs (str hashes are salted per process); the multiply
    # spreads its bits. Collisions (1 in 4 billion per pair of shingles) do not matter here.
    return (crc * 0x9E3779B1) & 0xFFFFFFFF


def _crcs(text: str) -> frozenset[int]:
    """The crc32 of each shingle of ``text``, before ``_mix``. The multiplier is odd, so
    mixing maps crcs one to one: sets of crcs compare, intersect and count exactly as the
    shingles do, and the search mixes only the few it files stems by."""
    if text.isascii():
        # the same words as below, found and joined as bytes: no encoding of each pair
        # (on ASCII text, \w is the same set either way, and casefold() is lower())
        words: list[Any] = _ASCII_WORD.findall(text.lower().encode())
        grams: Iterable[bytes] = map(b" ".join, pairwise(words)) if len(words) > 2 else words
    else:
        words = _WORD.findall(text.casefold())
        grams = map(str.encode, map(" ".join, pairwise(words)) if len(words) > 2 else words)
    return frozenset(map(zlib.crc32, grams))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def near_duplicates(
    stems: Sequence[str], threshold: float = NEAR_DUPLICATE_SIMILARITY
) -> list[Pair]:
    """Every pair of stems whose similarity reaches ``threshold``, in index order."""
    sets = [_crcs(s) for s in stems]  # shingles before mixing: see _crcs
    frequency: Counter[int] = Counter()
    for shingle_set in sets:
        frequency.update(shingle_set)
    # the MinHash values of each shingle rare enough to file stems by (common ones never
    # are), kept packed: 48 bytes, not 24 ints (30 MB for 10,000 stems), read when used
    values = {crc: blake2b_digest(_mix(crc).to_bytes(4, "little"), 2 * HASHES)
              for crc, count in frequency.items() if count <= COMMON_SHINGLE}
    rare = frozenset(values)
    bands: list[defaultdict[int, list[int]]] = [defaultdict(list) for _ in range(HASHES // ROWS)]
    first_with: dict[frozenset[int], int] = {}
    candidates: set[tuple[int, int]] = set()
    for index, shingle_set in enumerate(sets):
        # Identical stems are matched exactly, whatever their words; this also covers stems
        # made only of boilerplate, which are filed nowhere below.
        earlier = first_with.setdefault(shingle_set, index)
        if earlier != index:
            candidates.add((earlier, index))
        own = shingle_set & rare
        if not own:
            continue
        # the signature, packed: column by column, the least value over the stem's rows
        if len(own) > 1:
            rows = map(_SIGNATURE.unpack, map(values.__getitem__, own))
            signature = _SIGNATURE.pack(*map(min, *rows))
        else:
            signature = values[next(iter(own))]
        # each band is filed under its values, in that band's own dict
        for band, key in zip(bands, _BAND_KEYS(signature), strict=True):
            band[key].append(index)
    for members in chain.from_iterable(band.values() for band in bands):
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
