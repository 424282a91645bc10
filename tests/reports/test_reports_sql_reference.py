"""The progress report's SQL aggregation equals the row-per-answer reference (issue 16).

The report groups answers in SQLite and folds the groups in Python; the reference
(tests/reports/reference_aggregate.py) fetches every answer and folds them the way the report
did before. Over generated stores (every session mode and status, current, old and removed
versions, ties in time, confidence ratings, learners with no answers, scopes by time and
bank), the two reports are equal as values and byte for byte in every format, for the class
view (whole-table scan) and each learner's report (their rows only), both summed in SQL
(quiz/store/report_totals.py), and for adaptive practice's history summary, made from a row
per question (quiz/store/report_answers.py). Scores are 0, ½ and 1, so sums of credit are
exact whichever order SQLite adds them in.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.reports.class_view import class_report
from quiz.reports.progress.aggregate import history_summary, learner_report
from quiz.reports.progress.model import Report
from quiz.reports.progress.render import render
from quiz.store import report_answers, report_totals
from quiz.store.history import Scope
from quiz.store.readonly import open_readonly
from quiz.store.schema import ANSWERS_INDEX, MIGRATIONS, SCHEMA_VERSION, statements
from tests.hypothesis_budget import examples
from tests.reports.reference_aggregate import (
    class_reference,
    learner_reference,
    summary_reference,
)
from tests.reports.reports_data import T0, AnswerSpec, SessionSpec, catalog, write_history
from tests.reports.test_reports_aggregates import histories

CATALOG = catalog()
NOW = datetime(2026, 1, 1, tzinfo=UTC)
FORMATS = ("text", "md", "html", "json", "csv")

History = tuple[list[SessionSpec], list[AnswerSpec]]

OLDER = 4
"""The last schema without the covering index the class view walks (migration 5)."""


def _same(made: Report, expected: Report) -> None:
    assert made == expected
    for fmt in FORMATS:
        assert render(made, fmt) == render(expected, fmt), fmt


def _scope(since_minute: int | None, banks: tuple[str, ...]) -> Scope:
    since = None if since_minute is None else \
        (T0 + timedelta(minutes=since_minute)).isoformat()
    return Scope((), since, banks)


def _check_store(path: Path, names: set[str], scope: Scope) -> None:
    conn = open_readonly(path)
    try:
        _same(class_report([path], CATALOG, scope, now=NOW),
              class_reference(conn, CATALOG, scope, path.name, NOW))
        for name in sorted(names | {"nobody"}):
            _same(learner_report(conn, CATALOG, name, scope, now=NOW),
                  learner_reference(conn, CATALOG, name, scope, NOW))
            for bank in (None, "bank"):
                summary = history_summary(conn, CATALOG, name, bank)
                expected = summary_reference(conn, CATALOG, name, bank)
                assert summary == expected
                # and in the same order: adaptive practice breaks ties in this order
                assert list(summary.objectives) == list(expected.objectives)
                assert list(summary.phases) == list(expected.phases)
    finally:
        conn.close()


@pytest.mark.slow  # about 2.4 s under the ci profile
@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.sampled_from([None, 5, 20]), st.sampled_from([(), ("bank",)]))
def test_sql_aggregation_equals_the_row_per_answer_reference(
        history_: History, since_minute: int | None, banks: tuple[str, ...]) -> None:
    sessions, answers = history_
    with tempfile.TemporaryDirectory() as folder:
        path = write_history(Path(folder) / "s.sqlite3", sessions, answers,
                             learner_names=["idle"])
        _check_store(path, {s.learner for s in sessions}, _scope(since_minute, banks))


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_unpacked_sums_when_a_group_could_overflow_a_packed_field(
        history_: History) -> None:
    """With one-bit fields any question answered twice or more sends the query to its plain
    sums: the report must not change."""
    sessions, answers = history_
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = write_history(Path(folder) / "s.sqlite3", sessions, answers)
        patch.setattr(report_answers, "FIELD_BITS", 1)
        _check_store(path, {s.learner for s in sessions}, Scope())


def test_the_packed_fields_hold_their_counts_apart(tmp_path: Path) -> None:
    """Many rated answers to one question, at every level: each level's count is its own."""
    sessions = [SessionSpec("ana", "practice", "finished", "bank", 0)]
    answers = [AnswerSpec(0, "q1", False, score, confidence, 10, minute)
               for minute, (score, confidence) in enumerate(
                   [(1.0, 1)] * 7 + [(0.0, 1)] * 3 + [(1.0, 2)] * 5 + [(0.5, 3)] * 9
                   + [(1.0, 3)] * 4 + [(1.0, None)] * 2)]
    path = write_history(tmp_path / "s.sqlite3", sessions, answers)
    conn = open_readonly(path)
    try:
        (row,) = report_answers.question_answers(conn, Scope(), {})
        assert row.rated == ((10, 7), (5, 5), (13, 4))
        assert (row.answers, row.correct) == (30, 18)
        _same(learner_report(conn, CATALOG, "ana", Scope(), now=NOW),
              learner_reference(conn, CATALOG, "ana", Scope(), NOW))
    finally:
        conn.close()


@pytest.mark.parametrize("schema", [SCHEMA_VERSION, OLDER])
def test_the_class_view_reads_the_answers_in_group_order_and_a_learner_only_their_rows(
        schema: int) -> None:
    """The plans the speed depends on. The class (whole, or narrowed by time and bank): the
    covering index walked in group order, no table page read and no sort; in a store older
    than that index, one scan of the table in row order, sorted (not a walk of the (learner,
    question) index, which reads the table at random). One learner: their sessions, then
    their answers by session."""
    conn = sqlite3.connect(":memory:")
    for script in MIGRATIONS[:schema]:
        for statement in statements(script):
            conn.execute(statement)
    for make_sql in (report_answers.question_sql, report_totals.totals_sql):
        plans = {}
        for name, scope in (("class", Scope()), ("learner", Scope(("ana",))),
                            ("class, narrowed", Scope((), T0.isoformat(), ("bank",)))):
            answers, params = report_answers.source(conn, scope)
            sql = make_sql(answers, report_answers.FIELD_BITS)
            extra = [report_totals.RIGHT_SCORE] if make_sql is report_totals.totals_sql else []
            plans[name] = " | ".join(row[3] for row in conn.execute(
                f"EXPLAIN QUERY PLAN {sql}", ["{}", *params, *extra]))
        for whole in ("class", "class, narrowed"):
            grouping = plans[whole].split(" | MATERIALIZE known")[0]  # g: the answers grouped
            assert "(session_id=?)" not in grouping  # not the answers by session
            if schema == OLDER:
                assert "SCAN r | " in grouping and "USE TEMP B-TREE FOR GROUP BY" in grouping
                assert "responses_learner" not in grouping
            else:
                assert f"SCAN r USING COVERING INDEX {ANSWERS_INDEX}" in grouping
                assert "TEMP B-TREE" not in grouping
        assert "SCAN r" not in plans["learner"]
        assert "(session_id=?)" in plans["learner"]


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.sampled_from([None, 5, 20]), st.sampled_from([(), ("bank",)]))
def test_a_store_older_than_the_covering_index_gives_the_same_reports(
        history_: History, since_minute: int | None, banks: tuple[str, ...]) -> None:
    """Reports open a store read-only and never migrate it: a store of schema 4 is read
    without the covering index (table order, sorted) and gives the reference's reports, and
    the same bytes as the same history in a store of the current schema; it stays as it
    was."""
    sessions, answers = history_
    scope = _scope(since_minute, banks)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for kind, schema in (("old", OLDER), ("new", None)):
            (Path(folder) / kind).mkdir()
            paths.append(write_history(Path(folder) / kind / "s.sqlite3", sessions, answers,
                                       learner_names=["idle"], schema=schema))
        old, new = paths
        _check_store(old, {s.learner for s in sessions}, scope)
        for fmt in FORMATS:
            assert render(class_report([old], CATALOG, scope, now=NOW), fmt) == \
                render(class_report([new], CATALOG, scope, now=NOW), fmt), fmt
        conn = open_readonly(old)
        try:
            assert conn.execute("PRAGMA user_version").fetchone() == (OLDER,)
            assert "FROM responses r NOT INDEXED " in report_answers.source(conn, Scope())[0]
        finally:
            conn.close()
