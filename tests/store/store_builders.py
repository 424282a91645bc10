"""Stores for the store tests, written with plain SQL (no bank needed): one with enough
answers that a given page holds table data, and the reviewer's page damage."""

from __future__ import annotations

import json
from pathlib import Path

from quiz.store.db import close, connect

PAGE = 4096


def many_answers(db: Path, learner: str = "ana", sessions: int = 12, per: int = 60) -> int:
    """A store of finished practice sessions (every third answer right), closed cleanly so
    that the file alone holds them; returns how many answers."""
    conn = connect(db)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO learners (id, name, created_at) VALUES (1, ?, '')", (learner,))
    for sid in range(1, sessions + 1):
        conn.execute(
            "INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters, items,"
            " started_at, status, elapsed) VALUES (?, 1, 'practice', 'b', 1, '{}', '[]',"
            " '2025-01-01T00:00:00+00:00', 'active', 30)", (sid,))
        for position in range(per):
            right = position % 3 == 0
            conn.execute(
                "INSERT INTO responses (session_id, learner_id, position, question_id,"
                " content_hash, phase, objectives, answer, score, confidence, time_ms,"
                " answered_at) VALUES (?, 1, ?, ?, 'h', 'training', ?, ?, ?, NULL, 900, ?)",
                (sid, position, f"q{position % 40}", json.dumps(["LO1"]),
                 json.dumps(["a" if right else "b"]), 1.0 if right else 0.0,
                 f"2025-01-{1 + sid % 28:02d}T10:{position % 60:02d}:00+00:00"))
        conn.execute("UPDATE sessions SET status = 'finished' WHERE id = ?", (sid,))
    conn.execute("COMMIT")
    close(conn)
    return sessions * per


def damage_page(db: Path, page: int = 15) -> None:
    """Overwrite the start of page ``page`` (1-based), as the reviewer did with dd."""
    with db.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(b"\x07" + b"\xff" * 11)
