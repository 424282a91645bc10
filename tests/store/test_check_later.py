"""``Workspace.open(check_later=True)``: the store's quick check runs in another thread while
the app starts (issue 16), and a workspace so opened ends up exactly as one checked at once,
under every fault, before anything can read or write the store."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest

from quiz.store.db import quick_check_file
from quiz.store.recorder import SqliteRecorder
from quiz.workspace import Workspace
from tests.reliability.faults import FAULTS, damage_a_table_page, fault, practised


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))


def _state(workspace: Workspace) -> tuple[object, ...]:
    recorder = workspace.recorder()
    return (workspace.store_problem, workspace.read_only, workspace.reading,
            type(recorder).__name__, workspace.problems())


@pytest.mark.parametrize("kind", [None, *FAULTS])
def test_a_later_check_ends_as_a_check_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str | None) -> None:
    db = tmp_path / "p.sqlite3"
    practised(db)
    states = []
    for later in (False, True):
        with fault(kind, db, monkeypatch) if kind else contextlib.nullcontext():
            workspace = Workspace.open(learner="ana", db_path=db, check_later=later)
            try:
                states.append(_state(workspace))
            finally:
                workspace.close()
    assert states[0] == states[1]
    if kind == "damaged":
        assert states[1][0] is not None and "damaged" in str(states[1][0])
        assert states[1][3] == "MemoryRecorder"  # a damaged store gets no new session
    if kind is None:
        assert states[1][3] == SqliteRecorder.__name__


def test_any_use_of_the_store_waits_for_the_check(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    practised(db)
    damage_a_table_page(db)
    workspace = Workspace.open(learner="ana", db_path=db, check_later=True)
    try:
        # no explicit settle: asking what is wrong is a use, and sees the check's verdict
        problems = workspace.problems()
        assert problems and "damaged" in problems[0]
        assert workspace.unfinished_exam() is None
    finally:
        workspace.close()


def test_the_check_runs_beside_the_caller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    db = tmp_path / "p.sqlite3"
    practised(db)
    seen: list[str] = []
    release = threading.Event()

    def slow_check(path: Path | str, busy_ms: int) -> None:
        seen.append(threading.current_thread().name)
        release.wait(10)  # a guard against a hang, not a measure: released below
        quick_check_file(path, busy_ms)

    monkeypatch.setattr("quiz.workspace.quick_check_file", slow_check)
    workspace = Workspace.open(learner="ana", db_path=db, check_later=True)
    try:
        assert workspace.catalog.banks  # open returned while the check waits
        release.set()
        workspace.settle()
        assert seen and seen[0] != threading.main_thread().name
        assert workspace.store_problem is None and workspace.reading
    finally:
        workspace.close()
