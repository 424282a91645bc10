"""Adaptive practice: draw toward the learner's weakest objectives and phase, and toward
questions not yet seen. Pure and seeded: the same questions, history and seed give the same
order.

Each question gets a weight

    w = (0.1 + weakness of its weakest objective) × (0.5 + weakness of its phase) × unseen

where the weakness of an objective or phase is the expected share of wrong answers under a
uniform prior, 1 − (right + 1) / (answered + 2): 0.5 with no evidence, near 1 when all answers
were wrong, near 0 when all were right. ``unseen`` is 2 for a question the learner has not
answered in its current version, else 1. The order is a weighted shuffle (each question draws
the key −ln(u) / w and the smallest keys come first, the Efraimidis–Spirakis method), so
heavy questions tend to come early without light ones ever being excluded.

A classification item ("which phase is this?") has its phase as its key, so pulling those of
the weaker phase forward would tell the learner the answer: its phase term is the mean
weakness of both phases. The draw then pairs their keys as every draw does
(``select.balance_keys``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from quiz.engine.select import Filters, balance_keys, is_classification, pair_share
from quiz.model import Phase, Question

UNSEEN_BONUS = 2.0


@dataclass(frozen=True)
class Evidence:
    """Questions answered (latest answer each) and how many of them were right."""

    answered: int = 0
    correct: int = 0

    @property
    def weakness(self) -> float:
        return 1.0 - (self.correct + 1) / (self.answered + 2)


@dataclass(frozen=True)
class HistorySummary:
    """What adaptive practice needs to know about a learner."""

    objectives: Mapping[str, Evidence] = field(default_factory=dict)
    phases: Mapping[str, Evidence] = field(default_factory=dict)
    seen: frozenset[str] = frozenset()
    """Question ids answered in their current version."""


def weight(question: Question, summary: HistorySummary) -> float:
    """How strongly adaptive practice pulls toward this question (always > 0)."""
    none = Evidence()
    objective = max((summary.objectives.get(o, none).weakness for o in question.objectives),
                    default=none.weakness)
    if is_classification(question):  # its phase is its key: weigh both phases alike
        phase = sum(summary.phases.get(p.value, none).weakness for p in Phase) / len(Phase)
    else:
        phase = summary.phases.get(question.phase.value, none).weakness
    unseen = 1.0 if question.id in summary.seen else UNSEEN_BONUS
    return (0.1 + objective) * (0.5 + phase) * unseen


def adaptive_order(questions: Sequence[Question], summary: HistorySummary, seed: int,
                   count: int | None = None) -> list[Question]:
    """The questions in a seeded order that favours weak objectives, weak phase and unseen
    questions; cut to ``count`` when given."""
    rng = random.Random(f"adaptive:{seed}")
    keyed = []
    for index, question in enumerate(questions):
        u = rng.random() or 1e-300  # random() may return 0.0; ln(0) is undefined
        keyed.append((-math.log(u) / weight(question, summary), index, question))
    keyed.sort(key=lambda k: (k[0], k[1]))
    chosen = [q for _key, _index, q in keyed]
    return chosen[:count] if count else chosen


def draw_adaptive(questions: Sequence[Question], filters: Filters, summary: HistorySummary,
                  seed: int) -> list[Question]:
    """Like ``select.draw_practice``: admitted questions, adaptively ordered, cut to
    ``filters.count``, classification items paired by key (unless ``filters.question_ids``
    names the learner's own questions)."""
    admitted = [q for q in questions if filters.admits(q)]
    if filters.question_ids:
        return adaptive_order(admitted, summary, seed, filters.count)
    ordered = adaptive_order(admitted, summary, seed)
    return balance_keys(ordered, random.Random(f"adaptive-keys:{seed}"), filters.count,
                        pair_share(filters))
