"""Writing a session to the store as it happens: one committed transaction per event.

If a write fails (read-only file, full disk, a lock held too long), the recorder stops
writing, keeps the session going in memory and says so through ``problem``: the learner can
finish, is told that progress is not being saved, and nothing already saved is touched.

An exam is leased to the recorder that started or resumed it (quiz.store.lease): every write
to it first refreshes the lease, and stops (with a problem the learner sees) when another
window has taken it over. The store's triggers refuse any write to a session that has ended,
so a window that missed the news cannot add answers to a submitted exam either.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from quiz.engine.clock import utc_now
from quiz.engine.recorder import Response
from quiz.engine.session import Mode, Session
from quiz.store import lease
from quiz.store.learners import learner_id

if TYPE_CHECKING:
    from quiz.store.outbox import Journal

T = TypeVar("T")


class LeaseLost(Exception):
    """Another window took the exam over; this one must stop writing to it."""


class SqliteRecorder:
    """A ``Recorder`` over an open store connection for one learner."""

    def __init__(self, conn: sqlite3.Connection, learner: str,
                 journal: Journal | None = None) -> None:
        self.conn = conn
        self.learner = learner
        self.journal = journal
        """Queues an xAPI statement for each event, in the event's own transaction (outbox)."""
        self.problem: str | None = None
        self._learner_id: int | None = None
        self._memory_ids = -1
        self.token = uuid.uuid4().hex
        self.leased: set[int] = set()
        """Sessions (exams) this recorder holds the lease of."""

    def _write(self, action: Callable[[sqlite3.Connection], T], fallback: T,
               session_id: int | None = None) -> T:
        if self.problem is not None:
            return fallback
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if session_id in self.leased and not lease.beat(self.conn, session_id,
                                                                self.token):
                    raise LeaseLost
                result = action(self.conn)
                self.conn.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (a full disk does); don't mask the cause
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            return result
        except LeaseLost:
            self.problem = ("this exam was opened in another quiz window, which now holds it; "
                            "answers given here are not saved")
            return fallback
        except sqlite3.IntegrityError as exc:
            if "session closed" not in str(exc):
                raise
            self.problem = ("this session was ended in another quiz window (submitted or "
                            "abandoned); answers given here are not saved")
            return fallback
        except sqlite3.Error as exc:
            self.problem = f"progress is not being saved: {exc}"
            return fallback

    def claim(self, session_id: int) -> None:
        """Take the lease of a saved exam before resuming it; raises
        ``lease.ExamOpenElsewhere`` while another window has it open."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            lease.take(self.conn, session_id, self.token)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.leased.add(session_id)

    def release(self) -> None:
        """Give up every lease (the window is closing; the exams stay resumable)."""
        held = sorted(self.leased)

        def give_up(conn: sqlite3.Connection) -> None:
            for session_id in held:
                lease.release(conn, session_id, self.token)

        if held:
            self._write(give_up, None)
        self.leased.clear()

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
            made = int(cursor.lastrowid or 0)
            if session.deferred:  # an exam: this window owns it from the start
                lease.take(conn, made, self.token)
            if self.journal is not None:
                self.journal.session_started(conn, made)
            return made

        self._memory_ids -= 1
        made = self._write(insert, self._memory_ids)
        if made > 0 and session.deferred:
            self.leased.add(made)
        return made

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
            if self.journal is not None:
                self.journal.answered(conn, session.id, response.position, question.type.value)

        self._write(upsert, None, session.id)

    def flag(self, session: Session, position: int, flagged: bool) -> None:
        def write(conn: sqlite3.Connection) -> None:
            if flagged:
                conn.execute("INSERT OR IGNORE INTO flags VALUES (?, ?)", (session.id, position))
            else:
                conn.execute("DELETE FROM flags WHERE session_id = ? AND position = ?",
                             (session.id, position))

        self._write(write, None, session.id)

    def progress(self, session: Session) -> None:
        self._write(lambda conn: _save_progress(conn, session), None, session.id)

    def finish(self, session: Session) -> None:
        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, current = ?, elapsed = ?"
                " WHERE id = ?",
                (session.status.value, utc_now().isoformat(), session.current,
                 session.elapsed(), session.id),
            )
            if self.journal is not None:
                mark = session.bank.exam.pass_percent / 100 if session.mode is Mode.EXAM \
                    else None
                self.journal.session_ended(conn, session.id, mark)

        self._write(write, None, session.id)
        self.leased.discard(session.id)  # closing the session removed its lease


def _save_progress(conn: sqlite3.Connection, session: Session) -> None:
    conn.execute(
        "UPDATE sessions SET current = ?, elapsed = ? WHERE id = ? AND status = 'active'",
        (session.current, session.elapsed(), session.id),
    )
