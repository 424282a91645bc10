"""The near-duplicate search: sound (every pair it reports is similar), and it misses none
of the clearly similar pairs a brute-force comparison finds, without comparing every pair."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.lint import duplicates
from quiz.lint.duplicates import jaccard, near_duplicates, shingles
from tests.hypothesis_budget import examples

WORDS = ["model", "data", "team", "bank", "fraud", "spam", "photo", "chatbot", "car",
         "weights", "batch", "label", "server", "request", "latency", "GPU", "cluster", "user",
         "shop", "app", "camera", "scan", "voice", "sensor"]

stems = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join),
                 min_size=1, max_size=40)


def brute_force(texts: list[str], threshold: float) -> set[tuple[int, int]]:
    sets = [shingles(t) for t in texts]
    return {(a, b) for a in range(len(sets)) for b in range(a + 1, len(sets))
            if jaccard(sets[a], sets[b]) >= threshold}


@settings(max_examples=examples(200), deadline=None)
@given(stems)
def test_every_reported_pair_is_similar_and_very_similar_pairs_are_all_found(
    texts: list[str],
) -> None:
    found = {(p.first, p.second): p.similarity for p in near_duplicates(texts)}
    truth = brute_force(texts, 0.6)
    assert set(found) <= truth  # sound: verified exactly
    for a, b in found:
        assert abs(found[(a, b)] - jaccard(shingles(texts[a]), shingles(texts[b]))) < 1e-12
    # a pair at J >= 0.8 is missed with probability below 1e-5 per pair
    assert brute_force(texts, 0.8) <= set(found)


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=20).map(" ".join),
       st.integers(2, 5))
def test_identical_stems_are_always_found(stem: str, copies: int) -> None:
    found = {(p.first, p.second) for p in near_duplicates([stem] * copies)}
    assert {(0, i) for i in range(1, copies)} <= found


def test_case_spacing_and_punctuation_do_not_hide_a_duplicate() -> None:
    pairs = near_duplicates(["Which phase is the model in, now?", "which  PHASE is the model "
                             "in now", "A completely different question about GPUs"])
    assert [(p.first, p.second) for p in pairs] == [(0, 1)]


def test_recall_against_brute_force_on_a_realistic_mix() -> None:
    rng = random.Random(11)
    vocabulary = [f"w{i}" for i in range(3000)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(12, 30)))
             for _ in range(1500)]
    for _ in range(200):  # edited copies: one to four words changed
        words = rng.choice(texts[:1500]).split()
        for _ in range(rng.randint(1, 4)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        texts.append(" ".join(words))
    truth = brute_force(texts, 0.6)
    found = {(p.first, p.second) for p in near_duplicates(texts)}
    assert found <= truth
    assert len(truth) >= 100
    assert len(found) >= 0.98 * len(truth)


def test_boilerplate_does_not_make_everything_a_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stems sharing only common phrasing are not compared pairwise (no O(n²) blow-up)."""
    rng = random.Random(5)
    texts = [f"Which phase of the lifecycle is this, case {rng.random()} {i}?"
             for i in range(3000)]
    compared = 0
    real = duplicates.jaccard

    def counting(a: frozenset[int], b: frozenset[int]) -> float:
        nonlocal compared
        compared += 1
        return real(a, b)

    monkeypatch.setattr(duplicates, "jaccard", counting)
    near_duplicates(texts)
    assert compared < 3000 * 10  # a pairwise search would make 4.5 million comparisons


def _first_version(stems: list[str], threshold: float = 0.6) -> list[tuple[int, int, float]]:
    """The search as first written (one hash lookup and one band at a time), kept as the
    oracle of the faster one: both must find exactly the same pairs."""
    import hashlib
    import struct
    from collections import Counter, defaultdict

    sets = [shingles(s) for s in stems]
    frequency: Counter[int] = Counter()
    for shingle_set in sets:
        frequency.update(shingle_set)
    table: dict[int, tuple[int, ...]] = {}

    def values_of(shingle: int) -> tuple[int, ...]:
        values = table.get(shingle)
        if values is None:
            digest = hashlib.blake2b(shingle.to_bytes(4, "little"),
                                     digest_size=2 * duplicates.HASHES)
            values = table[shingle] = struct.unpack(f"<{duplicates.HASHES}H", digest.digest())
        return values

    groups: defaultdict[tuple[int, ...], list[int]] = defaultdict(list)
    first_with: dict[frozenset[int], int] = {}
    candidates: set[tuple[int, int]] = set()
    for index, shingle_set in enumerate(sets):
        earlier = first_with.setdefault(shingle_set, index)
        if earlier != index:
            candidates.add((earlier, index))
        rows = [values_of(h) for h in shingle_set if frequency[h] <= duplicates.COMMON_SHINGLE]
        if not rows:
            continue
        signature = tuple(map(min, zip(*rows, strict=True)))
        for band in range(0, duplicates.HASHES, duplicates.ROWS):
            groups[(band, *signature[band:band + duplicates.ROWS])].append(index)
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                candidates.add((a, b))
    return [(a, b, s) for a, b in sorted(candidates)
            if (s := jaccard(sets[a], sets[b])) >= threshold]


def _first_shingles(text: str) -> frozenset[int]:
    import zlib
    from itertools import pairwise

    words = duplicates._WORD.findall(text.casefold())
    grams = [f"{a} {b}" for a, b in pairwise(words)] if len(words) > 2 else words
    return frozenset((zlib.crc32(g.encode()) * 0x9E3779B1) & 0xFFFFFFFF for g in grams)


@settings(max_examples=examples(200), deadline=None)
@given(stems, st.sampled_from([0.3, 0.6, 0.9]))
def test_the_search_finds_what_its_first_version_found(texts: list[str],
                                                       threshold: float) -> None:
    assert [tuple(p) for p in near_duplicates(texts, threshold)] == _first_version(texts,
                                                                                   threshold)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=80) | stems.map(" ".join))
def test_shingles_are_those_of_the_first_version(text: str) -> None:
    assert shingles(text) == _first_shingles(text)


def test_the_search_finds_what_its_first_version_found_at_scale() -> None:
    """Thousands of stems, boilerplate shared by all (filed by their rare words only)."""
    rng = random.Random(3)
    texts = [f"A team at company {i} runs a job over {i * 7 % 300} thousand records, "
             f"{rng.choice(WORDS)} {rng.choice(WORDS)}. Which phase is this, case {i % 500}?"
             for i in range(3000)]
    found = [tuple(p) for p in near_duplicates(texts)]
    assert found == _first_version(texts)
    assert len(found) > 100
