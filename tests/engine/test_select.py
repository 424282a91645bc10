"""Selection: blueprint quotas, exams to the blueprint, filters, seeded determinism."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.select import (
    Filters,
    Items,
    blueprint_quota,
    choice_order,
    draw_exam,
    draw_practice,
    item_for,
    make_items,
)
from quiz.model import ExamSpec, Phase, Question, QuestionType
from tests.engine.engine_models import LESSON, bank, question, questions

COUNTS = st.integers(0, 40)
WEIGHTS = st.integers(0, 100)


@given(total=st.integers(1, 60), w_train=WEIGHTS, w_inf=WEIGHTS, have_train=COUNTS,
       have_inf=COUNTS)
def test_quotas_fill_the_exam_from_what_is_available(
    total: int, w_train: int, w_inf: int, have_train: int, have_inf: int,
) -> None:
    spec = ExamSpec(questions=total, blueprint={Phase.TRAINING: w_train, Phase.INFERENCE: w_inf})
    available = {Phase.TRAINING: have_train, Phase.INFERENCE: have_inf}
    quota = blueprint_quota(spec, available)
    assert sum(quota.values()) == min(total, have_train + have_inf)
    for phase in Phase:
        assert 0 <= quota[phase] <= available[phase]


@given(total=st.integers(1, 60), w_train=st.integers(1, 100), w_inf=st.integers(1, 100))
def test_quotas_follow_the_weights_when_there_is_enough(
    total: int, w_train: int, w_inf: int,
) -> None:
    spec = ExamSpec(questions=total, blueprint={Phase.TRAINING: w_train, Phase.INFERENCE: w_inf})
    quota = blueprint_quota(spec, {Phase.TRAINING: 100, Phase.INFERENCE: 100})
    exact = total * w_train / (w_train + w_inf)
    assert abs(quota[Phase.TRAINING] - exact) < 1


def test_half_and_half_blueprint() -> None:
    spec = ExamSpec(questions=30)
    assert blueprint_quota(spec, {Phase.TRAINING: 40, Phase.INFERENCE: 40}) == {
        Phase.TRAINING: 15, Phase.INFERENCE: 15}
    assert blueprint_quota(spec, {Phase.TRAINING: 5, Phase.INFERENCE: 40}) == {
        Phase.TRAINING: 5, Phase.INFERENCE: 25}


@given(seed=st.integers(0, 10**6))
def test_exams_are_drawn_to_the_blueprint_from_written_questions(seed: int) -> None:
    b = bank(12, 12, generated=10, exam=ExamSpec(questions=10))
    drawn = draw_exam(b.questions, b.exam, seed)
    assert len(drawn) == 10 and len({q.id for q in drawn}) == 10
    assert sum(q.phase is Phase.TRAINING for q in drawn) == 5
    assert not any(q.generated for q in drawn)
    assert drawn == draw_exam(b.questions, b.exam, seed)  # same seed, same exam


@given(seed=st.integers(0, 10**6))
def test_practice_is_seeded_and_filtered(seed: int) -> None:
    b = bank(6, 6, generated=4)
    wanted = Filters(phase=Phase.TRAINING, include_generated=False, count=4)
    drawn = draw_practice(b.questions, wanted, seed)
    assert len(drawn) == 4
    assert all(q.phase is Phase.TRAINING and not q.generated for q in drawn)
    assert drawn == draw_practice(b.questions, wanted, seed)
    assert make_items(drawn, seed) == make_items(drawn, seed)


def test_filters_by_objective_scenario_and_ids() -> None:
    b = bank(3, 3)
    assert {q.id for q in draw_practice(b.questions, Filters(objectives=("LO2",)), 1)} == {
        "i0", "i1", "i2"}
    assert draw_practice(b.questions, Filters(scenario="nowhere"), 1) == []
    assert [q.id for q in draw_practice(b.questions, Filters(question_ids=("t1",)), 1)] == ["t1"]
    assert LESSON.objective("LO2") is not None


@given(q=questions(), seed=st.integers(0, 1000))
def test_choice_orders_are_permutations_and_ordering_never_starts_solved(
    q: Question, seed: int,
) -> None:
    import random

    order = choice_order(q, random.Random(seed))
    assert sorted(order) == sorted(c.id for c in q.choices)
    if q.type is QuestionType.ORDERING:
        assert order != q.correct_ids


def test_pinned_choices_keep_their_written_order() -> None:
    import random

    q = question("p", QuestionType.SINGLE, [True, False, False, False], shuffle=False)
    for seed in range(20):
        assert choice_order(q, random.Random(seed)) == ("c0", "c1", "c2", "c3")


def test_a_blueprint_of_zero_weights_still_fills_the_exam() -> None:
    """Found by the quota property: with every weight 0 the exam came out short."""
    spec = ExamSpec(questions=3, blueprint={Phase.TRAINING: 0, Phase.INFERENCE: 0})
    assert blueprint_quota(spec, {Phase.TRAINING: 0, Phase.INFERENCE: 3}) == {
        Phase.TRAINING: 0, Phase.INFERENCE: 3}
    even = blueprint_quota(spec, {Phase.TRAINING: 5, Phase.INFERENCE: 5})
    assert sum(even.values()) == 3 and min(even.values()) == 1  # shared as equally as can be


@given(seed=st.integers(0, 10**6), reads=st.permutations(range(12)))
def test_an_item_is_the_same_whenever_and_in_whatever_order_it_is_read(
    seed: int, reads: list[int],
) -> None:
    drawn = bank(6, 6).questions
    items = make_items(drawn, seed)
    seen = {i: items[i] for i in reads}
    assert [seen[i] for i in range(12)] == [item_for(q, seed) for q in drawn] == list(items)
    for item in items:
        assert sorted(item.order) == sorted(c.id for c in item.question.choices)


def test_items_are_made_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A session over a large bank must not draw every choice order before the first
    question is shown."""
    import quiz.engine.select as select

    made: list[str] = []
    real = select.item_for

    def counting(question: Question, seed: int) -> select.Item:
        made.append(question.id)
        return real(question, seed)

    monkeypatch.setattr(select, "item_for", counting)
    drawn = bank(50, 50).questions
    items = make_items(drawn, 7)
    assert len(items) == 100 and made == []
    first = items[0]
    assert items[0] is first and made == [drawn[0].id]
    assert items[-1].question is drawn[-1] and len(made) == 2


def test_saved_orders_are_kept_and_missing_ones_drawn() -> None:
    drawn = bank(2, 2).questions
    saved = tuple(reversed([c.id for c in drawn[0].choices]))
    items = Items(drawn, 5, [saved, ()])
    assert items[0].order == saved
    assert items[1] == item_for(drawn[1], 5)


@given(phase=st.sampled_from([None, *Phase]), generated=st.booleans(),
       objectives=st.lists(st.sampled_from(["LO1", "LO2", "LO3"]), max_size=2),
       ids=st.lists(st.sampled_from(["t0", "i1", "g0", "nope"]), max_size=2))
def test_a_filter_that_restricts_nothing_admits_everything(
    phase: Phase | None, generated: bool, objectives: list[str], ids: list[str],
) -> None:
    wanted = Filters(phase=phase, include_generated=generated, objectives=tuple(objectives),
                     question_ids=tuple(ids))
    b = bank(3, 3, generated=2)
    drawn = draw_practice(b.questions, wanted, 1)
    assert {q.id for q in drawn} == {q.id for q in b.questions if wanted.admits(q)}
    if not wanted.restricts:
        assert drawn == draw_practice(b.questions, Filters(), 1)
        assert len(drawn) == len(b.questions)
