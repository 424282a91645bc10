"""Telling the app that a statement was queued, so that it is sent soon after the answer.

The recorder queues a statement inside the answer's transaction through the workspace's
``Journal``; this wrapper passes every call on unchanged and then tells the app, which sends
a couple of seconds later in a worker thread (never in the key press itself).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from quiz.store.outbox import Journal


class NotifyingJournal:
    """A ``Journal`` that calls ``queued()`` after each statement it queues."""

    def __init__(self, inner: Journal, queued: Callable[[], object]) -> None:
        self.inner = inner
        self.queued = queued

    def session_started(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.inner.session_started(conn, session_id)
        self.queued()

    def answered(self, conn: sqlite3.Connection, session_id: int, position: int,
                 question_type: str) -> None:
        self.inner.answered(conn, session_id, position, question_type)
        self.queued()

    def session_ended(self, conn: sqlite3.Connection, session_id: int,
                      pass_mark: float | None) -> None:
        self.inner.session_ended(conn, session_id, pass_mark)
        self.queued()
