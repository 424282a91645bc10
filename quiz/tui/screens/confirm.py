"""A yes/no question before something that cannot be undone (submit, quit an exam)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from quiz.tui.screens.modal import QuizModal


class ConfirmScreen(QuizModal[bool]):
    """Returns True for yes.

    | Key | Action |
    | --- | --- |
    | y | yes |
    | n, escape | no |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No", key_display="n"),
    ]

    def __init__(self, title: str, message: str, yes_label: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes_label

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="primary",
                             compact=True, action="screen.answer(True)")
                yield Button("Cancel (n)", id="no", compact=True,
                             action="screen.answer(False)")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
