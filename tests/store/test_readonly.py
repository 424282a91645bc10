"""The one read-only opener: it reads a healthy store wherever it is and never writes.

A store in a read-only folder (an instructor's collected copies, a mounted share) must be
readable, and opening must never leave ``-wal``, ``-shm`` or ``-journal`` files behind.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.errors import QuizError
from quiz.store.db import connect
from quiz.store.readonly import is_store, open_readonly


def _store(folder: Path) -> Path:
    path = folder / "p.sqlite3"
    conn = connect(path)
    conn.execute("INSERT INTO learners (name, created_at) VALUES ('kim', '')")
    conn.close()
    # a plain close of the last connection removes the log; what stays is the store itself
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return path


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Path]:
    """A folder nothing can be created in, even by root (chattr +i)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _store(folder)
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_reads_a_wal_store_in_a_read_only_folder(frozen: Path) -> None:
    with pytest.raises(OSError):
        (frozen.parent / "probe").touch()  # the folder really is read-only
    conn = open_readonly(frozen)
    try:
        assert conn.execute("SELECT name FROM learners").fetchall() == [("kim",)]
    finally:
        conn.close()
    assert sorted(os.listdir(frozen.parent)) == ["p.sqlite3"]


def test_leaves_no_side_files(tmp_path: Path) -> None:
    path = _store(tmp_path)
    conn = open_readonly(path)
    assert conn.execute("SELECT count(*) FROM learners").fetchone() == (1,)
    conn.close()
    assert sorted(os.listdir(tmp_path)) == ["p.sqlite3"]


def test_never_writes(tmp_path: Path) -> None:
    conn = open_readonly(_store(tmp_path))
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("INSERT INTO learners (name, created_at) VALUES ('x', '')")
    conn.close()


def test_sees_answers_still_in_the_log_of_an_open_store(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    writer = connect(path)
    writer.execute("INSERT INTO learners (name, created_at) VALUES ('kim', '')")
    try:
        assert Path(f"{path}-wal").exists()
        conn = open_readonly(path)
        assert conn.execute("SELECT name FROM learners").fetchall() == [("kim",)]
        conn.close()
    finally:
        writer.close()


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_special_files_are_refused_without_side_files(tmp_path: Path, kind: str) -> None:
    if kind == "directory":
        path = tmp_path / "p.sqlite3"
        path.mkdir()
    elif kind == "fifo":
        path = tmp_path / "p.sqlite3"
        os.mkfifo(path)
    else:
        path = Path("/dev/null")
    before = sorted(os.listdir(path.parent))
    with pytest.raises(QuizError) as caught:
        open_readonly(path)
    assert str(path) in str(caught.value)
    assert "not a regular file" in str(caught.value) or "directory" in str(caught.value)
    assert not is_store(path)  # and it does not wait for a writer on the FIFO
    assert sorted(os.listdir(path.parent)) == before


def test_is_store_tells_sqlite_from_text(tmp_path: Path) -> None:
    text = tmp_path / "e.jsonl"
    text.write_text('{"type": "export"}\n')
    assert is_store(_store(tmp_path))
    assert not is_store(text)


def test_not_a_store(tmp_path: Path) -> None:
    other = tmp_path / "o.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(QuizError, match="not a quiz progress store"):
        open_readonly(other)
    with pytest.raises(QuizError, match="no progress store here"):
        open_readonly(tmp_path / "missing.sqlite3")
