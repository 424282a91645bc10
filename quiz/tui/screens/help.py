"""The help screen (``?``): every key, the same on every screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.tui.screens.base import QuizModal
from quiz.tui.widgets.indented import Indented, Line

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("1–9", "pick or toggle choice i (on menus: option i)"),
        ("enter", "submit, or continue"),
        ("?", "this help"),
        ("c", "certainty-based marking on/off (rate 1–3 before submitting)"),
        ("ctrl+p", "command palette"),
        ("q", "quit (asks first during an exam, which stays resumable)"),
    )),
    ("Answering", (
        ("↑ ↓, space", "move the cursor, pick the choice under it"),
        ("shift+↑ ↓, [ ]", "ordering: move the selected step up or down"),
        ("pageup pagedown", "scroll a long question (the mouse wheel works too)"),
    )),
    ("Practice", (
        ("enter", "submit; after the feedback, next question"),
        ("n →, p ←", "skip ahead, go back (answered ones show their feedback)"),
        ("s", "finish and see the results"),
    )),
    ("Exam", (
        ("n →, p ←", "next and previous question (answers can change until submitted)"),
        ("enter", "save the answer and go on"),
        ("f", "flag or unflag for review"),
        ("s", "review unanswered and flagged questions, then submit"),
    )),
    ("Results and review", (
        ("1–5", "review all, incorrect, flagged; retry incorrect; home"),
        ("esc", "back"),
    )),
)


KEY_WIDTH = max(len(key) for _, rows in KEYS for key, _ in rows) + 2


def key_lines() -> list[Line]:
    """The key table as indented lines: descriptions wrap under themselves."""
    lines: list[Line] = []
    for title, rows in KEYS:
        if lines:
            lines.append((0, Content("")))
        lines.append((0, Content.styled(title, "bold underline")))
        lines += [(2, Content.assemble((f"{key:<{KEY_WIDTH}}", "bold"), text))
                  for key, text in rows]
    return lines


class HelpScreen(QuizModal[None]):
    """The key table.

    | Key | Action |
    | --- | --- |
    | escape, ? | close |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "Close", key_display="esc"),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Content.styled("Keys", "bold"), classes="dialog-title")
            yield Indented(key_lines(), hanging=KEY_WIDTH, id="keys")
            yield Static(Content.styled("The mouse works too: click choices, buttons and "
                                        "the exam navigator.", "$text-muted"))

    def action_close(self) -> None:
        self.dismiss(None)
