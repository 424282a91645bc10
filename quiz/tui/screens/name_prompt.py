"""Who is studying? Asked first by a served app (``quiz serve``), before any session exists.

Each browser tab runs its own app and textual-serve passes it no page parameters, so the
app cannot know the learner; answers would otherwise all land under the server's user.
"""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from quiz.tui.screens.modal import QuizModal

MAX_NAME = 64


def name_problem(text: str) -> str | None:
    """Why ``text`` cannot be a learner's name, or None when it can."""
    name = text.strip()
    if not name:
        return "Type your name (it keeps your progress apart from the others')."
    if len(name) > MAX_NAME:
        return f"At most {MAX_NAME} characters, please."
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in name):
        return "Letters, digits, spaces and punctuation only (no control characters)."
    return None


class NamePrompt(QuizModal[str]):
    """Returns the learner's name (validated: non-empty, no control characters, at most 64).

    | Key | Action |
    | --- | --- |
    | enter | use this name |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "use", "Start", key_display="enter", show=False),
    ]

    def __init__(self, suggested: str = "") -> None:
        super().__init__()
        self.suggested = suggested

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog", id="name-prompt"):
            yield Static(Content.styled("Who is studying?", "bold"), classes="dialog-title")
            yield Static(Content("Your name keeps your answers and progress apart from "
                                 "everyone else's on this server. Type it, then press "
                                 "Enter."), classes="dialog-text")
            yield Input(placeholder="your name", max_length=MAX_NAME, id="name",
                        compact=True)
            yield Static("", id="name-problem")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_use()

    def action_use(self) -> None:
        text = self.query_one("#name", Input).value
        problem = name_problem(text)
        if problem is not None:
            self.query_one("#name-problem", Static).update(
                Content.styled(problem, "$error"))
            return
        self.dismiss(text.strip())
