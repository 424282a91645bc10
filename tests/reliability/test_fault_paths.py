"""Under every store fault, each command ends with a message (never a traceback), study goes
on in memory, and a damaged store gets no new session. Plus `--db` naming a directory, a
FIFO or a device, and a store in a read-only folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.store.db import close, connect
from tests.reliability.faults import FAULTS, damage_a_table_page, fault, practised


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The app, replaced by one that answers a question of the session it is given."""
    import quiz.tui.app

    ran: list[Any] = []

    class FakeApp:
        def __init__(self, workspace: Any, session: Any = None, **options: Any) -> None:
            self.workspace, self.session = workspace, session

        def run(self) -> None:
            session = self.session or self.workspace.practice(seed=1)
            session.answer(session.item.question.correct_ids)
            ran.append(session)

        def close_sessions(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    monkeypatch.setattr(quiz.tui.app, "make_app", FakeApp)
    # the fake app needs no terminal (CliRunner gives the command none)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    return ran


def _clean(result: Result) -> None:
    """Ended by a message or normally, not by an exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("kind", FAULTS)
def test_quiz_review_ends_with_a_message_under_each_fault(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: list[Any],
) -> None:
    db = tmp_path / "p.sqlite3"
    practised(db)
    args = ["--learner", "ana", "--db", str(db)]
    with fault(kind, db, monkeypatch):
        counts = CliRunner().invoke(cli, ["review", "--counts", *args])
        review = CliRunner().invoke(cli, ["review", *args])
        home = CliRunner().invoke(cli, ["practice", *args])
    for result in (counts, review, home):
        _clean(result)
    assert "not being saved" in home.output or "cannot be used" in home.output
    assert fake_app, "practice went on in memory"


def test_a_damaged_store_gets_no_new_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: list[Any],
) -> None:
    db = tmp_path / "p.sqlite3"
    practised(db)
    damage_a_table_page(db)
    before = db.read_bytes()
    done = CliRunner().invoke(cli, ["practice", "--learner", "ana", "--db", str(db)])
    _clean(done)
    assert "damaged" in done.output and "quiz doctor" in done.output
    assert fake_app and fake_app[0].answers  # study went on, in memory
    assert db.read_bytes() == before


def test_resume_when_the_store_cannot_be_opened_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # what is checked is the store, not the terminal CliRunner lacks
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    db = tmp_path / "p.sqlite3"
    db.write_bytes(b"not a store at all " * 100)
    done = CliRunner().invoke(cli, ["exam", "--resume", "--db", str(db)])
    assert done.exit_code == 1
    assert "no unfinished exam" not in done.output
    assert "cannot look for an unfinished exam" in done.output
    assert "damaged or is not a quiz store" in done.output


@pytest.fixture(params=["directory", "fifo", "device"])
def special(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "here").mkdir()
    path = tmp_path / "here" / "store"
    if request.param == "directory":
        path.mkdir()
    elif request.param == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/null")
    yield path


@pytest.mark.parametrize("command", [["practice"], ["review", "--counts"], ["doctor"],
                                     ["doctor", "--repair"], ["exam", "--resume"]])
def test_db_naming_a_special_file_is_a_clear_error(
    special: Path, command: list[str], fake_app: list[Any],
) -> None:
    before = sorted(os.listdir(special.parent))
    env = {**os.environ}
    # a child process with a timeout: a FIFO must never make a command wait
    done = subprocess.run(
        [sys.executable, "-m", "quiz", *command, "--db", str(special)], env=env,
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    said = done.stdout + done.stderr
    assert done.returncode in (1, 2), said  # 2: click's own refusal of a directory
    assert "Traceback" not in said and "internal error" not in said
    assert str(special) in said
    assert "not a regular file" in said or "is a directory" in said
    assert sorted(os.listdir(special.parent)) == before  # no -journal, -wal or -shm


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "collected"
    folder.mkdir()
    db = folder / "ana.sqlite3"
    practised(db)
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield db
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_doctor_in_a_read_only_folder(read_only_folder: Path) -> None:
    db = read_only_folder
    done = CliRunner().invoke(cli, ["doctor", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "healthy" in done.output and "problem" not in done.output
    assert sorted(os.listdir(db.parent)) == [db.name]


def test_doctor_repair_in_a_read_only_folder_explains(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "p.sqlite3"
    practised(db)
    conn = connect(db)
    # tampered by another program, which can drop a trigger and ignore the CHECKs
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("DROP TRIGGER responses_update_closed")
    conn.execute("UPDATE responses SET time_ms = -5 WHERE id = 1")
    close(conn)
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        done = CliRunner().invoke(cli, ["doctor", "--db", str(db), "--repair"])
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    _clean(done)
    assert done.exit_code == 1
    assert "cannot be written" in done.output and "copy the store" in done.output


def test_doctor_finds_a_damaged_table_page(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    practised(db)
    damage_a_table_page(db)
    done = CliRunner().invoke(cli, ["doctor", "--db", str(db)])
    _clean(done)
    assert done.exit_code == 1 and "problem:" in done.output
    assert "--repair" in done.output
    repaired = CliRunner().invoke(cli, ["doctor", "--db", str(db), "--repair"])
    _clean(repaired)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
