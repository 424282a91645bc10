"""One question as the learner sees it: where it is, how to answer, the stem, the choices."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.engine.select import Item
from quiz.model import QuestionType
from quiz.tui.text import literal, literal_line
from quiz.tui.widgets.choices import ChoiceList

KIND_NAMES = {
    QuestionType.SINGLE: "Single choice",
    QuestionType.MULTIPLE: "Multiple choice",
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.PHASE: "Training or inference?",
    QuestionType.ORDERING: "Ordering",
}


def how_to_answer(item: Item) -> str:
    """The instruction line: how many to choose, or how to reorder."""
    question = item.question
    n = len(question.choices)
    if question.type is QuestionType.MULTIPLE:
        return f"Choose {len(question.correct_ids)} (toggle with 1–{n}), then Enter"
    if question.type is QuestionType.ORDERING:
        return ("Put the steps in order: select one with 1–9 or ↑↓, move it with shift+↑↓ "
                "or [ ], then Enter")
    return f"Choose one (1–{n}), then Enter"


class QuestionView(Vertical):
    """The meta line, the stem and the choices of one item; rebuilt only per question."""

    DEFAULT_CSS = """
    QuestionView { height: auto; }
    QuestionView > .meta { color: $text-muted; }
    QuestionView > .stem { margin: 1 0; }
    QuestionView > .how { color: $text-muted; text-style: italic; margin-bottom: 1; }
    """

    def __init__(
        self, item: Item, position: int, total: int, answer: Sequence[str] = (), *,
        locked: bool = False, flagged: bool = False, scenario_title: str | None = None,
    ) -> None:
        super().__init__(id="question")
        self.item = item
        self.position = position
        self.total = total
        self.scenario_title = scenario_title
        self._meta = Static(self._meta_content(flagged), classes="meta", id="meta")
        self._stem = Static(literal(item.question.stem.strip()), classes="stem", id="stem")
        self.choices = ChoiceList(item, answer, locked=locked)

    def compose(self) -> ComposeResult:
        yield self._meta
        yield self._stem
        yield Static(Content(how_to_answer(self.item)), classes="how")
        yield self.choices

    def _meta_content(self, flagged: bool) -> Content:
        parts: list[Content] = [
            Content.styled(f"Question {self.position + 1} of {self.total}", "bold"),
            Content(KIND_NAMES[self.item.question.type]),
        ]
        if self.scenario_title:
            parts.append(Content("Scenario: ") + literal_line(self.scenario_title))
        if flagged:
            parts.append(Content.styled("⚑ flagged", "bold $warning"))
        return Content(" · ").join(parts)

    def set_flagged(self, flagged: bool) -> None:
        self._meta.update(self._meta_content(flagged))
