"""Scoring one answer: every item scores from 0 to 1.

Single choice, true/false and phase items are right or wrong. Multiple choice and ordering
items are all-or-nothing in exams, as certification exams score them, and may earn partial
credit in practice: for multiple choice, right picks minus wrong picks over the number of
right choices, floored at 0 (Moodle's rule); for ordering, the share of pairs of steps in the
right relative order (a Kendall-tau style measure, so one misplaced step costs little).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from quiz.model import MultipleScoring, Question, QuestionType


def score(
    question: Question,
    answer: Sequence[str],
    multiple: MultipleScoring = MultipleScoring.ALL_OR_NOTHING,
) -> float:
    """The credit for ``answer`` (choice ids; in order for ordering items), in [0, 1]."""
    if question.type is QuestionType.ORDERING:
        return _ordering(question, answer, multiple)
    picked = set(answer)
    right = set(question.correct_ids)
    if not picked <= {c.id for c in question.choices}:
        return 0.0
    if question.type is not QuestionType.MULTIPLE or multiple is MultipleScoring.ALL_OR_NOTHING:
        return 1.0 if picked == right else 0.0
    hits = len(picked & right)
    misses = len(picked - right)
    return max(0.0, (hits - misses) / len(right))


def _ordering(question: Question, answer: Sequence[str], multiple: MultipleScoring) -> float:
    right = question.correct_ids
    if sorted(answer) != sorted(right):
        return 0.0
    if tuple(answer) == right:
        return 1.0
    if multiple is MultipleScoring.ALL_OR_NOTHING:
        return 0.0
    place = {choice_id: i for i, choice_id in enumerate(answer)}
    pairs = list(combinations(right, 2))
    in_order = sum(place[a] < place[b] for a, b in pairs)
    return in_order / len(pairs)


def is_correct(value: float) -> bool:
    """Full credit only counts as correct (for accuracy figures and spaced repetition)."""
    return value >= 1.0 - 1e-9
