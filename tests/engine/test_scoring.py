"""Scoring: every score is in [0, 1], the right answer scores 1, order of picks never matters
(except for ordering items, where order is the answer), and the partial-credit rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.scoring import is_correct, score
from quiz.model import MultipleScoring, Question, QuestionType
from tests.engine.engine_models import question, questions

MODES = st.sampled_from(list(MultipleScoring))


def _answers(q: Question) -> st.SearchStrategy[list[str]]:
    ids = [c.id for c in q.choices] + ["zz"]  # an unknown id now and then
    return st.lists(st.sampled_from(ids), max_size=len(ids) + 2)


@given(data=st.data(), q=questions(), mode=MODES)
def test_every_score_is_between_0_and_1(data: st.DataObject, q: Question,
                                        mode: MultipleScoring) -> None:
    answer = data.draw(_answers(q))
    assert 0.0 <= score(q, answer, mode) <= 1.0


@given(q=questions(), mode=MODES)
def test_the_correct_answer_scores_1(q: Question, mode: MultipleScoring) -> None:
    assert score(q, q.correct_ids, mode) == 1.0
    assert is_correct(score(q, q.correct_ids, mode))


@given(data=st.data(), mode=MODES,
       q=questions((QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE,
                    QuestionType.PHASE)))
def test_the_order_of_picks_does_not_change_the_score(
    data: st.DataObject, q: Question, mode: MultipleScoring,
) -> None:
    answer = data.draw(st.lists(st.sampled_from([c.id for c in q.choices]), unique=True))
    shuffled = data.draw(st.permutations(answer))
    assert score(q, answer, mode) == score(q, shuffled, mode)


@given(data=st.data(), q=questions((QuestionType.ORDERING,)))
def test_all_or_nothing_ordering_is_1_only_for_the_exact_order(
    data: st.DataObject, q: Question,
) -> None:
    order = data.draw(st.permutations(list(q.correct_ids)))
    got = score(q, order, MultipleScoring.ALL_OR_NOTHING)
    assert got == (1.0 if tuple(order) == q.correct_ids else 0.0)


@given(data=st.data(), q=questions((QuestionType.ORDERING,)))
def test_partial_ordering_credit_grows_with_pairs_in_order(
    data: st.DataObject, q: Question,
) -> None:
    order = list(data.draw(st.permutations(list(q.correct_ids))))
    base = score(q, order, MultipleScoring.PARTIAL)
    # putting one adjacent out-of-order pair right never lowers the credit
    for i in range(len(order) - 1):
        if q.correct_ids.index(order[i]) > q.correct_ids.index(order[i + 1]):
            order[i], order[i + 1] = order[i + 1], order[i]
            assert score(q, order, MultipleScoring.PARTIAL) > base
            break


def test_partial_multiple_is_right_minus_wrong_over_right_floored_at_0() -> None:
    q = question("m", QuestionType.MULTIPLE, [True, True, False, False])
    partial = MultipleScoring.PARTIAL
    assert score(q, ["c0"], partial) == 0.5
    assert score(q, ["c0", "c2"], partial) == 0.0
    assert score(q, ["c2", "c3"], partial) == 0.0  # floored, never negative
    assert score(q, ["c0", "c1", "c2"], partial) == 0.5
    assert score(q, ["c0"], MultipleScoring.ALL_OR_NOTHING) == 0.0


def test_ordering_partial_credit_counts_pairs() -> None:
    q = question("o", QuestionType.ORDERING, [False] * 4)
    partial = MultipleScoring.PARTIAL
    assert score(q, ["c0", "c1", "c3", "c2"], partial) == pytest.approx(5 / 6)
    assert score(q, ["c3", "c2", "c1", "c0"], partial) == 0.0
    assert score(q, ["c0", "c1", "c2"], partial) == 0.0  # a step missing
    assert score(q, ["c0", "c1", "c2", "c2"], partial) == 0.0  # a step twice


def test_unknown_choices_score_0() -> None:
    q = question("s", QuestionType.SINGLE, [True, False])
    assert score(q, ["c0", "nope"]) == 0.0
    assert score(q, []) == 0.0
