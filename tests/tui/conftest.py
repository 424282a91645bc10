"""Fixtures for the app's tests: a fixed bank, a store in tmp_path, a clock moved by hand.

Nothing here touches the learner's real folders: QUIZ_DB and QUIZ_CACHE_DIR point into
tmp_path for every test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.workspace import Workspace
from tests.tui.tui_helpers import BANKS, WorkspaceFactory, record_notices


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


@pytest.fixture(autouse=True)
def recorded_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app's notifications, for tui_helpers.notices (no private Textual attribute)."""
    record_notices(monkeypatch)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def open_workspace(db: Path, clock: FakeClock) -> WorkspaceFactory:
    """Open a workspace on the fixture bank and the test's store (again, after a 'crash')."""

    def opened(*banks: Path, learner: str = "ana") -> Workspace:
        workspace = Workspace.open(list(banks) or [BANKS], learner, db)
        workspace.clock = clock
        return workspace

    return opened


@pytest.fixture
def workspace(open_workspace: WorkspaceFactory) -> Workspace:
    return open_workspace()
