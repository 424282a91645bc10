"""A store that cannot be written but can be read (a read-only file, another program's lock,
a full disk) still shows the learner's history: the workspace reads it through a read-only
connection, new answers go to memory with the "not being saved" notice, and due reviews are
computed from the answers in memory when the cards cannot be written. Opening never waits
long for a lock (one short wait per open), readers never write, and asking for an unfinished
exam does not create a store."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.store import db as store_db
from quiz.store.cards import due_counts
from quiz.workspace import Workspace
from tests.reliability.faults import practised


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _truth(db: Path) -> tuple[int, int]:
    """Sessions and answers in the store, and due reviews this week, as a writable copy
    computes them (the cards brought up to date)."""
    copy = db.with_name("truth.sqlite3")
    copy.write_bytes(db.read_bytes())
    conn = store_db.connect(copy)
    try:
        sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        week = due_counts(conn, "ana", _later()).week
    finally:
        store_db.close(conn)
    return sessions, week


def _later() -> Any:
    from datetime import datetime, timedelta

    return datetime.now().astimezone() + timedelta(days=2)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A store with one practice session whose cards were never built."""
    db = tmp_path / "p.sqlite3"
    practised(db)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM cards")
    conn.commit()
    conn.close()
    return db


@pytest.fixture
def frozen(history: Path) -> Iterator[Path]:
    """The store file made read-only even for root (chattr +i)."""
    subprocess.run(["chattr", "+i", str(history)], check=True)
    try:
        yield history
    finally:
        subprocess.run(["chattr", "-i", str(history)], check=True)


@pytest.fixture
def locked(history: Path) -> Iterator[Path]:
    """Another program holds the store's write lock (`sqlite3 S` then BEGIN EXCLUSIVE)."""
    other = sqlite3.connect(history, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield history
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_read_only_store_still_shows_the_learners_history(frozen: Path) -> None:
    sessions, week = _truth(frozen)
    assert sessions == 1 and week > 0
    before = _md5(frozen)
    with Workspace.open(learner="ana", db_path=frozen) as workspace:
        assert any("not being saved" in p for p in workspace.problems())
        report = workspace.progress(now=_later())
        assert report.learners[0].overall.sessions == 1
        assert report.learners[0].overall.answers > 0
        due = workspace.due_summary(_later())
        assert due is not None and due.week == week
        session = workspace.practice(seed=3)  # study goes on, in memory
        session.answer(session.item.question.correct_ids)
        assert workspace.unfinished_exam() is None
    assert _md5(frozen) == before


@pytest.mark.parametrize("fault", ["frozen", "locked"])
def test_review_counts_are_computed_from_the_answers(fault: str,
                                                     request: pytest.FixtureRequest) -> None:
    db: Path = request.getfixturevalue(fault)
    _truth(db)  # makes the writable copy beside the store
    from datetime import datetime

    copy = db.with_name("truth.sqlite3")
    conn = store_db.connect(copy)
    week = due_counts(conn, "ana", datetime.now().astimezone()).week
    store_db.close(conn)
    assert week > 0
    done = CliRunner().invoke(cli, ["review", "--counts", "--learner", "ana", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert f"due in the next 7 days: {week}" in done.output


def test_opening_a_locked_store_waits_once_and_briefly(
        locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the long (answer-writing) timeout at ten minutes, opening, the home screen's
    questions and the progress report must be done long before one such wait: the open
    phase waits once, briefly, then carries on read-only. (A hang detector, not a speed
    test: the join's limit is a fifth of one long wait.)"""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 600_000)
    results: list[Any] = []

    def home_screen() -> None:
        with Workspace.open(learner="ana", db_path=locked) as workspace:
            results.append(workspace.unfinished_exam())
            results.append(workspace.due_summary())
            results.append(workspace.progress().learners[0].overall.sessions)
            results.append(workspace.problems())

    worker = threading.Thread(target=home_screen, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "opening waited for the other program's lock"
    assert results[2] == 1
    assert any("not being saved" in p for p in results[3])


def test_report_writes_nothing(history: Path) -> None:
    before, files = _md5(history), sorted(p.name for p in history.parent.iterdir())
    done = CliRunner().invoke(cli, ["report", "--learner", "ana", "--db", str(history)])
    assert done.exit_code == 0, done.output
    assert "due" in done.output.lower()
    assert _md5(history) == before
    assert sorted(p.name for p in history.parent.iterdir()) == files


def test_resume_without_a_store_creates_none(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    db = tmp_path / "new" / "p.sqlite3"
    done = CliRunner().invoke(cli, ["exam", "--resume", "--db", str(db)])
    assert done.exit_code == 1
    assert "no unfinished exam" in done.output
    assert not db.exists() and not db.parent.exists()
