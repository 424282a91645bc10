"""The reference the progress report's SQL aggregation is checked against: a row per answer.

Every counted answer is fetched into Python and grouped here by (learner, question, content
hash) with plain loops, and the groups are folded by the aggregation as it was before issue 16
pushed the work into SQL (``ReferenceAggregator._question`` is that code, kept as it was: the
latest answer's bank, phase and objectives read for every group, each question's content
hash computed when it is needed). Sessions and exams come from quiz's own queries (checked
against raw rows by tests/reports/test_reports_aggregates.py), and ``finish`` (the
presentation stage) makes the ``Report``, so a difference between the two reports is a
difference in the aggregation.

Slow on purpose (a Python object per answer): for test stores only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from quiz.engine.adaptive import Evidence, HistorySummary
from quiz.engine.scoring import is_correct
from quiz.model import Catalog
from quiz.reports.progress.aggregate import (
    Aggregator,
    Context,
    _Learner,
    finish,
)
from quiz.reports.progress.model import ExamResult, Report
from quiz.reports.progress.stats import Tally
from quiz.store.history import (
    COUNTED,
    Scope,
    _conditions,
    _objectives,
    exams,
    learner_names,
    session_totals,
)


@dataclass(frozen=True)
class Group:
    """One learner's answers to one version of one question (the pre-issue-16 shape)."""

    learner: str
    question_id: str
    content_hash: str
    bank_id: str
    phase: str
    objectives: tuple[str, ...]
    latest_key: str
    latest_score: float
    answers: int
    correct: int
    credit: float
    time_ms: int
    rated: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def _right(score: float) -> bool:
    return score >= 0.999999999  # quiz.store.history.RIGHT, in Python


def groups(conn: sqlite3.Connection, scope: Scope) -> list[Group]:
    """Every counted answer in scope, grouped in Python; ordered by learner id, question id
    and content hash, as the report's query orders its groups."""
    names = learner_names(conn)
    where, params = _conditions(scope, "r.answered_at")
    rows = conn.execute(
        "SELECT r.id, r.learner_id, r.question_id, r.content_hash, s.bank_id, r.phase,"
        " r.objectives, r.answered_at, r.score, r.confidence, r.time_ms"
        " FROM responses r JOIN sessions s ON s.id = r.session_id"
        f" WHERE {COUNTED}{where}", params).fetchall()
    buckets: dict[tuple[int, str, str], list[Any]] = {}
    for row in rows:
        buckets.setdefault((row[1], row[2], row[3]), []).append(row)
    made = []
    for (lid, qid, chash), answers in sorted(buckets.items(), key=lambda kv: kv[0]):
        # "latest" as the query defines it: the greatest answered_at || printf('%012d', id)
        latest = max(answers, key=lambda r: f"{r[7]}{r[0]:012d}")
        levels = []
        for level in (1, 2, 3):
            rated = [r for r in answers if r[9] == level]
            levels.append((len(rated), sum(_right(r[8]) for r in rated)))
        credit = 0.0
        for r in answers:
            credit += r[8]
        made.append(Group(
            names.get(lid, f"learner #{lid}"), str(qid), str(chash), str(latest[4]),
            str(latest[5]), _objectives(latest[6]), f"{latest[7]}{latest[0]:012d}",
            float(latest[8]), len(answers), sum(_right(r[8]) for r in answers), credit,
            sum(r[10] for r in answers), (levels[0], levels[1], levels[2])))
    return made


class ReferenceAggregator(Aggregator):
    """quiz's aggregator with the group folding as it was before issue 16."""

    def add_reference_groups(self, found: Iterable[Group],
                             rename: dict[str, str] | None = None) -> None:
        for (learner, _question), chunk in groupby(found, key=lambda g: (g.learner,
                                                                          g.question_id)):
            name = rename.get(learner, learner) if rename else learner
            self._reference_question(self.learner(name), list(chunk))

    def _reference_question(self, acc: _Learner, groups: list[Group]) -> None:
        ov = acc.overall
        for g in groups:
            ov["answers"] += g.answers
            ov["correct"] += g.correct
            ov["credit"] += g.credit
            ov["ms"] += g.time_ms
            for level, (count, right) in zip(acc.levels, g.rated, strict=True):
                level[0] += count
                level[1] += right
        ov["questions"] += 1
        qid = groups[0].question_id
        found = self.context.questions.get(qid)
        evidence: Group | None
        if found is not None:
            bank, question = found
            current = [g for g in groups if g.content_hash == question.content_hash]
            stale = sum(g.answers for g in groups) - sum(g.answers for g in current)
            lesson = bank.lesson.id
            phase, objectives = question.phase.value, question.objectives
            evidence = current[0] if current else None
            answers = evidence.answers if evidence else 0
            if evidence is not None and self.track_seen:
                acc.seen.add(qid)
            if stale:
                acc.edits[0] += stale
                acc.edits[1] += 1
        else:
            evidence = max(groups, key=lambda g: g.latest_key)
            stale = 0
            lesson = self.context.lesson_of(evidence.bank_id)
            phase, objectives = evidence.phase, evidence.objectives
            answers = sum(g.answers for g in groups)
            acc.edits[2] += answers
            acc.edits[3] += 1
        right = evidence is not None and is_correct(evidence.latest_score)
        tallies = [acc.objectives.setdefault((lesson, o), Tally()) for o in objectives]
        tallies.append(acc.phases.setdefault(phase, Tally()))
        for tally in tallies:
            tally.stale_answers += stale
            if evidence is not None:
                tally.add(right, answers)
        if evidence is not None:
            stat = self.questions.setdefault(qid, [0, 0])
            stat[0] += 1
            stat[1] += right


def read(aggregator: ReferenceAggregator, conn: sqlite3.Connection, scope: Scope) -> None:
    """``quiz.reports.progress.aggregate.read_store`` with the groups made in Python."""
    aggregator.add_reference_groups(groups(conn, scope))
    for totals in session_totals(conn, scope):
        aggregator.add_sessions(totals.learner, totals.sessions, totals.seconds)
    for row in exams(conn, scope):
        aggregator.add_exam(row.learner, ExamResult(
            row.session_id, row.bank_id, row.started_at, row.items, row.answered, row.earned,
            aggregator.context.exam_pass(row.bank_id)))


def class_reference(conn: sqlite3.Connection, catalog: Catalog, scope: Scope, label: str,
                    now: datetime) -> Report:
    """What ``class_report([store], catalog, scope, now=now)`` should make of one store."""
    aggregator = ReferenceAggregator(Context(catalog, scope.banks))
    read(aggregator, conn, scope)
    return finish(aggregator, class_view=True, sources=[label], since=scope.since,
                  banks=scope.banks, now=now)


def learner_reference(conn: sqlite3.Connection, catalog: Catalog, learner: str,
                      scope: Scope, now: datetime) -> Report:
    """What ``learner_report(conn, catalog, learner, scope, now=now)`` should make."""
    chosen = Scope((learner,), scope.since, scope.banks)
    aggregator = ReferenceAggregator(Context(catalog, chosen.banks))
    read(aggregator, conn, chosen)
    return finish(aggregator, learners=[learner], since=chosen.since, banks=chosen.banks,
                  now=now)


def summary_reference(conn: sqlite3.Connection, catalog: Catalog, learner: str,
                      bank_id: str | None = None) -> HistorySummary:
    """What ``history_summary(conn, catalog, learner, bank_id)`` should make."""
    scope = Scope((learner,), None, (bank_id,) if bank_id else ())
    aggregator = ReferenceAggregator(Context(catalog, scope.banks), track_seen=True)
    aggregator.add_reference_groups(groups(conn, scope))
    acc = aggregator.learner(learner)
    objectives: dict[str, Evidence] = {}
    for (_lesson, objective), tally in acc.objectives.items():
        before = objectives.get(objective, Evidence())
        objectives[objective] = Evidence(before.answered + tally.questions,
                                         before.correct + tally.correct)
    phases = {p: Evidence(t.questions, t.correct) for p, t in acc.phases.items()}
    return HistorySummary(objectives, phases, frozenset(acc.seen))
