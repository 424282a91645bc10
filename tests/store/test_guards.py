"""The store keeps its promises in SQL: CHECK constraints, and a closed session is final.

Each test writes with plain SQL, as any code path (or another program) could, and expects
the store itself to refuse.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.errors import StoreError
from quiz.store.db import close, connect
from quiz.store.schema import MIGRATIONS, SCHEMA_VERSION, statements

RESPONSE = ("INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
            " phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (?, 1, ?, 'q1', 'h', 'training', '[]', '[\"a\"]', ?, NULL, ?, 't')")
SESSION = ("INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items, started_at,"
           " status) VALUES (1, 'exam', 'b', 1, '{}', '[]', 't', ?)")


def _store(path: Path, version: int = SCHEMA_VERSION) -> sqlite3.Connection:
    if version == SCHEMA_VERSION:
        conn = connect(path)
    else:  # an older store, as an older quiz left it
        conn = sqlite3.connect(path, isolation_level=None)
        for script in MIGRATIONS[:version]:
            for statement in statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO learners (name, created_at) VALUES ('ana', '')")
    return conn


def test_a_submitted_session_takes_no_answer_flag_or_status_change(tmp_path: Path) -> None:
    conn = _store(tmp_path / "p.sqlite3")
    sid = conn.execute(SESSION, ("active",)).lastrowid
    conn.execute(RESPONSE, (sid, 0, 1.0, 100))
    conn.execute("INSERT INTO flags VALUES (?, 1)", (sid,))
    conn.execute("UPDATE sessions SET status = 'submitted', ended_at = 'e' WHERE id = ?", (sid,))
    refused = [
        (RESPONSE, (sid, 1, 0.0, 5)),
        ("UPDATE responses SET score = 0 WHERE session_id = ?", (sid,)),
        ("DELETE FROM responses WHERE session_id = ?", (sid,)),
        ("INSERT INTO flags VALUES (?, 2)", (sid,)),
        ("DELETE FROM flags WHERE session_id = ?", (sid,)),
        ("UPDATE sessions SET status = 'active' WHERE id = ?", (sid,)),
        ("UPDATE sessions SET ended_at = 'later' WHERE id = ?", (sid,)),
        ("UPDATE sessions SET closed = 0 WHERE id = ?", (sid,)),
    ]
    for sql, params in refused:
        with pytest.raises(sqlite3.IntegrityError, match="session closed"):
            conn.execute(sql, params)
    assert conn.execute("SELECT status, ended_at, closed FROM sessions").fetchone() == (
        "submitted", "e", 1)
    assert conn.execute("SELECT count(*) FROM responses").fetchone() == (1,)
    close(conn)


def test_an_active_session_still_takes_answers(tmp_path: Path) -> None:
    conn = _store(tmp_path / "p.sqlite3")
    sid = conn.execute(SESSION, ("active",)).lastrowid
    conn.execute(RESPONSE, (sid, 0, 0.5, 10))
    conn.execute("UPDATE responses SET score = 1 WHERE session_id = ?", (sid,))
    conn.execute("INSERT INTO flags VALUES (?, 0)", (sid,))
    conn.execute("DELETE FROM flags WHERE session_id = ?", (sid,))
    conn.execute("UPDATE sessions SET elapsed = 3 WHERE id = ?", (sid,))
    close(conn)


@pytest.mark.parametrize(("sql", "params"), [
    (RESPONSE, (None, 0, 1.5, 10)),
    (RESPONSE, (None, 0, -0.1, 10)),
    (RESPONSE, (None, 0, 1.0, -5)),
    (RESPONSE, (None, -1, 1.0, 5)),
    ("UPDATE sessions SET elapsed = -1", ()),
])
def test_values_quiz_never_writes_are_refused(tmp_path: Path, sql: str,
                                              params: tuple[object, ...]) -> None:
    conn = _store(tmp_path / "p.sqlite3")
    sid = conn.execute(SESSION, ("active",)).lastrowid
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(sql, tuple(sid if p is None else p for p in params))
    close(conn)


def test_an_older_store_is_migrated_with_its_rows_and_closed_sessions(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = _store(path, version=2)
    done = old.execute(SESSION, ("submitted",)).lastrowid
    open_ = old.execute(SESSION, ("active",)).lastrowid
    old.execute(RESPONSE, (done, 0, 1.0, 10))
    old.execute(RESPONSE, (open_, 0, 0.0, 10))
    old.execute("INSERT INTO flags VALUES (?, 0)", (done,))
    old.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert conn.execute("SELECT id, closed FROM sessions ORDER BY id").fetchall() == [
        (done, 1), (open_, 0)]
    assert conn.execute("SELECT count(*) FROM responses").fetchone() == (2,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(RESPONSE, (done, 1, 1.0, 10))
    conn.execute(RESPONSE, (open_, 1, 1.0, 10))
    close(conn)


def test_a_tampered_older_store_is_explained_and_repaired_by_doctor(tmp_path: Path) -> None:
    from quiz.cli.main import cli

    path = tmp_path / "old.sqlite3"
    old = _store(path, version=2)
    sid = old.execute(SESSION, ("submitted",)).lastrowid
    old.execute(RESPONSE, (sid, 0, 1.0, 10))
    old.execute(RESPONSE, (sid, 1, 7.0, -30))  # tampered: score 7, negative time
    other = old.execute(SESSION, ("finished",)).lastrowid
    old.execute("UPDATE sessions SET elapsed = -4 WHERE id = ?", (other,))
    old.close()
    with pytest.raises(StoreError, match="quiz doctor"):
        connect(path)
    checked = CliRunner().invoke(cli, ["doctor", "--db", str(path)])
    assert checked.exit_code == 1
    assert "score outside 0..1" in checked.output
    assert "1 responses with a negative time" in checked.output
    assert "1 sessions with a negative time" in checked.output
    assert "Traceback" not in checked.output
    repaired = CliRunner().invoke(cli, ["doctor", "--db", str(path), "--repair"])
    assert repaired.exit_code == 0, repaired.output
    conn = connect(path)
    assert conn.execute("SELECT score, time_ms FROM responses").fetchall() == [(1.0, 10)]
    # the session with a negative elapsed time is kept, its time set to 0 (issue 11 review)
    assert conn.execute("SELECT id, closed, elapsed FROM sessions").fetchall() == [
        (sid, 1, 0.0), (other, 1, 0.0)]
    close(conn)


def test_report_on_a_tampered_store_is_a_message(tmp_path: Path) -> None:
    from quiz.cli.main import cli

    path = tmp_path / "p.sqlite3"
    conn = _store(path)
    sid = conn.execute(SESSION, ("active",)).lastrowid
    conn.execute("PRAGMA ignore_check_constraints = ON")  # another program, not quiz
    conn.execute(RESPONSE, (sid, 0, 3.0, -10))
    conn.execute("UPDATE sessions SET status = 'submitted'")
    close(conn)
    done = CliRunner().invoke(cli, ["report", "--db", str(path), "--learner", "ana"])
    assert "Traceback" not in done.output
    assert not isinstance(done.exception, sqlite3.Error), done.exception
    checked = CliRunner().invoke(cli, ["doctor", "--db", str(path)])
    assert checked.exit_code == 1 and "score outside 0..1" in checked.output
