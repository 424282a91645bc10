"""Choosing questions for a session and the order of their choices, reproducibly from a seed.

The same seed, bank and filters always give the same questions in the same order with the
same choice order, so a learner can retake an exam exactly, and a test can predict a session.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple, overload

from quiz.model import ExamSpec, Phase, Question, QuestionType


@dataclass(frozen=True)
class Filters:
    """What a practice session draws from; empty means no restriction."""

    phase: Phase | None = None
    objectives: tuple[str, ...] = ()
    scenario: str | None = None
    include_generated: bool = True
    question_ids: tuple[str, ...] = ()
    count: int | None = None

    @property
    def restricts(self) -> bool:
        """Whether any filter that ``admits`` checks is set (otherwise all are admitted)."""
        return replace(self, count=None) != _NO_FILTERS

    def admits(self, question: Question) -> bool:
        if self.phase is not None and question.phase is not self.phase:
            return False
        if self.objectives and not set(self.objectives) & set(question.objectives):
            return False
        if self.scenario is not None and question.scenario != self.scenario:
            return False
        if not self.include_generated and question.generated:
            return False
        return not self.question_ids or question.id in self.question_ids

    def describe(self) -> dict[str, object]:
        return {
            "phase": self.phase.value if self.phase else None,
            "objectives": list(self.objectives),
            "scenario": self.scenario,
            "include_generated": self.include_generated,
            "count": self.count,
        }


_NO_FILTERS = Filters()


class Item(NamedTuple):
    """A question as presented in one session: its choices in the order shown.

    Made by ``Items`` when first read; a named tuple, cheap to make and compare.
    """

    question: Question
    order: tuple[str, ...] = ()

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(choice id, text) in display order."""
        by_id = {c.id: c for c in self.question.choices}
        return [(cid, by_id[cid].text) for cid in self.order]


def choice_order(question: Question, rng: random.Random) -> tuple[str, ...]:
    """Shuffle choices unless pinned; an ordering item never starts in its solved order."""
    ids = [c.id for c in question.choices]
    if question.type is QuestionType.ORDERING:
        if len(ids) > 1:
            solved = question.correct_ids
            while tuple(ids) == solved:
                rng.shuffle(ids)
        return tuple(ids)
    if question.shuffle:
        rng.shuffle(ids)
    return tuple(ids)


def item_for(question: Question, seed: int) -> Item:
    """The question with its choices in the order this seed shows them.

    Each question has its own generator, seeded by the session seed and the question id, so
    any item can be made alone, in any order, and comes out the same every time.
    """
    return Item(question, choice_order(question, random.Random(f"choices:{seed}:{question.id}")))


class Items(Sequence[Item]):
    """A session's items, each made when first read.

    A practice session over a 10,000-question bank would otherwise shuffle 10,000 choice lists
    before it could show the first question (40 ms, measured); now it shuffles one. Items
    whose order was saved (a resumed exam) keep that order.
    """

    __slots__ = ("_made", "_seed", "questions")

    def __init__(self, questions: Iterable[Question], seed: int,
                 orders: Sequence[tuple[str, ...]] = ()) -> None:
        self.questions: tuple[Question, ...] = tuple(questions)
        self._seed = seed
        self._made: list[Item | None] = [None] * len(self.questions)
        for position, order in enumerate(orders):
            if order:  # saved; an empty order is drawn when read
                self._made[position] = Item(self.questions[position], order)

    @classmethod
    def of(cls, items: Iterable[Item]) -> Items:
        """Items already made, e.g. by a test."""
        made = tuple(items)
        return cls((it.question for it in made), 0, [it.order for it in made])

    def __len__(self) -> int:
        return len(self.questions)

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Item]: ...

    def __getitem__(self, index: int | slice) -> Item | Sequence[Item]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made[index]
        if made is None:
            made = item_for(self.questions[index], self._seed)
            self._made[index] = made
        return made

    def __iter__(self) -> Iterator[Item]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Items):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def make_items(questions: Iterable[Question], seed: int) -> Items:
    """The session's items for ``questions``; choice orders are drawn as items are read."""
    return Items(questions, seed)


def draw_practice(questions: Sequence[Question], filters: Filters, seed: int) -> list[Question]:
    """Admitted questions in a seeded random order, cut to ``filters.count``."""
    chosen = [q for q in questions if filters.admits(q)] if filters.restricts else list(questions)
    random.Random(f"practice:{seed}").shuffle(chosen)
    return chosen[: filters.count] if filters.count else chosen


def blueprint_quota(spec: ExamSpec, available: dict[Phase, int]) -> dict[Phase, int]:
    """How many questions of each phase an exam draws: the blueprint's weights, rounded by
    largest remainder, then topped up from the other phase when one runs short."""
    weights = {p: spec.blueprint.get(p, 0) for p in Phase}
    if not any(weights.values()):  # every weight 0: no preference, share equally
        weights = dict.fromkeys(Phase, 1)
    total_weight = sum(weights.values())
    wanted = min(spec.questions, sum(available.values()))
    exact = {p: wanted * weights[p] / total_weight for p in Phase}
    quota = {p: int(exact[p]) for p in Phase}
    for p in sorted(Phase, key=lambda p: exact[p] - quota[p], reverse=True):
        if sum(quota.values()) < wanted:
            quota[p] += 1
    for p in Phase:
        surplus = quota[p] - available.get(p, 0)
        if surplus > 0:
            quota[p] -= surplus
            other = Phase.INFERENCE if p is Phase.TRAINING else Phase.TRAINING
            quota[other] = min(available.get(other, 0), quota[other] + surplus)
    return quota


def draw_exam(questions: Sequence[Question], spec: ExamSpec, seed: int) -> list[Question]:
    """An exam to the blueprint: hand-written questions only, phases mixed in random order."""
    rng = random.Random(f"exam:{seed}")
    pool = {p: [q for q in questions if q.phase is p and not q.generated] for p in Phase}
    quota = blueprint_quota(spec, {p: len(v) for p, v in pool.items()})
    drawn = [q for p in Phase for q in rng.sample(pool[p], quota[p])]
    rng.shuffle(drawn)
    return drawn
