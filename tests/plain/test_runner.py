"""The plain-mode loops driven through in-memory streams, over a real store."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.engine.clock import FakeClock
from quiz.engine.select import Filters
from quiz.engine.session import Mode, Session, Status
from quiz.plain.entry import Start, run_plain
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples
from tests.plain.plain_helpers import (
    Script,
    WorkspaceFactory,
    plain_of,
    session_status,
    stored_answers,
)


def _run(workspace: Workspace, lines: Iterable[str], *, certainty: bool = False,
         session: Session | None = None, start: Start | None = None,
         seed: int | None = None) -> str:
    out = io.StringIO()
    run_plain(workspace, certainty, session=session, start=start, seed=seed,
              stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out)
    return plain_of(out)


def test_one_answer_then_enter_answers_one_question_and_stores_it(
    open_workspace: WorkspaceFactory, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(Filters(question_ids=("fx-latency",)), seed=3)
    text = _run(workspace, ["1", ""], session=session)
    assert "Question 1 of 1. Single choice." in text
    assert "Correct." in text and "Right answer:\n  1. Low latency when serving" in text
    assert "Rule: Training builds. Inference applies." in text
    assert "This question tests: Inference applies." in text
    assert "LO3: Name what answering live requests demands." in text
    assert "Score 100% of the questions answered: 1 of 1 right" in text
    assert stored_answers(db, session.id) == {0: ("a",)}
    assert session_status(db, session.id) == Status.FINISHED


def test_feedback_names_the_pick_its_note_and_the_scenario(
    open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(Filters(question_ids=("fx-single",)), seed=3)
    text = _run(workspace, ["2"], session=session)
    assert "Scenario: Help desk chatbot.\nA company answers customer messages" in text
    assert "Incorrect." in text
    assert "You picked:\n  2. Fitting its weights to the message: wrong." in text
    assert "Note: Drafting a reply reads the weights" in text
    assert "Explanation:\n  Inference applies - a fitted model" in text
    assert text.rstrip().endswith("LO3 Name what answering live requests demands: 0%, 0 of "
                                  "1 point.")


def test_multiple_and_ordering_answers_by_their_numbers_on_screen(
    open_workspace: WorkspaceFactory, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(Filters(question_ids=("fx-multiple", "fx-ordering")), seed=5)
    orders = {session.items[p].question.id: session.items[p].order for p in range(2)}
    ordering = session.items.questions.index(
        next(q for q in session.items.questions if q.id == "fx-ordering"))
    right_order = " ".join(str(orders["fx-ordering"].index(c) + 1) for c in "abcd")
    lines = ["1 2", "", right_order, ""] if ordering == 1 else [right_order, "", "1,2", ""]
    text = _run(workspace, lines, session=session)
    assert f"Right order: {right_order}." in text
    assert stored_answers(db, session.id)[ordering] == ("a", "b", "c", "d")
    assert len(stored_answers(db, session.id)) == 2
    assert "Choose 2: type their numbers" in text


def test_finish_asks_first_and_scores_what_was_answered(
    open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(seed=3)
    first = session.items[0]
    right = str(first.order.index(first.question.correct_ids[0]) + 1)
    if first.question.type.value == "ordering":
        right = " ".join(str(first.order.index(c) + 1) for c in first.question.correct_ids)
    text = _run(workspace, [right, "s", "", "s", "y"], session=session)
    assert "Finish now? You answered 1 of" in text and "Going on." in text
    assert f"1 of 1 right; 1 of {len(session.items)} drawn answered." in text
    assert session.status is Status.FINISHED


def test_help_skip_previous_and_bad_lines_never_stop_the_session(
    open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(seed=3)
    text = _run(workspace, ["?", "", "zz", "p", "n", "p", "q"], session=session)
    assert "Help: answering." in text
    assert "Type an answer first" in text and "'zz' is not a choice" in text
    assert "This is the first question." in text
    assert "No questions answered" in text


def test_certainty_is_asked_and_stored(open_workspace: WorkspaceFactory) -> None:
    workspace = open_workspace()
    session = workspace.practice(Filters(question_ids=("fx-latency",)), seed=3)
    text = _run(workspace, ["1", "", "1", "3", ""], session=session, certainty=True)
    assert "Not answered; give your answer again." in text
    assert session.answers[0].confidence == 3
    assert "Calibration (certainty-based marking):" in text


@settings(max_examples=examples(25), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(
    st.sampled_from(["1", "2", "3", "4", "1 2", "2,1", "4 3 2 1", "a", "b", "", "n", "p",
                     "s", "y", "?", "x", "1 1", "true", "inference", "g 2", "f", "r"]),
    st.text(max_size=30)), max_size=40))
def test_any_input_never_crashes_and_every_answer_given_is_stored(
    lines: list[str], tmp_path_factory: pytest.TempPathFactory, clock: FakeClock,
) -> None:
    from tests.plain.plain_helpers import BANKS

    db = tmp_path_factory.mktemp("store") / "p.sqlite3"
    for mode in ("practice", "exam"):
        workspace = Workspace.open([BANKS], "ana", db)
        workspace.clock = clock
        session = workspace.practice(seed=3) if mode == "practice" else workspace.exam(seed=3)
        out = io.StringIO()
        run_plain(workspace, False, session=session, stdin=io.StringIO(
            "".join(f"{line}\n" for line in lines).replace("\r", "")), stdout=out)
        plain_of(out, echoes_input=True)
        given_answers = {p: a.choice_ids for p, a in session.answers.items()}
        assert stored_answers(db, session.id) == given_answers


def test_exam_flag_goto_review_submit_and_results(
    open_workspace: WorkspaceFactory, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.exam(seed=3)
    total = len(session.items)
    text = _run(workspace, ["f", "g 2", "1", "r", "", "s", "", "s", "y", ""], session=session)
    assert f"Exam: Fixture bank. {total} questions, pass mark 60%." in text
    assert "Time left 10:00." in text
    assert "Question 1 flagged." in text and "Saved: 1." in text
    assert f"Review before submitting: 1 of {total} answered." in text
    assert "Unanswered: 1, 3" in text and "Flagged: 1." in text
    assert f"{total - 1} question(s) are unanswered and will score 0." in text
    assert "Not submitted." in text
    assert "Exam results: Fixture bank." in text and "(pass mark 60%)" in text
    assert "By objective:" in text
    assert stored_answers(db, session.id) == {1: session.answers[1].choice_ids}
    assert session_status(db, session.id) == Status.SUBMITTED


def test_exam_end_of_input_keeps_it_resumable_and_resume_continues(
    open_workspace: WorkspaceFactory, clock: FakeClock, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.exam(seed=3)
    clock.advance(60)
    text = _run(workspace, ["2"], session=session)
    assert "End of input: your exam is saved with 9:00 left; continue it with `quiz exam " \
           "--resume --plain`." in text
    again = open_workspace()
    unfinished = again.unfinished_exam()
    assert unfinished is not None and unfinished.session_id == session.id
    text = _run(again, ["", "s", "y"], start="resume")
    assert "Exam resumed: Fixture bank. 1 of" in text
    assert "Question 2 of" in text  # it went on after the saved answer
    assert "Your saved answer" not in text.split("Question 2 of")[1].split("Time left")[0]
    assert session_status(db, session.id) == Status.SUBMITTED


def test_exam_time_running_out_while_waiting_submits(
    open_workspace: WorkspaceFactory, clock: FakeClock, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.exam(seed=3)
    script = Script(["1", "1"], clock, seconds_per_line=400)
    out = io.StringIO()
    run_plain(workspace, False, session=session, source=script, stdout=out)
    text = plain_of(out)
    assert "Time left 3:20." in text
    assert "Time is up: the exam was submitted." in text
    assert "Score" in text
    assert script.timeouts[0] == 600 and script.timeouts[1] == 200
    assert session_status(db, session.id) == Status.SUBMITTED
    assert len(stored_answers(db, session.id)) == 1


def test_review_and_mistakes_run_like_practice(open_workspace: WorkspaceFactory) -> None:
    workspace = open_workspace()
    session = workspace.practice(Filters(question_ids=("fx-latency",)), seed=3)
    _run(workspace, ["2", ""], session=session)  # wrong: now a mistake, due for review
    again = open_workspace()
    text = _run(again, ["1", ""], start="mistakes", seed=3)
    assert text.startswith("Review mistakes: Fixture bank. 1 question.")
    third = open_workspace()
    # an hour on, so that the wrong answer's card is due within the review's day at any
    # time of day (answered at 23:55, it is due after midnight: tomorrow's review)
    due = third.review(now=datetime.now(UTC) + timedelta(hours=1))
    assert due.mode is Mode.REVIEW
    text = _run(third, ["1", ""], session=due)
    assert text.startswith("Review: Fixture bank.") and "Correct." in text
