"""Snapshots of the main screens at 80×24 and 120×40 (fixed bank, seed, clock and learner).

Update after an intended change with ``pytest tests/tui --snapshot-update`` and look at the
SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.engine.clock import FakeClock
from quiz.engine.select import Filters
from quiz.tui.app import QuizApp, make_app
from quiz.workspace import Workspace

SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]


def _practice(workspace: Workspace, *ids: str) -> QuizApp:
    return make_app(workspace, workspace.practice(Filters(question_ids=ids), seed=7))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(workspace), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(_practice(workspace, "fx-multiple"), press=["1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_feedback(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    app = _practice(workspace, "fx-single")
    assert snap_compare(app, press=["2", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_exam_navigator(
    snap_compare: Snap, workspace: Workspace, clock: FakeClock, size: tuple[int, int],
) -> None:
    app = make_app(workspace, workspace.exam(seed=3))

    async def sit(pilot: Pilot[Any]) -> None:
        await pilot.press("1", "f", "n", "2", "n", "n", "f")
        clock.advance(95)
        app.tick()
        await pilot.pause()

    assert snap_compare(app, run_before=sit, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results(
    snap_compare: Snap, workspace: Workspace, clock: FakeClock, size: tuple[int, int],
) -> None:
    session = workspace.exam(seed=3)
    app = make_app(workspace, session)

    async def sit(pilot: Pilot[Any]) -> None:
        for position in range(len(session.items)):
            item = session.items[position]
            key = str([cid for cid, _ in item.choices].index(item.question.correct_ids[0]) + 1)
            await pilot.press(*(["f"] if position == 4 else []), key, "enter")
            clock.advance(40)
        await pilot.press("s", "y")

    assert snap_compare(app, run_before=sit, terminal_size=size)


def test_review_before_submit(snap_compare: Snap, workspace: Workspace) -> None:
    app = make_app(workspace, workspace.exam(seed=3))
    assert snap_compare(app, press=["1", "f", "n", "n", "2", "s"], terminal_size=(80, 24))


def test_terminal_too_small(snap_compare: Snap, workspace: Workspace) -> None:
    assert snap_compare(_practice(workspace, "fx-single"), terminal_size=(36, 10))
