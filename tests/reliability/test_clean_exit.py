"""A normal exit leaves every answer in the store file itself, not in its ``-wal`` log.

An instructor copies the ``.sqlite3`` file alone (``quiz report --class ana.sqlite3``); that
copy must hold every answer. And a copy made while the log still held the answers must not be
diagnosed as an old store to repair.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.engine.clock import FakeClock
from quiz.store.db import connect
from quiz.store.readonly import open_readonly
from quiz.workspace import Workspace


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


def _answer_some(workspace: Workspace, count: int = 5) -> int:
    session = workspace.practice(seed=3)
    for position in range(min(count, len(session.items))):
        session.goto(position)
        session.answer(session.item.question.correct_ids)
    return len(session.answers)


def _copied_alone(path: Path, folder: Path) -> Path:
    """What an instructor gets by copying the store file and nothing beside it."""
    folder.mkdir()
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy


def _responses_in(path: Path) -> int:
    conn = open_readonly(path)
    try:
        return int(conn.execute("SELECT count(*) FROM responses").fetchone()[0])
    finally:
        conn.close()


def test_closing_the_workspace_puts_every_answer_in_the_file(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    workspace = Workspace.open(learner="ana", db_path=db)
    workspace.clock = FakeClock()
    answered = _answer_some(workspace)
    workspace.close()
    assert workspace.conn is None
    assert not Path(f"{db}-wal").exists()
    assert _responses_in(_copied_alone(db, tmp_path / "copy")) == answered
    workspace.close()  # twice is harmless


def test_the_workspace_is_a_context_manager(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with Workspace.open(learner="ana", db_path=db) as workspace:
        answered = _answer_some(workspace, 3)
    assert workspace.conn is None
    assert _responses_in(_copied_alone(db, tmp_path / "copy")) == answered


def test_the_cli_closes_the_store_when_the_app_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quiz.tui.app
    from quiz.cli.main import cli

    answered: list[int] = []

    class FakeApp:
        """Stands in for the app: answers what the workspace gives, then 'exits'."""

        def __init__(self, workspace: Workspace, *args: Any, **options: Any) -> None:
            self.workspace = workspace

        def run(self) -> None:
            answered.append(_answer_some(self.workspace, 4))

        def close_sessions(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    monkeypatch.setattr(quiz.tui.app, "make_app", FakeApp)
    # the fake app needs no terminal (CliRunner gives the command none)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    db = tmp_path / "p.sqlite3"
    done = CliRunner().invoke(cli, ["practice", "--learner", "ana", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert answered and answered[0] > 0
    assert not Path(f"{db}-wal").exists()
    assert _responses_in(_copied_alone(db, tmp_path / "copy")) == answered[0]


def test_doctor_on_a_copy_made_without_its_log_points_the_right_way(tmp_path: Path) -> None:
    from quiz.cli.main import cli

    db = tmp_path / "p.sqlite3"
    live = connect(db)  # a running app: everything so far is in the log
    live.execute("INSERT INTO learners (name, created_at) VALUES ('ana', '')")
    try:
        copy = _copied_alone(db, tmp_path / "copy")
    finally:
        live.close()
    done = CliRunner().invoke(cli, ["doctor", "--db", str(copy)])
    assert done.exit_code == 1
    assert "--repair" not in done.output
    assert "schema 0" not in done.output
    assert "-wal" in done.output and "copy" in done.output
    assert sorted(os.listdir(copy.parent)) == ["p.sqlite3"]  # doctor wrote nothing beside it
    with sqlite3.connect(db) as conn:  # the original, properly closed, is complete
        assert conn.execute("SELECT name FROM learners").fetchall() == [("ana",)]
