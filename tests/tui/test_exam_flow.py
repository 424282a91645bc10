"""Exams: the start page, flag, navigate, change answers, review, submit with confirmation,
results, review. Every exam opens on its start page; Enter starts it."""

from __future__ import annotations

import pytest

from quiz.engine.clock import FakeClock
from quiz.engine.session import Status
from quiz.tui.app import make_app
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.review import ReviewScreen
from quiz.tui.widgets.feedback_panel import FeedbackPanel
from quiz.tui.widgets.navigator import Navigator
from quiz.workspace import Workspace
from tests.tui.exam_keys import right_keys, wrong_key
from tests.tui.tui_helpers import button_shown, click_button, current, notices, text_of


def _right_number(session, position: int) -> str:  # type: ignore[no-untyped-def]
    """The key that picks the (first) right choice of an item, in display order (a
    matching item: its first prompt's category)."""
    return right_keys(session.items[position])[0]


@pytest.mark.slow  # a whole exam, its review and results: over 2 s
async def test_exam_flag_navigate_change_submit_results(workspace: Workspace) -> None:
    session = workspace.exam(seed=11)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        assert "time left 10:00" in text_of(app, "#countdown")
        assert not screen.query("#feedback")  # deferred feedback
        await pilot.press("enter")              # the start page: Enter starts

        await pilot.press("1")                  # answer 1 (saved at once)
        assert 0 in session.answers
        await pilot.press("f")                  # flag 1
        assert session.flags == {0}
        assert "⚑ flagged" in text_of(app, "#stem").splitlines()[0]
        await pilot.press("n", "right")         # to 3
        assert session.current == 2
        await pilot.press("p")                  # back to 2
        assert session.current == 1
        await pilot.press("left")               # back to 1: its answer is shown, changeable
        assert session.current == 0
        choices = screen.view.choices           # type: ignore[union-attr]
        assert choices.answer() == session.answers[0].choice_ids
        key = _right_number(session, 0)
        if session.items[0].question.type.value != "multiple":
            await pilot.press(key)              # change the answer
            assert session.answers[0].choice_ids == (session.items[0].question.correct_ids)
        await pilot.press("f")                  # unflag, then flag 3 through the navigator
        assert session.flags == set()
        navigator = screen.query_one(Navigator)
        await pilot.click(navigator, offset=(2 * navigator.cell_width + 1, 0))
        assert session.current == 2
        await pilot.press("f")
        assert session.flags == {2}

        await pilot.press("s")                  # review before submitting
        review = app.screen
        assert isinstance(review, ExamReviewScreen)
        assert "Flagged: 3" in text_of(app, "#review-summary")
        unanswered = ", ".join(str(p + 1) for p in range(1, len(session.items)))
        assert f"Unanswered: {unanswered}" in text_of(app, "#review-summary")
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")                  # not yet
        assert isinstance(app.screen, ExamReviewScreen)
        await pilot.press("s", "y")
        assert isinstance(app.screen, ResultsScreen)
        assert session.status is Status.SUBMITTED
        headline = text_of(app, "#headline")
        assert "Score" in headline and ("PASS" in headline or "FAIL" in headline)
        assert "(pass mark 60%)" in headline
        assert "Training builds" in text_of(app, "#by-phase")
        assert "LO1" in text_of(app, "#by-objective")
        assert "time used" in text_of(app, "#summary")

        await pilot.press("3")                  # flagged only
        review = current(app)
        assert isinstance(review, ReviewScreen)
        assert review.positions == [2]
        assert review.query_one("#feedback", FeedbackPanel).feedback.verdict == \
            "Not answered"
        await pilot.press("escape", "2")        # incorrect only
        review = current(app)
        assert isinstance(review, ReviewScreen)
        assert 2 in review.positions and 1 in review.positions


async def test_enter_saves_and_moves_on_and_the_last_opens_the_review(
    workspace: Workspace,
) -> None:
    session = workspace.exam(seed=2)
    app = make_app(workspace, session)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        for position in range(len(session.items)):
            assert session.current == position
            await pilot.press(*right_keys(session.items[position]), "enter")
        assert isinstance(app.screen, ExamReviewScreen)
        assert "Unanswered: none" in text_of(app, "#review-summary")
        await pilot.press("s", "y")
        assert isinstance(app.screen, ResultsScreen)
    # every single-answer and matching item right; multiple choice gets only one of two,
    # ordering as shown
    expected = sum(1.0 for it in session.items if len(it.question.correct_ids) == 1
                   or it.question.type.value == "matching")
    assert sum(a.score for a in session.answers.values()) >= expected


async def test_the_countdown_submits_at_zero(workspace: Workspace, clock: FakeClock) -> None:
    session = workspace.exam(seed=5)
    app = make_app(workspace, session, tick_seconds=0.02)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("enter", "1")
        clock.advance(9 * 60)
        await pilot.pause(0.1)
        assert "time left 1:00" in text_of(app, "#countdown")
        assert isinstance(app.screen, ExamScreen)
        clock.advance(61)
        await pilot.pause(0.1)
        assert isinstance(app.screen, ResultsScreen)
        assert any("Time is up" in n for n in notices(app))
    assert session.status is Status.SUBMITTED
    assert session.remaining() == 0.0
    assert 0 in session.answers


async def test_time_running_out_under_a_dialog_still_ends_the_exam(
    workspace: Workspace, clock: FakeClock,
) -> None:
    session = workspace.exam(seed=5)
    app = make_app(workspace, session, tick_seconds=0.02)
    async with app.run_test() as pilot:
        await pilot.press("enter", "s", "s")  # start, review screen, then the confirm dialog
        assert isinstance(app.screen, ConfirmScreen)
        clock.advance(11 * 60)
        await pilot.pause(0.1)
        assert isinstance(app.screen, ResultsScreen)
        assert len(app.screen_stack) == 2  # the dialogs above were closed


async def test_a_key_after_time_is_up_goes_to_the_results(
    workspace: Workspace, clock: FakeClock,
) -> None:
    session = workspace.exam(seed=5)
    app = make_app(workspace, session, tick_seconds=60)  # the timer will not fire
    async with app.run_test() as pilot:
        await pilot.press("enter")
        clock.advance(10 * 60 + 1)
        await pilot.press("1")
        assert isinstance(app.screen, ResultsScreen)
    assert session.answers == {}


async def test_certainty_in_an_exam_rates_each_answer_and_results_show_calibration(
    workspace: Workspace,
) -> None:
    session = workspace.exam(seed=2)
    app = make_app(workspace, session, certainty=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.press(*right_keys(session.items[0]), "enter", "3")  # sure and right
        assert session.current == 1 and session.answers[0].confidence == 3
        await pilot.press(wrong_key(session.items[1]) if session.items[1].question.type.value
                          != "ordering" else "1", "enter", "escape")  # cancelled: stays
        assert session.current == 1
        assert session.answers.get(1) is None or session.answers[1].confidence is None
        await pilot.press("enter", "3")  # now rated
        assert session.answers[1].confidence == 3
        await pilot.press("s", "s", "y")
        assert isinstance(app.screen, ResultsScreen)
        calibration = text_of(app, "#calibration")
    assert "3 sure" in calibration
    sure_wrong = sum(a.confidence == 3 and a.score < 1 for a in session.answers.values())
    assert f"Sure but wrong: {sure_wrong}" in calibration


async def test_the_mouse_drives_an_exam(workspace: Workspace) -> None:
    session = workspace.exam(seed=2)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await click_button(pilot, "flag")        # nothing before the start
        assert session.flags == set()
        await click_button(pilot, "start")
        assert not button_shown(app, "start")
        await click_button(pilot, "flag")
        await click_button(pilot, "next")
        await click_button(pilot, "next")
        await click_button(pilot, "prev")
        assert session.flags == {0} and session.current == 1
        await click_button(pilot, "review")
        assert isinstance(app.screen, ExamReviewScreen)
        await click_button(pilot, "submit-exam")
        await pilot.click("#yes")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.click("#review-flagged")
        assert isinstance(current(app), ReviewScreen)
