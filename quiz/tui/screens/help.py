"""The help screen (``?``): every key, the same on every screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.tui.screens.base import QuizModal

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


def keys_content() -> Content:
    width = max(len(key) for _, rows in KEYS for key, _ in rows) + 2
    blocks = []
    for title, rows in KEYS:
        lines = [Content.styled(title, "bold underline")]
        lines += [Content.assemble((f"  {key:<{width}}", "bold"), text) for key, text in rows]
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


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
            yield Static(keys_content())
            yield Static(Content.styled("The mouse works too: click choices, buttons and "
                                        "the exam navigator.", "$text-muted"))

    def action_close(self) -> None:
        self.dismiss(None)
