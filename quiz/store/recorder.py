"""Writing a session to the store as it happens: one committed transaction per event.

If a write fails (read-only file, full disk, a lock held too long), the recorder stops
writing, keeps the session going in memory and says so through ``problem``: the learner can
finish, is told that progress is not being saved, and nothing already saved is touched.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from quiz.engine.clock import utc_now
from quiz.engine.recorder import Response
from quiz.engine.session import Session
from quiz.store.learners import learner_id

T = TypeVar("T")


class SqliteRecorder:
    """A ``Recorder`` over an open store connection for one learner."""

    def __init__(self, conn: sqlite3.Connection, learner: str) -> None:
        self.conn = conn
        self.learner = learner
        self.problem: str | None = None
        self._learner_id: int | None = None
        self._memory_ids = -1

    def _write(self, action: Callable[[sqlite3.Connection], T], fallback: T) -> T:
        if self.problem is not None:
            return fallback
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                result = action(self.conn)
                self.conn.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (a full disk does); don't mask the cause
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            return result
        except sqlite3.Error as exc:
            self.problem = f"progress is not being saved: {exc}"
            return fallback

    def _lid(self, conn: sqlite3.Connection) -> int:
        if self._learner_id is None:
            self._learner_id = learner_id(conn, self.learner)
        return self._learner_id

    def start(self, session: Session) -> int:
        # An exam keeps its questions and choice orders, to be resumed exactly. Practice and
        # review keep none: they draw from a whole bank (10,000 ids would be 150 kB a session,
        # written before the first question), their draw follows from the stored seed and
        # filters, and what was answered is in the responses.
        items = [[it.question.id, list(it.order)] for it in session.items] if session.deferred \
            else []

        def insert(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items,"
                " time_limit, started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')",
                (self._lid(conn), session.mode.value, session.bank.id, session.seed,
                 json.dumps(session.filters.describe()), json.dumps(items),
                 session.time_limit, utc_now().isoformat()),
            )
            return int(cursor.lastrowid or 0)

        self._memory_ids -= 1
        return self._write(insert, self._memory_ids)

    def answer(self, session: Session, response: Response) -> None:
        question = session.items[response.position].question

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO responses (session_id, learner_id, position, question_id,"
                " content_hash, phase, objectives, answer, score, confidence, time_ms,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session_id, position) DO UPDATE SET answer = excluded.answer,"
                " score = excluded.score, confidence = excluded.confidence,"
                " time_ms = responses.time_ms + excluded.time_ms,"
                " answered_at = excluded.answered_at",
                (session.id, self._lid(conn), response.position, response.question_id,
                 response.content_hash, question.phase.value, json.dumps(question.objectives),
                 json.dumps(response.answer), response.score, response.confidence,
                 response.time_ms, response.answered_at.isoformat()),
            )
            _save_progress(conn, session)

        self._write(upsert, None)

    def flag(self, session: Session, position: int, flagged: bool) -> None:
        def write(conn: sqlite3.Connection) -> None:
            if flagged:
                conn.execute("INSERT OR IGNORE INTO flags VALUES (?, ?)", (session.id, position))
            else:
                conn.execute("DELETE FROM flags WHERE session_id = ? AND position = ?",
                             (session.id, position))

        self._write(write, None)

    def progress(self, session: Session) -> None:
        self._write(lambda conn: _save_progress(conn, session), None)

    def finish(self, session: Session) -> None:
        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, current = ?, elapsed = ?"
                " WHERE id = ?",
                (session.status.value, utc_now().isoformat(), session.current,
                 session.elapsed(), session.id),
            )

        self._write(write, None)


def _save_progress(conn: sqlite3.Connection, session: Session) -> None:
    conn.execute(
        "UPDATE sessions SET current = ?, elapsed = ? WHERE id = ? AND status = 'active'",
        (session.current, session.elapsed(), session.id),
    )
