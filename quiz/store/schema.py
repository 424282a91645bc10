"""The store's schema, as numbered migrations; ``PRAGMA user_version`` says which have run.

Responses keep the question's phase, objectives and content hash as they were when answered,
so a report still makes sense after the bank is edited or the question removed.

Migration 3 puts the store's promises into SQL, so that no code path can break them:

- CHECK constraints refuse values quiz never writes (a negative time, a score outside 0..1);
- a session that leaves ``active`` (submitted, finished, abandoned) is marked ``closed`` by a
  trigger, and from then on triggers refuse any change to it, to its responses or to its
  flags: a second window cannot add answers after the exam was submitted, nor submit again.
  (A session inserted already ended, as a results import or a salvage does, is not closed
  until its rows are in; ``closed`` only ever goes from 0 to 1.)
- ``leases`` says which process has an open exam (host, pid, a token, a heartbeat); closing
  the session removes its lease.

Migration 5 replaces the (learner, question) index on responses by a covering index in the
progress report's group order (learner, question, content hash, then the other columns the
report's grouped statement reads): the class report walks it instead of sorting the table
(``quiz.store.report_answers``), and the queries by learner or by learner and question
(cards, mistakes) read it without touching the table. A store a report opens read-only is
not migrated; the report reads an older store the way it did before.

Migration scripts are split into statements with ``sqlite3.complete_statement`` (a trigger's
body holds semicolons).
"""

from __future__ import annotations

import sqlite3

from quiz.store.outbox_table import MIGRATION as OUTBOX_MIGRATION

ANSWERS_INDEX = "responses_answers"
"""Migration 5's covering index: the columns the progress report's grouped statement reads
from ``responses``, in its group order first (``quiz.store.report_answers``)."""

CREATE_ANSWERS_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {ANSWERS_INDEX} ON responses(learner_id, question_id,"
    " content_hash, answered_at, score, confidence, time_ms, session_id)")
"""Migration 5 runs this text: never change it (a change needs a migration of its own).

A program that fills a new store in bulk (thousands of answers in one transaction) is
quicker dropping the index first (``DROP_ANSWERS_INDEX``) and running this once the rows
are in, inside the same transaction: SQLite then sorts once instead of placing each row."""

DROP_ANSWERS_INDEX = f"DROP INDEX IF EXISTS {ANSWERS_INDEX}"
"""See ``CREATE_ANSWERS_INDEX``."""

MIGRATIONS: tuple[str, ...] = (
    # 1: learners, sessions, responses, flags
    """
    CREATE TABLE learners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        mode TEXT NOT NULL,
        bank_id TEXT NOT NULL,
        seed INTEGER NOT NULL,
        filters TEXT NOT NULL,
        items TEXT NOT NULL,
        time_limit REAL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL,
        current INTEGER NOT NULL DEFAULT 0,
        elapsed REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_learner ON sessions(learner_id, status);
    CREATE TABLE responses (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        phase TEXT NOT NULL,
        objectives TEXT NOT NULL,
        answer TEXT NOT NULL,
        score REAL NOT NULL,
        confidence INTEGER,
        time_ms INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        UNIQUE (session_id, position)
    );
    CREATE INDEX responses_learner ON responses(learner_id, question_id);
    CREATE TABLE flags (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    """,
    # 2: spaced-repetition cards, one per learner and question
    """
    CREATE TABLE cards (
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (learner_id, question_id)
    );
    CREATE INDEX cards_due ON cards(learner_id, due);
    """,
    # 3: CHECK constraints, closed sessions are final, exam leases
    """
    CREATE TABLE sessions_new (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        mode TEXT NOT NULL,
        bank_id TEXT NOT NULL,
        seed INTEGER NOT NULL,
        filters TEXT NOT NULL,
        items TEXT NOT NULL,
        time_limit REAL CHECK (time_limit IS NULL OR time_limit >= 0),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL,
        current INTEGER NOT NULL DEFAULT 0 CHECK (current >= 0),
        elapsed REAL NOT NULL DEFAULT 0 CHECK (elapsed >= 0),
        closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
    );
    INSERT INTO sessions_new (id, learner_id, mode, bank_id, seed, filters, items, time_limit,
        started_at, ended_at, status, current, elapsed, closed)
        SELECT id, learner_id, mode, bank_id, seed, filters, items, time_limit, started_at,
        ended_at, status, current, elapsed, status != 'active' FROM sessions;
    CREATE TABLE responses_new (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        position INTEGER NOT NULL CHECK (position >= 0),
        question_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        phase TEXT NOT NULL,
        objectives TEXT NOT NULL,
        answer TEXT NOT NULL,
        score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
        confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 1 AND 3),
        time_ms INTEGER NOT NULL CHECK (time_ms >= 0),
        answered_at TEXT NOT NULL,
        UNIQUE (session_id, position)
    );
    INSERT INTO responses_new SELECT id, session_id, learner_id, position, question_id,
        content_hash, phase, objectives, answer, score, confidence, time_ms, answered_at
        FROM responses;
    DROP TABLE responses;
    DROP TABLE sessions;
    ALTER TABLE sessions_new RENAME TO sessions;
    ALTER TABLE responses_new RENAME TO responses;
    CREATE INDEX sessions_learner ON sessions(learner_id, status);
    CREATE INDEX responses_learner ON responses(learner_id, question_id);
    CREATE TABLE leases (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        token TEXT NOT NULL,
        heartbeat REAL NOT NULL
    );
    CREATE TRIGGER sessions_close AFTER UPDATE OF status ON sessions
        WHEN OLD.status = 'active' AND NEW.status != 'active'
    BEGIN
        UPDATE sessions SET closed = 1 WHERE id = NEW.id;
        DELETE FROM leases WHERE session_id = NEW.id;
    END;
    CREATE TRIGGER sessions_closed_are_final BEFORE UPDATE ON sessions WHEN OLD.closed = 1
    BEGIN
        SELECT RAISE(ABORT, 'session closed: it has ended and cannot change');
    END;
    CREATE TRIGGER responses_insert_closed BEFORE INSERT ON responses
        WHEN (SELECT closed FROM sessions WHERE id = NEW.session_id) = 1
    BEGIN
        SELECT RAISE(ABORT, 'session closed: it has ended and takes no more answers');
    END;
    CREATE TRIGGER responses_update_closed BEFORE UPDATE ON responses
        WHEN (SELECT closed FROM sessions WHERE id = OLD.session_id) = 1
          OR (SELECT closed FROM sessions WHERE id = NEW.session_id) = 1
    BEGIN
        SELECT RAISE(ABORT, 'session closed: it has ended and its answers are final');
    END;
    CREATE TRIGGER responses_delete_closed BEFORE DELETE ON responses
        WHEN (SELECT closed FROM sessions WHERE id = OLD.session_id) = 1
    BEGIN
        SELECT RAISE(ABORT, 'session closed: it has ended and its answers are final');
    END;
    CREATE TRIGGER flags_insert_closed BEFORE INSERT ON flags
        WHEN (SELECT closed FROM sessions WHERE id = NEW.session_id) = 1
    BEGIN
        SELECT RAISE(ABORT, 'session closed: it has ended and its flags are final');
    END;
    CREATE TRIGGER flags_delete_closed BEFORE DELETE ON flags
        WHEN (SELECT closed FROM sessions WHERE id = OLD.session_id) = 1
    BEGIN
        SELECT RAISE(ABORT, 'session closed: it has ended and its flags are final');
    END;
    """,
    # 4: the store's identity and the xAPI outbox (statements waiting for the LRS)
    OUTBOX_MIGRATION,
    # 5: the (learner, question) index becomes a covering index in report group order
    f"DROP INDEX IF EXISTS responses_learner;\n{CREATE_ANSWERS_INDEX};\n",
)


def statements(script: str) -> list[str]:
    """The SQL statements of a migration script, whole (a trigger body stays one)."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        found.append(pending.strip())
    return found

SCHEMA_VERSION = len(MIGRATIONS)
