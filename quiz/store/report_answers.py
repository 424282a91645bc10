"""The progress report's heavy SQL: counted answers grouped per learner and question.

Two grouping levels, written once here (``per_question``) and used by two statements:

1. ``g``: the counted answers in scope grouped by (learner, question, content hash):
   counts, sums, and the group's latest answer (latest by ``answered_at ||
   printf('%012d', id)``: ``answered_at``, then the row id);
2. those groups grouped again by (learner, question), joined with ``known``, what the
   caller's banks have (each question's content hash now, lesson, phase, objectives,
   passed as one JSON parameter): answers to the current version and its latest score
   apart from the rest, and the latest answer over every version.

``question_answers`` (here) returns level 2 as one row per learner and question, for
adaptive practice's summary, which needs to know which questions were answered; a removed
question's latest answer's bank, phase and objectives are read afterwards by row id. The
reports go one step further in SQL (``quiz.store.report_totals``) and get sums only. Either
way Python never sees a row per answer.

Performance notes (issue 16), at a million answers, where the cost is SQLite putting the
answers into (learner, question, version) groups:

- a store of schema 5 (``quiz.store.schema``) has a covering index in group order,
  ``ANSWERS_INDEX`` on (learner, question, content hash, answered at, score, confidence,
  time, session): every column the statement reads from ``responses``, so over the whole
  table SQLite walks the index and reads no table page and sorts nothing. It replaced the
  (learner, question) index, whose queries (cards, mistakes) use its first columns. Measured
  at 1,000,000 answers against schema 4, interleaved on a loaded 2-core machine: the class
  report 5.30-5.50 -> 3.35-3.99 × the floor (``bench/run.py --only report``), 5.36 -> 3.76 ×
  in CPU time on one store before and after its migration; the statement alone 1.29 -> 0.87
  s CPU (the floor's scan 0.28 s). Its costs: the store file grows by 67 bytes an answer (235 ->
  302 MB made at schema 5; +57 MB, 1.3 s, when an existing store is migrated); one answer's
  committed INSERT 19-20 -> 20-21 µs CPU (median; 29-34 -> 33-38 µs mean with the log's
  checkpoints). Item analysis, which reads by session, is unchanged;
- over the whole table, the counted sessions' ids are found first and each answer looked up
  among them, not joined with its session: read in index order the answers' sessions come
  at random, and each session's status lies past its item list, often on overflow pages
  (the join cost 0.25 s CPU at a million, as much as the floor; the lookup 0.1 s). Class
  report with both: 5.32 -> 3.44 × in CPU time, on one store before and after migrating it;
  the bench 3.61 (5.34 at schema 4, same session); the statement alone 0.76 s CPU;
- a store made before schema 5, which a report reads without migrating it, gets the same
  figures the way they were read before: the table scanned in row order and sorted once
  (``NOT INDEXED``; walking its (learner, question) index fetched every row from a random
  page, about three times slower). With learners named, SQLite's own plan (their sessions,
  then their answers by session) reads only their rows, whatever the schema;
- only the latest answer's row id and score are carried through the groups, not its text;
- the six per-confidence counts are two sums of packed integers, a field of ``FIELD_BITS``
  bits per level, cheaper than six sums. A field cannot carry into the next while fewer than
  2**FIELD_BITS answers are summed, which is checked; past it the statement is run again
  with six plain sums;
- tried and measured slower: a larger page cache or in-memory temporary storage for the
  sort, sorter threads, an upsert into a temporary table keyed by group (no sort, but
  three times slower per row), a per-answer lookup of the current hash (instead of
  grouping by hash first), computing the per-answer values in a subquery first. The latest
  answer's key (``answered_at`` and the zero-padded id) costs about 0.15 s CPU at a
  million; ``answered_at`` alone would not break ties in time, and padding with
  ``substr`` instead of ``printf`` is no faster.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any

from quiz.fields import Fields
from quiz.store.history import (
    COUNTED,
    RIGHT,
    Scope,
    _conditions,
    _objectives,
    learner_names,
)
from quiz.store.schema import ANSWERS_INDEX

FIELD_BITS = 21
"""Width of one confidence level's count in the packed sums."""

_BATCH = 4096
"""Rows fetched per call: the read-only cursor guards each call, not each row."""

Rated = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
"""(answers, right answers) at confidence 1, 2 and 3."""

Facts = tuple[str, str, str, tuple[str, ...]]
"""A question the caller's banks have: content hash now, lesson, phase, objectives."""


class Latest(Fields):
    """What a removed question's latest answer recorded: its session's bank, the phase and
    the objectives."""

    bank_id: str
    phase: str
    objectives: tuple[str, ...]


class QuestionAnswers(Fields):
    """One learner's counted answers to one question, every version of it."""

    learner: str
    question_id: str
    answers: int
    correct: int
    credit: float
    time_ms: int
    rated: Rated
    known: bool
    """The caller's banks have the question (``current_*`` compare with their version)."""
    current_answers: int
    """Answers to the version the banks have now (0 for a removed question)."""
    current_score: float | None
    """That version's latest score; None when it was never answered."""
    latest_score: float
    """The latest answer's score, over every version."""
    latest: Latest | None
    """For a removed question only: what its latest answer recorded."""


def _level(bits: int) -> str:
    """SQL: the answer's confidence level as one bit in its level's field (NULL unrated)."""
    return (f"CASE r.confidence WHEN 1 THEN 1 WHEN 2 THEN {1 << bits}"
            f" WHEN 3 THEN {1 << (2 * bits)} END")


def facts_json(facts: Mapping[str, Facts]) -> str:
    """The statement's first parameter: question id → [hash, lesson, phase, [objectives]]."""
    return json.dumps({qid: [f[0], f[1], f[2], list(f[3])] for qid, f in facts.items()})


def source(conn: sqlite3.Connection, scope: Scope) -> tuple[str, list[object]]:
    """The counted answers in scope as the grouped statement reads them: ``FROM ... WHERE
    ...`` over ``responses r``, and its parameters (module docstring).

    Learners named: joined with their sessions (SQLite's plan: their sessions, then their
    answers by session). Every learner: the counted sessions' ids are found first and each
    answer is looked up among them (``+`` keeps SQLite from reading the answers by session
    instead); the answers are read from ``ANSWERS_INDEX`` in group order where the store has
    it (SQLite's plan), else, in a store made before schema 5 that a report reads without
    migrating it, from the table in row order (``NOT INDEXED``), to be sorted."""
    if scope.learners:
        where, params = _conditions(scope, "r.answered_at")
        return (f"FROM responses r JOIN sessions s ON s.id = r.session_id"
                f" WHERE {COUNTED}{where}", params)
    indexed = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
                           " AND tbl_name = 'responses'", (ANSWERS_INDEX,)).fetchone()
    scan = "responses r" if indexed else "responses r NOT INDEXED"
    where, params = _conditions(scope, None)  # the sessions' conditions (bank)
    since = ""
    if scope.since is not None:
        since = " AND r.answered_at >= ?"
        params.append(scope.since)
    return (f"FROM {scan} WHERE +r.session_id IN (SELECT s.id FROM sessions s"
            f" WHERE {COUNTED}{where}){since}", params)


def per_question(answers: str, bits: int | None) -> str:
    """The ``WITH`` clause both statements share: ``known`` (the caller's questions:
    ``question_id, content_hash, lesson, phase, objectives``) and ``g`` (answers per
    learner, question and version: ``lid, qid, chash, latest, rid, score, n, c, credit,
    ms`` and the levels: ``lv, lr`` packed, ``bits`` bits a field, valid while fewer than
    2**bits answers are summed; or ``c1, r1, c2, r2, c3, r3`` with ``bits`` None). ``g``
    reads ``answers``, the clauses ``source`` makes."""
    if bits is None:
        levels = ", ".join(f"sum(r.confidence = {c}) AS c{c},"
                           f" sum(r.confidence = {c} AND {RIGHT}) AS r{c}" for c in (1, 2, 3))
    else:
        levels = (f"sum({_level(bits)}) AS lv,"
                  f" sum(CASE WHEN {RIGHT} THEN {_level(bits)} END) AS lr")
    return (
        "WITH known(question_id, content_hash, lesson, phase, objectives) AS (SELECT key,"
        " json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
        " json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?)),"
        " g AS (SELECT r.learner_id AS lid, r.question_id AS qid, r.content_hash AS chash,"
        " max(r.answered_at || printf('%012d', r.id)) AS latest, r.id AS rid, r.score AS score,"
        f" count(*) AS n, sum({RIGHT}) AS c, sum(r.score) AS credit, sum(r.time_ms) AS ms,"
        f" {levels}"
        f" {answers}"
        " GROUP BY r.learner_id, r.question_id, r.content_hash)"
    )


def level_sums(bits: int | None) -> str:
    """SQL: ``g``'s levels summed over a learner's versions of a question."""
    if bits is None:
        return ", ".join(f"sum(g.c{c}) AS c{c}, sum(g.r{c}) AS r{c}" for c in (1, 2, 3))
    return "sum(g.lv) AS lv, sum(g.lr) AS lr"


CURRENT = "g.chash = k.content_hash"
"""SQL: a ``g`` group answered the version the caller's banks have now."""


def question_sql(answers: str, bits: int | None) -> str:
    """One row per learner and question (``question_answers``); parameters: the facts
    (``facts_json``), then ``source``'s."""
    return (
        per_question(answers, bits)
        + " SELECT g.lid, g.qid, sum(g.n), sum(g.c), sum(g.credit), sum(g.ms),"
        f" {level_sums(bits)}, k.question_id IS NOT NULL,"
        f" sum(CASE WHEN {CURRENT} THEN g.n END), sum(CASE WHEN {CURRENT} THEN g.score END),"
        " max(g.latest), g.score, g.rid"
        " FROM g LEFT JOIN known k ON k.question_id = g.qid"
        " GROUP BY g.lid, g.qid ORDER BY g.lid, g.qid"
    )


def _rows(conn: sqlite3.Connection, sql: str, params: list[object]) -> Iterator[Any]:
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(_BATCH):
        yield from rows


def _fetch(conn: sqlite3.Connection, scope: Scope, facts: str, bits: int | None
           ) -> list[Any] | None:
    """The statement's rows; None when a packed field could have overflowed."""
    answers, params = source(conn, scope)
    sql = question_sql(answers, bits)
    rows = list(_rows(conn, sql, [facts, *params]))
    if bits is not None and any(row[2] >= 1 << bits for row in rows):
        return None
    return rows


def _levels(row: Any, bits: int | None) -> Rated:
    """The row's (answers, right answers) per confidence level, packed or plain."""
    if bits is None:
        c1, r1, c2, r2, c3, r3 = (int(v or 0) for v in row[6:12])
        return (c1, r1), (c2, r2), (c3, r3)
    mask = (1 << bits) - 1
    counts, right = row[6] or 0, row[7] or 0
    return ((counts & mask, right & mask), ((counts >> bits) & mask, (right >> bits) & mask),
            (counts >> (2 * bits), right >> (2 * bits)))


def question_answers(conn: sqlite3.Connection, scope: Scope, facts: Mapping[str, Facts]
                     ) -> list[QuestionAnswers]:
    """Counted answers in scope per (learner, question), ordered by learner id and question
    id; ``facts`` holds each question the caller's banks have (its hash now first).

    The list holds one entry per learner and question answered, never one per answer."""
    names = learner_names(conn)
    given = facts_json(facts)
    bits: int | None = FIELD_BITS
    rows = _fetch(conn, scope, given, bits)
    if rows is None:  # 2**FIELD_BITS answers or more to one question: plain sums
        bits = None
        rows = _fetch(conn, scope, given, bits) or []
    # both layouts end with: known, current answers, current score, key, latest score, id
    latest = _latest(conn, [row[-1] for row in rows if not row[-6]])
    made = []
    for row in rows:
        lid, qid, answers, correct, credit, time_ms = row[:6]
        known, current_answers, current_score, _key, latest_score, rid = row[-6:]
        made.append(QuestionAnswers(
            names.get(lid, f"learner #{lid}"), str(qid), int(answers), int(correct or 0),
            float(credit or 0), int(time_ms or 0), _levels(row, bits), bool(known),
            int(current_answers or 0), None if current_score is None else float(current_score),
            float(latest_score), None if known else latest.get(rid)))
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
