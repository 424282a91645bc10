"""The footer tells the truth: on each shell screen and dialog it lists exactly the keys that
do something there, each shown key acts, and every working key is in the help (issue 15
item 1)."""

from __future__ import annotations

import asyncio

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen

from quiz.engine.session import Mode
from quiz.tui.app import QuizApp, make_app
from quiz.tui.screens.confidence import ConfidenceScreen
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.help import KEYS, HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.progress import ProgressScreen
from quiz.workspace import Workspace
from tests.tui.exam_keys import right_keys
from tests.tui.tui_helpers import WorkspaceFactory, current, footer_entries, notices, text_of


async def footer_keys(app: QuizApp) -> list[str]:
    """The keys the current screen's footer shows, as displayed (``1-5``, ``esc``…), once
    the footer has caught up with the screen's bindings."""
    await app.workers.wait_for_complete()
    for _ in range(3):
        await asyncio.sleep(0.05)
    return [key for key, _ in footer_entries(app)]


def help_keys() -> set[str]:
    """Every key the help names (``1–5`` stands for 1 to 5)."""
    names: set[str] = set()
    for _, rows in KEYS:
        for cell, _text in rows:
            for word in cell.replace(",", " ").split():
                low, dash, high = word.partition("–")
                if dash and low.isdigit() and high.isdigit():
                    names |= {str(i) for i in range(int(low), int(high) + 1)}
                else:
                    names.add(word)
    return names


def bound_keys(screen: type[Screen[object]]) -> set[str]:
    """Every key a screen class binds (shown or not)."""
    keys: set[str] = set()
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        keys |= set(binding.key.split(","))
    return keys


async def open_dialog(app: QuizApp, pilot: Pilot[None], kind: str) -> None:
    if kind == "help":
        await pilot.press("question_mark")
    elif kind == "confirm":
        app.confirm("Sure?", "Really.", "Yes", lambda yes: None)
    else:
        app.ask_confidence(lambda level: None)
    await pilot.pause()


async def test_home_footer_lists_its_working_keys(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert (await footer_keys(app)) == ["1-5", "w", "q", "?"]  # no 1-9, no r without an exam
        # each one acts: 5 opens progress (esc back), ? help, w a short practice, q quits
        await pilot.press("5")
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "w")
        assert isinstance(current(app), PracticeScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_home_shows_r_only_when_an_exam_can_be_resumed(
    open_workspace: WorkspaceFactory,
) -> None:
    first = open_workspace()
    first.exam(seed=1).suspend()
    first.close()  # that window ended: its exam stays resumable
    app = make_app(open_workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert (await footer_keys(app)) == ["1-5", "w", "r", "q", "?"]
        await pilot.press("r")
        assert isinstance(app.screen, ExamScreen)


async def test_pressing_a_digit_above_5_on_home_does_nothing(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in "6789":
            await pilot.press(key)
            assert isinstance(app.screen, HomeScreen)


async def test_progress_footer_lists_its_working_keys(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("5")
        assert (await footer_keys(app)) == ["w", "d", "esc", "q", "?"]
        await pilot.press("d")  # nothing due: says so
        assert any("nothing is due" in n for n in notices(app))
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("kind,expected", [
    ("help", ["esc"]),
    ("confirm", ["y", "n"]),
    ("certainty", ["1", "2", "3", "esc"]),
])
async def test_a_dialog_footer_shows_its_own_keys_only(
    workspace: Workspace, kind: str, expected: list[str],
) -> None:
    """Over practice (whose footer says n Next), a dialog's footer lists its keys only."""
    app = make_app(workspace, start="practice", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "n" in (await footer_keys(app))
        await open_dialog(app, pilot, kind)
        assert (await footer_keys(app)) == expected
        # the screen's keys do nothing under the dialog
        dialog = app.screen
        await pilot.press("n")
        if kind != "confirm":  # n answers no in a confirmation, and closes it
            assert app.screen is dialog
        # the dialog's own last key (esc / n) closes it
        await pilot.press({"esc": "escape"}.get(expected[-1], expected[-1]))
        assert isinstance(app.screen, PracticeScreen)


async def test_certainty_keys_rate_and_submit(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=1, certainty=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        for level in "123":
            # any item's right keys (the fixture draws a matching item second)
            await pilot.press(*right_keys(screen.session.item), "enter")
            assert isinstance(current(app), ConfidenceScreen)
            await pilot.press(level)
            assert screen.is_current
            assert screen.session.answers[screen.session.current].confidence == int(level)
            await pilot.press("enter")  # on to the next question


async def test_confirm_keys_answer(workspace: Workspace) -> None:
    answers: list[bool] = []
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        for key, expected in (("y", True), ("n", False), ("escape", False)):
            app.confirm("Sure?", "Really.", "Yes", answers.append)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press(key)
            assert answers[-1] is expected
            assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("screen", [HomeScreen, ProgressScreen, HelpScreen, ConfirmScreen,
                                    ConfidenceScreen])
def test_every_bound_key_is_in_the_help(screen: type[Screen[object]]) -> None:
    shown = {"escape": "esc", "question_mark": "?", "left": "←", "right": "→"}
    named = help_keys()
    for key in bound_keys(screen):
        assert shown.get(key, key) in named, (screen, key)


async def test_help_covers_every_screen_and_dialog_and_says_how_to_close(
    workspace: Workspace,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        title = text_of(app, "#help-title")
        assert "esc" in title and "?" in title
        keys = text_of(app, "#keys")
        for section in ("Home", "Progress", "Practice", "Exam", "Results and review",
                        "certainty dialog", "ask first"):
            assert section in keys
        for key in ("1–5", "w", "r", "tab", "d", "1 2 3", "y", "n, esc"):
            assert key in keys
        await pilot.press("question_mark")  # ? closes it too
        assert isinstance(app.screen, HomeScreen)


async def test_practice_started_from_home_has_a_practice_footer(workspace: Workspace) -> None:
    """The session screens' footers are their owners' (not checked here beyond this): the
    home keys do not leak into them."""
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.session.mode is Mode.PRACTICE
        assert "1-5" not in (await footer_keys(app)) and "w" not in (await footer_keys(app))


