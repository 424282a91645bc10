"""Progress and Review due from the home screen: the report, its one-key next steps, and
spaced-repetition review of what a wrong answer made due."""

from __future__ import annotations

from quiz.engine.session import Mode, Session
from quiz.tui.app import make_app
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.progress import ProgressScreen
from quiz.workspace import Workspace
from tests.tui.tui_helpers import current, notices, screen_text, text_of


def _answer_wrong(session: Session, index: int = 0) -> str:
    question = session.items[index].question
    if question.type.value == "ordering":
        wrong = list(reversed(question.correct_ids))
    else:
        wrong = [next(c.id for c in question.choices if c.id not in question.correct_ids)]
    session.answer(wrong, position=index)
    return question.id


async def test_with_no_answers_review_due_says_so_and_progress_suggests_a_start(
    workspace: Workspace,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("4")
        assert isinstance(app.screen, HomeScreen)
        assert any("nothing is due" in n for n in notices(app))
        await pilot.press("5")
        assert isinstance(app.screen, ProgressScreen)
        assert "no answers" in screen_text(app)
        # nothing answered: the objectives not yet started come first
        suggested = app.screen.weakest_objectives()
        assert suggested
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("5", "w")
        practice = current(app)
        assert isinstance(practice, PracticeScreen)
        assert practice.session.filters.objectives == suggested


async def test_a_wrong_answer_is_due_for_review_and_review_due_opens_it(
    workspace: Workspace,
) -> None:
    session = workspace.practice(seed=3)
    missed = _answer_wrong(session)
    session.submit()
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "1 today" in text_of(app, "#due")
        await pilot.press("4")
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.session.mode is Mode.REVIEW
        assert [it.question.id for it in app.screen.session.items] == [missed]


async def test_progress_shows_the_report_and_w_practises_the_weakest_objectives(
    workspace: Workspace,
) -> None:
    session = workspace.practice(seed=5)
    for index in range(len(session.items)):
        _answer_wrong(session, index)
    session.submit()
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        weakest = screen.weakest_objectives()
        assert weakest
        shown = screen_text(app)
        assert "ana" in shown
        assert weakest[0] in text_of(app, "#progress-hint")
        await pilot.press("w")
        assert isinstance(app.screen, PracticeScreen)
        drawn = app.screen.session
        assert drawn.mode is Mode.PRACTICE
        assert drawn.items
        assert all(set(it.question.objectives) & set(weakest) for it in drawn.items)
