"""One exam, one window: a second window cannot take an open exam, and a window that lost
its exam (taken over, or submitted elsewhere) saves nothing more to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.engine.clock import FakeClock
from quiz.store.lease import ExamOpenElsewhere
from quiz.workspace import Workspace


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))


def _window(db: Path) -> Workspace:
    workspace = Workspace.open(learner="ana", db_path=db)
    workspace.clock = FakeClock()
    return workspace


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


def test_a_second_window_is_told_the_exam_is_open_elsewhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the CLI check below is about the store, not the terminal CliRunner lacks
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    db = tmp_path / "p.sqlite3"
    first = _window(db)
    exam = first.exam(seed=4)
    exam.answer([exam.item.order[0]])
    second = _window(db)
    unfinished = second.unfinished_exam()
    assert unfinished is not None
    with pytest.raises(ExamOpenElsewhere, match="open in another quiz window"):
        second.resume(unfinished)
    with pytest.raises(ExamOpenElsewhere, match="open in another quiz window"):
        second.discard(unfinished)  # nor abandon it under the first window's feet
    assert _rows(db, "SELECT status FROM sessions") == [("active",)]
    # the CLI says the same, in one line
    done = CliRunner().invoke(__import__("quiz.cli.main", fromlist=["cli"]).cli,
                              ["exam", "--resume", "--learner", "ana", "--db", str(db)])
    assert done.exit_code == 1 and "open in another quiz window" in done.output
    first.close()  # the first window quits: the exam stays resumable, here
    resumed = second.resume(unfinished)
    assert resumed.id == exam.id and set(resumed.answers) == {0}
    second.close()


def test_a_window_whose_exam_was_taken_over_saves_nothing_more(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    first = _window(db)
    exam = first.exam(seed=4)
    exam.answer([exam.item.order[0]])
    _rows(db, "UPDATE leases SET heartbeat = heartbeat - 3600")  # first window stalled
    second = _window(db)
    unfinished = second.unfinished_exam()
    assert unfinished is not None
    taken = second.resume(unfinished)
    taken.goto(1)
    taken.answer([taken.item.order[0]])
    exam.goto(2)
    exam.answer([exam.item.order[0]])  # the stalled window wakes up
    assert any("another quiz window" in p for p in first.problems())
    assert _rows(db, "SELECT position FROM responses ORDER BY position") == [(0,), (1,)]
    taken.submit()
    exam.submit()  # must not overwrite the end time
    assert _rows(db, "SELECT status FROM sessions") == [("submitted",)]
    first.close()
    second.close()


def test_answers_after_the_exam_was_submitted_elsewhere_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    first = _window(db)
    exam = first.exam(seed=4)
    # a second window that got hold of the same exam by a path that skips the lease
    # (an older quiz, another program): the store itself must still refuse
    second = _window(db)
    unfinished = second.unfinished_exam()
    assert unfinished is not None
    _rows(db, "DELETE FROM leases")
    other = second.resume(unfinished)
    other.submit()
    ended = _rows(db, "SELECT ended_at FROM sessions")
    exam.answer([exam.item.order[0]])
    exam.toggle_flag()
    exam.submit()
    assert _rows(db, "SELECT count(*) FROM responses") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM flags") == [(0,)]
    assert _rows(db, "SELECT ended_at FROM sessions") == ended
    assert any("another quiz window" in p for p in first.problems())
    first.close()
    second.close()


def test_a_crashed_window_leaves_the_exam_to_the_next(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    first = _window(db)
    exam = first.exam(seed=4)
    _rows(db, "UPDATE leases SET pid = 2147483646")  # a process that no longer exists
    second = _window(db)
    unfinished = second.unfinished_exam()
    assert unfinished is not None
    assert second.resume(unfinished).id == exam.id
    second.close()
    first.close()
