"""xAPI 1.0.3: each answer and session as a statement, sent to a Learning Record Store.

- ``statements``: pure functions from stored rows to statement dicts (and back, for reading
  a class from the LRS);
- ``journal``: what the recorder calls inside its transaction to queue statements;
- ``sender``: sends the outbox (``quiz.store.outbox``) in batches, with backoff;
- ``fetch``: reads a course's statements back, caches them, and fills a store for reports.

docs/classroom.md describes the statement shape, configuration, ``quiz sync`` and ``quiz
serve``.
"""
