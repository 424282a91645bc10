"""The home screen (banks, modes, filters, due counts), help, the palette, certainty."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select, SelectionList

from quiz.engine.session import Mode
from quiz.model import Phase
from quiz.tui.app import make_app
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.workspace import Workspace
from tests.tui.tui_helpers import WorkspaceFactory, current, notices, screen_text, text_of


async def test_home_lists_banks_modes_and_filters(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, HomeScreen)
        assert "Fixture bank — 11 written questions" in text_of(app, "#banks")
        assert "ana" in text_of(app, "#learner")
        shown = screen_text(app)
        for mode in ("1 Practice", "2 Exam", "3 Review mistakes", "4 Review due", "5 Progress"):
            assert mode in shown
        assert "Nothing due for review this week." in text_of(app, "#due")
        assert not app.screen.query("#resume")  # nothing to resume yet
        objectives = app.screen.query_one("#objectives", SelectionList)
        assert [objectives.get_option_at_index(i).value
                for i in range(objectives.option_count)] == ["LO1", "LO2", "LO3"]


async def test_practice_from_home_uses_the_filters(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        home.query_one("#phase", Select).value = Phase.TRAINING.value
        home.query_one("#objectives", SelectionList).select("LO2")
        home.query_one("#count", Input).value = "1"
        home.query_one("#seed", Input).value = "9"
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, PracticeScreen)
        session = app.screen.session
    assert session.seed == 9 and len(session.items) == 1
    question = session.items[0].question
    assert question.phase is Phase.TRAINING and "LO2" in question.objectives


async def test_filters_that_match_nothing_say_so(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        home = app.screen
        home.query_one("#phase", Select).value = Phase.INFERENCE.value
        home.query_one("#objectives", SelectionList).select("LO2")  # LO2 is training-only
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, HomeScreen)
        assert any("no questions match" in n for n in notices(app))


async def test_exam_and_mistakes_from_home(open_workspace: WorkspaceFactory) -> None:
    workspace = open_workspace()
    app = make_app(workspace)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("3")  # no mistakes yet
        assert isinstance(app.screen, HomeScreen)
        assert any("no mistakes" in n for n in notices(app))
        await pilot.press("2")
        exam = current(app)
        assert isinstance(exam, ExamScreen)
        assert exam.session.mode is Mode.EXAM


async def test_review_mistakes_after_a_wrong_answer(workspace: Workspace) -> None:
    wrong = workspace.practice(seed=1)
    item = wrong.items[0]
    bad = next(c.id for c in item.question.choices if c.id not in item.question.correct_ids)
    wrong.answer([bad] if item.question.type.value != "ordering"
                 else list(reversed(item.question.correct_ids)))
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.session.mode is Mode.MISTAKES
        assert [it.question.id for it in app.screen.session.items] == [item.question.id]
        assert "Review mistakes" in screen_text(app)


async def test_help_lists_the_keys_on_every_screen(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        for keys in ([], ["1"]):
            await pilot.press(*keys)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            keys_text = text_of(app, "#keys")
            for key in ("1–9", "enter", "ctrl+p", "shift+↑ ↓, [ ]", "f", "n →, p ←", "q"):
                assert key in keys_text
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_certainty_toggle_is_shared_by_key_and_home_option(
    workspace: Workspace,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        box = app.screen.query_one("#certainty", Checkbox)
        assert (app.certainty, box.value) == (False, False)  # (so no narrowing to False)
        await pilot.press("c")
        assert app.certainty and box.value
        box.value = False
        await pilot.pause()
        assert not app.certainty


async def test_the_command_palette_offers_screen_actions(workspace: Workspace) -> None:
    app = make_app(workspace, start="exam", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # past the exam's start page (flagging waits for it)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Flag question", "Review and submit", "Help"} <= set(titles)
        flag = next(c for c in app.get_system_commands(app.screen)
                    if c.title == "Flag question")
        await flag.callback()
        await pilot.pause()
        assert app.screen.session.flags == {0}  # type: ignore[attr-defined]
        await pilot.press("ctrl+p")
        assert "CommandPalette" in type(app.screen).__name__
