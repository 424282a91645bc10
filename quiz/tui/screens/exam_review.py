"""Before submitting an exam: every question's state, unanswered and flagged ones first.

Pushed over the exam screen (whose clock keeps running); picking a question goes back to it,
submitting asks for confirmation first.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.engine.session import Session
from quiz.tui.screens.base import PaletteEntry, QuizScreen
from quiz.tui.screens.exam import SUBMIT
from quiz.tui.text import literal_line
from quiz.tui.widgets.action_bar import Action, ActionBar
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.navigator import is_answered, is_partial

STEM_CHARS = 60
"""Stems are cut to about one line in the list."""


def positions_text(positions: list[int]) -> str:
    """``4, 17, 21`` (1-based), or ``none``."""
    return ", ".join(str(p + 1) for p in positions) if positions else "none"


class ReviewList(OptionList):
    """The exam's questions; page keys do nothing while the list has no room to draw in.

    Textual's ``OptionList`` lays its lines out only when it has a region, and its page
    keys look those lines up: paged while hidden (a terminal below the minimum size) or
    squeezed to no height, it raised ``KeyError`` and the app crashed.
    """

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()  # type: ignore[no-untyped-call]  # Textual: untyped

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()  # type: ignore[no-untyped-call]  # Textual: untyped


class ExamReviewScreen(QuizScreen[int | None]):
    """The list of questions; returns a position to go to, ``SUBMIT``, or None (back).

    | Key | Action |
    | --- | --- |
    | ↑ ↓, enter | choose a question and go back to it |
    | s | submit the exam (asks to confirm) |
    | escape, b | back to the exam |
    """

    CSS_PATH = "exam.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "submit", "Submit exam"),
        Binding("escape,b", "back", "Back", key_display="esc"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Submit exam", "Submit the exam now (asks to confirm)", "submit"),
        ("Back to the exam", "Return to the question you were on", "back"),
    )

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        count = len(session.items)
        self.unanswered = [p for p in range(count) if not is_answered(session, p)]
        self.flagged = sorted(session.flags)
        self.partly = [p for p in range(count) if is_partial(session, p)]

    def compose_body(self) -> ComposeResult:
        session = self.session
        with Horizontal(id="topbar"):
            yield Static(Content.styled("Exam · Review before submitting", "bold"),
                         id="title")
            yield Countdown(session)
        summary = Content("\n").join([
            Content(f"{len(session.items) - len(self.unanswered)} of {len(session.items)} "
                    "answered."),
            Content.styled(f"Unanswered: {positions_text(self.unanswered)}",
                           "bold $error" if self.unanswered else ""),
            *([Content.styled(f"Partly answered: {positions_text(self.partly)}",
                              "bold $warning")] if self.partly else []),
            Content.styled(f"Flagged: {positions_text(self.flagged)}",
                           "bold $warning" if self.flagged else ""),
            Content("Enter on a question goes back to it; s submits."),
        ])
        yield Static(summary, id="review-summary")
        yield ReviewList(*self._options(), id="review-list")
        yield ActionBar(Action("Back to exam", "screen.back", "back"),
                        Action("Submit exam", "screen.submit", "submit-exam"), id="actions")

    def _options(self) -> list[Option]:
        options = []
        width = len(str(len(self.session.items)))
        for position, item in enumerate(self.session.items):
            answered = is_answered(self.session, position)
            state = Content("answered  ") if answered else \
                Content.styled("unanswered", "bold $error")
            if position in self.partly:
                state = Content.styled("partly    ", "bold $warning")
            flag = Content.styled(" ⚑ ", "bold $warning") if position in self.session.flags \
                else Content("   ")
            stem = literal_line(item.question.stem)
            if len(stem) > STEM_CHARS:
                stem = stem[:STEM_CHARS - 1] + Content("…")
            prompt = Content.assemble(f"{position + 1:>{width}}  ", state, flag, " ", stem)
            options.append(Option(prompt, id=str(position)))
        return options

    def on_mount(self) -> None:
        first = (self.unanswered or self.flagged or [self.session.current])[0]
        option_list = self.query_one(OptionList)
        option_list.highlighted = first
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        left = len(self.unanswered)
        warning = f" {left} question(s) are unanswered and will score 0." if left else ""
        if self.partly:
            warning += (f" {len(self.partly)} question(s) are partly answered: what is "
                        "missing scores as wrong.")
        self.quiz.confirm(
            "Submit the exam?",
            f"Your answers become final and you will see your results.{warning}",
            "Submit", self._confirmed,
        )

    def _confirmed(self, yes: bool) -> None:
        if yes:
            self.dismiss(SUBMIT)
