"""Reading sessions back: the exam to resume, and the questions a learner got wrong."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from quiz.engine.select import Items
from quiz.engine.session import Answer, Mode, SessionState
from quiz.errors import QuizError
from quiz.model import Catalog, Question


@dataclass(frozen=True)
class Unfinished:
    """An active session found in the store, ready to rebuild."""

    session_id: int
    mode: Mode
    bank_id: str
    seed: int
    items: list[tuple[str, list[str]]]
    time_limit: float | None
    started_at: str
    state: SessionState


def find_unfinished(
    conn: sqlite3.Connection, learner: str, mode: Mode = Mode.EXAM
) -> Unfinished | None:
    """The learner's most recent active session of ``mode``, with its answers and flags."""
    row = conn.execute(
        "SELECT s.id, s.mode, s.bank_id, s.seed, s.items, s.time_limit, s.started_at,"
        " s.current, s.elapsed FROM sessions s JOIN learners l ON l.id = s.learner_id"
        " WHERE l.name = ? AND s.status = 'active' AND s.mode = ? ORDER BY s.id DESC LIMIT 1",
        (learner, mode.value),
    ).fetchone()
    if row is None:
        return None
    sid = row[0]
    answers = {
        pos: Answer(tuple(json.loads(ans)), score, conf, ms, datetime.fromisoformat(at))
        for pos, ans, score, conf, ms, at in conn.execute(
            "SELECT position, answer, score, confidence, time_ms, answered_at FROM responses"
            " WHERE session_id = ?", (sid,))
    }
    flags = {p for (p,) in conn.execute("SELECT position FROM flags WHERE session_id = ?",
                                          (sid,))}
    state = SessionState(sid, answers, flags, row[7], row[8])
    items = [(qid, list(order)) for qid, order in json.loads(row[4])]
    return Unfinished(sid, Mode(row[1]), row[2], row[3], items, row[5], row[6], state)


def rebuild_items(unfinished: Unfinished, catalog: Catalog) -> Items:
    """The session's items from the current banks; refuse if a question has gone or changed
    its choices, since the saved answers would no longer mean the same thing."""
    bank = catalog.bank(unfinished.bank_id)
    if bank is None:
        raise QuizError(f"the unfinished exam uses bank '{unfinished.bank_id}', which is no "
                        "longer loaded; it cannot be resumed")
    by_id = {q.id: q for q in bank.questions}
    questions: list[Question] = []
    orders: list[tuple[str, ...]] = []
    for qid, order in unfinished.items:
        question = by_id.get(qid)
        if question is None or (order and sorted(order) != sorted(c.id for c in question.choices)):
            raise QuizError(f"question '{qid}' changed or was removed since the exam started; "
                            "it cannot be resumed (start a new one)")
        questions.append(question)
        orders.append(tuple(order))  # empty: not saved; drawn again from the seed
    return Items(questions, unfinished.seed, orders)


def abandon(conn: sqlite3.Connection, session_id: int) -> None:
    """Mark an unfinished session as abandoned (the learner chose to start over)."""
    conn.execute("UPDATE sessions SET status = 'abandoned' WHERE id = ?", (session_id,))


def latest_scores(conn: sqlite3.Connection, learner: str) -> dict[str, float]:
    """Each question's score at the learner's latest answer to it, most recent first.

    Answers in an exam count once it is submitted: until then they may still change.
    """
    rows = conn.execute(
        "SELECT r.question_id, r.score FROM responses r JOIN learners l ON l.id = r.learner_id"
        " JOIN sessions s ON s.id = r.session_id"
        " WHERE l.name = ? AND (s.mode != 'exam' OR s.status = 'submitted')"
        " ORDER BY r.answered_at DESC, r.id DESC",
        (learner,),
    ).fetchall()
    latest: dict[str, float] = {}
    for qid, score in rows:
        latest.setdefault(qid, score)
    return latest


def mistakes(latest: dict[str, float]) -> list[str]:
    """The questions of ``latest_scores`` whose latest answer was not fully right, in order."""
    return [qid for qid, score in latest.items() if score < 1.0 - 1e-9]
