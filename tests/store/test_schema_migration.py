"""Migration 5: the (learner, question) index on responses becomes the covering index the class
report walks (quiz/store/schema.py, quiz/store/report_answers.py).

A store of schema 4 with answers is opened by the app (``connect`` migrates it): its rows stay
as they were, the old index is gone and the new one is there; the queries that read a
learner's answers, or a learner's answers to one question (cards, mistakes), get the same
results as before and read them from the new index without touching the table.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from quiz.store import cards, resume
from quiz.store.db import close, connect
from quiz.store.schema import (
    ANSWERS_INDEX,
    CREATE_ANSWERS_INDEX,
    DROP_ANSWERS_INDEX,
    SCHEMA_VERSION,
)
from tests.reports.reports_data import T0, AnswerSpec, SessionSpec, write_history

COLUMNS = ["learner_id", "question_id", "content_hash", "answered_at", "score", "confidence",
           "time_ms", "session_id"]
"""The covering index's columns: the grouped statement's, in its group order first."""

SESSIONS = [SessionSpec("ana", "practice", "finished", "bank", 3),
            SessionSpec("ana", "exam", "submitted", "bank", 3),
            SessionSpec("ben", "review", "finished", "other", 2),
            SessionSpec("ana", "practice", "active", "bank", 2)]
ANSWERS = [AnswerSpec(0, "q1", False, 1.0, 2, 900, 1), AnswerSpec(0, "q2", True, 0.0, None, 40, 2),
           AnswerSpec(0, "q1", False, 0.5, 3, 70, 3), AnswerSpec(1, "q3", False, 1.0, 1, 10, 9),
           AnswerSpec(1, "gone1", False, 0.0, None, 5, 9), AnswerSpec(2, "q1", False, 0.0, 1, 8, 4),
           AnswerSpec(2, "q4", True, 1.0, None, 60, 6), AnswerSpec(3, "q2", False, 1.0, 2, 30, 12)]


def _old_store(path: Path) -> Path:
    return write_history(path, SESSIONS, ANSWERS, schema=4)


def _indexes(conn: sqlite3.Connection) -> dict[str, list[str]]:
    return {str(name): [str(r[2]) for r in conn.execute(f"PRAGMA index_info({name})")]
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                        " AND tbl_name = 'responses' AND sql IS NOT NULL")}


def _learner_reads(conn: sqlite3.Connection) -> tuple[object, list[str]]:
    """What the queries by learner give, and the statements they sent that read responses."""
    sent: list[str] = []
    conn.set_trace_callback(sent.append)
    try:
        got = [(name, resume.latest_scores(conn, name), cards.sync_cards(conn, name),
                sorted(cards.due_stamps(conn, name).items()))
               for name in ("ana", "ben", "nobody")]
    finally:
        conn.set_trace_callback(None)
    return got, [sql for sql in sent if "FROM responses" in sql]


def test_the_learner_index_becomes_the_covering_index_and_the_rows_stay(tmp_path: Path) -> None:
    path = _old_store(tmp_path / "p.sqlite3")
    before = sqlite3.connect(path)
    rows = before.execute("SELECT * FROM responses ORDER BY id").fetchall()
    assert _indexes(before)["responses_learner"] == ["learner_id", "question_id"]
    before.close()

    conn = connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        indexes = _indexes(conn)
        assert "responses_learner" not in indexes
        assert indexes[ANSWERS_INDEX] == COLUMNS
        assert conn.execute("SELECT * FROM responses ORDER BY id").fetchall() == rows
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        close(conn)


def test_the_queries_by_learner_read_the_covering_index_and_give_the_same(
        tmp_path: Path) -> None:
    old, new = _old_store(tmp_path / "old.sqlite3"), _old_store(tmp_path / "new.sqlite3")
    conn = sqlite3.connect(old, isolation_level=None)  # schema 4, as an older quiz has it
    expected, _sent = _learner_reads(conn)
    conn.close()

    conn = connect(new)
    try:
        got, sent = _learner_reads(conn)
        assert got == expected
        assert sent  # the cards and the mistakes read the learner's answers
        for sql in sent:
            plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert f"USING COVERING INDEX {ANSWERS_INDEX} (learner_id=?" in plan, plan
            assert "SCAN r" not in plan, plan
    finally:
        close(conn)


def test_a_store_that_lost_its_learner_index_still_migrates(tmp_path: Path) -> None:
    path = _old_store(tmp_path / "p.sqlite3")
    damaged = sqlite3.connect(path)
    damaged.execute("DROP INDEX responses_learner")
    damaged.close()
    conn = connect(path)
    try:
        assert _indexes(conn)[ANSWERS_INDEX] == COLUMNS
    finally:
        close(conn)


def test_an_answer_changed_in_an_exam_moves_in_the_covering_index(tmp_path: Path) -> None:
    """The recorder's upsert changes columns the index holds (score, confidence, time,
    answered at): the index follows, and what the report walks is the row as it is now."""
    conn = connect(_old_store(tmp_path / "p.sqlite3"))
    try:
        later = (T0 + timedelta(minutes=30)).isoformat()
        conn.execute("UPDATE responses SET score = 0.25, confidence = 1, time_ms = time_ms + 5,"
                     " answered_at = ? WHERE session_id = 4 AND position = 0", (later,))

        def read(scan: str) -> list[tuple[object, ...]]:
            return conn.execute(
                "SELECT learner_id, question_id, content_hash, answered_at, score, confidence,"
                f" time_ms, session_id, id FROM responses {scan} ORDER BY id").fetchall()

        assert read(f"INDEXED BY {ANSWERS_INDEX}") == read("NOT INDEXED")
        assert (later, 0.25) in [(row[3], row[4]) for row in read("NOT INDEXED")]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        close(conn)


def test_a_bulk_fill_drops_the_index_and_makes_the_same_one_after(tmp_path: Path) -> None:
    """``DROP_ANSWERS_INDEX`` and ``CREATE_ANSWERS_INDEX``, for programs that fill a new store
    in bulk: the index made after the rows is the migration's, and holds every row."""
    made = connect(tmp_path / "made.sqlite3")
    filled = connect(tmp_path / "filled.sqlite3")
    try:
        filled.execute("BEGIN")
        filled.execute(DROP_ANSWERS_INDEX)
        assert ANSWERS_INDEX not in _indexes(filled)
        filled.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'ana', '')")
        filled.execute("INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters,"
                       " items, started_at, status) VALUES (1, 1, 'practice', 'b', 1, '{}',"
                       " '[]', 't', 'active')")
        filled.executemany(
            "INSERT INTO responses (session_id, learner_id, position, question_id,"
            " content_hash, phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (1, 1, ?, ?, 'h', 'training', '[]', '[]', 1.0, NULL, 5, ?)",
            [(n, f"q{n % 7}", f"2025-01-01T00:{n % 60:02d}") for n in range(300)])
        filled.execute(CREATE_ANSWERS_INDEX)
        filled.execute("COMMIT")
        sql = "SELECT sql FROM sqlite_master WHERE name = ?"
        assert filled.execute(sql, (ANSWERS_INDEX,)).fetchone() == \
            made.execute(sql, (ANSWERS_INDEX,)).fetchone()
        assert filled.execute(
            f"SELECT count(*) FROM responses INDEXED BY {ANSWERS_INDEX}").fetchone() == (300,)
        assert filled.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        close(made)
        close(filled)
