"""Sessions and results: immediate and deferred feedback, changes, flags, time, summaries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.clock import FakeClock
from quiz.engine.feedback import build_feedback
from quiz.engine.recorder import MemoryRecorder
from quiz.engine.results import summarize
from quiz.engine.select import make_items
from quiz.engine.session import Mode, Session, SessionClosed, Status
from quiz.errors import QuizError
from quiz.model import ExamSpec, Phase, QuestionType
from tests.engine.engine_models import bank, question


def _session(mode: Mode = Mode.PRACTICE, limit: float | None = None,
             clock: FakeClock | None = None) -> Session:
    b = bank(2, 2, exam=ExamSpec(questions=4, pass_percent=50))
    return Session(b, make_items(b.questions, 1), mode, seed=1, time_limit=limit,
                   recorder=MemoryRecorder(), clock=clock or FakeClock())


def _right(session: Session, position: int) -> list[str]:
    return list(session.items[position].question.correct_ids)


def _wrong(session: Session, position: int) -> list[str]:
    q = session.items[position].question
    return [next(c.id for c in q.choices if not c.correct)]


def test_practice_gives_feedback_at_once_and_locks_the_answer() -> None:
    session = _session()
    feedback = session.answer(_wrong(session, 0))
    assert feedback is not None and feedback.verdict == "Incorrect"
    again = session.answer(_right(session, 0))  # a second answer changes nothing
    assert again is not None and again.verdict == "Incorrect"
    assert session.answers[0].score == 0.0


def test_exam_defers_feedback_and_answers_can_change_until_submitted() -> None:
    session = _session(Mode.EXAM, limit=600)
    assert session.answer(_wrong(session, 0)) is None
    session.answer(_right(session, 0))
    assert session.answers[0].score == 1.0
    session.submit()
    assert session.status is Status.SUBMITTED
    with pytest.raises(SessionClosed):
        session.answer(_wrong(session, 0))


def test_flags_and_navigation_stay_in_range() -> None:
    session = _session(Mode.EXAM, limit=600)
    assert session.toggle_flag(2) and not session.toggle_flag(2)
    session.previous()
    assert session.current == 0
    session.goto(99)
    assert session.current == len(session.items) - 1


def test_time_runs_out_and_submits() -> None:
    clock = FakeClock()
    session = _session(Mode.EXAM, limit=60, clock=clock)
    clock.advance(30)
    assert session.remaining() == 30
    clock.advance(31)
    assert session.check_time() and session.status is Status.SUBMITTED
    assert session.elapsed() == 60  # capped at the limit


def test_an_empty_session_is_refused() -> None:
    b = bank(0, 0)
    with pytest.raises(QuizError, match="no questions match"):
        Session(b, [], Mode.PRACTICE)


@given(picks=st.lists(st.tuples(st.integers(0, 3), st.booleans(), st.sampled_from([1, 2, 3])),
                      max_size=8))
def test_results_add_up(picks: list[tuple[int, bool, int]]) -> None:
    session = _session(Mode.EXAM, limit=600)
    for position, right, confidence in picks:
        answer = _right(session, position) if right else _wrong(session, position)
        session.answer(answer, confidence, position=position)
    result = summarize(session)
    earned = sum(a.score for a in session.answers.values())
    assert result.earned == pytest.approx(earned)
    assert result.percent == pytest.approx(100 * earned / 4)
    assert 0.0 <= result.percent <= 100.0
    assert sum(b.items for b in result.by_phase) == 4
    assert sum(b.earned for b in result.by_phase) == pytest.approx(earned)
    assert result.passed == (result.percent >= 50)
    wrong = {p for p in range(4) if p not in session.answers or session.answers[p].score < 1}
    assert set(result.incorrect) == wrong
    rated = [a for a in session.answers.values() if a.confidence is not None]
    assert result.calibration.rated == len(rated)
    assert result.calibration.sure_but_wrong == sum(
        a.confidence == 3 and a.score < 1 for a in rated)


def test_feedback_names_the_side_objectives_and_verdicts() -> None:
    b = bank(1, 1)
    q = b.questions[1]
    feedback = build_feedback(q, ["c1"], 1.0, b.lesson)
    assert (feedback.verdict, feedback.phase, feedback.side_text) == (
        "Correct", Phase.INFERENCE, "Inference applies")
    assert feedback.objectives == (("LO2", "Second objective"),)
    partial = build_feedback(question("m", QuestionType.MULTIPLE, [True, True, False]),
                             ["c0"], 0.5, b.lesson)
    assert partial.verdict == "Partly correct"
    assert build_feedback(q, None, 0.0, b.lesson).verdict == "Not answered"
