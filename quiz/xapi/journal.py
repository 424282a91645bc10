"""Queueing statements from the store's own rows, inside the recorder's transaction.

Each statement is built from what the store holds after the write (the response row as
upserted, the session row), so the live path and ``backfill`` give the same statement for
the same stored answer, with the same id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from quiz.store import outbox
from quiz.xapi import statements as st

QuestionType = Callable[[str], str | None]
"""question id → its type (``single``, ``ordering``…), when known."""


def _list(text: object) -> list[Any]:
    try:
        value = json.loads(str(text))
    except (TypeError, ValueError, RecursionError):
        return []
    return value if isinstance(value, list) else []


_SESSION = ("SELECT s.id, l.name, s.mode, s.bank_id, s.status, s.started_at, s.ended_at,"
            " s.elapsed, s.items, s.time_limit FROM sessions s"
            " JOIN learners l ON l.id = s.learner_id")


def session_facts(conn: sqlite3.Connection, session_id: int) -> st.SessionFacts | None:
    row = conn.execute(f"{_SESSION} WHERE s.id = ?", (session_id,)).fetchone()
    return _session(row) if row else None


def _session(row: tuple[Any, ...]) -> st.SessionFacts:
    sid, name, mode, bank, status, started, ended, elapsed, items, limit = row
    questions = tuple(str(e[0]) for e in _list(items) if isinstance(e, list) and e)
    return st.SessionFacts(int(sid), str(name), str(mode), str(bank), str(status),
                           str(started), ended, float(elapsed or 0), questions,
                           float(limit) if limit is not None else None)


_RESPONSE = ("SELECT position, question_id, content_hash, phase, objectives, answer, score,"
             " confidence, time_ms, answered_at FROM responses")


def _response(s: st.SessionFacts, row: tuple[Any, ...], kind: str) -> st.ResponseFacts:
    position, qid, chash, phase, objectives, answer, score, confidence, time_ms, at = row
    return st.ResponseFacts(
        s.session_id, s.learner, s.mode, s.bank_id, int(position), str(qid), kind,
        str(chash), str(phase), tuple(str(o) for o in _list(objectives)),
        tuple(str(a) for a in _list(answer)), float(score),
        int(confidence) if confidence is not None else None, int(time_ms), str(at),
        s.elapsed)


def exam_score(conn: sqlite3.Connection, s: st.SessionFacts) -> float | None:
    """An exam's score: earned over its length (unanswered items earn nothing)."""
    answered, earned = conn.execute(
        "SELECT count(*), coalesce(sum(score), 0) FROM responses WHERE session_id = ?",
        (s.session_id,)).fetchone()
    length = max(len(s.questions), int(answered))
    return float(earned) / length if length else None


class XapiJournal:
    """``quiz.store.outbox.Journal`` for one course: builds and queues the statements."""

    def __init__(self, course: st.Course) -> None:
        self.course = course

    def session_started(self, conn: sqlite3.Connection, session_id: int) -> None:
        facts = session_facts(conn, session_id)
        if facts is not None and facts.mode != "preview":  # previews never count
            outbox.enqueue(conn, [st.started(self.course, outbox.store_uuid(conn), facts)],
                           session_id)

    def answered(self, conn: sqlite3.Connection, session_id: int, position: int,
                 question_type: str) -> None:
        facts = session_facts(conn, session_id)
        row = conn.execute(f"{_RESPONSE} WHERE session_id = ? AND position = ?",
                           (session_id, position)).fetchone()
        if facts is not None and row is not None and facts.mode != "preview":
            made = st.answered(self.course, outbox.store_uuid(conn),
                               _response(facts, row, question_type))
            outbox.enqueue(conn, [made], session_id)

    def session_ended(self, conn: sqlite3.Connection, session_id: int,
                      pass_mark: float | None) -> None:
        facts = session_facts(conn, session_id)
        if facts is not None and facts.status != "active" and facts.mode != "preview":
            outbox.enqueue(conn, self._ended(conn, facts, pass_mark), session_id)

    def _ended(self, conn: sqlite3.Connection, facts: st.SessionFacts,
               pass_mark: float | None) -> list[dict[str, Any]]:
        score = exam_score(conn, facts) if facts.mode == "exam" else None
        return st.ended(self.course, outbox.store_uuid(conn), facts, score=score,
                        pass_mark=pass_mark)

    def backfill(self, conn: sqlite3.Connection, kinds: QuestionType | None = None,
                 pass_marks: Callable[[str], float | None] | None = None) -> int:
        """Queue statements for every stored session that has none queued yet (answers
        given before the LRS was configured). Call inside a transaction; returns how many
        statements were queued."""
        added = 0
        for facts, made in self._history(conn, kinds or (lambda _q: None),
                                         pass_marks or (lambda _b: None)):
            added += outbox.enqueue(conn, made, facts.session_id)
        return added

    def _history(self, conn: sqlite3.Connection, kinds: QuestionType,
                 pass_marks: Callable[[str], float | None]
                 ) -> Iterator[tuple[st.SessionFacts, list[dict[str, Any]]]]:
        store = outbox.store_uuid(conn)
        rows = conn.execute(f"{_SESSION} WHERE NOT EXISTS (SELECT 1 FROM xapi_outbox o"
                            " WHERE o.session_id = s.id) AND s.mode != 'preview'"
                            " ORDER BY s.id").fetchall()
        for row in rows:
            facts = _session(row)
            made = [st.started(self.course, store, facts)]
            for r in conn.execute(f"{_RESPONSE} WHERE session_id = ? ORDER BY id",
                                  (facts.session_id,)):
                made.append(st.answered(self.course, store,
                                        _response(facts, r, kinds(str(r[1])) or "choice")))
            if facts.status != "active":
                made += self._ended(conn, facts, pass_marks(facts.bank_id))
            yield facts, made
