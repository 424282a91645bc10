"""Adaptive practice: reproducible, a permutation, and drawn toward weakness and novelty."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.adaptive import (
    Evidence,
    HistorySummary,
    adaptive_order,
    draw_adaptive,
    weight,
)
from quiz.engine.clock import FakeClock
from quiz.engine.select import Filters
from quiz.model import Choice, Phase, Question, QuestionType
from quiz.reports.progress.aggregate import history_summary
from quiz.workspace import Workspace


def _q(qid: str, objective: str, phase: Phase = Phase.TRAINING) -> Question:
    return Question(qid, QuestionType.SINGLE, phase, (objective,), f"Stem {qid}",
                    (Choice("a", "yes", True), Choice("b", "no")), "Why.")


POOL = [_q(f"w{i}", "LO1") for i in range(5)] + [_q(f"s{i}", "LO2") for i in range(5)] + \
    [_q(f"i{i}", "LO3", Phase.INFERENCE) for i in range(5)]
WEAK_LO1 = HistorySummary({"LO1": Evidence(10, 1), "LO2": Evidence(10, 10),
                           "LO3": Evidence(10, 10)},
                          {"training": Evidence(20, 11), "inference": Evidence(10, 10)},
                          frozenset(q.id for q in POOL))


@given(st.integers(), st.integers(0, 15))
def test_order_is_a_reproducible_permutation(seed: int, count: int) -> None:
    first = adaptive_order(POOL, WEAK_LO1, seed)
    assert first == adaptive_order(POOL, WEAK_LO1, seed)
    assert sorted(q.id for q in first) == sorted(q.id for q in POOL)
    cut = adaptive_order(POOL, WEAK_LO1, seed, count or None)
    assert cut == first[: count or None]


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), st.integers(0, 50),
       st.booleans())
def test_weights_are_positive_and_grow_with_weakness(n1: int, c1: int, n2: int, c2: int,
                                                     seen: bool) -> None:
    a, b = Evidence(n1, min(c1, n1)), Evidence(n2, min(c2, n2))
    question = _q("x", "LO1")
    summary_a = HistorySummary({"LO1": a}, {}, frozenset({"x"} if seen else set()))
    summary_b = HistorySummary({"LO1": b}, {}, frozenset({"x"} if seen else set()))
    wa, wb = weight(question, summary_a), weight(question, summary_b)
    assert wa > 0 and wb > 0
    if a.weakness > b.weakness:
        assert wa > wb


def _mean_rank(summary: HistorySummary, prefix: str, seeds: int = 300) -> float:
    ranks = []
    for seed in range(seeds):
        order = adaptive_order(POOL, summary, seed)
        ranks += [i for i, q in enumerate(order) if q.id.startswith(prefix)]
    return statistics.mean(ranks)


def test_weak_objectives_come_first() -> None:
    assert _mean_rank(WEAK_LO1, "w") < _mean_rank(WEAK_LO1, "s") - 2
    # and the same objectives with the roles swapped swap places
    swapped = HistorySummary({"LO1": Evidence(10, 10), "LO2": Evidence(10, 1),
                              "LO3": Evidence(10, 10)}, {}, WEAK_LO1.seen)
    assert _mean_rank(swapped, "s") < _mean_rank(swapped, "w") - 2


def test_the_weaker_phase_and_unseen_questions_are_favoured() -> None:
    even = {o: Evidence(10, 8) for o in ("LO1", "LO2", "LO3")}
    phase = HistorySummary(even, {"training": Evidence(20, 16), "inference": Evidence(10, 1)},
                           WEAK_LO1.seen)
    assert _mean_rank(phase, "i") < _mean_rank(phase, "w") - 2
    unseen = HistorySummary(even, {}, frozenset(q.id for q in POOL if q.id[0] != "s"))
    assert _mean_rank(unseen, "s") < _mean_rank(unseen, "w") - 2


def test_filters_still_restrict_the_draw() -> None:
    drawn = draw_adaptive(POOL, Filters(phase=Phase.INFERENCE, count=3), WEAK_LO1, 7)
    assert len(drawn) == 3 and all(q.phase is Phase.INFERENCE for q in drawn)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace.open(learner="ana", db_path=tmp_path / "progress.sqlite3")
    ws.clock = FakeClock()
    return ws


def test_summary_from_the_store_and_an_adaptive_session(workspace: Workspace) -> None:
    practice = workspace.practice(seed=9)
    wrong = practice.items[0].question
    practice.answer(("nope",))
    practice.next()
    right = practice.items[1].question
    practice.answer(right.correct_ids)
    summary = history_summary(workspace.conn, workspace.catalog, "ana")
    assert summary.seen == {wrong.id, right.id}
    assert summary.phases[wrong.phase.value].answered >= 1
    for objective in wrong.objectives:
        assert summary.objectives[objective].answered >= 1
    session = workspace.adaptive(Filters(count=5), seed=4)
    again = workspace.adaptive(Filters(count=5), seed=4)
    assert [it.question.id for it in session.items] == [it.question.id for it in again.items]
    assert len(session.items) == 5
