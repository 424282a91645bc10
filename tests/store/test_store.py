"""The progress store: migrations, durable answers, resume, and refusing files it must not touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.engine.session import Mode, SessionClosed
from quiz.errors import StoreError
from quiz.store.db import connect
from quiz.store.schema import SCHEMA_VERSION
from quiz.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace.open(learner="ana", db_path=tmp_path / "progress.sqlite3")
    ws.clock = FakeClock()
    return ws


def _count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as other:  # a second connection sees only committed rows
        return int(other.execute(sql).fetchone()[0])


def test_new_store_is_migrated_to_the_current_version(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"learners", "sessions", "responses", "flags", "cards"} <= tables


def test_store_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        connect(path)
    assert path.read_bytes() == before


def test_corrupt_store_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"this is not a database at all\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="quiz doctor"):
        connect(path)
    assert path.read_bytes() == before


def test_each_practice_answer_is_committed_when_given(workspace: Workspace) -> None:
    assert workspace.db_path is not None
    session = workspace.practice(seed=4)
    for n in range(1, 4):
        session.goto(n - 1)
        session.answer(session.item.question.correct_ids)
        assert _count(workspace.db_path, "SELECT count(*) FROM responses") == n


def test_changing_an_exam_answer_replaces_it(workspace: Workspace) -> None:
    assert workspace.db_path is not None
    exam = workspace.exam(seed=2)
    first, second = exam.item.order[0], exam.item.order[1]
    exam.answer([first])
    exam.answer([second])
    rows = sqlite3.connect(workspace.db_path).execute("SELECT answer FROM responses").fetchall()
    assert rows == [(f'["{second}"]',)]


def test_interrupted_exam_resumes_with_answers_flags_position_and_time(
    workspace: Workspace, tmp_path: Path
) -> None:
    exam = workspace.exam(seed=9)
    assert exam.time_limit is not None
    exam.answer([exam.item.order[0]])
    exam.next()
    exam.toggle_flag()
    exam.answer([exam.item.order[-1]])
    assert isinstance(workspace.clock, FakeClock)
    workspace.clock.advance(125)
    exam.next()  # saves the position and the time used, as any event does
    # the process dies: its lease on the exam is left behind, with a heartbeat that stops
    assert workspace.conn is not None
    workspace.conn.execute("UPDATE leases SET heartbeat = heartbeat - 3600")
    # a new process: nothing in memory survives, only the file
    again = Workspace.open(learner="ana", db_path=tmp_path / "progress.sqlite3")
    unfinished = again.unfinished_exam()
    assert unfinished is not None
    resumed = again.resume(unfinished)
    assert resumed.mode is Mode.EXAM
    assert [i.question.id for i in resumed.items] == [i.question.id for i in exam.items]
    assert [i.order for i in resumed.items] == [i.order for i in exam.items]
    assert resumed.current == 2
    assert resumed.flags == {1}
    assert {p: a.choice_ids for p, a in resumed.answers.items()} == {
        p: a.choice_ids for p, a in exam.answers.items()
    }
    remaining = resumed.remaining()
    assert remaining is not None
    assert exam.time_limit - 125 - 1 < remaining <= exam.time_limit - 125


def test_an_exam_stores_its_questions_and_orders_and_practice_stores_none(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Exams resume exactly, so their questions and orders are kept; a practice session
    draws from the whole bank by its stored seed and filters, and a list of every question
    would cost 150 kB a session at 10,000 questions."""
    import json

    exam, practice = workspace.exam(seed=3), workspace.practice(seed=3)
    with sqlite3.connect(tmp_path / "progress.sqlite3") as other:
        stored = dict(other.execute("SELECT mode, items FROM sessions").fetchall())
    assert json.loads(stored["exam"]) == [[i.question.id, list(i.order)] for i in exam.items]
    assert json.loads(stored["practice"]) == []
    assert len(practice.items) > 100


def test_submitted_exam_is_final(workspace: Workspace) -> None:
    exam = workspace.exam(seed=1)
    exam.submit()
    with pytest.raises(SessionClosed):
        exam.answer([exam.item.order[0]])
    assert workspace.unfinished_exam() is None


def test_timer_expiry_submits_and_stores_the_status(workspace: Workspace) -> None:
    assert workspace.db_path is not None
    exam = workspace.exam(seed=1)
    assert isinstance(workspace.clock, FakeClock) and exam.time_limit is not None
    workspace.clock.advance(exam.time_limit + 30)
    assert exam.check_time() is True
    status = sqlite3.connect(workspace.db_path).execute(
        "SELECT status, elapsed FROM sessions WHERE id = ?", (exam.id,)).fetchone()
    assert status == ("submitted", exam.time_limit)


def test_unwritable_store_keeps_the_session_going_and_says_so(
    workspace: Workspace,
) -> None:
    assert workspace.conn is not None and workspace.db_path is not None
    session = workspace.practice(seed=3)
    session.answer(session.item.question.correct_ids)
    saved = _count(workspace.db_path, "SELECT count(*) FROM responses")
    workspace.conn.execute("PRAGMA query_only = ON")  # every later write now fails
    session.next()
    feedback = session.answer(session.item.question.correct_ids)
    assert feedback is not None and feedback.correct
    assert any("not being saved" in p for p in workspace.problems())
    assert _count(workspace.db_path, "SELECT count(*) FROM responses") == saved


def test_store_that_cannot_be_opened_leaves_study_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 500)
    ws = Workspace.open(learner="bo", db_path=bad)
    assert ws.conn is None
    assert ws.problems() and "not being saved" in ws.problems()[0]
    session = ws.practice(seed=1)
    assert session.answer(session.item.question.correct_ids) is not None
    assert bad.read_bytes() == b"garbage" * 500
