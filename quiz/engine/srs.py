"""Spaced repetition with FSRS: every question a learner answered is a card for that learner.

Ratings come from the answer: wrong (anything short of full credit) rates Again, right rates
Good, and right *and* rated sure (confidence 3) *and* quicker than the learner's median time
rates Easy. "Median time" is the median ``time_ms`` of the learner's counted answers given
strictly before this one, so a card's history can be replayed exactly; with no earlier
answers nothing is quick. Which answers count is the reports' rule (quiz.store.history):
practice, mistakes and review answers at once, exam answers once the exam is submitted.

Cards live in the ``cards`` table, one row per (learner, question): ``card`` is JSON
``{"v": 1, "fsrs": <fsrs Card.to_dict()>, "reviews": N, "last": "<answered_at>"}`` and ``due``
is the card's due time in UTC (ISO 8601, microseconds, ``+00:00``: sortable as text).
``reviews`` and ``last`` record which answers a card has seen, so ``sync_cards`` can tell a
stale card (a missed or late answer, a submitted exam) from the responses and replay just
that question. The whole table can be rebuilt from the responses (``rebuild_cards``).

FSRS fuzzing is off: intervals are then a pure function of the answers, so an incremental
update and a rebuild agree to the microsecond (fuzz only spreads review load; a learner with
a few hundred cards does not need it).
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from quiz.engine.scoring import is_correct
from quiz.store.history import COUNTED

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler

CARD_VERSION = 1
QUICK_CONFIDENCE = 3


@dataclass(frozen=True)
class DueCounts:
    """Cards due now, by the end of today (overdue included), and by the end of the seventh
    day from today (today included)."""

    now: int
    today: int
    week: int


def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def rating_for(score: float, confidence: int | None, time_ms: int,
               median_ms: float | None) -> Rating:
    """Again when not fully right; Easy when right, sure and quicker than the median; else
    Good."""
    from fsrs import Rating

    if not is_correct(score):
        return Rating.Again
    if confidence == QUICK_CONFIDENCE and median_ms is not None and time_ms < median_ms:
        return Rating.Easy
    return Rating.Good


def utc(when: datetime) -> datetime:
    """``when`` in UTC; a naive time is taken to be UTC already."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def stamp(when: datetime) -> str:
    """Fixed-width UTC text that sorts as time does."""
    return utc(when).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """A stored ``answered_at`` as an aware UTC datetime."""
    return utc(datetime.fromisoformat(text))


# --- reading and writing cards ----------------------------------------------------------


def _learner_id(conn: sqlite3.Connection, learner: str, create: bool) -> int | None:
    row = conn.execute("SELECT id FROM learners WHERE name = ?", (learner,)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    from quiz.store.learners import learner_id

    return learner_id(conn, learner)


def _load(conn: sqlite3.Connection, lid: int, question_id: str
          ) -> tuple[Card, int, str] | None:
    from fsrs import Card

    row = conn.execute("SELECT card FROM cards WHERE learner_id = ? AND question_id = ?",
                       (lid, question_id)).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        return Card.from_dict(data["fsrs"]), int(data["reviews"]), str(data["last"])
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable card is rebuilt from the answers


def _save(conn: sqlite3.Connection, lid: int, question_id: str, card: Card, reviews: int,
          last: str) -> None:
    payload = json.dumps({"v": CARD_VERSION, "fsrs": card.to_dict(), "reviews": reviews,
                          "last": last}, separators=(",", ":"))
    conn.execute(
        "INSERT INTO cards (learner_id, question_id, card, due) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (learner_id, question_id) DO UPDATE SET card = excluded.card,"
        " due = excluded.due", (lid, question_id, payload, stamp(card.due)))


def _new_card() -> Card:
    from fsrs import Card

    # a fixed id: fsrs would otherwise sleep 1 ms per card to make a unique one
    return Card(card_id=1)


def _median_before(conn: sqlite3.Connection, lid: int, before: str) -> float | None:
    where = (f"FROM responses r JOIN sessions s ON s.id = r.session_id WHERE r.learner_id = ?"
             f" AND r.answered_at < ? AND {COUNTED}")
    count = conn.execute(f"SELECT count(*) {where}", (lid, before)).fetchone()[0]
    if not count:
        return None
    middle = [int(v) for (v,) in conn.execute(
        f"SELECT r.time_ms {where} ORDER BY r.time_ms LIMIT ? OFFSET ?",
        (lid, before, 2 - count % 2, (count - 1) // 2))]
    return sum(middle) / len(middle)


def record_review(conn: sqlite3.Connection, learner: str, question_id: str, score: float,
                  confidence: int | None, time_ms: int, when: datetime) -> None:
    """Apply one answer to the learner's card for the question (creating it).

    Call it inside the transaction that records the answer, with the values recorded. An
    answer older than the card's last one (it arrived late, e.g. from a submitted exam) makes
    the card replay its whole history instead, so the order of reviews is always right.
    """
    lid = _learner_id(conn, learner, create=True)
    assert lid is not None
    answered = when.isoformat()
    loaded = _load(conn, lid, question_id)
    if loaded is not None and loaded[2] > answered:
        _replay(conn, lid, {question_id})
        return
    card, reviews, _last = loaded or (_new_card(), 0, "")
    median = _median_before(conn, lid, answered)
    rating = rating_for(score, confidence, time_ms, median)
    reviewed, _log = _scheduler().review_card(card, rating, utc(when), time_ms)
    _save(conn, lid, question_id, reviewed, reviews + 1, answered)


# --- replaying history --------------------------------------------------------------------


class RunningMedian:
    """The median of the numbers added so far (two heaps)."""

    def __init__(self) -> None:
        self._low: list[int] = []  # max-heap, negated
        self._high: list[int] = []

    def add(self, value: int) -> None:
        if self._low and value > -self._low[0]:
            heapq.heappush(self._high, value)
        else:
            heapq.heappush(self._low, -value)
        if len(self._low) > len(self._high) + 1:
            heapq.heappush(self._high, -heapq.heappop(self._low))
        elif len(self._high) > len(self._low):
            heapq.heappush(self._low, -heapq.heappop(self._high))

    def value(self) -> float | None:
        if not self._low:
            return None
        if len(self._low) > len(self._high):
            return float(-self._low[0])
        return (-self._low[0] + self._high[0]) / 2


def _history(conn: sqlite3.Connection, lid: int) -> Iterator[tuple[Any, ...]]:
    yield from conn.execute(
        "SELECT r.question_id, r.score, r.confidence, r.time_ms, r.answered_at"
        " FROM responses r JOIN sessions s ON s.id = r.session_id"
        f" WHERE r.learner_id = ? AND {COUNTED} ORDER BY r.answered_at, r.id", (lid,))


def _replay(conn: sqlite3.Connection, lid: int, questions: set[str] | None) -> int:
    """Rebuild the cards of ``questions`` (all when None) from the learner's counted answers.

    One ordered pass over the learner's answers: the running median must see every answer,
    while only the chosen questions' cards are reviewed.
    """
    scheduler = _scheduler()
    median = RunningMedian()
    cards: dict[str, tuple[Card, int, str]] = {}
    pending: list[int] = []
    pending_at = None
    for qid, score, confidence, time_ms, answered_at in _history(conn, lid):
        if answered_at != pending_at:  # answers at the same instant don't see each other
            for value in pending:
                median.add(value)
            pending, pending_at = [], answered_at
        pending.append(int(time_ms))
        if questions is not None and qid not in questions:
            continue
        card, reviews, _last = cards.get(qid) or (_new_card(), 0, "")
        rating = rating_for(float(score), confidence, int(time_ms), median.value())
        reviewed, _log = scheduler.review_card(card, rating, parse_time(answered_at),
                                               int(time_ms))
        cards[qid] = (reviewed, reviews + 1, str(answered_at))
    if questions is None:
        conn.execute("DELETE FROM cards WHERE learner_id = ?", (lid,))
    else:
        for qid in questions - cards.keys():  # no counted answer any more
            conn.execute("DELETE FROM cards WHERE learner_id = ? AND question_id = ?",
                         (lid, qid))
    for qid, (card, reviews, last) in cards.items():
        _save(conn, lid, qid, card, reviews, last)
    return len(cards)


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


def _in_transaction(conn: sqlite3.Connection, action: Callable[[], int]) -> int:
    joined = conn.in_transaction  # the caller's transaction: join it, commit nothing
    if not joined:
        conn.execute("BEGIN IMMEDIATE")
    try:
        result = action()
    except BaseException:
        if not joined and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not joined:
        conn.execute("COMMIT")
    return result


def sync_cards(conn: sqlite3.Connection, learner: str) -> int:
    """Bring the learner's cards in line with their answers; returns how many were rebuilt.

    Cheap when nothing changed (one grouped query over the learner's answers), so callers run
    it before reading due cards; it makes the cards right even if the recorder never called
    ``record_review``.
    """
    lid = _learner_id(conn, learner, create=False)
    if lid is None:
        return 0
    stale = _stale(conn, lid)
    if not stale:
        return 0
    return _in_transaction(conn, lambda: _replay(conn, lid, stale))


def rebuild_cards(conn: sqlite3.Connection, learner: str | None = None) -> int:
    """Throw away and rebuild every card (of one learner, or of all); returns the count."""
    if learner is None:
        lids = [int(i) for (i,) in conn.execute("SELECT id FROM learners ORDER BY id")]
    else:
        found = _learner_id(conn, learner, create=False)
        lids = [found] if found is not None else []
    return _in_transaction(conn, lambda: sum(_replay(conn, lid, None) for lid in lids))


# --- what is due --------------------------------------------------------------------------


def day_bounds(now: datetime) -> tuple[str, str, str]:
    """Now, the end of today and the end of the seventh day, as stored UTC text; days are
    the calendar days of ``now``'s time zone (a naive ``now`` is local time)."""
    local = now.astimezone() if now.tzinfo is None else now
    end_of_today = datetime.combine(local.date() + timedelta(days=1), time(0), local.tzinfo)
    end_of_week = end_of_today + timedelta(days=7)
    return stamp(local), stamp(end_of_today), stamp(end_of_week)


def due_counts(conn: sqlite3.Connection, learner: str, now: datetime, *,
               sync: bool = True) -> DueCounts:
    """How many of the learner's cards are due now, today and in the coming seven days.

    ``sync=False`` reads the cards as they are (for read-only connections, e.g. reports).
    """
    if sync:
        sync_cards(conn, learner)
    at, today, week = day_bounds(now)
    row = conn.execute(
        "SELECT sum(c.due <= ?), sum(c.due < ?), sum(c.due < ?) FROM cards c"
        " JOIN learners l ON l.id = c.learner_id WHERE l.name = ?",
        (at, today, week, learner)).fetchone()
    return DueCounts(*(int(v or 0) for v in row))


def due_question_ids(conn: sqlite3.Connection, learner: str, now: datetime, *,
                     until: str = "today", sync: bool = True,
                     among: Sequence[str] | None = None) -> list[str]:
    """The learner's questions due by the end of today (``until="now"``: due already), most
    overdue first; ``among`` keeps only those ids (e.g. the current bank's)."""
    if sync:
        sync_cards(conn, learner)
    at, today, _week = day_bounds(now)
    limit = at if until == "now" else today
    op = "<=" if until == "now" else "<"
    ids = [str(q) for (q,) in conn.execute(
        f"SELECT c.question_id FROM cards c JOIN learners l ON l.id = c.learner_id"
        f" WHERE l.name = ? AND c.due {op} ? ORDER BY c.due, c.question_id",
        (learner, limit))]
    if among is not None:
        wanted = set(among)
        ids = [q for q in ids if q in wanted]
    return ids


def retrievability(conn: sqlite3.Connection, learner: str, now: datetime) -> dict[str, float]:
    """FSRS's predicted probability of recalling each card's question right now."""
    from fsrs import Card

    scheduler = _scheduler()
    found: dict[str, float] = {}
    for qid, text in conn.execute(
            "SELECT c.question_id, c.card FROM cards c JOIN learners l ON l.id = c.learner_id"
            " WHERE l.name = ?", (learner,)):
        try:
            card = Card.from_dict(json.loads(text)["fsrs"])
        except (ValueError, KeyError, TypeError):
            continue
        found[str(qid)] = float(scheduler.get_card_retrievability(card, utc(now)))
    return found
