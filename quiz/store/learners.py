"""Learners: names, the default name, and their ids in the store."""

from __future__ import annotations

import getpass
import sqlite3

from quiz.engine.clock import utc_now


def default_learner() -> str:
    """The operating-system user, or 'learner' when it cannot be told."""
    try:
        return getpass.getuser() or "learner"
    except (OSError, KeyError):
        return "learner"


def learner_id(conn: sqlite3.Connection, name: str) -> int:
    """The learner's id, creating the learner on first use."""
    row = conn.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row[0])
    cursor = conn.execute(
        "INSERT INTO learners (name, created_at) VALUES (?, ?)", (name, utc_now().isoformat())
    )
    return int(cursor.lastrowid or 0)
