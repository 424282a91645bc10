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
