"""Faults in the store during study: a full disk, a lock held by another program.

In each case the session goes on in memory, the workspace says progress is not being saved,
and what was saved before the fault is intact. (A read-only file cannot be simulated with file
modes when tests run as root; ``PRAGMA query_only`` stands in for it in tests/store.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.store import db as store_db
from quiz.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)  # don't wait 10 s in a test
    ws = Workspace.open(learner="kim", db_path=tmp_path / "p.sqlite3")
    ws.clock = FakeClock()
    return ws


def _answer_all(workspace: Workspace) -> int:
    session = workspace.practice(seed=2)
    for position in range(len(session.items)):
        session.goto(position)
        feedback = session.answer(session.item.question.correct_ids)
        assert feedback is not None and feedback.correct
    return len(session.items)


def _saved(path: Path | None) -> list[tuple[object, ...]]:
    assert path is not None
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM responses ORDER BY id").fetchall()


def test_full_disk_keeps_the_session_going(workspace: Workspace) -> None:
    _answer_all(workspace)
    before = _saved(workspace.db_path)
    assert workspace.conn is not None
    pages = workspace.conn.execute("PRAGMA page_count").fetchone()[0]
    workspace.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    for _ in range(6):  # enough answers to need a new page
        _answer_all(workspace)
    problems = workspace.problems()
    assert problems and "full" in problems[0]
    after = _saved(workspace.db_path)
    assert after[: len(before)] == before
    assert workspace.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_store_locked_by_another_program(workspace: Workspace) -> None:
    _answer_all(workspace)
    before = _saved(workspace.db_path)
    assert workspace.db_path is not None
    holder = sqlite3.connect(workspace.db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        workspace.conn.execute(f"PRAGMA busy_timeout = {store_db.BUSY_TIMEOUT_MS}")  # type: ignore[union-attr]
        answered = _answer_all(workspace)
        assert answered > 0
        assert any("locked" in p for p in workspace.problems())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _saved(workspace.db_path) == before
