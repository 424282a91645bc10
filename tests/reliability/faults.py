"""Store faults for tests: a read-only file, a lock held by another program, a full disk,
a damaged table page. Each is applied to an existing store and undone afterwards."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FAULTS = ("read-only", "locked", "full", "damaged")


def damage_a_table_page(db: Path) -> None:
    """Overwrite the middle of the responses table's root page; the header stays intact."""
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'responses'"
                            ).fetchone()[0]
    conn.close()
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff\x13garbage" * 40)


class FullDisk:
    """A connection on a disk with no room left: every statement that writes fails as
    SQLite fails then (``PRAGMA max_page_count`` cannot be made to bite reliably: a small
    write fits in a page's free space)."""

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ()
                ) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(self.WRITES):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, parameters)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


@contextmanager
def fault(kind: str, db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The store at ``db`` (closed, no -wal) under ``kind`` for the duration."""
    from quiz.store import db as store_db

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)  # don't wait 10 s in a test
    if kind == "read-only":
        subprocess.run(["chattr", "+i", str(db)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(db)], check=True)
    elif kind == "locked":
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
    elif kind == "full":
        import quiz.workspace

        real = store_db.connect

        def full(path: Path | str, **options: Any) -> sqlite3.Connection:
            return FullDisk(real(path, **options))  # type: ignore[return-value]

        monkeypatch.setattr(quiz.workspace, "connect", full)
        yield
    elif kind == "damaged":
        damage_a_table_page(db)
        yield
    else:
        raise ValueError(kind)


def practised(db: Path, learner: str = "ana", wrong: int = 4) -> None:
    """A store where the learner got some questions wrong (cards not yet brought up to
    date, so the next home screen has cards to write)."""
    from quiz.engine.clock import FakeClock
    from quiz.workspace import Workspace

    with Workspace.open(learner=learner, db_path=db) as workspace:
        workspace.clock = FakeClock()
        session = workspace.practice(seed=2)
        for position in range(wrong):
            session.goto(position)
            session.answer(("nope",))
        session.submit()
