"""Learners: names, the default name, and their ids in the store."""

from __future__ import annotations

import os
import sqlite3

from quiz.engine.clock import utc_now
from quiz.errors import QuizError

_USER_VARIABLES = ("LOGNAME", "USER", "LNAME", "USERNAME")
"""The environment variables ``getpass.getuser`` reads, in its order."""


def default_learner() -> str:
    """The operating-system user, or 'learner' when it cannot be told."""
    # getpass.getuser's own first step, without importing getpass (and termios) on every
    # start: nearly always one of these is set
    for name in _USER_VARIABLES:
        user = os.environ.get(name)
        if user:
            return user
    import getpass

    try:
        return getpass.getuser() or "learner"
    except (OSError, KeyError):
        return "learner"


def learner_name(name: str | None) -> str:
    """The learner's name as given (``--learner``), or the default; ``QuizError`` when it is
    not text. Every learner name enters through here: bytes that are not UTF-8 reach Python
    as surrogate escapes, which SQLite cannot store (an internal UnicodeEncodeError)."""
    if name is None:
        return default_learner()
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
        raise QuizError(f"--learner: the name {shown!r:.60} is not valid UTF-8 text; give the "
                        "name in UTF-8 (check the terminal's encoding)") from None
    return name


def find_learner(conn: sqlite3.Connection, name: str) -> int | None:
    """The learner's id, or None when the store has no learner of that name."""
    row = conn.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else None


def some_learners(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    """The first few learner names in alphabetical order (for "learners here: ..." hints)."""
    return [str(n) for (n,) in conn.execute("SELECT name FROM learners ORDER BY name LIMIT ?",
                                            (limit,))]


def learner_id(conn: sqlite3.Connection, name: str) -> int:
    """The learner's id, creating the learner on first use."""
    found = find_learner(conn, name)
    if found is not None:
        return found
    cursor = conn.execute(
        "INSERT INTO learners (name, created_at) VALUES (?, ?)", (name, utc_now().isoformat())
    )
    return int(cursor.lastrowid or 0)
