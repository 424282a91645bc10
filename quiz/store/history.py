"""Read queries for progress reports: aggregated in SQL, one row per group reaching Python.

Nothing here loads every response into Python. The heavy query groups the responses by
(learner, question, content hash) in SQLite and returns one row per group — its latest answer
and its counts — so the rows that reach Python are bounded by learners × questions (× versions),
not by the number of answers. How that query is kept fast at a million answers is said at
``_group_sql``.

Which answers count: every answer of practice, mistakes and review sessions, and an exam's
answers once it is submitted (until then they may still change). Previews do not count.
"Latest" means latest by ``answered_at``, then by row id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

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


class Latest(NamedTuple):
    """What the latest answer of a group recorded about its question and session: a question
    no loaded bank knows any more is placed by these."""

    bank_id: str
    phase: str
    objectives: tuple[str, ...]


class AnswerGroup(NamedTuple):
    """One learner's counted answers to one version (content hash) of one question."""

    learner: str
    question_id: str
    content_hash: str
    latest_key: str
    """The latest answer's ``answered_at`` then its zero-padded row id: orders answers
    across groups."""
    latest_score: float
    answers: int
    correct: int
    credit: float
    time_ms: int
    rated: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
    """(answers, right answers) at confidence 1, 2 and 3."""
    latest: Latest | None
    """Only for a question the caller does not know (see ``answer_groups``); else None."""


FIELD_BITS = 21
"""Width of one confidence level's count in the packed sums (see ``_group_sql``)."""

_BATCH = 4096
"""Rows fetched per call: the read-only cursor guards each call, not each row."""


def _level(bits: int) -> str:
    """SQL: the answer's confidence level as one bit in its level's field (NULL unrated)."""
    return (f"CASE r.confidence WHEN 1 THEN 1 WHEN 2 THEN {1 << bits}"
            f" WHEN 3 THEN {1 << (2 * bits)} END")


def _group_sql(where: str, whole_table: bool, bits: int | None) -> str:
    """The grouped query over counted answers, one row per (learner, question, version).

    Performance (issue 16): at a million answers the cost is SQLite sorting the rows into
    groups; everything here keeps that sort and the work per row small:

    - over the whole table (no learner named) the table is scanned in row order and sorted
      once (``NOT INDEXED``): walking the (learner, question) index instead fetches every
      row from a random page, three times slower; with learners named, SQLite's own plan
      (their sessions, then their responses by session) reads only their rows;
    - only the latest answer's row id and score are carried; the bank, phase and objectives
      of the latest answer are read afterwards by row id, and only for questions the caller
      does not know;
    - the six per-confidence counts are two sums of packed integers, one field of ``bits``
      bits per level (with ``bits`` None: six plain sums). A field cannot carry into the
      next while a group has fewer than 2**bits answers, which the caller checks.
    """
    if bits is None:
        levels = ", ".join(f"sum(r.confidence = {c}), sum(r.confidence = {c} AND {RIGHT})"
                           for c in (1, 2, 3))
    else:
        levels = f"sum({_level(bits)}), sum(CASE WHEN {RIGHT} THEN {_level(bits)} END)"
    scan = "responses r NOT INDEXED" if whole_table else "responses r"
    return (
        "SELECT r.learner_id, r.question_id, r.content_hash,"
        " max(r.answered_at || printf('%012d', r.id)), r.id, r.score,"
        f" count(*), sum({RIGHT}), sum(r.score), sum(r.time_ms), {levels}"
        f" FROM {scan} JOIN sessions s ON s.id = r.session_id"
        f" WHERE {COUNTED}{where}"
        " GROUP BY r.learner_id, r.question_id, r.content_hash"
        " ORDER BY r.learner_id, r.question_id, r.content_hash"
    )


def _unpack(total: int | None, bits: int) -> tuple[int, int, int]:
    value = total or 0
    mask = (1 << bits) - 1
    return value & mask, (value >> bits) & mask, value >> (2 * bits)


def _rows(conn: sqlite3.Connection, sql: str, params: list[object]) -> Iterator[Any]:
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(_BATCH):
        yield from rows


def _grouped(conn: sqlite3.Connection, scope: Scope, bits: int | None) -> list[Any] | None:
    """The grouped rows, levels as six counts; None when a packed field could overflow."""
    where, params = _conditions(scope, "r.answered_at")
    sql = _group_sql(where, not scope.learners, bits)
    if bits is None:
        return [(*row[:10], tuple(int(v or 0) for v in row[10:]))
                for row in _rows(conn, sql, params)]
    made = []
    limit = 1 << bits
    for row in _rows(conn, sql, params):
        if row[6] >= limit:
            return None
        c1, c2, c3 = _unpack(row[10], bits)
        r1, r2, r3 = _unpack(row[11], bits)
        made.append((*row[:10], (c1, r1, c2, r2, c3, r3)))
    return made


def answer_groups(conn: sqlite3.Connection, scope: Scope, known: Container[str] = ()
                  ) -> list[AnswerGroup]:
    """Counted answers grouped by (learner, question, content hash), ordered by learner id,
    question id and hash. ``latest`` is read only for questions not in ``known``.

    The list holds one entry per group (bounded by learners × questions × versions), never
    one per answer."""
    names = learner_names(conn)
    rows = _grouped(conn, scope, FIELD_BITS)
    if rows is None:  # a group of 2**FIELD_BITS answers or more: plain sums
        rows = _grouped(conn, scope, None) or []  # never None without packing
    latest = _latest(conn, [row[4] for row in rows if row[1] not in known])
    made = []
    for (lid, qid, chash, key, rid, score, answers, correct, credit, time_ms,
         (c1, r1, c2, r2, c3, r3)) in rows:
        made.append(AnswerGroup(
            names.get(lid, f"learner #{lid}"), str(qid), str(chash), str(key), float(score),
            int(answers), int(correct or 0), float(credit or 0), int(time_ms or 0),
            ((c1, r1), (c2, r2), (c3, r3)), latest.get(rid)))
    return made


def _latest(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Latest]:
    """The bank (the answer's session's), phase and objectives recorded with these answers."""
    found: dict[int, Latest] = {}
    parsed: dict[str, tuple[str, ...]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        sql = ("SELECT r.id, s.bank_id, r.phase, r.objectives FROM responses r"
               " JOIN sessions s ON s.id = r.session_id"
               f" WHERE r.id IN ({', '.join('?' * len(chunk))})")
        for rid, bank, phase, objectives in _rows(conn, sql, list(chunk)):
            tags = parsed.get(objectives)
            if tags is None:
                tags = parsed[objectives] = _objectives(objectives)
            found[rid] = Latest(str(bank), str(phase), tags)
    return found

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
