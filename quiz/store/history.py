"""Read queries for progress reports: which answers count, sessions and exams in scope.

Nothing here loads every response into Python. The heavy query, the answers grouped in SQLite
down to one row per learner and question, is ``quiz.store.report_answers`` (with how it is
kept fast at a million answers); it uses the scope and conditions defined here.

Which answers count: every answer of practice, mistakes and review sessions, and an exam's
answers once it is submitted (until then they may still change). Previews do not count.
"Latest" means latest by ``answered_at``, then by row id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

# the rules live in a module cheap enough for every start; the report queries read them here
from quiz.store.counting import COUNTED as COUNTED
from quiz.store.counting import RIGHT as RIGHT


@dataclass(frozen=True)
class Scope:
    """Which answers a report covers; empty fields mean no restriction."""

    learners: tuple[str, ...] = ()
    since: str | None = None
    """ISO date-time (UTC, as stored); answers and exams before it are left out."""
    banks: tuple[str, ...] = ()


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


def _objectives(text: str) -> tuple[str, ...]:
    """The stored objectives list; anything unreadable counts as no objectives."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):  # RecursionError: a list nested deep
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
    # the item list's length is counted by SQLite when it reads the list as JSON (parsing
    # thousands of lists in Python was a quarter of this query's time); anything it does not
    # read is handed over whole for ``_length`` to judge
    sql = (
        "SELECT s.learner_id, s.id, s.bank_id, s.started_at, s.ended_at,"
        " CASE WHEN json_valid(s.items) AND json_type(s.items) = 'array'"
        " THEN json_array_length(s.items) END,"
        " CASE WHEN NOT json_valid(s.items) THEN s.items END,"
        " (SELECT count(*) FROM responses r WHERE r.session_id = s.id),"
        " (SELECT sum(r.score) FROM responses r WHERE r.session_id = s.id)"
        " FROM sessions s WHERE s.mode = 'exam' AND s.status IN ('submitted', 'finished')"
        f"{where} ORDER BY s.learner_id, s.started_at, s.id"
    )
    for (lid, sid, bank, started, ended, length, unread, answered,
         earned) in conn.execute(sql, params):
        drawn = int(length) if length is not None else _length(unread)
        yield ExamRow(names.get(lid, f"learner #{lid}"), int(sid), str(bank), str(started),
                      str(ended) if ended else None, max(drawn, int(answered)),
                      int(answered), float(earned or 0.0))


def _length(items: str) -> int:
    """How many items the session drew (its stored item list); 0 if unreadable."""
    try:
        value = json.loads(items)
    except (TypeError, ValueError, RecursionError):  # RecursionError: a list nested deep
        return 0
    return len(value) if isinstance(value, list) else 0
