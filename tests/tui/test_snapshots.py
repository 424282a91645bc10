"""Snapshots of the main screens at 80×24 and 120×40 (fixed bank, seed, clock and learner):
home, a question, feedback, the exam (start page, navigator, a case-study question, review,
results with a scaled score), a matching question and its feedback, preview.

Update after an intended change with ``pytest tests/tui --snapshot-update`` and look at the
SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.engine.clock import FakeClock
from quiz.engine.recorder import MemoryRecorder
from quiz.engine.select import Filters, draw_exam, make_items, with_case_sets
from quiz.engine.session import Mode, Session
from quiz.tui.app import QuizApp, make_app
from quiz.workspace import Workspace
from tests.tui.exam_keys import right_keys
from tests.tui.tui_helpers import BANKS

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
        await pilot.press("enter", "1", "f", "n", "2", "n", "n", "f")
        clock.advance(95)
        app.tick()
        await pilot.pause()

    assert snap_compare(app, run_before=sit, terminal_size=size)


@pytest.mark.slow  # a whole exam answered key by key before each snapshot: over 2 s
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results(
    snap_compare: Snap, workspace: Workspace, clock: FakeClock, size: tuple[int, int],
) -> None:
    session = workspace.exam(seed=3)
    app = make_app(workspace, session)

    async def sit(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        for position in range(len(session.items) - 1):  # the last one left unanswered
            await pilot.press(*(["f"] if position == 4 else []),
                              *right_keys(session.items[position]), "enter")
            clock.advance(40)
        await pilot.press("s", "s", "y")

    assert snap_compare(app, run_before=sit, terminal_size=size)


def test_review_before_submit(snap_compare: Snap, workspace: Workspace) -> None:
    app = make_app(workspace, workspace.exam(seed=3))
    assert snap_compare(app, press=["enter", "1", "f", "n", "n", "2", "s"],
                        terminal_size=(80, 24))


def test_terminal_too_small(snap_compare: Snap, workspace: Workspace) -> None:
    assert snap_compare(_practice(workspace, "fx-single"), terminal_size=(36, 10))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_exam_start(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(workspace, workspace.exam(seed=3)), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_matching_question(snap_compare: Snap, workspace: Workspace,
                           size: tuple[int, int]) -> None:
    assert snap_compare(_practice(workspace, "fx-match"), press=["1", "2"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_matching_feedback(snap_compare: Snap, workspace: Workspace,
                           size: tuple[int, int]) -> None:
    assert snap_compare(_practice(workspace, "fx-match"), press=["1", "1", "2", "enter"],
                        terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case_study_question(snap_compare: Snap, workspace: Workspace,
                             size: tuple[int, int]) -> None:
    bank = workspace.bank()
    spec = bank.exam._replace(case_studies=1)
    session = Session(bank, make_items(draw_exam(bank.questions, spec, 1), 1), Mode.EXAM,
                      seed=1, time_limit=spec.minutes * 60.0,
                      scenarios=workspace.catalog.scenarios, recorder=workspace.recorder(),
                      clock=workspace.clock)
    first = next(p for p, q in enumerate(session.items.questions) if q.case is not None)
    keys = ["enter", *["n"] * (first + 1), "1"]  # the case's second question, answered
    assert snap_compare(make_app(workspace, session), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_preview(snap_compare: Snap, size: tuple[int, int]) -> None:
    workspace = Workspace.open([BANKS], "ana", None, record=False)
    bank = workspace.bank()
    session = Session(bank, make_items(with_case_sets(list(bank.questions), ()), 0),
                      Mode.PREVIEW, scenarios=workspace.catalog.scenarios,
                      recorder=MemoryRecorder())
    session.goto(next(p for p, q in enumerate(session.items.questions) if q.id == "fx-match"))
    assert snap_compare(make_app(workspace, session), terminal_size=size)
