"""Snapshots of the app's shell at 80×24 and 120×40: home, help, progress, the certainty
dialog, the loading screen, the name prompt (fixed bank, learner and clock).

Update after an intended change with ``pytest tests/tui/test_snapshots_shell.py
--snapshot-update`` and look at the SVGs in tests/tui/__snapshots__/ before committing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import get_current_worker

from quiz.tui.app import QuizApp, make_app
from quiz.tui.loading import LoadingApp, Progress
from quiz.tui.screens.progress import ProgressScreen
from quiz.workspace import Workspace

SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


@sizes
def test_home(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(workspace), terminal_size=size)


@sizes
def test_help(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(workspace), press=["question_mark"], terminal_size=size)


@sizes
def test_progress(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    """A learner with no answers yet (answers would put today's date in the due counts);
    the report's time is fixed and the store's path left out of its commands."""
    workspace.db_path = None
    report = replace(workspace.progress(), generated_at="2025-01-31T10:00:00+00:00")
    app = make_app(workspace)

    async def open_progress(pilot: Pilot[Any]) -> None:
        app.push_screen(ProgressScreen(report))
        await pilot.pause()

    assert snap_compare(app, run_before=open_progress, terminal_size=size)


@sizes
def test_certainty_dialog(snap_compare: Snap, workspace: Workspace,
                          size: tuple[int, int]) -> None:
    app = make_app(workspace, start="practice", seed=7, certainty=True)
    assert snap_compare(app, press=["1", "enter"], terminal_size=size)


@sizes
def test_loading_screen(snap_compare: Snap, size: tuple[int, int]) -> None:
    hold = threading.Event()

    def loader(progress: Progress) -> str:
        progress(2, 5)
        # held until the snapshot is taken, or the app's exit cancels this worker (waiting
        # out a fixed 10 s here made each size take 10 s: the app's exit waits for it)
        worker = get_current_worker()
        while not hold.wait(0.02) and not worker.is_cancelled:
            pass
        return "done"

    app: LoadingApp[str] = LoadingApp(loader, "12 files, 14.2 MB")

    async def reading(pilot: Pilot[Any]) -> None:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.screen.query("#loading-bar") and \
                    app.screen.query_one("#loading-bar").progress == 2:  # type: ignore[attr-defined]
                break

    try:
        assert snap_compare(app, run_before=reading, terminal_size=size)
    finally:
        hold.set()


@sizes
def test_name_prompt(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    app: QuizApp = make_app(workspace, ask_learner=True)
    assert snap_compare(app, press=["enter"], terminal_size=size)  # empty: the reason shows
