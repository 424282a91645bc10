"""Fixtures for plain mode: the fixture bank, a store in tmp_path, a clock moved by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.workspace import Workspace
from tests.plain.plain_helpers import BANKS, WorkspaceFactory


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def open_workspace(db: Path, clock: FakeClock) -> WorkspaceFactory:
    """A workspace on the fixture bank and the test's store (again, after a 'crash')."""

    def opened(*banks: Path, learner: str = "ana") -> Workspace:
        workspace = Workspace.open(list(banks) or [BANKS], learner, db)
        workspace.clock = clock
        return workspace

    return opened
