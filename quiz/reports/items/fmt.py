"""Number and text formatting shared by the item-analysis renderers.

"n/a" marks a figure that cannot be computed from the data (JSON writes ``null``, CSV an
empty cell, so those two do not use it). Bank text is put on one line and made safe for a
terminal (``safe_line``) before a renderer escapes it for its own format.
"""

from __future__ import annotations

from quiz.reports.items.analysis import BankReport, ChoiceReport
from quiz.reports.items.stats import NO_ANSWER
from quiz.text import safe_line

NA = "n/a"


def _shown(value: float, digits: int) -> float:
    """``value`` as it will be printed: rounded first, so that a tiny negative value (or -0.0)
    prints as 0, never as ``-0.000``."""
    return round(value, digits) + 0.0


def percent(value: float | None) -> str:
    """A figure already in percent (the test's mean, median, SD...): ``71.2%``."""
    return NA if value is None else f"{_shown(value, 1):.1f}%"


def fraction_percent(value: float | None) -> str:
    """A share in [0, 1] (facility, efficiency, a choice's share) as a percentage."""
    return NA if value is None else f"{_shown(value * 100, 1):.1f}%"


def correlation(value: float | None) -> str:
    """A correlation, signed, three decimals: ``+0.412``."""
    return NA if value is None else f"{_shown(value, 3):+.3f}"


def plain(value: float | None, digits: int = 2) -> str:
    return NA if value is None else f"{_shown(value, digits):.{digits}f}"


def one_line(text: str) -> str:
    """Bank text on one line, safe for a terminal, in full."""
    return safe_line(" ".join(text.split()))


def short(text: str, width: int = 72) -> str:
    """Bank text on one line, cut to ``width`` at a word (Markdown headings, HTML captions)."""
    line = one_line(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0] if " " in line[: width - 1] else line[: width - 1]
    return cut.rstrip() + "…"


def basis(bank: BankReport) -> str:
    """Which attempts the bank's figures are computed from, in words."""
    if bank.basis == "exam":
        unit = "each learner's first submitted exam" if bank.which == "first" \
            else "every submitted exam"
    else:
        unit = "each learner's first answer to each question, as one attempt" \
            if bank.which == "first" else "every session, each as one attempt"
    return f"attempts: {unit}"


def choice_label(choice: ChoiceReport) -> str:
    return "(no answer)" if choice.choice_id == NO_ANSWER else safe_line(choice.choice_id)


def works(choice: ChoiceReport) -> str:
    """Whether a choice does its job: the right one, or a distractor that draws (or not)."""
    if choice.correct:
        return "correct"
    if choice.functions is None:
        return ""
    return "functions" if choice.functions else "does not function"
