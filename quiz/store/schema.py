"""The store's schema, as numbered migrations; ``PRAGMA user_version`` says which have run.

Responses keep the question's phase, objectives and content hash as they were when answered,
so a report still makes sense after the bank is edited or the question removed.
"""

from __future__ import annotations

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
)

SCHEMA_VERSION = len(MIGRATIONS)
