"""Scoring one answer: every item scores from 0 to 1.

Single choice, true/false and phase items are right or wrong. Multiple choice and ordering
items are all-or-nothing in exams, as certification exams score them, and may earn partial
credit in practice: for multiple choice, right picks minus wrong picks over the number of
right choices, floored at 0 (Moodle's rule); for ordering, the share of pairs of steps in the
right relative order (a Kendall-tau style measure, so one misplaced step costs little); for
matching, the share of prompts matched to their category (a wrong match costs only its own
prompt: there is no guessing bonus to take back, since every prompt needs some category).

A matching answer is a tuple of pair ids (``prompt=category``, see quiz.model): at most one
per prompt; a prompt left out, or given two categories, is not matched right.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from quiz.model import MultipleScoring, Question, QuestionType, split_pair


def score(
    question: Question,
    answer: Sequence[str],
    multiple: MultipleScoring = MultipleScoring.ALL_OR_NOTHING,
) -> float:
    """The credit for ``answer`` (choice ids; in order for ordering items; pair ids for
    matching), in [0, 1]. ``multiple`` is the rule for this question's type (see
    ``ScoringSpec.rule``); single-answer types ignore it."""
    if question.type is QuestionType.ORDERING:
        return _ordering(question, answer, multiple)
    if question.type is QuestionType.MATCHING:
        return _matching(question, answer, multiple)
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


def matched(question: Question, answer: Sequence[str]) -> dict[str, str | None]:
    """Each prompt id → the category id the answer gives it (None: none, or two)."""
    given: dict[str, str | None] = dict.fromkeys((p.id for p in question.prompts), None)
    seen: set[str] = set()
    for choice_id in answer:
        prompt, category = split_pair(choice_id)
        if prompt not in given:
            continue
        given[prompt] = None if prompt in seen else category
        seen.add(prompt)
    return given


def _matching(question: Question, answer: Sequence[str], multiple: MultipleScoring) -> float:
    if not set(answer) <= {c.id for c in question.choices}:
        return 0.0
    given = matched(question, answer)
    right = sum(given[p.id] == p.category for p in question.prompts)
    if right == len(question.prompts):
        return 1.0
    if multiple is MultipleScoring.ALL_OR_NOTHING or not question.prompts:
        return 0.0
    return right / len(question.prompts)


def is_correct(value: float) -> bool:
    """Full credit only counts as correct (for accuracy figures and spaced repetition)."""
    return value >= 1.0 - 1e-9
