"""Quitting an exam asks first and leaves it resumable; a new app resumes it where it stopped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.engine.session import Status
from quiz.errors import QuizError
from quiz.tui.app import make_app
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.workspace import Workspace
from tests.tui.tui_helpers import WorkspaceFactory, current, text_of


async def test_interrupted_exam_resumes_with_answers_flags_position_and_time(
    open_workspace: WorkspaceFactory, clock: FakeClock,
) -> None:
    first = open_workspace()
    session = first.exam(seed=8)
    app = make_app(first, session)
    async with app.run_test() as pilot:
        await pilot.press("enter", "2", "f", "n", "1", "n", "n")
        clock.advance(125)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.return_code == 0
    answers = {p: a.choice_ids for p, a in session.answers.items()}
    assert session.status is Status.ACTIVE and session.current == 3

    # a new process: a new workspace on the same store file
    second = open_workspace()
    again = make_app(second, start="resume")
    async with again.run_test() as pilot:
        screen = again.screen
        assert isinstance(screen, ExamScreen)
        resumed = screen.session
        assert resumed.id == session.id
        assert {p: a.choice_ids for p, a in resumed.answers.items()} == answers
        assert resumed.flags == {0}
        assert resumed.current == 3
        assert resumed.remaining() == pytest.approx(10 * 60 - 125)
        assert "time left 7:55" in text_of(again, "#countdown")
        await pilot.press("p", "p", "p")
        assert screen.view is not None
        assert screen.view.choices.answer() == answers[0]


async def test_cancelling_quit_keeps_the_exam_going(workspace) -> None:  # type: ignore[no-untyped-def]
    app = make_app(workspace, start="exam", seed=1)
    async with app.run_test() as pilot:
        await pilot.press("q", "n")
        assert isinstance(app.screen, ExamScreen)
        await pilot.press("q", "escape")
        assert isinstance(app.screen, ExamScreen)
    # leaving the test harness is not a learner quitting; the app was still running


async def test_the_home_screen_offers_to_resume(open_workspace: WorkspaceFactory) -> None:
    first = open_workspace()
    session = first.exam(seed=8)
    session.answer(["a"])
    session.suspend()
    first.close()  # that window ended: its exam stays resumable
    app = make_app(open_workspace())
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "Unfinished exam: 1 of 6 answered, 10:00 left." in text_of(app, "#resume-text")
        await pilot.press("r")
        exam = current(app)
        assert isinstance(exam, ExamScreen)
        assert exam.session.id == session.id


def test_resume_without_an_unfinished_exam_is_an_error(workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QuizError, match="no unfinished exam"):
        make_app(workspace, start="resume")


async def test_quitting_practice_does_not_ask_and_ends_the_session(
    workspace: Workspace, db: Path,
) -> None:
    app = make_app(workspace, start="practice", seed=1)
    async with app.run_test() as pilot:
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        session = practice.session
        await pilot.press("1", "enter", "q")
        await pilot.pause()
    assert not app.is_running
    assert session.status is Status.FINISHED
    assert workspace.conn is None  # quitting closed the store
    with sqlite3.connect(db) as conn:
        ended = conn.execute("SELECT status, ended_at FROM sessions WHERE id = ?",
                             (session.id,)).fetchone()
    conn.close()
    assert ended[0] == "finished" and ended[1]
