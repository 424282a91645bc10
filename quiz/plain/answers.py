"""One line typed by the learner: an answer (numbers, letters, a choice's words, matching
pairs) or a command.

Pure and total: any line gives a ``Pick``, a ``Command``, a ``Problem`` (a message saying what
to type instead) or ``BLANK``; nothing here raises, whatever the line holds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from quiz.fields import Fields
from quiz.model import QuestionType
from quiz.plain.pairs import parse_pairs
from quiz.text import safe_line

ALIASES = {
    "?": "help", "h": "help", "help": "help",
    "n": "next", "next": "next",
    "p": "previous", "prev": "previous", "previous": "previous",
    "s": "submit", "submit": "submit", "finish": "submit",
    "q": "quit", "quit": "quit", "exit": "quit",
    "f": "flag", "flag": "flag",
    "r": "review", "review": "review", "list": "review",
    "g": "goto", "go": "goto", "goto": "goto",
    "c": "context", "context": "context", "case": "context",
}
"""Command words and their names; a runner allows only some of them (help is always on)."""

_SEPARATORS = re.compile(r"[\s,;]+")
_GOTO = re.compile(r"^(?:g|go|goto)\s*(\S*)$")
ECHO_CHARS = 40
MAX_DIGITS = 6
"""Longer numbers are refused before ``int`` (no choice list is that long)."""


class Pick(Fields):
    """Choices by their 0-based place on screen (for ordering: the steps in order; for
    matching: ``prompt * categories + category``, prompts by their place on screen and
    categories in written order, sorted by prompt)."""

    positions: tuple[int, ...]


class Command(Fields):
    """A command word (``next``, ``flag``...); ``number`` is 1-based (``goto``)."""

    name: str
    number: int | None = None


class Problem(Fields):
    """The line is neither a valid answer nor a command here; ``message`` says why."""

    message: str


class Blank(Fields):
    """An empty line (Enter alone)."""


BLANK = Blank()
Parsed = Pick | Command | Problem | Blank


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse(line: str, kind: QuestionType | None, count: int, allowed: Collection[str],
          texts: Sequence[str] = (), *, categories: int = 0, partial: bool = False,
          ) -> Parsed:
    """Read ``line`` for a question of ``kind`` with ``count`` choices (``kind`` None: no
    question is open, only commands count); ``texts`` are the choices' words, in display
    order, which may be typed whole (``true``, ``inference``).

    For a matching question ``count`` is the number of prompts and ``categories`` the
    number of categories; the line is pairs (``1a 2b``), every prompt once, or with
    ``partial`` (an exam, where an answer may be completed later) some prompts once."""
    text = _words(line)
    if not text:
        return BLANK
    command = _command(text, allowed)
    if command is not None:
        return command
    if kind is None:
        return Problem(f"'{_echo(line.strip())}' is not a command here; type ? for help.")
    if kind is QuestionType.MATCHING:
        pairs = parse_pairs(text, count, categories, partial)
        if isinstance(pairs, str):
            return Problem(pairs)
        return Pick(tuple(prompt * categories + category for prompt, category in pairs))
    for index, choice in enumerate(texts):
        if text == _words(choice):
            return Pick((index,))
    numbers: list[int] = []
    for token in (t for t in _SEPARATORS.split(text) if t):
        number = _number(token)
        if number is None:
            return Problem(f"'{_echo(token)}' is not a choice; type a number from 1 to "
                           f"{count}, or ? for help.")
        if not 1 <= number <= count:
            return Problem(f"There is no choice {_echo(token)}; choose from 1 to {count}.")
        if number in numbers:
            return Problem(f"Choice {number} is given twice; give each once.")
        numbers.append(number)
    if not numbers:  # only separators, e.g. ","
        return Problem(f"Type a number from 1 to {count}, or ? for help.")
    return _check_count(kind, count, numbers)


def _echo(typed: str) -> str:
    """What the learner typed, safe to print and short (a pasted page is not repeated)."""
    shown = safe_line(typed)
    return shown if len(shown) <= ECHO_CHARS else shown[:ECHO_CHARS - 3] + "..."


def _command(text: str, allowed: Collection[str]) -> Command | Problem | None:
    name = ALIASES.get(text)
    if name == "help" or (name is not None and name in allowed and name != "goto"):
        return Command(name)
    goto = _GOTO.match(text)
    if goto is not None and "goto" in allowed:
        digits = goto.group(1)
        if not (digits.isascii() and digits.isdigit()):  # letters are choices, not places
            return Problem("Type g and a question number, e.g. g 5.")
        number = _number(digits)
        if number is None:
            return Problem("Type g and a question number, e.g. g 5.")
        return Command("goto", number)
    return None


def _number(token: str) -> int | None:
    """A 1-based choice number from digits (ASCII only: int() refuses '²') or a letter."""
    if token.isascii() and token.isdigit():
        return int(token) if len(token) <= MAX_DIGITS else 10 ** MAX_DIGITS
    if len(token) == 1 and "a" <= token <= "z":
        return ord(token) - ord("a") + 1
    return None


def _check_count(kind: QuestionType, count: int, numbers: list[int]) -> Parsed:
    if kind is QuestionType.ORDERING:
        if len(numbers) != count:
            example = " ".join(str(n) for n in range(count, 0, -1))
            return Problem(f"Give all {count} steps, each once, first step first, "
                           f"e.g. {example}.")
    elif kind is not QuestionType.MULTIPLE and len(numbers) != 1:
        return Problem(f"Choose one: a single number from 1 to {count}.")
    return Pick(tuple(n - 1 for n in numbers))
