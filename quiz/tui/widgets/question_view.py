"""One question as the learner sees it: where it is, how to answer, the stem, the choices.

The scenario and case study a question is set in are shown above it, in the screen's
``ContextPanel`` (their title once, with the context), not in this widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from quiz.engine.select import Item
from quiz.model import Question, QuestionType
from quiz.tui.text import MUTED, literal
from quiz.tui.widgets.choices import ChoiceList
from quiz.tui.widgets.in_place import update_text
from quiz.tui.widgets.lines import LineStatic

if TYPE_CHECKING:
    # loaded when a matching item is shown, not on the way to every first question
    from quiz.tui.widgets.matching import MatchingList

KIND_NAMES = {
    QuestionType.SINGLE: "Single choice",
    QuestionType.MULTIPLE: "Multiple choice",
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.PHASE: "Training or inference?",
    QuestionType.ORDERING: "Ordering",
    QuestionType.MATCHING: "Matching",
}


def shown_stem(question: Question, scenario_title: str | None) -> str:
    """The stem as shown. A generated item's stem opens with its scenario's title
    (``quiz/bank/generate.py``), which the context panel above already shows: it is left
    out here so that the title is not read twice."""
    stem = question.stem.strip()
    if question.generated and scenario_title:
        opening = f"{scenario_title}: "
        if stem.startswith(opening):
            return stem[len(opening):].lstrip()
    return stem


def how_to_answer(item: Item, exam: bool = False) -> str:
    """The instruction line: how many to choose, how to reorder, or how to match."""
    question = item.question
    n = len(question.choices)
    if question.type is QuestionType.MULTIPLE:
        return f"Choose {len(question.correct_ids)} (toggle with 1–{n}), then Enter"
    if question.type is QuestionType.ORDERING:
        return ("Put the steps in order: select one with 1–9 or ↑↓, move it with shift+↑↓ "
                "or [ ], then Enter")
    if question.type is QuestionType.MATCHING:
        categories = len(question.categories)
        rest = "saved as you go" if exam else "then Enter"
        return f"↑↓ a prompt, 1–{categories} its category (space: the next); {rest}"
    return f"Choose one (1–{n}), then Enter"


LOCKED_HOW = "Read-only: no key changes the answer now; the feedback is below"
"""The instruction line of a question whose answer can no longer change."""


class QuestionView:
    """The meta line, the stem, the instruction line and the choices of one item (``widgets``,
    in that order), rebuilt only per question.

    Not a widget itself: its widgets go straight into the screen's question area, one
    container less to style and lay out before the first question (issue 16). Their styles
    are the session screens' (``quiz.tcss``, ``#area > .stem``...).
    """

    def __init__(
        self, item: Item, position: int, total: int, answer: Sequence[str] = (), *,
        locked: bool = False, flagged: bool = False, scenario_title: str | None = None,
        exam: bool = False,
    ) -> None:
        self.item = item
        self.position = position
        self.total = total
        self.exam = exam
        self.stem = literal(shown_stem(item.question, scenario_title))
        """The stem as shown: bank text, literal (no markup, escapes made visible)."""
        # the meta line and the stem are one widget (one less before the first question)
        self._stem = Static(self._stem_content(flagged), classes="stem", id="stem")
        self.choices: ChoiceList | MatchingList
        if item.question.type is QuestionType.MATCHING:
            from quiz.tui.widgets.matching import MatchingList

            self.choices = MatchingList(item, answer, locked=locked)
        else:
            self.choices = ChoiceList(item, answer, locked=locked)
        self._how = LineStatic(self._how_content(), classes="how", id="how")

    @property
    def widgets(self) -> list[Widget]:
        """What the question area shows of the item, top to bottom."""
        return [self._stem, self._how, self.choices]

    def _how_content(self) -> Content:
        """How to answer, and how far the answer is: "1 of 2 chosen", "2 of 3 matched"."""
        choices = self.choices
        if choices.locked:  # answered in practice, or a review: no key changes it now
            return Content(LOCKED_HOW)
        how = Content(how_to_answer(self.item, self.exam))
        if not isinstance(choices, ChoiceList):  # a matching item
            return how + Content(" · ") + Content.styled(choices.count_text(), "bold")
        if choices.kind is QuestionType.MULTIPLE:
            wanted = len(self.item.question.correct_ids)
            return how + Content(" · ") + Content.styled(choices.count_text(wanted), "bold")
        return how

    def refresh_how(self) -> None:
        """Redraw the how-to line after the answer changed (its count)."""
        update_text(self._how, self._how_content())

    def _stem_content(self, flagged: bool) -> Content:
        """The meta line (where the question is, its kind, its flag), a blank line, the stem."""
        parts: list[Content] = [
            Content.styled(f"Question {self.position + 1} of {self.total}", "bold"),
            Content(KIND_NAMES[self.item.question.type]),
        ]
        if flagged:
            parts.append(Content.styled("⚑ flagged", "bold $warning"))
        meta = Content(" · ").join(parts).stylize_before(MUTED)
        return meta + Content("\n\n") + self.stem

    def set_flagged(self, flagged: bool) -> None:
        self._stem.update(self._stem_content(flagged))
