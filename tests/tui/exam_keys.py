"""Keys that answer an item as shown, for the app's tests (any type, matching included)."""

from __future__ import annotations

from quiz.engine.select import Item
from quiz.model import QuestionType


def right_keys(item: Item) -> list[str]:
    """The keys that give ``item`` its (first) right answer in display order: one number for
    a choice item, one category number per prompt for a matching item (each number also
    moves on to the next prompt)."""
    question = item.question
    if question.type is QuestionType.MATCHING:
        numbers = {c.id: n for n, c in enumerate(question.categories, 1)}
        return [str(numbers[p.category]) for p in item.prompts]
    right = question.correct_ids[0]
    return [str([cid for cid, _ in item.choices].index(right) + 1)]


def wrong_key(item: Item) -> str:
    """A key that picks a wrong answer (for matching: the first prompt's wrong category)."""
    question = item.question
    if question.type is QuestionType.MATCHING:
        first = item.prompts[0]
        return str(next(n for n, c in enumerate(question.categories, 1)
                        if c.id != first.category))
    right = set(question.correct_ids)
    return str(next(n for n, (cid, _) in enumerate(item.choices, 1) if cid not in right))
