"""The outbox: written with the answer, in the same transaction; ids fixed; counts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from quiz.store import outbox
from quiz.xapi.journal import XapiJournal
from tests.xapi.xapi_helpers import course, journaled_workspace, outbox_store, study


def _rows(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, verb, body FROM xapi_outbox ORDER BY seq").fetchall()


def test_every_answer_and_session_event_is_queued_with_the_answer(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    ws = journaled_workspace(db, "ana")
    study(ws, seed=3, answers=3)
    ws.close()
    rows = _rows(db)
    verbs = [v for _, v, _ in rows]
    # practice: start, 3 answers, end; exam: start, 5 answers + 1 change, end (+ pass/fail)
    assert verbs[:5] == ["attempted", "answered", "answered", "answered", "completed"]
    assert verbs[5] == "attempted" and verbs.count("answered") == 3 + 5 + 1
    assert verbs[-1] in ("passed", "failed") and verbs[-2] == "completed"
    with sqlite3.connect(db) as conn:
        responses = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    assert responses == 3 + 5  # the changed exam answer replaced its row; both statements stay
    bodies = [json.loads(b) for _, _, b in rows]
    assert [b["id"] for b in bodies] == [i for i, _, _ in rows]
    assert len({i for i, _, _ in rows}) == len(rows)


def test_a_rolled_back_answer_leaves_no_statement(tmp_path: Path) -> None:
    conn = outbox_store(tmp_path / "p.sqlite3")
    statement = {"id": "5b0f1f2e-0000-5000-8000-000000000001",
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"}}
    conn.execute("BEGIN IMMEDIATE")
    outbox.enqueue(conn, [statement])
    conn.execute("ROLLBACK")
    assert outbox.counts(conn).pending == 0
    conn.execute("BEGIN IMMEDIATE")
    assert outbox.enqueue(conn, [statement, statement]) == 1  # the same id once
    conn.execute("COMMIT")
    assert outbox.counts(conn) == outbox.Counts(1, 0, 0, None)


def test_states_and_counts(tmp_path: Path) -> None:
    conn = outbox_store(tmp_path / "p.sqlite3")
    made = [{"id": f"id-{n}", "verb": {"id": "x/answered"}} for n in range(5)]
    outbox.enqueue(conn, made)
    assert [q.id for q in outbox.pending(conn, 3)] == ["id-0", "id-1", "id-2"]
    outbox.mark_sent(conn, ["id-0"])
    outbox.mark_failed(conn, ["id-1"], "HTTP 400: bad")
    outbox.mark_failed(conn, ["id-2"], "HTTP 503", next_try=2e9)
    assert outbox.counts(conn) == outbox.Counts(3, 1, 1, "HTTP 503")
    assert [q.id for q in outbox.pending(conn, 10, now=1e9)] == ["id-3", "id-4"]
    assert outbox.retry_failed(conn) == 1
    assert outbox.counts(conn).failed == 0


def test_backfill_queues_history_once_with_the_ids_the_live_path_gives(tmp_path: Path) -> None:
    live_db = tmp_path / "live.sqlite3"
    ws = journaled_workspace(live_db, "ana")
    study(ws, seed=5, answers=3, change=False)
    ws.close()
    live = {i for i, _, _ in _rows(live_db)}
    # the same store without its queue: backfill rebuilds it, with the same ids
    with sqlite3.connect(live_db) as conn:
        conn.execute("DELETE FROM xapi_outbox")
    conn = outbox_store(live_db)
    journal = XapiJournal(course())
    conn.execute("BEGIN IMMEDIATE")
    first = journal.backfill(conn, pass_marks=lambda _bank: 0.7)
    conn.execute("COMMIT")
    conn.execute("BEGIN IMMEDIATE")
    second = journal.backfill(conn, pass_marks=lambda _bank: 0.7)
    conn.execute("COMMIT")
    conn.close()
    assert first == len(live) and second == 0
    assert {i for i, _, _ in _rows(live_db)} == live
