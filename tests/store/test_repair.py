"""`quiz doctor --repair` keeps every sound row and says exactly what it changed; its
refusals say what the check found (a directory is not "the file", a damaged store does not
"read fine")."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.store.db import close, connect
from tests.store.store_builders import damage_page, many_answers


def _doctor(db: Path, *more: str) -> Result:
    done = CliRunner().invoke(cli, ["doctor", "--db", str(db), *more])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert "internal error" not in done.output
    return done


def _tamper(db: Path, *sql: str) -> None:
    """Another program's edits: it can drop a trigger and ignore the CHECK constraints."""
    conn = connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("DROP TRIGGER sessions_closed_are_final")
    conn.execute("DROP TRIGGER responses_update_closed")
    for statement in sql:
        conn.execute(statement)
    close(conn)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_repair_keeps_every_sound_row_of_a_tampered_store(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    many_answers(db, sessions=1, per=3)
    _tamper(db, "UPDATE responses SET score = 7.5 WHERE position = 1",
            "UPDATE responses SET time_ms = -5000 WHERE position = 2",
            "UPDATE sessions SET elapsed = -100")
    found = _doctor(db)
    assert found.exit_code == 1 and "score outside 0..1" in found.output
    done = _doctor(db, "--repair")
    said = done.output
    assert done.exit_code == 0, said
    assert "healthy now" in said
    # the session and the two sound answers are kept; the bad values are named
    assert _rows(db, "SELECT id, elapsed, closed FROM sessions") == [(1, 0.0, 1)]
    assert _rows(db, "SELECT position, score, time_ms FROM responses ORDER BY position") == [
        (0, 1.0, 900), (2, 0.0, 0)]
    assert "salvaged 1 row(s) of sessions" in said
    assert "salvaged 2 row(s) of responses" in said
    assert "dropped response 2 of session 1 (position 1): score 7.5 is outside 0..1" in said
    assert "response 3 of session 1 (position 2): time -5000 ms set to 0" in said
    assert "session 1: elapsed time -100.0 s set to 0" in said


def test_repair_drops_only_rows_that_cannot_be_kept_and_says_why(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    many_answers(db, sessions=2, per=2)
    conn = connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("DROP TRIGGER responses_update_closed")
    conn.execute("UPDATE responses SET session_id = 99 WHERE session_id = 2 AND position = 0")
    conn.execute("UPDATE responses SET confidence = 9 WHERE session_id = 1 AND position = 0")
    close(conn)
    done = _doctor(db, "--repair")
    assert done.exit_code == 0, done.output
    assert "session 99, which is not in the store" in done.output
    assert "confidence 9 set to none" in done.output
    assert _rows(db, "SELECT count(*) FROM responses") == [(3,)]
    assert _rows(db, "SELECT confidence FROM responses WHERE session_id = 1 AND position = 0"
                 ) == [(None,)]


def test_an_ended_session_left_open_is_found_and_closed(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    many_answers(db, sessions=1, per=1)
    conn = connect(db)
    conn.execute("INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items,"
                 " started_at, status, closed) VALUES (1, 'exam', 'b', 1, '{}', '[]', 't',"
                 " 'submitted', 0)")
    close(conn)
    found = _doctor(db)
    assert found.exit_code == 1
    assert "1 ended session(s) not marked closed" in found.output
    done = _doctor(db, "--repair")
    assert done.exit_code == 0, done.output
    assert _rows(db, "SELECT count(*) FROM sessions WHERE closed = 0") == [(0,)]


@pytest.fixture
def frozen_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "dir"
    folder.mkdir()
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_refusal_in_a_read_only_folder_words_what_was_found(frozen_folder: Path) -> None:
    db = frozen_folder / "dmg.sqlite3"
    many_answers(db)
    damage_page(db, 15)
    subprocess.run(["chattr", "+i", str(frozen_folder)], check=True)
    done = _doctor(db, "--repair")
    assert done.exit_code == 1
    assert "reads fine" not in done.output
    assert "cannot be written" in done.output and "damaged" in done.output


def test_repair_of_a_directory_says_directory(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    monkeypatch.setenv("QUIZ_DB", str(folder))  # --db itself refuses a directory (click)
    done = CliRunner().invoke(cli, ["doctor", "--repair"])
    assert done.exit_code == 1
    assert "the file was left untouched" not in done.output
    assert "the directory was left untouched" in done.output
