"""Hostile text shows literally; small, tiny and changing terminal sizes; a failing store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widget import Widget

from quiz.engine.clock import FakeClock
from quiz.tui.app import QuizApp, make_app
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.widgets.store_warning import StoreWarning
from quiz.tui.widgets.too_small import TooSmall
from quiz.workspace import Workspace
from tests.tui.tui_helpers import BANKS, WorkspaceFactory, screen_text

HOSTILE_STEM = "Is [bold]this[/] bold? [red]no[/red] \x1b[31mred\x1b[0m \x1b]0;pwned\x07 end"


def _hostile_bank(folder: Path) -> Path:
    folder.mkdir()
    (folder / "fixture.lesson.yaml").write_bytes((BANKS / "fixture.lesson.yaml").read_bytes())
    stem = HOSTILE_STEM.replace("\x1b", "\\e").replace("\x07", "\\a")
    (folder / "hostile.yaml").write_text(
        "bank: hostile\ntitle: '[b]Hostile[/b] bank'\nlesson: fixture-lesson\nquestions:\n"
        "  - id: h1\n    type: single\n    phase: training\n    objectives: [LO1]\n"
        f'    stem: "{stem}"\n'
        "    choices:\n"
        "      - {id: a, text: '[link=http://x]click[/link]', correct: true}\n"
        "      - {id: b, text: 'plain', feedback: '[i]not italic[/i]'}\n"
        "    explanation: '[reverse]literal[/reverse]'\n",
        encoding="utf-8",
    )
    return folder


async def test_markup_and_escapes_in_bank_text_are_shown_literally(
    tmp_path: Path, open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace(_hostile_bank(tmp_path / "hostile"))
    app = make_app(workspace, start="practice", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = app.screen.query_one("#stem").content  # type: ignore[attr-defined]
        stem = app.screen.view.stem  # type: ignore[attr-defined]
        assert shown.plain.endswith(stem.plain)  # under the meta line, as it is
        assert stem.spans == []  # nothing styled
        assert "[bold]this[/]" in stem.plain and "[red]no[/red]" in stem.plain
        assert "\x1b" not in stem.plain and "\\x1b[31mred" in stem.plain
        assert "\\x1b]0;pwned\\x07" in stem.plain
        shown = screen_text(app)
        assert "Is [bold]this[/] bold? [red]no[/red]" in shown
        assert "[b]Hostile[/b] bank" in shown
        assert "[link=http://x]click[/link]" in shown
        wrong = app.screen.session.item.order.index("b") + 1  # type: ignore[attr-defined]
        await pilot.press(str(wrong), "enter")
        feedback = app.screen.query_one("#feedback").content.plain  # type: ignore[attr-defined]
        assert "[i]not italic[/i]" in feedback
        assert "[reverse]literal[/reverse]" in feedback
        assert "[i]not italic[/i]" in screen_text(app)



def shown(app: QuizApp, kind: type[Widget]) -> bool:
    """Whether the screen shows a ``kind`` (the size notice and the store warning are only
    made when first needed, so none at all means not shown)."""
    return any(widget.display for widget in app.screen.query(kind))


@pytest.mark.slow  # a whole exam and its review per size: about 3 s each
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (40, 12)])
async def test_small_terminals_work_through_a_whole_exam(
    workspace: Workspace, size: tuple[int, int],
) -> None:
    app = make_app(workspace, start="exam", seed=4)
    async with app.run_test(size=size) as pilot:
        assert not shown(app, TooSmall)
        await pilot.press("enter")  # the start page
        for _ in range(6):
            await pilot.press("1", "f", "enter")
        await pilot.press("s", "y")
        await pilot.press("1", "n", "n", "escape", "5")
        assert "Modes" in screen_text(app)


async def test_practice_feedback_scrolls_at_60_by_20(workspace) -> None:  # type: ignore[no-untyped-def]
    app = make_app(workspace, start="practice", seed=4)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("1", "enter")
        area = app.screen.query_one("#area")
        assert area.max_scroll_y > 0  # taller than the screen: it scrolls, nothing is cut
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert area.scroll_y == area.max_scroll_y


async def test_below_the_minimum_size_a_message_replaces_the_layout(
    workspace: Workspace,
) -> None:
    app = make_app(workspace, start="exam", seed=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # past the start page
        await pilot.resize_terminal(39, 20)
        await pilot.pause()
        assert shown(app, TooSmall)
        assert not app.screen.query_one("#exam-body").display
        assert "Terminal too small" in screen_text(app)
        await pilot.resize_terminal(60, 11)
        await pilot.pause()
        assert "Terminal too small" in screen_text(app)
        await pilot.press("1")  # keys still work underneath and nothing breaks
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not shown(app, TooSmall)
        assert len(app.screen.query(TooSmall)) == 1  # made once, kept for the next time
        assert isinstance(app.screen, ExamScreen)
        assert 0 in app.screen.session.answers


async def test_resizing_mid_question_never_breaks(workspace) -> None:  # type: ignore[no-untyped-def]
    app = make_app(workspace, start="practice", seed=6)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        for size in [(60, 20), (20, 5), (200, 60), (41, 12), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("enter")
        assert app.screen.query("#feedback")
        for size in [(45, 14), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


async def test_a_store_that_stops_saving_is_shown(workspace) -> None:  # type: ignore[no-untyped-def]
    app = make_app(workspace, start="practice", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.screen.query(StoreWarning)  # made when first needed
        assert workspace.conn is not None
        workspace.conn.close()  # every later write fails
        with pytest.raises(sqlite3.ProgrammingError):
            workspace.conn.execute("SELECT 1")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert shown(app, StoreWarning)
        assert "Progress is not being saved" in screen_text(app)
        assert app.screen.query("#feedback")  # study goes on


async def test_a_store_that_cannot_open_is_shown_from_the_start(
    tmp_path: Path, clock: FakeClock,
) -> None:
    from quiz.workspace import Workspace

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    workspace = Workspace.open([BANKS], "ana", bad)
    assert workspace.problems()
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)):
        assert app.screen.query_one(StoreWarning).display
        assert "Progress is not being saved" in screen_text(app)
