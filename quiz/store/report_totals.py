"""A progress report's figures summed in SQLite: per learner, per objective, per question.

``quiz.store.report_answers`` folds the answers down to one row per learner and question;
this statement goes on from there, so that what reaches Python is already the report's
sums: a row per learner, per (learner, lesson, objective) and (learner, phase) of the
questions the caller's banks have, per (learner, bank, phase, objectives, right or wrong)
of the removed ones (their objectives are the recorded JSON text, read in Python, the one
place that reads it), and per question. A few thousand rows for a class at any number of
answers, instead of one per learner and question (as many as the answers in a small store).

The rules are the aggregation's (quiz/reports/progress/aggregate.py): a question the banks
have counts for mastery through the latest answer to its current version, answers to older
versions are stale; a removed question counts through its latest answer, placed by what that
answer recorded. tests/reports/test_reports_sql_reference.py holds both equal to the
row-per-answer reference.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from quiz.fields import Fields
from quiz.store import report_answers
from quiz.store.history import Scope, _objectives, learner_names
from quiz.store.report_answers import (
    CURRENT,
    Facts,
    Rated,
    facts_json,
    level_sums,
    per_question,
)

RIGHT_SCORE = 1.0 - 1e-9
"""``quiz.engine.scoring.is_correct``'s bound (full credit only), bound as a parameter so
SQLite compares with the very same number."""


class LearnerSums(Fields):
    """Every counted answer of one learner in scope, and how their questions stand."""

    learner: str
    answers: int
    correct: int
    credit: float
    time_ms: int
    rated: Rated
    questions: int
    stale_answers: int
    stale_questions: int
    removed_answers: int
    removed_questions: int


class TallySums(Fields):
    """One learner's evidence on one objective (``lesson`` and ``key``) or phase (``key``;
    ``lesson`` empty), from the questions the banks have."""

    learner: str
    lesson: str
    key: str
    questions: int
    correct: int
    answers: int
    stale_answers: int


class RemovedSums(Fields):
    """One learner's removed questions whose latest answers recorded the same bank, phase
    and objectives and were all right (or all not)."""

    learner: str
    bank_id: str
    phase: str
    objectives: tuple[str, ...]
    right: bool
    questions: int
    answers: int


class QuestionSums(Fields):
    """One question over the learners with evidence on it."""

    question_id: str
    learners: int
    correct: int


class Totals(Fields):
    """What ``totals`` returns."""

    learners: list[LearnerSums]
    objectives: list[TallySums]
    phases: list[TallySums]
    removed: list[RemovedSums]
    questions: list[QuestionSums]


def _levels(bits: int | None) -> list[str]:
    """SQL: the six per-level sums over ``e`` (fields unpacked row by row when packed)."""
    if bits is None:
        return [f"sum({kind}{c})" for c in (1, 2, 3) for kind in ("c", "r")]
    mask = (1 << bits) - 1
    return [f"sum(({packed} >> {shift}) & {mask})" for shift in (0, bits, 2 * bits)
            for packed in ("lv", "lr")]


def totals_sql(answers: str, bits: int | None) -> str:
    """The statement; parameters: the facts (``facts_json``), ``source``'s (of
    ``quiz.store.report_answers``), ``RIGHT_SCORE``.

    ``e`` holds one row per learner and question: the sums, ``known``, and ``ev`` (evidence
    for mastery: the current version answered, or a removed question), ``ok`` (that
    evidence's latest answer fully right), ``ans`` (the answers behind it) and ``stale``.
    Every part of the ``UNION ALL`` starts with a tag and the learner id (or NULL) and is
    padded to 18 columns. ``e`` is read by five parts; SQLite (3.35 and later) computes a
    CTE used more than once a single time (no ``MATERIALIZED`` hint, which older versions
    would refuse)."""
    current_n = f"sum(CASE WHEN {CURRENT} THEN g.n END)"
    evidence = (
        f"SELECT g.lid AS lid, g.qid AS qid, sum(g.n) AS n, sum(g.c) AS c,"
        f" sum(g.credit) AS credit, sum(g.ms) AS ms, {level_sums(bits)},"
        " k.question_id IS NOT NULL AS known,"
        f" CASE WHEN k.question_id IS NULL THEN 1 ELSE {current_n} IS NOT NULL END AS ev,"
        " coalesce(CASE WHEN k.question_id IS NULL THEN g.score"
        f" ELSE sum(CASE WHEN {CURRENT} THEN g.score END) END >= ?, 0) AS ok,"
        f" CASE WHEN k.question_id IS NULL THEN sum(g.n) ELSE coalesce({current_n}, 0) END"
        " AS ans,"
        f" CASE WHEN k.question_id IS NULL THEN 0 ELSE sum(g.n) - coalesce({current_n}, 0)"
        " END AS stale,"
        " max(g.latest) AS latest, g.rid AS rid"
        " FROM g LEFT JOIN known k ON k.question_id = g.qid GROUP BY g.lid, g.qid")

    def pad(*columns: str) -> str:
        return ", ".join([*columns, *["NULL"] * (18 - len(columns))])

    tally = ["sum(e.ev)", "sum(e.ev AND e.ok)", "sum(CASE WHEN e.ev THEN e.ans ELSE 0 END)",
             "sum(e.stale)"]
    return (
        per_question(answers, bits)
        + f", e AS ({evidence})"
        + " SELECT " + pad("'L'", "lid", "sum(n)", "sum(c)", "sum(credit)", "sum(ms)",
                           "count(*)", "sum(stale)", "sum(stale > 0)",
                           "sum(CASE WHEN known THEN 0 ELSE n END)", "sum(NOT known)",
                           "max(n)", *_levels(bits)) + " FROM e GROUP BY lid"
        + " UNION ALL SELECT " + pad("'O'", "e.lid", "k.lesson", "o.value", *tally)
        + " FROM e JOIN known k ON k.question_id = e.qid, json_each(k.objectives) o"
        " WHERE e.known GROUP BY e.lid, k.lesson, o.value"
        + " UNION ALL SELECT " + pad("'P'", "e.lid", "''", "k.phase", *tally)
        + " FROM e JOIN known k ON k.question_id = e.qid WHERE e.known"
        " GROUP BY e.lid, k.phase"
        + " UNION ALL SELECT " + pad("'R'", "e.lid", "s.bank_id", "r.phase", "r.objectives",
                                     "e.ok", "count(*)", "sum(e.n)")
        + " FROM e JOIN responses r ON r.id = e.rid JOIN sessions s ON s.id = r.session_id"
        " WHERE NOT e.known GROUP BY e.lid, s.bank_id, r.phase, r.objectives, e.ok"
        + " UNION ALL SELECT " + pad("'Q'", "NULL", "qid", "sum(ev)", "sum(ev AND ok)")
        + " FROM e GROUP BY qid HAVING sum(ev) > 0"
    )


def _fetch(conn: sqlite3.Connection, scope: Scope, given: str, bits: int | None
           ) -> list[Any] | None:
    answers, params = report_answers.source(conn, scope)
    sql = totals_sql(answers, bits)
    rows = conn.execute(sql, [given, *params, RIGHT_SCORE]).fetchall()
    if bits is not None and any(row[0] == "L" and row[11] >= 1 << bits for row in rows):
        return None  # a field could have carried into the next: plain sums
    return rows


def totals(conn: sqlite3.Connection, scope: Scope, facts: Mapping[str, Facts]) -> Totals:
    """The sums of the counted answers in scope (module docstring); ``facts`` holds each
    question the caller's banks have."""
    names = learner_names(conn)
    given = facts_json(facts)
    rows = _fetch(conn, scope, given, report_answers.FIELD_BITS)
    if rows is None:
        rows = _fetch(conn, scope, given, None) or []

    def name(lid: Any) -> str:
        return names.get(lid, f"learner #{lid}")

    made = Totals([], [], [], [], [])
    parsed: dict[Any, tuple[str, ...]] = {}
    for tag, lid, *v in rows:
        if tag == "L":
            c1, r1, c2, r2, c3, r3 = (int(x or 0) for x in v[10:16])
            made.learners.append(LearnerSums(
                name(lid), int(v[0]), int(v[1] or 0), float(v[2] or 0), int(v[3] or 0),
                ((c1, r1), (c2, r2), (c3, r3)), int(v[4]), int(v[5]), int(v[6]), int(v[7]),
                int(v[8])))
        elif tag in ("O", "P"):
            (made.objectives if tag == "O" else made.phases).append(TallySums(
                name(lid), str(v[0]), str(v[1]), int(v[2]), int(v[3]), int(v[4]), int(v[5])))
        elif tag == "R":
            tags = parsed.get(v[2])
            if tags is None:
                tags = parsed[v[2]] = _objectives(v[2])
            made.removed.append(RemovedSums(name(lid), str(v[0]), str(v[1]), tags,
                                            bool(v[3]), int(v[4]), int(v[5])))
        elif tag == "Q":
            made.questions.append(QuestionSums(str(v[0]), int(v[1]), int(v[2])))
    return made
