"""Opening the store: WAL mode, a busy timeout, migrations, and clear errors.

Two app processes may write at once (WAL lets readers and one writer overlap; the busy
timeout makes the second writer wait instead of failing). A file that is not a database, is
damaged, or was written by a newer version is refused with a message, and never modified.
A path that is not a regular file (a directory, a FIFO, a device) is refused before SQLite
sees it, so nothing (a ``-journal``) appears beside it and nothing waits on a FIFO.

``close`` ends a connection the way every exit must: the log is checkpointed into the store
file and truncated, so that the ``.sqlite3`` file alone holds every answer (an instructor
copies just that file).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from quiz.errors import StoreError
from quiz.store.readonly import regular_store_file
from quiz.store.schema import MIGRATIONS, SCHEMA_VERSION, statements

BUSY_TIMEOUT_MS = 10_000
"""How long writing an answer waits for another program's lock."""
OPEN_TIMEOUT_MS = 1_500
"""How long opening (migrations, the quick check, the card sync) waits for a lock: the
app's first paint waits on it, so it is short, and a store still locked after it is read
read-only with the "not being saved" notice."""
CLOSE_TIMEOUT_MS = 1_000
"""How long the closing checkpoint waits for other connections (it is skipped after)."""


def open_wait_ms() -> int:
    """The open phase's wait: short, and never longer than the writing wait (tests shorten
    that one)."""
    return min(OPEN_TIMEOUT_MS, BUSY_TIMEOUT_MS)


def connect(path: Path | str, *, create: bool = True,
            busy_ms: int | None = None) -> sqlite3.Connection:
    """Open (and if needed create and migrate) the store at ``path``; ``busy_ms`` is how
    long to wait for a lock (default ``BUSY_TIMEOUT_MS``; set it with ``set_wait``)."""
    wait = BUSY_TIMEOUT_MS if busy_ms is None else busy_ms
    where = str(path)
    memory = where == ":memory:"
    if not memory:
        file = Path(where)
        if regular_store_file(file) is None and not create:
            raise StoreError(f"{file}: no progress store here")
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{file.parent}: cannot create the folder for the progress "
                             f"store ({exc.strerror}); pass --db PATH or set QUIZ_DB") from None
    try:
        conn = sqlite3.connect(where, timeout=wait / 1000, isolation_level=None)
        set_wait(conn, wait)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(_explain(where, exc)) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{where}: this progress store was written by a newer version of quiz (schema "
            f"{version}, this version knows {SCHEMA_VERSION}); upgrade quiz. The file was left "
            "untouched."
        )
    try:
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # before foreign keys are on: a migration that rebuilds a table drops the old one,
        # which with foreign keys on would first delete every row that refers to it
        _migrate(conn, version)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(_explain(where, exc)) from None
    return conn


def set_wait(conn: sqlite3.Connection, busy_ms: int) -> None:
    """How long the connection's next statements wait for another program's lock."""
    conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the lock: another process may have migrated meanwhile
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block in one write transaction: ``BEGIN IMMEDIATE`` (waiting for the write
    lock up front, so no reader-to-writer upgrade can deadlock), ``COMMIT`` at the end and
    ``ROLLBACK`` on any exception. Inside a transaction the caller already opened, the block
    joins it and commits nothing (the caller's commit or rollback decides)."""
    joined = conn.in_transaction
    if not joined:
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # SQLite may already have rolled back (a full disk does); don't mask the cause
        if not joined and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not joined:
        conn.execute("COMMIT")


def close(conn: sqlite3.Connection | None, *, checkpoint: bool = True) -> None:
    """Checkpoint the log into the store file, then close; safe to call on anything.

    A checkpoint that cannot run (a read-only file, another program's lock, a connection that
    is already closed) is skipped after a short wait: closing must never fail nor hang, and
    SQLite checkpoints at the next clean close anyway. ``checkpoint=False`` (a store that
    just failed) closes at once.
    """
    if conn is None:
        return
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        set_wait(conn, min(CLOSE_TIMEOUT_MS, BUSY_TIMEOUT_MS) if checkpoint else 0)
        if checkpoint:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with contextlib.suppress(sqlite3.Error):
        conn.close()


def quick_check(conn: sqlite3.Connection, where: str) -> None:
    """Raise ``StoreError`` when SQLite's quick check finds the store damaged.

    The app runs it when it opens the store, so that it never writes a new session into a
    store whose pages are damaged (the learner would lose those answers at the repair).
    """
    try:
        found = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        raise StoreError(_explain(where, exc)) from None
    if found != ["ok"]:
        # findings come as text blocks with a "*** in database main ***" heading
        lines = [line.strip() for line in "\n".join(found).splitlines()
                 if line.strip() and not line.startswith("***")]
        first = lines[0] if lines else "quick check failed"
        raise StoreError(f"{where}: the progress store is damaged ({first}). It was left "
                         "untouched; run `quiz doctor` to check it and `quiz doctor --repair` "
                         "to save what can be saved.")


def quick_check_file(path: Path | str, busy_ms: int) -> None:
    """``quick_check`` through a connection of its own, closed after: the check can run in
    another thread while the caller goes on (SQLite checks without holding the interpreter
    lock). Raises ``StoreError`` with the same messages."""
    where = str(path)
    try:
        conn = sqlite3.connect(where, timeout=busy_ms / 1000, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        raise StoreError(_explain(where, exc)) from None
    try:
        quick_check(conn, where)
    finally:
        conn.close()


def _explain(where: str, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "CHECK constraint failed" in text:
        return (f"{where}: the progress store holds values quiz never writes ({text}); it "
                "was left untouched. Run `quiz doctor` to see them and `quiz doctor "
                "--repair` to set them aside.")
    if "not a database" in text or "malformed" in text:
        return (f"{where}: the progress store is damaged or is not a quiz store ({text}). "
                "It was left untouched; run `quiz doctor` to check and repair it, or pass "
                "--db PATH to use another file.")
    if "readonly" in text or "read-only" in text:
        return f"{where}: the progress store is read-only ({text})."
    if "locked" in text:
        return f"{where}: another program holds the progress store locked ({text}); try again."
    if "unable to open" in text:
        return f"{where}: cannot open the progress store ({text}); check the path and rights."
    return f"{where}: the progress store cannot be used ({text})."
