"""No filter leaks a key: a constant answer to the "which phase" items drawn scores no better
than chance, whatever the filters, seed or history (issue 12, item 7).

A classification item's key is its phase, so any draw whose classification items lean to one
key rewards always giving that answer. On the bundled bank, ``--phase inference`` drew only
inference-keyed ones (76 of 76 on the day it was reported).
"""

from __future__ import annotations

import math
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.load import load_catalog
from quiz.engine.adaptive import Evidence, HistorySummary, draw_adaptive
from quiz.engine.scoring import score
from quiz.engine.select import Filters, draw_exam, draw_practice
from quiz.model import Bank, Choice, ExamSpec, Phase, Question, QuestionType
from tests.hypothesis_budget import examples


@cache
def bundled() -> Bank:
    """The bundled bank, loaded once without the catalog cache (nothing is written)."""
    return load_catalog().banks[0]


def classification(drawn: list[Question]) -> list[Question]:
    return [q for q in drawn if q.type is QuestionType.PHASE]


def constant_score(drawn: list[Question], answer: Phase) -> float:
    """What always answering ``answer`` earns on the classification items drawn."""
    return sum(score(q, (answer.value,)) for q in classification(drawn))


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_a_phase_filter_does_not_give_the_key_away(phase: Phase, seed: int) -> None:
    drawn = draw_practice(bundled().questions, Filters(phase=phase), seed)
    asked = classification(drawn)
    assert asked, "the phase filter still practises telling the phases apart"
    for answer in Phase:
        assert constant_score(drawn, answer) == len(asked) / 2


# --- the property: every filter, seed, history and bank ------------------------------------

OBJECTIVES = ("LO1", "LO2", "LO3")
SCENARIOS = (None, "s1", "s2")


def phase_item(qid: str, key: Phase, *, generated: bool, scenario: str | None,
               objectives: tuple[str, ...], difficulty: int | None) -> Question:
    """A classification item as the loader and the generator make it: its phase is its key."""
    choices = tuple(Choice(p.value, p.value.capitalize(), p is key) for p in Phase)
    return Question(qid, QuestionType.PHASE, key, objectives, f"Which phase is {qid}?",
                    choices, "why", scenario, difficulty, False, generated=generated)


def written_item(qid: str, kind: QuestionType, phase: Phase, *, generated: bool,
                 scenario: str | None, objectives: tuple[str, ...],
                 difficulty: int | None) -> Question:
    choices = (Choice("a", "right", True), Choice("b", "wrong"))
    return Question(qid, kind, phase, objectives, f"Stem of {qid}", choices, "why", scenario,
                    difficulty, generated=generated)


@st.composite
def banks(draw: st.DrawFn) -> tuple[Question, ...]:
    """Banks whose classification items may lean to one key, overall or within any
    scenario, objective, difficulty or generated/written split."""
    size = draw(st.integers(0, 40))
    made = []
    for n in range(size):
        kind = draw(st.sampled_from(list(QuestionType)))
        phase = draw(st.sampled_from(list(Phase)))
        generated = draw(st.booleans())
        scenario = draw(st.sampled_from(SCENARIOS))
        objectives = tuple(draw(st.lists(st.sampled_from(OBJECTIVES), min_size=1, max_size=2,
                                         unique=True)))
        difficulty = draw(st.sampled_from([None, 1, 2, 3]))
        made.append(
            phase_item(f"q{n}", phase, generated=generated, scenario=scenario,
                       objectives=objectives, difficulty=difficulty)
            if kind is QuestionType.PHASE
            else written_item(f"q{n}", kind, phase, generated=generated, scenario=scenario,
                              objectives=objectives, difficulty=difficulty))
    return tuple(made)


def filters_for(questions: tuple[Question, ...]) -> st.SearchStrategy[Filters]:
    objectives = sorted({o for q in questions for o in q.objectives}) or ["LO1"]
    scenarios = sorted({q.scenario for q in questions if q.scenario}) or ["s1"]
    return st.builds(
        Filters,
        phase=st.sampled_from([None, *Phase]),
        objectives=st.lists(st.sampled_from(objectives), max_size=2, unique=True).map(tuple),
        scenario=st.sampled_from([None, *scenarios]),
        include_generated=st.booleans(),
        count=st.one_of(st.none(), st.integers(1, 60)),
        types=st.lists(st.sampled_from(list(QuestionType)), max_size=3, unique=True).map(tuple),
        difficulties=st.lists(st.sampled_from([1, 2, 3]), max_size=2, unique=True).map(tuple),
        # the learner's own questions are another kind of draw (not balanced, not checked by
        # ``passes``); left to itself, builds() fills this optional field with made-up ids
        question_ids=st.just(()),
    )


def passes(question: Question, wanted: Filters) -> bool:
    """The filters as documented, written out again: the phase filter is not applied to a
    classification item, whose phase is its key."""
    return ((wanted.phase in (None, question.phase) or question.type is QuestionType.PHASE)
            and (not wanted.objectives or bool(set(wanted.objectives) & set(question.objectives)))
            and wanted.scenario in (None, question.scenario)
            and (wanted.include_generated or not question.generated)
            and (not wanted.types or question.type in wanted.types)
            and (not wanted.difficulties or question.difficulty in wanted.difficulties))


def check_no_key_leaks(pool: tuple[Question, ...], wanted: Filters,
                       drawn: list[Question]) -> None:
    """The draw holds only admitted questions, each once; its classification items are as
    many of each key (off by one only when ``count`` cut a draw with nothing else left to
    fill it), so a constant answer scores half of them at most rounded up; and nothing is
    left out that balance did not require."""
    assert len({q.id for q in drawn}) == len(drawn)
    # a case-study question admitted brings its whole set, admitted or not
    sets = {q.case.id for q in pool if q.case is not None and passes(q, wanted)}
    admitted = [q for q in pool if passes(q, wanted) or (q.case is not None
                                                         and q.case.id in sets)]
    assert all(q in admitted for q in drawn)
    written = [q for q in admitted if q.type is not QuestionType.PHASE]
    per_key = [sum(q.phase is p for q in admitted if q.type is QuestionType.PHASE) for p in Phase]
    pairs = math.ceil(min(per_key) * (0.5 if wanted.phase else 1.0))
    asked = classification(drawn)
    keys = [sum(q.phase is p for q in asked) for p in Phase]
    for answer in Phase:
        assert constant_score(drawn, answer) <= math.ceil(len(asked) / 2)
    assert abs(keys[0] - keys[1]) <= 1
    available = len(written) + 2 * pairs
    if sets and wanted.count:  # a set that does not fit whole is passed over
        assert len(drawn) <= min(wanted.count, available)
    else:
        assert len(drawn) == min(wanted.count or available, available)
    if len(drawn) == available:
        assert keys == [pairs, pairs]
    elif keys[0] != keys[1]:
        assert all(q in drawn for q in written), "a written item could have kept the balance"


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 10**6))
def test_no_filter_leaks_a_key_on_the_bundled_bank(data: st.DataObject, seed: int) -> None:
    pool = bundled().questions
    wanted = data.draw(filters_for(pool))
    check_no_key_leaks(pool, wanted, draw_practice(pool, wanted, seed))


@settings(max_examples=examples(300))
@given(pool=banks(), data=st.data(), seed=st.integers(0, 10**6))
def test_no_filter_leaks_a_key_on_any_bank(pool: tuple[Question, ...], data: st.DataObject,
                                           seed: int) -> None:
    wanted = data.draw(filters_for(pool))
    drawn = draw_practice(pool, wanted, seed)
    check_no_key_leaks(pool, wanted, drawn)
    assert drawn == draw_practice(pool, wanted, seed)


EVIDENCE = st.builds(lambda n, right: Evidence(n, min(n, right)), st.integers(0, 30),
                     st.integers(0, 30))


@settings(max_examples=examples(200))
@given(pool=banks(), data=st.data(), seed=st.integers(0, 10**6),
       phases=st.dictionaries(st.sampled_from([p.value for p in Phase]), EVIDENCE),
       objectives=st.dictionaries(st.sampled_from(OBJECTIVES), EVIDENCE))
def test_adaptive_practice_leaks_no_key_either(
    pool: tuple[Question, ...], data: st.DataObject, seed: int,
    phases: dict[str, Evidence], objectives: dict[str, Evidence],
) -> None:
    """However weak the learner is at one phase, the draw does not lean to that key."""
    seen = frozenset(data.draw(st.sets(st.sampled_from([q.id for q in pool] or ["none"]))))
    summary = HistorySummary(objectives, phases, seen)
    wanted = data.draw(filters_for(pool))
    check_no_key_leaks(pool, wanted, draw_adaptive(pool, wanted, summary, seed))


@settings(max_examples=examples(300))
@given(pool=banks(), seed=st.integers(0, 10**6), total=st.integers(1, 40),
       weights=st.tuples(st.integers(0, 100), st.integers(0, 100)))
def test_exams_leak_no_key(pool: tuple[Question, ...], seed: int, total: int,
                           weights: tuple[int, int]) -> None:
    """An exam has as many classification items of each key, whatever the blueprint, and is
    as long as the written items and key pairs allow (found by this property: a one-question
    exam over one pair of keys cannot be balanced, and is empty)."""
    spec = ExamSpec(questions=total, blueprint=dict(zip(Phase, weights, strict=True)))
    drawn = draw_exam(pool, spec, seed)
    assert drawn == draw_exam(pool, spec, seed)
    assert len({q.id for q in drawn}) == len(drawn) and not any(q.generated for q in drawn)
    keys = [sum(q.phase is p for q in classification(drawn)) for p in Phase]
    assert keys[0] == keys[1]
    hand = [q for q in pool if not q.generated]
    written = sum(q.type is not QuestionType.PHASE for q in hand)
    pairs = min(sum(q.type is QuestionType.PHASE and q.phase is p for q in hand) for p in Phase)
    best = min(total, written + 2 * pairs)
    if not written and best % 2:  # an odd number of classification items cannot pair up
        best -= 1
    assert best <= len(drawn) <= min(total, len(hand))


def test_a_balanced_exam_follows_the_blueprint_exactly() -> None:
    """Swaps keep each phase's share: an exam with spare written items meets the quota."""
    pool = tuple(phase_item(f"c{n}", Phase.TRAINING, generated=False, scenario=None,
                            objectives=("LO1",), difficulty=None) for n in range(6)) + tuple(
        written_item(f"w{n}", QuestionType.SINGLE, p, generated=False, scenario=None,
                     objectives=("LO1",), difficulty=None)
        for n in range(10) for p in Phase)
    spec = ExamSpec(questions=10)
    for seed in range(30):
        drawn = draw_exam(pool, spec, seed)
        assert not classification(drawn)  # no inference-keyed partner exists
        assert [sum(q.phase is p for q in drawn) for p in Phase] == [5, 5]


def test_mistakes_and_reviews_are_the_learners_own_and_not_balanced() -> None:
    """A list of the learner's questions (mistakes, retry, due reviews) is drawn whole."""
    pool = tuple(phase_item(f"c{n}", Phase.INFERENCE, generated=True, scenario=None,
                            objectives=("LO1",), difficulty=None) for n in range(4))
    wanted = Filters(question_ids=("c0", "c2", "c3"))
    assert sorted(q.id for q in draw_practice(pool, wanted, 3)) == ["c0", "c2", "c3"]
    summary = HistorySummary()
    assert sorted(q.id for q in draw_adaptive(pool, wanted, summary, 3)) == ["c0", "c2", "c3"]
    assert draw_practice(pool, Filters(), 3) == []  # not the learner's: no partner, no item


def test_a_phase_filtered_session_keeps_its_share_of_classification_items() -> None:
    """Each phase filter gets half of the key pairs, so it does not fill with them."""
    pool = bundled().questions
    every = len(classification(draw_practice(pool, Filters(), 5)))
    for phase in Phase:
        drawn = draw_practice(pool, Filters(phase=phase), 5)
        assert len(classification(drawn)) in (every // 2, every // 2 + 1, every // 2 + 2)


def test_a_draw_from_ten_thousand_questions_whose_keys_lean_is_balanced() -> None:
    """A phase-filtered draw over 10,000 questions whose keys lean 3 to 1 still pairs its
    classification items up, and an unfiltered draw keeps the whole pool balanced. (How
    long it takes is a bench figure, the first question drawn at 10,000 questions in
    docs/benchmarks.md, never a timed test: a CPU budget here failed on a busy machine.)"""
    pool = tuple(
        # every odd n a classification item; one in four of them keyed inference
        phase_item(f"c{n}", Phase.INFERENCE if n % 8 == 1 else Phase.TRAINING,
                   generated=True, scenario=None, objectives=("LO1",), difficulty=None)
        if n % 2 else
        written_item(f"w{n}", QuestionType.SINGLE, Phase.TRAINING, generated=False,
                     scenario=None, objectives=("LO1",), difficulty=2)
        for n in range(10_000))
    for seed in range(3):
        drawn = draw_practice(pool, Filters(phase=Phase.TRAINING, count=50), seed)
        assert len(drawn) == 50
        keys = [q.phase for q in classification(drawn)]
        assert abs(keys.count(Phase.TRAINING) - keys.count(Phase.INFERENCE)) <= 1
        whole = classification(draw_practice(pool, Filters(), seed))
        assert sum(q.phase is Phase.TRAINING for q in whole) == \
            sum(q.phase is Phase.INFERENCE for q in whole) == 1_250
