"""Exam caps: in every exam draw, at most 35 % "which phase" classification items and at most
15 % two-option items, with the classification keys still paired, as long as the bank has
other questions to draw instead (issue 12, items 6 and 8)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.engine.select import (
    MAX_CLASSIFICATION_PERCENT,
    MAX_TWO_OPTION_PERCENT,
    draw_exam,
    is_classification,
)
from quiz.model import Bank, Choice, ExamSpec, Phase, Question, QuestionType
from tests.engine.engine_models import LESSON, question
from tests.hypothesis_budget import examples

KINDS = ("phase", "true_false", "two", "names_phase", "four")


def _make(kind: str, n: int, phase: Phase) -> Question:
    qid = f"{kind}{n}{phase.value[0]}"
    if kind == "phase":
        return question(qid, QuestionType.PHASE, [phase is Phase.TRAINING,
                                                  phase is Phase.INFERENCE], phase)
    if kind == "true_false":
        return question(qid, QuestionType.TRUE_FALSE, [n % 2 == 0, n % 2 == 1], phase)
    if kind == "two":
        return question(qid, QuestionType.SINGLE, [True, False], phase)
    four = question(qid, QuestionType.SINGLE, [True, False, False, False], phase)
    if kind == "names_phase":  # four options, but the choices just name a phase
        return four._replace(choices=tuple(
            Choice(f"c{i}", f"{'Training' if i % 2 else 'Inference'}: reason {i}", i == 0)
            for i in range(4)))
    return four


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    counts = {(k, p): draw(st.integers(0, 12)) for k in KINDS for p in Phase}
    questions = tuple(_make(k, n, p) for (k, p), c in counts.items() for n in range(c))
    spec = ExamSpec(questions=draw(st.integers(1, 40)),
                    blueprint={Phase.TRAINING: draw(st.integers(0, 3)),
                               Phase.INFERENCE: draw(st.integers(0, 3))})
    return Bank("b", "B", LESSON, questions, exam=spec)


def _over(exam: list[Question]) -> tuple[bool, bool]:
    n = len(exam)
    return (sum(q.asks_phase for q in exam) * 100 > MAX_CLASSIFICATION_PERCENT * n,
            sum(q.two_options for q in exam) * 100 > MAX_TWO_OPTION_PERCENT * n)


@settings(max_examples=examples(300), deadline=None)
@given(b=banks(), seed=st.integers(0, 100_000))
def test_every_exam_keeps_the_caps_while_the_bank_has_other_questions(b: Bank,
                                                                      seed: int) -> None:
    exam = draw_exam(b.questions, b.exam, seed)
    keys = [q.phase for q in exam if is_classification(q)]
    assert keys.count(Phase.TRAINING) == keys.count(Phase.INFERENCE)  # still paired
    assert len({q.id for q in exam}) == len(exam)
    neither = [q for q in b.questions if not q.asks_phase and not q.two_options]
    over_classification, over_two = _over(exam)
    if len(neither) >= b.exam.questions:
        assert not over_classification and not over_two
    if over_classification or over_two:  # only when nothing was left to put in their place
        drawn = {q.id for q in exam}
        assert sum(q.id not in drawn for q in neither) <= 1


def test_a_draw_within_the_caps_is_left_as_it_was() -> None:
    """Banks with few classification and two-option items draw as they always did."""
    from tests.engine.engine_models import bank

    b = bank(20, 20, exam=ExamSpec(questions=10))
    assert [q.id for q in draw_exam(b.questions, b.exam, 7)] == [
        q.id for q in draw_exam(b.questions, b.exam, 7)]
    many = b._replace(questions=b.questions + tuple(
        _make("phase", n, p) for n in range(3) for p in Phase))
    exam = draw_exam(many.questions, many.exam, 7)
    assert sum(q.asks_phase for q in exam) <= 3  # 35 % of 10
