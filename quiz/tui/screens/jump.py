"""Go to question N: a one-line prompt opened with ``g`` in practice, exams and preview
(where a question's id is accepted too)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from quiz.tui.screens.modal import QuizModal


def parse_number(text: str, total: int) -> int | None:
    """The 0-based position of ``text`` (a number from 1 to ``total``), else None."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) > len(str(total)):
        return None
    number = int(digits)
    return number - 1 if 1 <= number <= total else None


class JumpScreen(QuizModal[int | None]):
    """Asks for a question number; returns its 0-based position, or None (escape).

    | Key | Action |
    | --- | --- |
    | digits, enter | go to that question |
    | escape | back, nowhere |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", key_display="esc"),
    ]

    def __init__(self, total: int, current: int, ids: Sequence[str] = ()) -> None:
        """``ids``: the questions' ids in order, when an id may be typed instead."""
        super().__init__()
        self.total = total
        self.current = current
        self.ids = list(ids)

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog", id="jump"):
            yield Static(Content.styled("Go to question", "bold"), classes="dialog-title")
            what = "A number" + (" or a question id" if self.ids else "")
            yield Static(Content(f"{what} from 1 to {self.total} (now {self.current + 1}), "
                                 "then Enter; escape goes back."), classes="dialog-text")
            yield Input(placeholder=f"1–{self.total}", id="jump-number",
                        type="text" if self.ids else "integer",
                        max_length=200 if self.ids else len(str(self.total)), compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        position = parse_number(event.value, self.total)
        if position is None and event.value.strip() in self.ids:
            position = self.ids.index(event.value.strip())
        if position is None:
            also = " or a question id" if self.ids else ""
            self.notify(f"Type a number from 1 to {self.total}{also}.", severity="warning",
                        markup=False)
            return
        self.dismiss(position)

    def action_cancel(self) -> None:
        self.dismiss(None)
