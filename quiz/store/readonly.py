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
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from quiz.errors import StoreError
from quiz.store.schema import SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"learners", "sessions", "responses"})


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
    return sqlite3.connect(_uri(path), uri=True)


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing store without ever writing to it or beside it."""
    if regular_store_file(path) is None:
        raise StoreError(f"{path}: no progress store here; pass --db PATH with an existing "
                         "store")
    try:
        conn = open_file(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot be read as a progress store ({exc}); run "
                         "`quiz doctor` on it") from None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: cannot be read as a progress store ({exc}); run "
                         "`quiz doctor` on it") from None
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
