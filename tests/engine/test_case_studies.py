"""Case studies in sessions: drawn whole and in order in practice and exams, counted in the
exam's length and blueprint, and described per item by the session."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.engine.select import Filters, draw_exam, draw_practice, make_items, scale_exam
from quiz.engine.session import Mode, Session
from quiz.model import Bank, ExamSpec, Phase, QuestionType, Scenario
from tests.engine.engine_models import LESSON, bank, case_set, case_study, question
from tests.hypothesis_budget import examples

SETS = (case_set("ca", 3, (Phase.TRAINING,)), case_set("cb", 4, (Phase.INFERENCE,)),
        case_set("cc", 5, (Phase.TRAINING, Phase.INFERENCE)))


def _bank(training: int = 20, inference: int = 20, cases: int = 1) -> Bank:
    plain = bank(training, inference)
    return plain._replace(
        questions=plain.questions + tuple(q for s in SETS for q in s),
        case_studies=tuple(case_study(s) for s in SETS),
        exam=ExamSpec(questions=20, case_studies=cases),
    )


def _runs(drawn: list) -> dict[str, list[int]]:  # type: ignore[type-arg]
    """Case id → the positions its questions hold in ``drawn``."""
    where: dict[str, list[int]] = {}
    for place, q in enumerate(drawn):
        if q.case is not None:
            where.setdefault(q.case.id, []).append(place)
    return where


def _whole_and_in_order(drawn: list) -> None:  # type: ignore[type-arg]
    for case_id, places in _runs(drawn).items():
        size = next(s for s in SETS if s[0].case and s[0].case.id == case_id)
        assert [drawn[p].id for p in places] == [q.id for q in size], case_id
        assert places == list(range(places[0], places[0] + len(places))), case_id


@settings(max_examples=examples(60), deadline=None)
@given(seed=st.integers(0, 10_000), count=st.none() | st.integers(1, 30),
       phase=st.none() | st.sampled_from(list(Phase)))
def test_practice_draws_a_case_question_with_its_whole_set(
    seed: int, count: int | None, phase: Phase | None,
) -> None:
    b = _bank()
    drawn = draw_practice(b.questions, Filters(phase=phase, count=count), seed)
    _whole_and_in_order(drawn)
    if count is not None:
        assert len(drawn) <= count
    if count is None and phase is None:
        assert {q.id for q in drawn} == {q.id for q in b.questions}


def test_a_filter_that_admits_one_question_of_a_set_brings_the_others() -> None:
    b = _bank()
    drawn = draw_practice(b.questions, Filters(phase=Phase.INFERENCE), 3)
    # cc alternates phases: its training questions come with its inference ones
    assert [q.id for q in drawn if q.case and q.case.id == "cc"] == [q.id for q in SETS[2]]


@settings(max_examples=examples(80), deadline=None)
@given(seed=st.integers(0, 10_000), cases=st.integers(0, 3))
def test_an_exam_holds_its_case_studies_whole_in_order_within_its_length(
    seed: int, cases: int,
) -> None:
    b = _bank(cases=cases)
    drawn = draw_exam(b.questions, b.exam, seed)
    runs = _runs(drawn)
    assert len(runs) == cases
    _whole_and_in_order(drawn)
    assert len(drawn) == b.exam.questions
    assert len({q.id for q in drawn}) == len(drawn)
    # the blueprint (half each) holds as well as it can: each case set has 3-5 questions
    by_phase = {p: sum(q.phase is p for q in drawn) for p in Phase}
    assert abs(by_phase[Phase.TRAINING] - by_phase[Phase.INFERENCE]) <= 1


def test_case_studies_that_do_not_fit_are_left_out() -> None:
    b = _bank(cases=3)
    drawn = draw_exam(b.questions, b.exam._replace(questions=6), 1)
    assert len(drawn) == 6
    assert all(len(places) == next(len(s) for s in SETS if s[0].case and s[0].case.id == cid)
               for cid, places in _runs(drawn).items())
    assert sum(len(p) for p in _runs(drawn).values()) <= 6


def test_case_questions_are_never_drawn_alone_in_an_exam() -> None:
    b = _bank(cases=0)
    for seed in range(30):
        assert not _runs(draw_exam(b.questions, b.exam, seed))


def test_scaling_keeps_the_blueprint_and_scales_time_and_case_studies() -> None:
    spec = ExamSpec(questions=30, minutes=45, case_studies=2,
                    blueprint={Phase.TRAINING: 1, Phase.INFERENCE: 3})
    assert scale_exam(spec) == spec
    short = scale_exam(spec, questions=10)
    assert (short.questions, short.minutes, short.case_studies) == (10, 15, 1)
    assert short.blueprint == spec.blueprint
    assert scale_exam(spec, minutes=20) == spec._replace(minutes=20)
    assert scale_exam(spec, questions=60, minutes=5)[:3] == (60, 5, 70)
    assert scale_exam(spec, questions=60).case_studies == 4
    b = _bank(training=30, inference=30, cases=0)._replace(exam=spec._replace(case_studies=0))
    drawn = draw_exam(b.questions, scale_exam(b.exam, questions=12), 4)
    assert len(drawn) == 12
    assert sum(q.phase is Phase.INFERENCE for q in drawn) == 9  # three quarters, as asked


def test_the_session_tells_each_item_its_case_study() -> None:
    b = _bank()
    scenario = Scenario("s", "Mail service", "A mail service sorts mail.", ())
    drawn = [question("solo", QuestionType.SINGLE, [True, False]), *SETS[0]]
    session = Session(b, make_items(drawn, 1), Mode.PRACTICE, scenarios={"s": scenario})
    assert session.case_study() is None
    views = [session.case_study(p) for p in (1, 2, 3)]
    assert [(v.position, v.size, v.first) for v in views if v] == [(1, 3, 1), (2, 3, 1),
                                                                    (3, 3, 1)]
    view = views[1]
    assert view is not None
    assert (view.id, view.title, view.context) == ("ca", "Case ca", "the case's facts")
    assert (view.scenario_title, view.scenario_context) == ("Mail service",
                                                            "A mail service sorts mail.")
    session.goto(2)
    assert session.case_study() == view
    # a set seen out of its run (a review of one question) has no first position
    alone = Session(b, make_items([SETS[0][1]], 1), Mode.REVIEW, scenarios={"s": scenario})
    seen = alone.case_study()
    assert seen is not None and (seen.position, seen.first) == (2, None)
    assert LESSON.id == b.lesson.id
