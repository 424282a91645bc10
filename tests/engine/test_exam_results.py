"""Exam results as certification exams report them: a scaled score beside the percentage,
unanswered questions counted apart from wrong ones; and a retry that reshuffles the choices."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.results import summarize
from quiz.engine.select import draw_exam, make_items, retry_seed
from quiz.engine.session import Mode, Session
from quiz.model import ExamSpec, ScaledScore
from tests.engine.engine_models import bank

SCALE = ScaledScore(100, 1000, 720)


def test_the_scaled_score_is_linear_on_each_side_of_the_pass_mark() -> None:
    assert [SCALE.of(p, 70) for p in (0, 35, 70, 85, 100)] == [100, 410, 720, 860, 1000]
    assert SCALE.of(69.9, 70) < 720 <= SCALE.of(70.0, 70)
    assert ScaledScore(0, 100, 100).of(100, 100) == 100
    assert ScaledScore(0, 100, 0).of(0, 0) == 0


@given(pass_percent=st.integers(1, 99), a=st.floats(0, 100), b=st.floats(0, 100))
def test_the_scaled_score_keeps_order_and_the_pass_line(pass_percent: int, a: float,
                                                        b: float) -> None:
    low, high = sorted((a, b))
    assert SCALE.of(low, pass_percent) <= SCALE.of(high, pass_percent)
    assert 100 <= SCALE.of(a, pass_percent) <= 1000
    assert (SCALE.of(a, pass_percent) >= 720) == (a >= pass_percent) or round(
        SCALE.of(a, pass_percent)) == 720


def _exam(scaled: ScaledScore | None) -> Session:
    b = bank(5, 5, exam=ExamSpec(questions=6, pass_percent=50, scaled=scaled))
    drawn = draw_exam(b.questions, b.exam, 3)
    return Session(b, make_items(drawn, 3), Mode.EXAM, seed=3)


def test_results_count_unanswered_apart_and_carry_the_scaled_score() -> None:
    session = _exam(SCALE)
    items = session.items
    right = [it.question.correct_ids for it in items]
    session.answer(right[0], position=0)
    session.answer(right[1], position=1)
    wrong = next(c.id for c in items[2].question.choices if not c.correct)
    session.answer((wrong,), position=2)
    session.submit()
    result = summarize(session)
    assert result.wrong == (2,)
    assert result.unanswered == (3, 4, 5)
    assert result.incorrect == (2, 3, 4, 5)  # what "retry incorrect" takes: both kinds
    assert round(result.percent, 6) == round(100 * 2 / 6, 6)
    assert result.scaled == SCALE.of(result.percent, 50)
    assert result.scale == (100, 1000, 720)


def test_no_scaled_score_unless_the_bank_asks_or_outside_exams() -> None:
    session = _exam(None)
    session.submit()
    assert summarize(session).scaled is None
    practice = Session(session.bank, session.items, Mode.PRACTICE)
    assert summarize(practice).scaled is None


@given(seed=st.integers(0, 2_000_000))
def test_a_retry_seed_is_repeatable_and_never_the_first(seed: int) -> None:
    assert retry_seed(seed) == retry_seed(seed) != seed
    assert 1 <= retry_seed(seed) < 1_000_000


def test_retry_incorrect_shows_the_choices_in_a_new_order() -> None:
    """Found by the issue: the retry reused the exam's seed, so every choice came back in the
    place the learner had just seen it."""
    from quiz.paths import bundled_banks
    from quiz.workspace import Workspace

    workspace = Workspace.open([bundled_banks()], "retry-test", record=False)
    exam = workspace.exam(seed=11)
    positions = [p for p, it in enumerate(exam.items) if it.question.shuffle][:12]
    retry = workspace.retry(exam, positions)
    assert retry.seed == retry_seed(exam.seed)
    before = {exam.items[p].question.id: exam.items[p].order for p in positions}
    after = {it.question.id: it.order for it in retry.items}
    assert set(after) == set(before)
    moved = sum(after[q] != before[q] for q in before)
    assert moved >= len(before) // 2, (moved, len(before))
