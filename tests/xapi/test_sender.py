"""Sending the outbox: each answer of the LRS ends in a clear status, nothing is lost, and
no message carries the password."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quiz.store import outbox
from quiz.xapi.sender import Sender, backoff
from tests.xapi.xapi_helpers import PASSWORD, FakeLrs, journaled_workspace, lrs_config, study


def _class_store(tmp_path: Path) -> tuple[Path, sqlite3.Connection, int]:
    db = tmp_path / "p.sqlite3"
    ws = journaled_workspace(db, "ana")
    study(ws, seed=7, answers=4)
    ws.close()
    conn = sqlite3.connect(db, isolation_level=None)
    total = conn.execute("SELECT count(*) FROM xapi_outbox").fetchone()[0]
    return db, conn, int(total)


def _sender(fake: FakeLrs, **kw: Any) -> Sender:
    return Sender(lrs_config(fake.url), batch=kw.pop("batch", 5), rand=lambda: 0.5, **kw)


def _no_wait(_seconds: float) -> None:
    pass


def test_everything_pending_is_delivered_once_in_batches(tmp_path: Path,
                                                         fake_lrs: FakeLrs) -> None:
    _db, conn, total = _class_store(tmp_path)
    with _sender(fake_lrs) as sender:
        result = sender.drain(conn, sleep=_no_wait)
    assert (result.sent, result.failed, result.pending) == (total, 0, 0)
    assert len(fake_lrs.stored) == total
    assert all(len(batch) <= 5 for batch in fake_lrs.posts)
    assert sum(len(b) for b in fake_lrs.posts) == total
    method, path, headers = fake_lrs.requests[0]
    assert (method, path) == ("POST", "/xAPI/statements")
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert headers["Authorization"].startswith("Basic ")
    # a second round has nothing to send
    with _sender(fake_lrs) as sender:
        assert sender.drain(conn, sleep=_no_wait).sent == 0
    assert len(fake_lrs.posts) == -(-total // 5)


def test_a_400_isolates_the_bad_statement_and_delivers_the_rest(tmp_path: Path,
                                                                fake_lrs: FakeLrs) -> None:
    _db, conn, total = _class_store(tmp_path)
    bad = next(row[0] for row in conn.execute("SELECT id FROM xapi_outbox WHERE verb = 'answered'"
                                          " ORDER BY seq LIMIT 1 OFFSET 2"))
    fake_lrs.refuse = lambda s: s["id"] == bad
    with _sender(fake_lrs, batch=8) as sender:
        result = sender.drain(conn, sleep=_no_wait)
    assert (result.sent, result.failed, result.pending) == (total - 1, 1, 0)
    assert bad not in fake_lrs.stored and len(fake_lrs.stored) == total - 1
    state, error = conn.execute("SELECT state, last_error FROM xapi_outbox WHERE id = ?",
                                (bad,)).fetchone()
    assert state == "failed" and "HTTP 400" in error and bad in error
    # fixed on the LRS side: put back and sent
    fake_lrs.refuse = lambda _s: False
    conn.execute("BEGIN IMMEDIATE")
    outbox.retry_failed(conn)
    conn.execute("COMMIT")
    with _sender(fake_lrs) as sender:
        assert sender.drain(conn, sleep=_no_wait).sent == 1
    assert len(fake_lrs.stored) == total


@pytest.mark.parametrize("code", [401, 403])
def test_refused_credentials_stop_sending_with_a_clear_message_and_no_password(
        tmp_path: Path, fake_lrs: FakeLrs, code: int) -> None:
    _db, conn, total = _class_store(tmp_path)
    fake_lrs.script.append(lambda _b: (code, {"detail": f"Invalid password {PASSWORD}"}))
    with _sender(fake_lrs) as sender:
        result = sender.drain(conn, sleep=_no_wait)
        assert PASSWORD not in repr(sender)
    assert result.stopped is not None and f"HTTP {code}" in result.stopped
    assert "lrs.username" in result.stopped and PASSWORD not in result.stopped
    assert (result.sent, result.pending) == (0, total) and len(fake_lrs.posts) == 1
    assert not any(PASSWORD in (e or "") for (e,) in
                   conn.execute("SELECT last_error FROM xapi_outbox"))


def test_a_409_counts_what_the_lrs_holds_as_delivered_and_resends_the_rest(
        tmp_path: Path, fake_lrs: FakeLrs) -> None:
    _db, conn, total = _class_store(tmp_path)
    # the LRS already holds the first two (a send whose answer was lost) and says 409
    first = [q for q in outbox.pending(conn, 2)]
    import json

    for q in first:
        fake_lrs.stored[q.id] = json.loads(q.body)
    fake_lrs.script.append(lambda _b: (409, {"detail": "Statements already exist"}))
    with _sender(fake_lrs) as sender:
        result = sender.drain(conn, sleep=_no_wait)
    assert (result.sent, result.failed, result.pending, result.already) == (total, 0, 0, 2)
    assert len(fake_lrs.stored) == total
    notes = dict(conn.execute("SELECT id, last_error FROM xapi_outbox"))
    assert all("409" in notes[q.id] for q in first)


def test_a_409_for_an_id_the_lrs_does_not_hold_fails_that_statement_alone(
        tmp_path: Path, fake_lrs: FakeLrs) -> None:
    _db, conn, total = _class_store(tmp_path)
    victim = outbox.pending(conn, 1)[0].id
    fake_lrs.script += [lambda b: (409, {"detail": "conflict"}) if any(
        s["id"] == victim for s in b) else None] * 20
    with _sender(fake_lrs) as sender:
        result = sender.drain(conn, sleep=_no_wait)
    assert (result.sent, result.failed, result.pending) == (total - 1, 1, 0)
    state, error = conn.execute("SELECT state, last_error FROM xapi_outbox WHERE id = ?",
                                (victim,)).fetchone()
    assert state == "failed" and "does not hold" in error


def test_server_errors_are_retried_with_backoff_and_nothing_is_lost(
        tmp_path: Path, fake_lrs: FakeLrs) -> None:
    _db, conn, total = _class_store(tmp_path)
    fake_lrs.script += [lambda _b: (500, {"detail": "boom"})] * 3
    waits: list[float] = []
    with _sender(fake_lrs) as sender:
        result = sender.drain(conn, sleep=waits.append, rounds=3)
    assert result.sent == 0 and result.pending == total and "HTTP 500" in (result.last_error or "")
    assert len(waits) == 2 and waits[0] < waits[1]
    tries, next_try = conn.execute("SELECT max(tries), max(next_try) FROM xapi_outbox").fetchone()
    assert tries == 3 and next_try > 0
    # the background sender holds back the batch that failed, and sends the others
    with _sender(fake_lrs) as sender:
        now = sender.drain(conn, sleep=_no_wait)
        assert (now.sent, now.pending) == (total - 5, 5)
        later = sender.drain(conn, sleep=_no_wait, ignore_backoff=True)
    assert (later.sent, later.pending) == (5, 0) and len(fake_lrs.stored) == total


def test_a_timeout_is_retried_later_and_delivered_once(tmp_path: Path,
                                                       fake_lrs: FakeLrs) -> None:
    _db, conn, total = _class_store(tmp_path)
    fake_lrs.hang.set()
    with _sender(fake_lrs, timeout=0.3, batch=50) as sender:
        result = sender.drain(conn, sleep=_no_wait, rounds=1)
    assert result.pending == total and "time limit" in (result.last_error or "")
    fake_lrs.hang.clear()
    # the LRS stored the batch after the client gave up: the resend must not duplicate it
    with _sender(fake_lrs, batch=50) as sender:
        again = sender.drain(conn, sleep=_no_wait, ignore_backoff=True)
    assert (again.sent, again.pending) == (total, 0)
    assert len(fake_lrs.stored) == total


def test_no_lrs_listening_is_a_retry_not_a_crash(tmp_path: Path) -> None:
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    _db, conn, total = _class_store(tmp_path)
    with Sender(lrs_config(f"http://127.0.0.1:{port}/xAPI/"), rand=lambda: 0.5) as sender:
        result = sender.drain(conn, sleep=_no_wait, rounds=2)
    assert result.pending == total and "cannot reach" in (result.last_error or "")


def test_backoff_grows_is_capped_and_jittered() -> None:
    assert [backoff(n, lambda: 0.0) for n in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff(3, lambda: 1.0) == 16.0
    assert backoff(40, lambda: 1.0) == 600.0
