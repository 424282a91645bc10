"""The xAPI outbox's table, as a schema step: a module of constants, cheap to import.

Every store opened runs through ``quiz.store.schema``, which appends this step to its
migrations; the outbox's code (``quiz.store.outbox``: reading, sending, counting, its JSON and
records) is needed only when an LRS is configured or ``quiz sync`` runs, so the step lives
here, where importing it costs nothing else.
"""

MIGRATION = """
CREATE TABLE store_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT NOT NULL
);
INSERT INTO store_identity (id, uuid) SELECT 1,
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
          substr(hex(randomblob(2)), 2) || '-' ||
          substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
          hex(randomblob(6)));
CREATE TABLE xapi_outbox (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session_id INTEGER,
    verb TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    tries INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT
);
CREATE INDEX xapi_outbox_pending ON xapi_outbox(state, seq);
"""
"""Migration step: the store's UUID and the outbox table (append to ``MIGRATIONS``)."""
