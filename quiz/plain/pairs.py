"""A matching answer typed as pairs: ``1a 2b 3a`` (also ``1-a``, ``1:a``, ``1 a``, commas).

Prompts are numbered as shown (1, 2, 3...), categories lettered in their written order (a, b,
c... then aa, ab... past z, so any number of categories has a label). Pure and total: a line
gives the pairs it names, or a message saying what to type instead; nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quiz.text import safe_line

MAX_DIGITS = 6
"""Longer numbers are refused before ``int`` (no item has that many prompts)."""
MAX_LETTERS = 4
"""Longer runs of letters are no category label (``aaaa`` is category 18,279)."""

_PAIR = re.compile(r"\s*([0-9]+)\s*[-:=.)]?\s*([a-z]+)(?![a-z])")
_SEPARATORS = re.compile(r"[,;]+")
ECHO_CHARS = 40


def letter(index: int) -> str:
    """The label of the category at 0-based ``index``: a..z, then aa, ab... (bijective)."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def letter_index(label: str) -> int:
    """The 0-based index of a category label (inverse of ``letter``)."""
    index = 0
    for ch in label:
        index = index * 26 + (ord(ch) - ord("a") + 1)
    return index - 1


def example(prompts: int, categories: int) -> str:
    """A well-formed answer for the how-to line: every prompt, categories in turn."""
    return " ".join(f"{p + 1}{letter(p % max(categories, 1))}" for p in range(prompts))


def numbers_words(numbers: Sequence[int]) -> str:
    """1-based numbers as words for a message: ``3``, ``3 and 5``, ``2, 3 and 5``."""
    shown = [str(n) for n in numbers]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def parse_pairs(text: str, prompts: int, categories: int, partial: bool,
                ) -> tuple[tuple[int, int], ...] | str:
    """``text`` (folded to lower case, spaces collapsed) as (prompt, category) pairs, both
    0-based, sorted by prompt; or a message. Each prompt may be given once; unless
    ``partial``, every prompt must be given."""
    if prompts < 1 or categories < 1:
        return "This question has nothing to match."
    cleaned = _SEPARATORS.sub(" ", text).strip()
    if not cleaned:
        return _how(prompts, categories)
    given: dict[int, int] = {}
    position = 0
    while position < len(cleaned):
        found = _PAIR.match(cleaned, position)
        if found is None:
            rest = cleaned[position:].strip()
            return (f"'{_echo(rest)}' is not a pair; type a prompt's number and then a "
                    f"category's letter, e.g. {example(min(prompts, 3), categories)}.")
        digits, label = found.groups()
        number = int(digits) if len(digits) <= MAX_DIGITS else 10 ** MAX_DIGITS
        if not 1 <= number <= prompts:
            return f"There is no prompt {_echo(digits)}; the prompts are 1 to {prompts}."
        index = letter_index(label) if len(label) <= MAX_LETTERS else categories
        if not 0 <= index < categories:
            return (f"There is no category {_echo(label)}; the categories are a to "
                    f"{letter(categories - 1)}.")
        if number - 1 in given:
            return f"Prompt {number} is given twice; give each prompt one category."
        given[number - 1] = index
        position = found.end()
        while position < len(cleaned) and cleaned[position] == " ":
            position += 1
    missing = [p + 1 for p in range(prompts) if p not in given]
    if missing and not partial:
        noun = "Prompt" if len(missing) == 1 else "Prompts"
        verb = "is" if len(missing) == 1 else "are"
        return (f"{noun} {numbers_words(missing)} {verb} not matched; give every prompt a "
                f"category, e.g. {example(prompts, categories)}.")
    return tuple(sorted(given.items()))


def _how(prompts: int, categories: int) -> str:
    return (f"Type a prompt's number and a category's letter for each prompt, e.g. "
            f"{example(prompts, categories)}.")


def _echo(typed: str) -> str:
    """What the learner typed, safe to print and short (a pasted page is not repeated)."""
    shown = safe_line(typed)
    return shown if len(shown) <= ECHO_CHARS else shown[:ECHO_CHARS - 3] + "..."
