"""The project's one read-only opener for progress stores (reports, exports, item analysis).

Readers must work where they cannot write (a read-only folder of collected stores, a share
mounted read-only) and must never leave anything behind. SQLite's plain ``mode=ro`` does not
promise that for a store in WAL mode: it creates ``-wal`` and ``-shm`` files beside it, and in
a read-only folder it cannot open the store at all. So:

- when a ``-wal`` (or ``-journal``) file is present, another program may have answers in it
  that are not yet in the store file: open with ``mode=ro``, which reads the log;
- otherwise everything committed is in the store file itself (a clean close checkpoints the
  log and removes it), and the file is opened ``immutable``: no locks, no side files. A writer
  that starts meanwhile writes to a new log, not to the file, until its first checkpoint, so
  the snapshot read stays consistent for a report's few moments.

Only regular files are opened: a directory, FIFO or device is refused before SQLite sees it
(SQLite would otherwise create a ``-journal`` beside it or wait on the FIFO).

A damaged page may lie anywhere, so SQLite may fail at any query or any row a reader fetches.
The connection ``open_readonly`` returns turns every such failure into ``StoreReadError``,
which names the file and points to ``quiz doctor``: every reader (reports, exports, item
analysis) gets a message instead of an internal error without handling it itself. It is
still a ``sqlite3.OperationalError``, so code that falls back on a store fault keeps doing so.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from quiz.errors import StoreError
from quiz.store.schema import SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"learners", "sessions", "responses"})
READ_TIMEOUT = 1.0
"""Seconds a reader waits for another program's lock (in WAL mode readers seldom wait)."""


class StoreReadError(StoreError, sqlite3.OperationalError):
    """SQLite failed while reading a store: a message for the learner (``StoreError``) that
    code catching ``sqlite3.OperationalError`` (or any SQLite error) still recognises."""


def read_failure(where: object, exc: sqlite3.Error) -> StoreReadError:
    """The message for SQLite's ``exc`` met while reading the store at ``where``."""
    text = str(exc)
    check = f"run `quiz doctor --db {where}` to check it"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        said = (f"the progress store is damaged ({text}); {check}, and `quiz doctor --repair"
                "` to save what can be saved")
    elif "locked" in text or "busy" in text:
        said = f"another program holds the progress store locked ({text}); try again, or {check}"
    else:
        said = f"the progress store cannot be read ({text}); {check}"
    return StoreReadError(f"{where}: {said}")


class _ReadCursor(sqlite3.Cursor):
    """A cursor whose every step turns SQLite's errors into ``StoreReadError``."""

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except StoreReadError:
            raise
        except sqlite3.DatabaseError as exc:
            raise read_failure(getattr(self.connection, "where", "the progress store"),
                               exc) from None

    def execute(self, sql: str, parameters: Any = (), /) -> _ReadCursor:
        with self._reading():
            super().execute(sql, parameters)
        return self

    def executemany(self, sql: str, seq: Iterable[Any], /) -> _ReadCursor:
        with self._reading():
            super().executemany(sql, seq)
        return self

    def fetchone(self) -> Any:
        with self._reading():
            return super().fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        with self._reading():
            return super().fetchmany(self.arraysize if size is None else size)

    def fetchall(self) -> list[Any]:
        with self._reading():
            return super().fetchall()

    def __next__(self) -> Any:
        with self._reading():
            return super().__next__()


class ReadConnection(sqlite3.Connection):
    """A read-only store connection whose queries raise ``StoreReadError`` on a fault."""

    where: str = "the progress store"

    def cursor(self, factory: Any = _ReadCursor) -> Any:
        return super().cursor(factory)

    # Connection.execute does not go through ``cursor()`` in CPython: route it there
    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq: Iterable[Any], /) -> Any:
        return self.cursor().executemany(sql, seq)


def regular_store_file(path: Path) -> os.stat_result | None:
    """The store's ``stat`` when it exists; ``StoreError`` when it is not a regular file."""
    from quiz.fileio import kind_of

    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: {kind_of(info.st_mode)}, not a regular file, so not a "
                         "progress store; pass --db PATH naming a store file")
    return info


def _uri(path: Path) -> str:
    absolute = str(path.resolve())
    live = any(os.path.exists(absolute + side) for side in ("-wal", "-journal"))
    return f"file:{quote(absolute)}?" + ("mode=ro" if live else "mode=ro&immutable=1")


def open_file(path: Path) -> sqlite3.Connection:
    """Open the SQLite file at ``path`` read-only, as above, without checking what it holds
    (``quiz doctor`` looks inside files that may not be stores). ``sqlite3.Error`` passes."""
    return sqlite3.connect(_uri(path), uri=True, timeout=READ_TIMEOUT)


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing store without ever writing to it or beside it."""
    if regular_store_file(path) is None:
        raise StoreError(f"{path}: no progress store here; pass --db PATH with an existing "
                         "store")
    try:
        conn = sqlite3.connect(_uri(path), uri=True, timeout=READ_TIMEOUT,
                               factory=ReadConnection)
    except sqlite3.DatabaseError as exc:
        raise read_failure(path, exc) from None
    conn.where = str(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        conn.close()
        raise
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{path}: written by a newer version of quiz (schema {version}, this "
                         f"version knows {SCHEMA_VERSION}); upgrade quiz")
    if not tables >= REQUIRED_TABLES:
        conn.close()
        raise StoreError(f"{path}: not a quiz progress store (no responses table)")
    return conn


def is_store(path: Path) -> bool:
    """True when ``path`` is a regular file that starts like an SQLite database.

    Anything else (text, a directory, a FIFO, a device) is False, without waiting on a FIFO:
    the caller then reads it as JSON Lines, whose reader words the refusal.
    """
    try:
        # O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if isinstance(exc, IsADirectoryError):
            return False
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
    finally:
        os.close(fd)
