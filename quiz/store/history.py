"""Read queries for progress reports: aggregated in SQL, streamed to Python a group at a time.

Nothing here loads every response into Python. The heavy query groups the responses by
(learner, question, content hash) in SQLite and returns one row per group — its latest answer
and its counts — so the rows that reach Python are bounded by learners × questions (× versions),
not by the number of answers.

Which answers count: every answer of practice, mistakes and review sessions, and an exam's
answers once it is submitted (until then they may still change). Previews do not count.
"Latest" means latest by ``answered_at``, then by row id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

COUNTED = ("s.mode != 'preview' AND (s.mode != 'exam' OR s.status IN ('submitted', "
           "'finished'))")
"""SQL condition (sessions aliased ``s``) for the sessions whose answers count."""

RIGHT = "r.score >= 0.999999999"
"""SQL condition for a fully right answer (only full credit counts as right)."""


@dataclass(frozen=True)
class Scope:
    """Which answers a report covers; empty fields mean no restriction."""

    learners: tuple[str, ...] = ()
    since: str | None = None
    """ISO date-time (UTC, as stored); answers and exams before it are left out."""
    banks: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerGroup:
    """One learner's answers to one version (content hash) of one question."""

    learner: str
    question_id: str
    content_hash: str
    bank_id: str
    phase: str
    objectives: tuple[str, ...]
    latest_at: str
    latest_key: str
    """``answered_at`` then the zero-padded row id: orders answers across groups."""
    latest_score: float
    answers: int
    correct: int
    credit: float
    time_ms: int
    rated: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
    """(answers, right answers) at confidence 1, 2 and 3."""


@dataclass(frozen=True)
class SessionTotals:
    """A learner's sessions with at least one counted answer in scope."""

    learner: str
    sessions: int
    seconds: float


@dataclass(frozen=True)
class ExamRow:
    """A submitted exam: its length, and what was answered and earned."""

    learner: str
    session_id: int
    bank_id: str
    started_at: str
    ended_at: str | None
    items: int
    answered: int
    earned: float


def _conditions(scope: Scope, answered: str | None) -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    if scope.learners:
        parts.append(f"s.learner_id IN (SELECT id FROM learners WHERE name IN "
                     f"({', '.join('?' * len(scope.learners))}))")
        params.extend(scope.learners)
    if scope.banks:
        parts.append(f"s.bank_id IN ({', '.join('?' * len(scope.banks))})")
        params.extend(scope.banks)
    if scope.since is not None and answered is not None:
        parts.append(f"{answered} >= ?")
        params.append(scope.since)
    return "".join(f" AND {p}" for p in parts), params


def learner_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Learner id → name."""
    return {int(i): str(n) for i, n in conn.execute("SELECT id, name FROM learners")}


def answer_groups(conn: sqlite3.Connection, scope: Scope) -> Iterator[AnswerGroup]:
    """Counted answers grouped by (learner, question, content hash), ordered by learner id and
    question id; the bare columns come from the group's latest answer (SQLite takes them from
    the row where the single ``max()`` is reached)."""
    names = learner_names(conn)
    where, params = _conditions(scope, "r.answered_at")
    right = RIGHT
    sql = (
        "SELECT r.learner_id, r.question_id, r.content_hash, s.bank_id, r.phase, r.objectives,"
        " max(r.answered_at || printf('%012d', r.id)), r.answered_at, r.score,"
        f" count(*), sum({right}), sum(r.score), sum(r.time_ms),"
        f" sum(r.confidence = 1), sum(r.confidence = 1 AND {right}),"
        f" sum(r.confidence = 2), sum(r.confidence = 2 AND {right}),"
        f" sum(r.confidence = 3), sum(r.confidence = 3 AND {right})"
        " FROM responses r JOIN sessions s ON s.id = r.session_id"
        f" WHERE {COUNTED}{where}"
        " GROUP BY r.learner_id, r.question_id, r.content_hash"
        " ORDER BY r.learner_id, r.question_id"
    )
    parsed: dict[str, tuple[str, ...]] = {}
    for row in conn.execute(sql, params):
        (lid, qid, chash, bank, phase, objectives, key, at, latest, answers, correct, credit,
         time_ms, c1, r1, c2, r2, c3, r3) = row
        tags = parsed.get(objectives)
        if tags is None:
            tags = parsed[objectives] = _objectives(objectives)
        yield AnswerGroup(
            names.get(lid, f"learner #{lid}"), str(qid), str(chash), str(bank), str(phase),
            tags, str(at), str(key), float(latest), int(answers), int(correct or 0),
            float(credit or 0), int(time_ms or 0),
            ((int(c1 or 0), int(r1 or 0)), (int(c2 or 0), int(r2 or 0)),
             (int(c3 or 0), int(r3 or 0))))


def _objectives(text: str) -> tuple[str, ...]:
    """The stored objectives list; anything unreadable counts as no objectives."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(str(v) for v in value if isinstance(v, (str, int))))


def session_totals(conn: sqlite3.Connection, scope: Scope) -> Iterator[SessionTotals]:
    """Per learner: sessions with a counted answer in scope, and the time spent in them."""
    names = learner_names(conn)
    where, params = _conditions(scope, None)
    since = ""
    if scope.since is not None:
        since = " AND r.answered_at >= ?"
        params.append(scope.since)
    sql = (
        "SELECT s.learner_id, count(*), sum(s.elapsed) FROM sessions s"
        f" WHERE {COUNTED}{where} AND EXISTS (SELECT 1 FROM responses r"
        f" WHERE r.session_id = s.id{since}) GROUP BY s.learner_id ORDER BY s.learner_id"
    )
    for lid, count, seconds in conn.execute(sql, params):
        yield SessionTotals(names.get(lid, f"learner #{lid}"), int(count), float(seconds or 0))


def exams(conn: sqlite3.Connection, scope: Scope) -> Iterator[ExamRow]:
    """Submitted exams in scope, per learner in the order they were started."""
    names = learner_names(conn)
    where, params = _conditions(scope, "s.started_at")
    sql = (
        "SELECT s.learner_id, s.id, s.bank_id, s.started_at, s.ended_at, s.items,"
        " (SELECT count(*) FROM responses r WHERE r.session_id = s.id),"
        " (SELECT sum(r.score) FROM responses r WHERE r.session_id = s.id)"
        " FROM sessions s WHERE s.mode = 'exam' AND s.status IN ('submitted', 'finished')"
        f"{where} ORDER BY s.learner_id, s.started_at, s.id"
    )
    for lid, sid, bank, started, ended, items, answered, earned in conn.execute(sql, params):
        yield ExamRow(names.get(lid, f"learner #{lid}"), int(sid), str(bank), str(started),
                      str(ended) if ended else None, max(_length(items), int(answered)),
                      int(answered), float(earned or 0.0))


def _length(items: str) -> int:
    """How many items the session drew (its stored item list); 0 if unreadable."""
    try:
        value = json.loads(items)
    except (TypeError, ValueError):
        return 0
    return len(value) if isinstance(value, list) else 0
