"""One background sending round, for the app's worker thread (never the UI thread).

The app calls ``send_pending`` from a thread worker every so often (and soon after answers):
it opens its own connection to the store (a connection is not shared across threads), sends
what is due with one try per batch (the backoff stored in the outbox paces the retries), and
returns the counts for the app's quiet status line (sent, pending, last error). It never
raises for the LRS being away; a configuration error comes back in ``stopped``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quiz.config import LrsConfig
from quiz.store import outbox
from quiz.xapi.sender import Sender, SyncResult


def send_pending(db_path: Path, lrs: LrsConfig, timeout: float = 10.0) -> SyncResult:
    """Send what is due from the store at ``db_path``; the counts afterwards."""
    conn = sqlite3.connect(db_path, timeout=10, isolation_level=None)
    try:
        if not outbox.has_outbox(conn):
            return SyncResult(0, 0, 0, 0, None)
        with Sender(lrs, timeout=timeout) as sender:
            return sender.drain(conn, rounds=1)
    finally:
        conn.close()


def status_line(result: SyncResult) -> str:
    """The app's quiet status: ``LRS: 12 sent · 3 pending · <last error>``."""
    parts = [f"LRS: {result.sent} sent", f"{result.pending} pending"]
    if result.failed:
        parts.append(f"{result.failed} refused")
    if result.stopped or (result.pending and result.last_error):
        parts.append(result.stopped or result.last_error or "")
    return " · ".join(parts)
