"""The home screen under store faults: it opens, says progress is not being saved, and
practice goes on in memory (it used to crash while updating spaced-repetition cards)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from quiz.tui.app import make_app
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.widgets.store_warning import StoreWarning
from quiz.workspace import Workspace
from tests.reliability.faults import FAULTS, fault, practised
from tests.tui.exam_keys import right_keys
from tests.tui.tui_helpers import BANKS, current, screen_text, until


@pytest.mark.parametrize("kind", FAULTS)
async def test_home_goes_on_in_memory_under_each_fault(
    kind: str, db: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    practised(db)
    with fault(kind, db, monkeypatch):
        workspace = Workspace.open([BANKS], "ana", db)
        app = make_app(workspace)
        async with app.run_test(size=(100, 40)) as pilot:
            assert isinstance(app.screen, HomeScreen)
            assert app.screen.query_one(StoreWarning).display
            assert "Progress is not being saved" in screen_text(app)
            # a fixed seed (the field's default is a random draw), and keys that answer
            # whatever comes first (a matching item refuses a single '1')
            app.screen.query_one("#seed", Input).value = "1"
            await pilot.pause()
            await pilot.press("1")
            # the answer's keys wait for the practice screen's question to be mounted (they
            # were sometimes pressed while the screens were switching: no feedback followed)
            await until(pilot, lambda: isinstance(app.screen, PracticeScreen)
                        and app.screen.view is not None and app.screen.view.choices.is_mounted,
                        "practice showing its first question")
            screen = current(app)
            assert isinstance(screen, PracticeScreen)
            assert screen.session.seed == 1
            await pilot.press(*right_keys(screen.session.item), "enter")
            await until(pilot, lambda: screen.query("#feedback"), "feedback after an answer")
            assert screen.session.answers  # study goes on: answered, in memory
            await pilot.press("q")
        assert app.return_code == 0
    assert workspace.problems()
