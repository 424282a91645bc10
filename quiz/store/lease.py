"""Who has an open exam: one process at a time, by a lease in the store.

A lease row names the host, the process id and a random token of the window that has the exam
open, and a heartbeat (Unix time) that the window refreshes while it runs. Another window may
take the exam over only when the owner is gone: its process no longer exists on this host, or
its heartbeat is older than ``STALE_SECONDS`` (another host, or a process that stopped). The
owner finds out at its next write (``beat`` returns False) and stops saving.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time

from quiz.errors import QuizError

STALE_SECONDS = 90.0
"""A heartbeat older than this means the owner is gone (the app beats every 15 s)."""


class ExamOpenElsewhere(QuizError):
    """The exam is open in another window that is still running."""


def _host() -> str:
    return socket.gethostname()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # it exists but belongs to someone else
    try:  # a killed process its parent has not yet waited for is a zombie: gone too
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def holder(conn: sqlite3.Connection, session_id: int, token: str,
           now: float | None = None) -> str | None:
    """Who else holds the lease and is still there (for the message), or None."""
    row = conn.execute("SELECT host, pid, token, heartbeat FROM leases WHERE session_id = ?",
                       (session_id,)).fetchone()
    if row is None or row[2] == token:
        return None
    host, pid, _token, heartbeat = row
    at = time.time() if now is None else now
    if at - float(heartbeat) > STALE_SECONDS:
        return None
    if host == _host() and not _alive(int(pid)):
        return None
    return f"process {pid} on {host}" if host != _host() else f"process {pid}"


def take(conn: sqlite3.Connection, session_id: int, token: str) -> None:
    """Make ``token`` the exam's owner (inside the caller's transaction); raise
    ``ExamOpenElsewhere`` when a live window owns it."""
    other = holder(conn, session_id, token)
    if other is not None:
        raise ExamOpenElsewhere(
            f"this exam is open in another quiz window ({other}). Finish it or quit it "
            "there first (quitting keeps it resumable), then resume it here. Only one window "
            "at a time can hold an exam, so that no answer is lost or counted twice.")
    conn.execute(
        "INSERT INTO leases (session_id, host, pid, token, heartbeat) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (session_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,"
        " token = excluded.token, heartbeat = excluded.heartbeat",
        (session_id, _host(), os.getpid(), token, time.time()))


def beat(conn: sqlite3.Connection, session_id: int, token: str) -> bool:
    """Refresh the heartbeat; False when the lease is no longer ours (taken over)."""
    cursor = conn.execute("UPDATE leases SET heartbeat = ? WHERE session_id = ? AND token = ?",
                          (time.time(), session_id, token))
    return cursor.rowcount == 1


def release(conn: sqlite3.Connection, session_id: int, token: str) -> None:
    """Give the exam up (the window closes; the exam stays resumable)."""
    conn.execute("DELETE FROM leases WHERE session_id = ? AND token = ?", (session_id, token))
