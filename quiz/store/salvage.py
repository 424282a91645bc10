"""Salvage: every sound row of a damaged or tampered store, copied into a fresh one.

A row is kept whenever its meaning survives: a value quiz never writes that has an obvious
neutral value is set to it (a negative time or elapsed time becomes 0, a confidence outside
1..3 becomes none, a negative time limit becomes no limit), and only a row that cannot be
kept is dropped: an answer whose score is outside 0..1 (its result is unknown), a negative
position, a row whose session or learner is missing, a row SQLite cannot read. Each change
is said, row by row (the first ``SHOWN`` of them, then a count), so a learner or instructor
knows exactly what the repair did.

Sessions come in ``active`` so that their answers and flags can follow them past the store's
guards (a session that has ended takes no rows); their own status is set once the rows are
in, which closes them as the app would have.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

from quiz.store.db import close, connect

TABLES = ("learners", "sessions", "responses", "flags", "cards", "store_identity",
          "xapi_outbox")
"""Salvaged in this order, so that every row's session and learner come first."""
SHOWN = 20
"""How many changes are listed one by one; the rest are counted."""

Row = dict[str, Any]
Cleaner = Callable[[Row, "Salvage"], str | None]
"""Fixes what it can in a row (noting each change); returns why the row must be dropped."""


def _number(value: object) -> TypeGuard[float]:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


class Salvage:
    """What a salvage kept, changed and dropped."""

    def __init__(self) -> None:
        self.changes: list[str] = []
        self.sessions: set[int] = set()
        self.learners: set[int] = set()
        self.status: dict[int, str] = {}

    def note(self, text: str) -> None:
        self.changes.append(text)

    def lines(self) -> list[str]:
        shown = self.changes[:SHOWN]
        more = len(self.changes) - len(shown)
        return shown + ([f"... and {more} more change(s) like these"] if more else [])


def _session(row: Row, done: Salvage) -> str | None:
    sid = row.get("id")
    if row.get("learner_id") not in done.learners:
        return f"dropped session {sid}: its learner {row.get('learner_id')} is not in the store"
    elapsed = row.get("elapsed")
    if not _number(elapsed) or elapsed < 0:
        done.note(f"session {sid}: elapsed time {elapsed!r:.20} s set to 0 (quiz never "
                  "writes a negative time)")
        row["elapsed"] = 0.0
    limit = row.get("time_limit")
    if limit is not None and (not _number(limit) or limit < 0):
        done.note(f"session {sid}: time limit {limit!r:.20} s set to none")
        row["time_limit"] = None
    current = row.get("current")
    if not isinstance(current, int) or current < 0:
        done.note(f"session {sid}: current position {current!r:.20} set to 0")
        row["current"] = 0
    # in as active (see the module docstring); the status is set when the rows are in
    done.status[int(row["id"])] = str(row.get("status"))
    row["status"] = "active"
    return None


def _response(row: Row, done: Salvage) -> str | None:
    rid, sid, position = row.get("id"), row.get("session_id"), row.get("position")
    name = f"response {rid} of session {sid} (position {position})"
    if sid not in done.sessions:
        return f"dropped response {rid}: it belongs to session {sid}, which is not in the store"
    if row.get("learner_id") not in done.learners:
        return (f"dropped {name}: its learner {row.get('learner_id')} is not in the store")
    score = row.get("score")
    if not _number(score) or not 0 <= score <= 1:
        return f"dropped {name}: score {score!r:.20} is outside 0..1, so its result is unknown"
    if not isinstance(position, int) or position < 0:
        return f"dropped {name}: a position must be 0 or more"
    time_ms = row.get("time_ms")
    if not isinstance(time_ms, int) or time_ms < 0:
        done.note(f"{name}: time {time_ms!r:.20} ms set to 0 (quiz never writes a negative "
                  "time)")
        row["time_ms"] = 0
    confidence = row.get("confidence")
    if confidence is not None and confidence not in (1, 2, 3):
        done.note(f"{name}: confidence {confidence!r:.20} set to none (it is 1, 2 or 3)")
        row["confidence"] = None
    return None


def _flag(row: Row, done: Salvage) -> str | None:
    if row.get("session_id") not in done.sessions:
        return (f"dropped a flag at position {row.get('position')}: its session "
                f"{row.get('session_id')} is not in the store")
    return None


def _card(row: Row, done: Salvage) -> str | None:
    if row.get("learner_id") not in done.learners:
        # cards are derived from the answers: nothing is lost, so nothing is said
        return ""
    return None


CLEANERS: dict[str, Cleaner] = {"sessions": _session, "responses": _response,
                                "flags": _flag, "cards": _card}


def _copy_table(source: sqlite3.Connection, out: sqlite3.Connection, table: str,
                done: Salvage) -> tuple[int, int]:
    """Copy the table's sound rows; (copied, unreadable) counts."""
    have = {r[1] for r in source.execute(f"PRAGMA table_info({table})")}
    # the columns both stores have, in the fresh store's order (an older store lacks the
    # newer ones, which then take their defaults)
    columns = [r[1] for r in out.execute(f"PRAGMA table_info({table})")
               if r[1] in have and r[1] != "closed"]
    if not columns:
        return 0, 0
    cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
    marks = ", ".join("?" for _ in columns)
    verb = "INSERT OR REPLACE" if table == "store_identity" else "INSERT"
    insert = f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    clean = CLEANERS.get(table)
    copied = unreadable = 0
    while True:
        try:
            fetched = cursor.fetchone()
        except sqlite3.DatabaseError:
            unreadable += 1
            break  # the rest of this table is unreadable
        if fetched is None:
            break
        row = dict(zip(columns, fetched, strict=True))
        why = clean(row, done) if clean is not None else None
        if why is not None:
            if why:
                done.note(why)
            continue
        try:
            out.execute(insert, tuple(row[c] for c in columns))
        except sqlite3.DatabaseError as exc:
            done.note(f"dropped a row of {table}: {exc}")
            continue
        copied += 1
        if table == "sessions":
            done.sessions.add(int(row["id"]))
        elif table == "learners":
            done.learners.add(int(row["id"]))
    return copied, unreadable


def salvage_into(source: sqlite3.Connection | None, fresh: Path) -> list[str]:
    """Fill a new store at ``fresh`` with the sound rows of ``source``; what was done."""
    out = connect(fresh)
    done = Salvage()
    counts: list[str] = []
    try:
        out.execute("BEGIN")
        for table in TABLES:
            copied = unreadable = 0
            if source is not None:
                try:
                    copied, unreadable = _copy_table(source, out, table, done)
                except sqlite3.DatabaseError:
                    unreadable = 1
            if table in CLEANERS or table == "learners":
                counts.append(f"salvaged {copied} row(s) of {table}"
                              + (" (the rest of the table could not be read)"
                                 if unreadable else ""))
        # now that every row is in, the ended sessions take their status (and are closed)
        for sid, status in done.status.items():
            if status != "active" and sid in done.sessions:
                out.execute("UPDATE sessions SET status = ? WHERE id = ?", (status, sid))
        out.execute("COMMIT")
    finally:
        close(out)
    return counts + done.lines()
