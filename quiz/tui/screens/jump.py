"""Go to question N: a one-line prompt opened with ``g`` in practice, exams and preview."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from quiz.tui.screens.base import QuizModal


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

    def __init__(self, total: int, current: int) -> None:
        super().__init__()
        self.total = total
        self.current = current

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog", id="jump"):
            yield Static(Content.styled("Go to question", "bold"), classes="dialog-title")
            yield Static(Content(f"A number from 1 to {self.total} (now {self.current + 1}), "
                                 "then Enter; escape goes back."), classes="dialog-text")
            yield Input(placeholder=f"1–{self.total}", id="jump-number", type="integer",
                        max_length=len(str(self.total)), compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        position = parse_number(event.value, self.total)
        if position is None:
            self.notify(f"Type a number from 1 to {self.total}.", severity="warning")
            return
        self.dismiss(position)

    def action_cancel(self) -> None:
        self.dismiss(None)
