"""Certainty-based marking: how sure is the learner, 1 to 3, before the answer is submitted."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from quiz.tui.screens.modal import QuizModal

LEVELS = {1: "Not sure", 2: "Fairly sure", 3: "Sure"}


class ConfidenceScreen(QuizModal[int | None]):
    """Returns 1, 2 or 3, or None when cancelled (the answer is then not submitted).

    | Key | Action |
    | --- | --- |
    | 1 / 2 / 3 | not sure / fairly sure / sure |
    | escape | cancel; change the answer first |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Not sure"),
        Binding("2", "rate(2)", "Fairly sure"),
        Binding("3", "rate(3)", "Sure"),
        Binding("escape", "rate(0)", "Cancel", key_display="esc"),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confidence"):
            yield Static(Content.styled("How sure are you?", "bold"), classes="dialog-title")
            yield Static(Content("Rate your confidence before the answer is submitted; "
                                 "results show how well it matched."), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for level, name in LEVELS.items():
                    button = Button(f"{level} {name}", id=f"level-{level}", compact=True,
                                    action=f"screen.rate({level})")
                    button.can_focus = False
                    yield button

    def action_rate(self, level: int) -> None:
        self.dismiss(level or None)
