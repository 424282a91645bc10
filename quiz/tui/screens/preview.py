"""Preview: an author browses every question with its answer and all its feedback.

``quiz preview`` shows each question as a learner would see it, with the right answer
marked, then the feedback of every choice (or of every prompt of a matching item), the
explanation, the rule and the objectives, and the scenario or case study above it. Nothing
is answered and nothing is recorded: the session is a ``Mode.PREVIEW`` session over a
``MemoryRecorder``, and the workspace has no store.
"""

from __future__ import annotations

import os
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from quiz.engine.feedback import build_feedback
from quiz.engine.select import Item
from quiz.model import QuestionType
from quiz.tui.screens.base import PaletteEntry
from quiz.tui.screens.session_base import SessionScreen
from quiz.tui.text import MUTED, literal, literal_line
from quiz.tui.widgets.action_bar import Action, ActionBar
from quiz.tui.widgets.feedback_panel import BLANK, feedback_tail, pair_lines
from quiz.tui.widgets.indented import Indented, Line

PREVIEW_HINT = "n / →: next · p / ←: previous · g: go to a number or an id · q: quit"


def choice_lines(item: Item) -> list[Line]:
    """Every choice in the order shown, right or wrong, with its feedback."""
    question = item.question
    if question.type is QuestionType.ORDERING:
        lines: list[Line] = [(0, Content.styled("Right order:", "bold"))]
        return lines + [(2, Content(f"{n}. ") + literal_line(c.text))
                        for n, c in enumerate(question.choices, 1)]
    lines = [(0, Content.styled("Each choice:", "bold"))]
    by_id = {c.id: c for c in question.choices}
    for number, (choice_id, _) in enumerate(item.choices, 1):
        choice = by_id[choice_id]
        mark = Content.styled("✓ right ", "bold $success") if choice.correct else \
            Content.styled("✗ wrong ", "bold $error")
        lines.append((2, Content(f"{number}  ") + mark + literal_line(choice.text)))
        if choice.feedback.strip():
            lines.append((6, literal(choice.feedback.strip(), "italic")))
        elif not choice.correct:
            lines.append((6, Content.styled("(no feedback written for this choice)",
                                            MUTED)))
    return lines


class PreviewScreen(SessionScreen):
    """Every question with its answer and feedback; read-only, nothing recorded.

    | Key | Action |
    | --- | --- |
    | n / → / enter | next question |
    | p / ← | previous question |
    | g | go to a question by its number or its id |
    | x, v, < > | strike out a choice; hide or scroll the context |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right,enter", "next", "Next", key_display="n"),
        Binding("p,left", "previous", "Prev", key_display="p"),
        Binding("g", "jump", "Go to"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Next question", "Go to the next question", "next"),
        ("Previous question", "Go back one question", "previous"),
        ("Go to question", "A question by its number or id", "jump"),
    )
    MODE_TITLE: ClassVar[str] = "Preview"

    def compose_body(self) -> ComposeResult:
        yield self.top_bar(self._status())
        yield from self.question_area()
        yield ActionBar(Action("◀ Prev", "screen.previous", "prev"),
                        Action("Next ▶", "screen.next", "next"),
                        Action("Go to…", "screen.jump", "jump"), id="actions")

    def _status(self) -> Content:
        question = self.session.items.questions[self.session.current]
        level = f" · difficulty {question.difficulty}" if question.difficulty else ""
        source = question.source
        where = f" · {os.path.basename(source.path)}:{source.line}" if source else ""
        return Content("id ") + literal_line(question.id, "bold") + \
            Content(f"{level}{where} · nothing is recorded")

    def locked(self, position: int) -> bool:
        return True

    def shown_answer(self, position: int) -> tuple[str, ...]:
        """The right answer, marked as if chosen (for ordering: the steps in order)."""
        return self.session.items.questions[position].correct_ids

    def extra_widgets(self, position: int) -> list[Widget]:
        item = self.session.items[position]
        question = item.question
        feedback = self.shown_feedback(build_feedback(
            question, question.correct_ids, 1.0, self.session.bank.lesson,
            self.session.scenarios))
        lines = pair_lines(feedback, item) if question.type is QuestionType.MATCHING \
            else choice_lines(item)
        lines.append(BLANK)
        return [Indented(lines, after=[feedback_tail(feedback, PREVIEW_HINT)],
                         id="feedback", classes="preview")]

    def item_shown(self) -> None:
        if self.view is not None:
            self.view.choices.show_verdict(self.view.item.question.correct_ids)
        self.set_status(self._status())

    def jump_ids(self) -> list[str]:
        return [q.id for q in self.session.items.questions]

    async def action_next(self) -> None:
        if self.session.current + 1 < len(self.session.items):
            await self.show_item(self.session.current + 1)
        else:
            self.notify("This is the last question.")

    async def action_previous(self) -> None:
        if self.session.current > 0:
            await self.show_item(self.session.current - 1)
