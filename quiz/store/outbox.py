"""The xAPI outbox: statements waiting to reach the Learning Record Store.

The recorder calls ``enqueue`` inside the transaction that writes the response, so a
statement exists exactly when its answer does: nothing is lost to a crash or to being
offline, and a rolled-back answer leaves no statement behind. The statement's id is the
row's key and is fixed when the row is written, so every resend carries the same id and the
LRS can never store it twice (``INSERT OR IGNORE``: enqueueing the same statement again, as a
backfill does, is a no-op).

A row is ``pending`` until the LRS has it (``sent``), or ``failed`` when the LRS refused it
for good (400: the statement itself is wrong); ``next_try`` holds back retries (backoff).
Sent rows are kept (a row is about 1 kB): they are the proof of what the LRS was given.

``MIGRATION`` is the schema step that creates the table (written in
``quiz.store.outbox_table``, which the schema can import without this module);
``quiz.store.schema.MIGRATIONS`` appends it. ``store_uuid`` is the store's identity (the
namespace of statement ids), made once by the same step.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from quiz.store.outbox_table import MIGRATION as MIGRATION

PENDING, SENT, FAILED = "pending", "sent", "failed"


@dataclass(frozen=True)
class Queued:
    """One pending statement as read for sending."""

    id: str
    body: str
    """The statement's JSON, exactly as enqueued."""
    tries: int


@dataclass(frozen=True)
class Counts:
    """How many statements are in each state, and the latest error."""

    pending: int
    sent: int
    failed: int
    last_error: str | None


class Journal(Protocol):
    """What the recorder calls inside its write transactions to queue statements (the xAPI
    implementation is ``quiz.xapi.journal.XapiJournal``; the store knows only this shape)."""

    def session_started(self, conn: sqlite3.Connection, session_id: int) -> None: ...

    def answered(self, conn: sqlite3.Connection, session_id: int, position: int,
                 question_type: str) -> None: ...

    def session_ended(self, conn: sqlite3.Connection, session_id: int,
                      pass_mark: float | None) -> None: ...


def store_uuid(conn: sqlite3.Connection) -> uuid.UUID:
    """The store's identity (made by the migration; one row)."""
    row = conn.execute("SELECT uuid FROM store_identity WHERE id = 1").fetchone()
    if row is None:  # a store whose identity row was removed: make it again, once
        made = uuid.uuid4()
        conn.execute("INSERT OR IGNORE INTO store_identity (id, uuid) VALUES (1, ?)",
                     (str(made),))
        row = conn.execute("SELECT uuid FROM store_identity WHERE id = 1").fetchone()
    return uuid.UUID(str(row[0]))


def enqueue(conn: sqlite3.Connection, statements: Iterable[dict[str, Any]],
            session_id: int | None = None) -> int:
    """Queue statements (each with its ``id``); call inside the caller's transaction.
    A statement already queued (same id) is left as it is. Returns how many were new."""
    added = 0
    for statement in statements:
        verb = str(statement["verb"]["id"]).rsplit("/", 1)[-1]
        cursor = conn.execute(
            "INSERT OR IGNORE INTO xapi_outbox (id, session_id, verb, body) VALUES (?, ?, ?, ?)",
            (str(statement["id"]), session_id, verb,
             json.dumps(statement, ensure_ascii=False, separators=(",", ":"))))
        added += cursor.rowcount
    return added


def pending(conn: sqlite3.Connection, limit: int, now: float | None = None) -> list[Queued]:
    """Up to ``limit`` pending statements due now (``next_try`` passed), oldest first."""
    due = " AND next_try <= ?" if now is not None else ""
    params: tuple[Any, ...] = (now, limit) if now is not None else (limit,)
    return [Queued(str(i), str(b), int(t)) for i, b, t in conn.execute(
        f"SELECT id, body, tries FROM xapi_outbox WHERE state = 'pending'{due}"
        " ORDER BY seq LIMIT ?", params)]


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def mark_sent(conn: sqlite3.Connection, ids: Sequence[str], note: str | None = None) -> None:
    """The LRS has these statements."""
    for part in _chunks(ids):
        conn.execute(
            "UPDATE xapi_outbox SET state = 'sent', last_error = ?,"
            " sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
            f" WHERE id IN ({', '.join('?' * len(part))})", (note, *part))


def mark_retry(conn: sqlite3.Connection, ids: Sequence[str], error: str,
               next_try: float) -> None:
    """These stay pending, not to be tried before ``next_try`` (seconds since the epoch)."""
    for part in _chunks(ids):
        conn.execute(
            "UPDATE xapi_outbox SET tries = tries + 1, last_error = ?, next_try = ?"
            f" WHERE state = 'pending' AND id IN ({', '.join('?' * len(part))})",
            (error, next_try, *part))


def mark_failed(conn: sqlite3.Connection, ids: Sequence[str], error: str,
                next_try: float | None = None) -> None:
    """The LRS refused these: with ``next_try`` they are retried later (a server error, a
    timeout); without it they stop as ``failed`` (the statement itself was refused) until
    ``retry_failed`` puts them back."""
    if next_try is not None:
        mark_retry(conn, ids, error, next_try)
        return
    for part in _chunks(ids):
        conn.execute(
            "UPDATE xapi_outbox SET state = 'failed', tries = tries + 1, last_error = ?"
            f" WHERE state = 'pending' AND id IN ({', '.join('?' * len(part))})",
            (error, *part))


def retry_failed(conn: sqlite3.Connection) -> int:
    """Put every failed statement back to pending (after the cause was fixed)."""
    return conn.execute("UPDATE xapi_outbox SET state = 'pending', next_try = 0"
                        " WHERE state = 'failed'").rowcount


def counts(conn: sqlite3.Connection) -> Counts:
    """Pending, sent and failed counts, and the latest error recorded."""
    found = dict.fromkeys((PENDING, SENT, FAILED), 0)
    for state, count in conn.execute("SELECT state, count(*) FROM xapi_outbox GROUP BY state"):
        found[str(state)] = int(count)
    row = conn.execute("SELECT last_error FROM xapi_outbox WHERE last_error IS NOT NULL"
                       " AND state != 'sent' ORDER BY seq DESC LIMIT 1").fetchone()
    return Counts(found[PENDING], found[SENT], found[FAILED], row[0] if row else None)


def has_outbox(conn: sqlite3.Connection) -> bool:
    """True when the store has the outbox table (schema with the xAPI step)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                        " AND name = 'xapi_outbox'").fetchone() is not None
