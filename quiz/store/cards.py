"""Spaced-repetition cards in the store: kept in step with the answers, and what is due.

Every question a learner answered is a card for that learner, one row of the ``cards`` table
per (learner, question): ``card`` is the JSON quiz.engine.srs makes and ``due`` its due time
as sortable UTC text. Cards are derived, not recorded: ``sync_cards`` finds the questions
whose card does not match the learner's counted answers (a new answer, a submitted exam, an
unreadable card) with one grouped query, and replays just those questions' histories
(quiz.engine.srs.replay). Which answers count is the reports' rule (quiz.store.counting):
practice, mistakes and review answers at once, exam answers once the exam is submitted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.store.counting import COUNTED
from quiz.store.db import transaction
from quiz.store.learners import find_learner

if TYPE_CHECKING:
    from quiz.engine.srs import Answer, DueCounts

# quiz.engine.srs is imported by the functions that replay answers or count due cards: every
# start of the app syncs the cards, which, when nothing changed, is one query and needs none
# of it (0.6 ms of the first question drawn).


def _history(conn: sqlite3.Connection, lid: int) -> Iterator[Answer]:
    """The learner's counted answers in the order they were given."""
    from quiz.engine.srs import Answer

    for qid, score, confidence, time_ms, answered_at in conn.execute(
            "SELECT r.question_id, r.score, r.confidence, r.time_ms, r.answered_at"
            " FROM responses r JOIN sessions s ON s.id = r.session_id"
            f" WHERE r.learner_id = ? AND {COUNTED} ORDER BY r.answered_at, r.id", (lid,)):
        yield Answer(str(qid), float(score), confidence, int(time_ms), str(answered_at))


def _stale(conn: sqlite3.Connection, lid: int) -> set[str]:
    """Questions whose card does not match the learner's counted answers."""
    stale = {str(q) for (q,) in conn.execute(
        "SELECT r.question_id FROM responses r JOIN sessions s ON s.id = r.session_id"
        " LEFT JOIN cards c ON c.learner_id = r.learner_id AND c.question_id = r.question_id"
        f" WHERE r.learner_id = ? AND {COUNTED} GROUP BY r.question_id"
        " HAVING c.card IS NULL OR NOT json_valid(c.card)"
        " OR count(*) != json_extract(c.card, '$.reviews')"
        " OR max(r.answered_at) != json_extract(c.card, '$.last')", (lid,))}
    stale |= {str(q) for (q,) in conn.execute(
        "SELECT c.question_id FROM cards c WHERE c.learner_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM responses r JOIN sessions s ON s.id = r.session_id"
        f" WHERE r.learner_id = c.learner_id AND r.question_id = c.question_id AND {COUNTED})",
        (lid,))}
    return stale


def _rewrite(conn: sqlite3.Connection, lid: int, questions: set[str]) -> int:
    """Replace the cards of ``questions`` by their replayed histories; a question without a
    counted answer any more loses its card."""
    from quiz.engine.srs import card_json, due_stamp, replay

    cards = replay(_history(conn, lid), questions)
    for qid in questions - cards.keys():
        conn.execute("DELETE FROM cards WHERE learner_id = ? AND question_id = ?", (lid, qid))
    for qid, state in cards.items():
        conn.execute(
            "INSERT INTO cards (learner_id, question_id, card, due) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (learner_id, question_id) DO UPDATE SET card = excluded.card,"
            " due = excluded.due", (lid, qid, card_json(state), due_stamp(state)))
    return len(cards)


def sync_cards(conn: sqlite3.Connection, learner: str) -> int:
    """Bring the learner's cards in line with their answers; returns how many were rebuilt.

    Cheap when nothing changed (one grouped query over the learner's answers), so callers run
    it before reading due cards.
    """
    lid = find_learner(conn, learner)
    if lid is None:
        return 0
    stale = _stale(conn, lid)
    if not stale:
        return 0
    with transaction(conn):
        return _rewrite(conn, lid, stale)


def due_stamps(conn: sqlite3.Connection, learner: str) -> dict[str, str]:
    """Question → due time of the learner's cards as the answers make them, computed
    without writing: the stored cards that still match, and the stale ones (or all of them,
    in a store older than the cards table) replayed in memory. For read-only connections:
    reports, and a store that cannot be written."""
    from quiz.engine.srs import due_stamp, replay

    lid = find_learner(conn, learner)
    if lid is None:
        return {}
    has_cards = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                             " AND name = 'cards'").fetchone() is not None
    if not has_cards:
        return {q: due_stamp(state) for q, state in replay(_history(conn, lid)).items()}
    stamps = {str(q): str(d) for q, d in conn.execute(
        "SELECT question_id, due FROM cards WHERE learner_id = ?", (lid,))}
    stale = _stale(conn, lid)
    if stale:
        for qid in stale:
            stamps.pop(qid, None)
        stamps.update((q, due_stamp(state)) for q, state in replay(_history(conn, lid),
                                                                  stale).items())
    return stamps


def due_counts(conn: sqlite3.Connection, learner: str, now: datetime, *,
               sync: bool = True) -> DueCounts:
    """How many of the learner's cards are due now, today and in the coming seven days.

    ``sync=False`` writes nothing: the cards are computed in memory where they are stale
    (``due_stamps``), for read-only connections and stores that cannot be written.
    """
    from quiz.engine.srs import DueCounts, day_bounds

    at, today, week = day_bounds(now)
    if not sync:
        stamps = due_stamps(conn, learner).values()
        return DueCounts(sum(d <= at for d in stamps), sum(d < today for d in stamps),
                         sum(d < week for d in stamps))
    sync_cards(conn, learner)
    row = conn.execute(
        "SELECT sum(c.due <= ?), sum(c.due < ?), sum(c.due < ?) FROM cards c"
        " JOIN learners l ON l.id = c.learner_id WHERE l.name = ?",
        (at, today, week, learner)).fetchone()
    return DueCounts(*(int(v or 0) for v in row))


def due_question_ids(conn: sqlite3.Connection, learner: str, now: datetime, *,
                     until: str = "today", sync: bool = True,
                     among: Sequence[str] | None = None) -> list[str]:
    """The learner's questions due by the end of today (``until="now"``: due already), most
    overdue first; ``among`` keeps only those ids (e.g. the current bank's). ``sync=False``
    writes nothing, as for ``due_counts``."""
    from quiz.engine.srs import day_bounds

    at, today, _week = day_bounds(now)
    if until == "now":
        def due(stamp: str) -> bool:
            return stamp <= at
    else:
        def due(stamp: str) -> bool:
            return stamp < today
    if sync:
        sync_cards(conn, learner)
        found = [(str(d), str(q)) for q, d in conn.execute(
            "SELECT c.question_id, c.due FROM cards c JOIN learners l ON l.id = c.learner_id"
            " WHERE l.name = ?", (learner,))]
    else:
        found = [(d, q) for q, d in due_stamps(conn, learner).items()]
    ids = [q for d, q in sorted(found) if due(d)]
    if among is not None:
        wanted = set(among)
        ids = [q for q in ids if q in wanted]
    return ids
