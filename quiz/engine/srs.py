"""Spaced repetition with FSRS: ratings from answers, and a card's history replayed.

Pure logic: no SQL. The store (quiz.store.cards) reads a learner's counted answers, hands
them here in the order they were given, and writes back the cards this module makes.

Ratings come from the answer: wrong (anything short of full credit) rates Again, right rates
Good, and right *and* rated sure (confidence 3) *and* quicker than the learner's median time
rates Easy. "Median time" is the median ``time_ms`` of the learner's counted answers given
strictly before this one, so a card's history can be replayed exactly; with no earlier
answers nothing is quick.

A card is stored as JSON ``{"v": 1, "fsrs": <fsrs Card.to_dict()>, "reviews": N, "last":
"<answered_at>"}`` (``card_json``); ``reviews`` and ``last`` record which answers a card has
seen, so the store can tell a stale card from the answers and replay just that question.
Due times are UTC text (ISO 8601, microseconds, ``+00:00``: sortable as text, ``stamp``).

FSRS fuzzing is off: intervals are then a pure function of the answers, so replaying one
question and replaying every question agree to the microsecond (fuzz only spreads review
load; a learner with a few hundred cards does not need it).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from quiz.engine.scoring import is_correct
from quiz.fields import Fields

if TYPE_CHECKING:
    from fsrs import Card, Rating

CARD_VERSION = 1
QUICK_CONFIDENCE = 3


@dataclass(frozen=True)
class DueCounts:
    """Cards due now, by the end of today (overdue included), and by the end of the seventh
    day from today (today included)."""

    now: int
    today: int
    week: int


class Answer(Fields):
    """One counted answer, as the replay needs it."""

    question_id: str
    score: float
    confidence: int | None
    time_ms: int
    answered_at: str
    """Stored UTC text; answers with equal text were given at the same instant."""


class CardState(Fields):
    """A question's FSRS card, how many answers it has seen, and the last one's time."""

    card: Card
    reviews: int
    last: str


def rating_for(score: float, confidence: int | None, time_ms: int,
               median_ms: float | None) -> Rating:
    """Again when not fully right; Easy when right, sure and quicker than the median; else
    Good."""
    from fsrs import Rating  # fsrs costs ~20 ms; only review and report paths need it

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


def day_bounds(now: datetime) -> tuple[str, str, str]:
    """Now, the end of today and the end of the seventh day, as stored UTC text; days are
    the calendar days of ``now``'s time zone (a naive ``now`` is local time)."""
    local = now.astimezone() if now.tzinfo is None else now
    end_of_today = datetime.combine(local.date() + timedelta(days=1), time(0), local.tzinfo)
    end_of_week = end_of_today + timedelta(days=7)
    return stamp(local), stamp(end_of_today), stamp(end_of_week)


def card_json(state: CardState) -> str:
    """The stored form of a card (see the module docstring)."""
    return json.dumps({"v": CARD_VERSION, "fsrs": state.card.to_dict(),
                       "reviews": state.reviews, "last": state.last}, separators=(",", ":"))


def due_stamp(state: CardState) -> str:
    """When the card is due, as stored UTC text."""
    return stamp(state.card.due)


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


def replay(history: Iterable[Answer], questions: Collection[str] | None = None
           ) -> dict[str, CardState]:
    """The cards of ``questions`` (all when None) from a learner's counted answers, given in
    the order they were answered.

    One ordered pass: the running median must see every answer, while only the chosen
    questions' cards are reviewed. A question with no answer gets no card.
    """
    from fsrs import Card, Scheduler

    scheduler = Scheduler(enable_fuzzing=False)
    median = RunningMedian()
    cards: dict[str, CardState] = {}
    pending: list[int] = []
    pending_at = None
    for qid, score, confidence, time_ms, answered_at in history:
        if answered_at != pending_at:  # answers at the same instant don't see each other
            for value in pending:
                median.add(value)
            pending, pending_at = [], answered_at
        pending.append(int(time_ms))
        if questions is not None and qid not in questions:
            continue
        # a fixed id: fsrs would otherwise sleep 1 ms per card to make a unique one
        card, reviews, _last = cards.get(qid) or (Card(card_id=1), 0, "")
        rating = rating_for(float(score), confidence, int(time_ms), median.value())
        reviewed, _log = scheduler.review_card(card, rating, parse_time(answered_at),
                                               int(time_ms))
        cards[qid] = CardState(reviewed, reviews + 1, str(answered_at))
    return cards
