"""A matching question as lines: lettered categories, numbered prompts, answers and feedback.

Categories keep their written order and are lettered (a. Training, b. Inference); prompts are
numbered in the order this session shows them (``Item.prompts``). An answer is a tuple of
pair ids (``quiz.model.pair_id``), shown back as ``1a 2b 3a``; the feedback goes prompt by
prompt, in the numbers on screen, saying right or wrong in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.engine.feedback import Feedback
from quiz.engine.select import Item
from quiz.model import pair_id, split_pair
from quiz.plain.console import Line
from quiz.plain.pairs import example, letter, numbers_words
from quiz.text import safe_line


def _one_line(text: str) -> str:
    return safe_line(" ".join(text.split()))


def how_to_match(item: Item, partial: bool) -> str:
    """The how-to line; ``partial`` (an exam) says that some prompts may be saved first."""
    prompts = len(item.prompts)
    line = (f"Match every prompt to a category: type its number and the category's letter, "
            f"e.g. {example(prompts, len(item.question.categories))}.")
    if partial:
        line += (" You may match some prompts now and the rest later: a later answer changes "
                 "only the prompts it names.")
    return line


def matching_lines(item: Item) -> list[Line]:
    """The categories (lettered) and the prompts (numbered), each on its own line."""
    lines = [Line("Categories:")]
    for index, category in enumerate(item.question.categories):
        label = f"{letter(index)}. "
        lines.append(Line(f"  {label}{_one_line(category.text)}", 0, 2 + len(label)))
    lines.append(Line("Prompts:"))
    width = len(str(len(item.prompts)))
    for number, prompt in enumerate(item.prompts, 1):
        label = f"{number}.".ljust(width + 2)
        lines.append(Line(f"  {label}{_one_line(prompt.text)}", 0, 2 + len(label)))
    return lines


def merged(item: Item, saved: Sequence[str], new: Sequence[str]) -> list[str]:
    """An exam's saved pairs with ``new`` ones replacing those of the prompts they name,
    in screen order (the learner completes a matching answer over several lines)."""
    named = {split_pair(cid)[0] for cid in new}
    kept = [cid for cid in saved if split_pair(cid)[0] not in named]
    order = {p.id: n for n, p in enumerate(item.prompts)}
    return sorted([*kept, *new], key=lambda cid: order.get(split_pair(cid)[0], len(order)))


def chosen_ids(item: Item, positions: Sequence[int]) -> list[str]:
    """Pair ids of a parsed matching answer (``prompt * categories + category``)."""
    categories = item.question.categories
    prompts = item.prompts
    out = []
    for position in positions:
        prompt, category = divmod(position, len(categories))
        out.append(pair_id(prompts[prompt].id, categories[category].id))
    return out


def _labels(item: Item) -> tuple[dict[str, int], dict[str, str]]:
    """Prompt id → its number on screen; category id → its letter."""
    numbers = {p.id: n for n, p in enumerate(item.prompts, 1)}
    letters = {c.id: letter(i) for i, c in enumerate(item.question.categories)}
    return numbers, letters


def pairs_text(item: Item, choice_ids: Sequence[str]) -> str:
    """An answer as typed, prompt by prompt: ``1a 2b 3a``."""
    numbers, letters = _labels(item)
    pairs = sorted((numbers[p], letters[c]) for p, c in map(split_pair, choice_ids)
                   if p in numbers and c in letters)
    return " ".join(f"{n}{label}" for n, label in pairs)


def missing_prompts(item: Item, choice_ids: Sequence[str]) -> list[int]:
    """The numbers on screen of the prompts an answer leaves unmatched."""
    numbers, _ = _labels(item)
    given = {split_pair(cid)[0] for cid in choice_ids}
    return sorted(n for pid, n in numbers.items() if pid not in given)


def missing_text(missing: Sequence[int]) -> str:
    noun = "prompt" if len(missing) == 1 else "prompts"
    return f"{noun} {numbers_words(missing)}"


def matching_feedback_lines(item: Item, feedback: Feedback) -> list[Line]:
    """The right matches, then each prompt in screen order: the category given (or none),
    right or wrong in words, where it belongs, and why."""
    numbers, letters = _labels(item)
    texts = {c.id: c.text for c in item.question.categories}
    right = " ".join(f"{numbers[p.id]}{letters.get(p.category, '?')}" for p in item.prompts)
    lines = [Line(f"Right matches: {right}.")]
    notes = {note.prompt_id: note for note in feedback.pairs}
    prompts = {p.id: p for p in item.prompts}
    for prompt_id, number in sorted(numbers.items(), key=lambda pair: pair[1]):
        note = notes.get(prompt_id)
        if note is None:
            continue
        label = f"Prompt {number}: "
        lines.append(Line(f"{label}{_one_line(note.prompt)}", 0, len(label)))
        belongs = prompts[prompt_id].category
        where = f"{letters.get(belongs, '?')}. {_one_line(texts.get(belongs, note.right))}"
        if note.given is None:
            lines.append(Line(f"Not matched: wrong. It belongs to {where}.", 2, 2))
        elif note.correct:
            lines.append(Line(f"You chose {where}: right.", 2, 2))
        else:
            chosen = _chosen_category(item, prompt_id, feedback)
            lines.append(Line(f"You chose {chosen}: wrong. It belongs to {where}.", 2, 2))
        if note.feedback.strip():
            lines.append(Line(f"Note: {_one_line(note.feedback)}", 2, 6))
    return lines


def _chosen_category(item: Item, prompt_id: str, feedback: Feedback) -> str:
    """The lettered category the learner gave ``prompt_id`` (from the picked pairs)."""
    _, letters = _labels(item)
    texts = {c.id: c.text for c in item.question.categories}
    for note in feedback.picked:
        prompt, category = split_pair(note.choice_id)
        if prompt == prompt_id and category in letters:
            return f"{letters[category]}. {_one_line(texts[category])}"
    return "another category"
