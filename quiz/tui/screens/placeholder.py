"""A place held for a screen that a later change fills (Progress, Review due).

The home screen routes to it through ``QuizApp.open_progress`` and ``QuizApp.open_review_due``;
replacing those two methods is all it takes to wire the real screens.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.tui.screens.base import QuizScreen


class PlaceholderScreen(QuizScreen[None]):
    """Says what will live here and when.

    | Key | Action |
    | --- | --- |
    | escape, b | back |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "back", "Back", key_display="esc"),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose_body(self) -> ComposeResult:
        yield Static(Content.styled(f"quiz · {self.title_text}", "bold"), id="title")
        with Vertical(classes="placeholder"):
            yield Static(Content.styled(self.title_text, "bold"))
            yield Static(Content(self.message))
            yield Static(Content.styled("esc: back", "$text-muted"))

    def action_back(self) -> None:
        self.dismiss(None)
