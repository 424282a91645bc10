"""The app's background round: its own connection, one try, counts for the status line."""

from __future__ import annotations

from pathlib import Path

from quiz.xapi.background import send_pending, status_line
from tests.xapi.xapi_helpers import FakeLrs, journaled_workspace, lrs_config, study


def test_a_background_round_sends_and_reports_quietly(tmp_path: Path,
                                                      fake_lrs: FakeLrs) -> None:
    ws = journaled_workspace(tmp_path / "p.sqlite3", "ana")
    study(ws, seed=1, answers=2, exam=False)
    ws.close()
    fake_lrs.script.append(lambda _b: (503, {"detail": "maintenance"}))
    first = send_pending(tmp_path / "p.sqlite3", lrs_config(fake_lrs.url))
    assert first.sent == 0 and first.pending == 4
    assert status_line(first) == "LRS: 0 sent · 4 pending · HTTP 503: maintenance"
    # the next round respects the backoff; once it has passed, everything goes
    import sqlite3

    with sqlite3.connect(tmp_path / "p.sqlite3") as conn:
        conn.execute("UPDATE xapi_outbox SET next_try = 0")
    second = send_pending(tmp_path / "p.sqlite3", lrs_config(fake_lrs.url))
    assert (second.sent, second.pending) == (4, 0)
    assert status_line(second) == "LRS: 4 sent · 0 pending"
