"""Home at 80×24 (issue 15 item 3): everything above the fold, one tab to the filters,
filters kept per learner, Questions 0 refused, the adaptive box, visible tick marks, and
``w`` for a short session that starts with the weakest objective."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, SelectionList

from quiz.engine.session import Session
from quiz.model import Phase
from quiz.tui import saved_filters
from quiz.tui.app import make_app
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.weakest import SHORT, weakest_session
from quiz.workspace import Workspace
from tests.tui.tui_helpers import WorkspaceFactory, notices, screen_text


async def test_at_80x24_every_filter_is_above_the_fold(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer_top = 23
        for selector in ("#phase", "#scenario", "#objectives", "#count", "#seed", "#generated",
                         "#adaptive", "#certainty", "#practice", "#progress"):
            region = app.screen.query_one(selector).region
            assert region.height and region.bottom <= footer_top, selector


async def test_one_tab_from_practice_reaches_the_filters(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is not None and app.focused.id == "practice"
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "phase"


async def test_ticks_are_visible_without_colour(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        objectives = app.screen.query_one("#objectives", SelectionList)
        objectives.select("LO2")
        await pilot.pause()
        shown = screen_text(app)
        assert "[x] Generated scenario questions" in shown
        assert "[ ] Certainty-based marking" in shown
        rows = [objectives.render_line(y).text for y in range(3)]
        assert rows[0].startswith("[ ] LO1") and rows[1].startswith("[x] LO2")


async def test_questions_0_is_refused_not_read_as_all(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.screen.query_one("#count", Input).value = "0"
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, HomeScreen)
        assert any("from 1 up" in n for n in notices(app))


async def test_enter_in_the_questions_field_starts_practice(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#count", Input).focus()
        await pilot.press("2", "enter")
        assert isinstance(app.screen, PracticeScreen)
        assert len(app.screen.session.items) == 2


async def test_filters_are_kept_per_learner(open_workspace: WorkspaceFactory, db: Path) -> None:
    app = make_app(open_workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        home.query_one("#phase", Select).value = Phase.TRAINING.value
        home.query_one("#objectives", SelectionList).select("LO2")
        home.query_one("#count", Input).value = "1"
        home.query_one("#seed", Input).value = "9"
        home.query_one("#generated", Checkbox).value = False
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("q")
    assert saved_filters.filters_path(db, "ana") is not None
    again = make_app(open_workspace())
    async with again.run_test(size=(100, 30)):
        home = again.screen
        assert home.query_one("#phase", Select).value == Phase.TRAINING.value
        assert home.query_one("#objectives", SelectionList).selected == ["LO2"]
        assert home.query_one("#count", Input).value == "1"
        assert home.query_one("#seed", Input).value == "9"
        assert home.query_one("#generated", Checkbox).value is False
    other = make_app(open_workspace(learner="zoe"))
    async with other.run_test(size=(100, 30)):
        home = other.screen
        assert home.query_one("#phase", Select).value == ""
        assert home.query_one("#count", Input).value == ""


def test_a_damaged_filters_file_reads_as_none(tmp_path: Path) -> None:
    path = saved_filters.filters_path(tmp_path / "p.sqlite3", "ana")
    assert path is not None
    path.parent.mkdir(parents=True)
    for text in ("{", "[]", '{"version": 1, "learner": "bob", "filters": {}}',
                 '{"version": 1, "learner": "ana", "filters": {"count": "x", "objectives": 3}}'):
        path.write_text(text)
        assert saved_filters.read(path, "ana") == saved_filters.SavedFilters()


async def test_the_adaptive_box_draws_adaptively(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[object] = []
    real = workspace.adaptive

    def adaptive(*args: object) -> Session:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "adaptive", adaptive)
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#adaptive", Checkbox).value = True
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, PracticeScreen)
    assert len(calls) == 1


async def test_w_starts_a_short_session_on_the_weakest_objective(
    workspace: Workspace,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        session = screen.session
        weakest = session.filters.objectives
        assert weakest and len(session.items) <= SHORT
        assert weakest[0] in session.items[0].question.objectives


def test_the_weakest_session_starts_with_the_weakest_objective_for_any_seed(
    workspace: Workspace,
) -> None:
    for objectives in (("LO1", "LO2", "LO3"), ("LO3", "LO1"), ("LO2",)):
        for seed in range(1, 30):
            session = weakest_session(workspace, objectives, seed)
            assert objectives[0] in session.items[0].question.objectives
            assert len(session.items) <= SHORT
