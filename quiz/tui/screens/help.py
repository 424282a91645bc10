"""The help screen (``?``): every key of every screen and dialog, and how to close it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.tui.screens.modal import QuizModal
from quiz.tui.text import MUTED
from quiz.tui.widgets.indented import Indented, Line

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("?", "this help (esc or ? closes it)"),
        ("c", "certainty-based marking on/off (rate 1–3 before submitting)"),
        ("ctrl+p", "command palette (screen actions, theme, screenshot)"),
        ("q", "quit (asks first during an exam, which stays resumable)"),
    )),
    ("Home", (
        ("1–5", "practice, exam, review mistakes, review due, progress"),
        ("w", "a short practice that starts with your weakest objective"),
        ("r", "resume the unfinished exam (when there is one)"),
        ("tab, shift+tab", "move between the practice filters"),
        ("enter", "press the focused button; in a number field, start practice"),
        ("space", "tick or untick the focused box or objective"),
    )),
    ("Progress", (
        ("w", "a short practice that starts with your weakest objective"),
        ("d", "review the questions due"),
        ("↑ ↓", "scroll the report (pageup and pagedown too)"),
        ("esc, b", "back"),
    )),
    ("Answering", (
        ("1–9", "pick or toggle choice i (ordering: select step i)"),
        ("↑ ↓, space", "move the cursor, pick the choice under it"),
        ("shift+↑ ↓, [ ]", "ordering: move the selected step up or down"),
        ("pageup pagedown", "scroll a long question (the mouse wheel works too)"),
        ("x", "strike out the highlighted choice, or restore it (a reading aid, not an "
              "answer)"),
        ("g", "go to question N (practice and exam; type its number, then Enter)"),
        ("v", "fold or unfold the case study's or scenario's context above the question"),
        ("< >", "scroll that context up and down"),
    )),
    ("Practice", (
        ("enter", "submit; after the feedback, next question"),
        ("n →, p ←", "skip ahead, go back (answered ones show their feedback)"),
        ("s", "finish and see the results (asks first while questions are left)"),
    )),
    ("Exam", (
        ("n →, p ←", "next and previous question (answers can change until submitted)"),
        ("enter", "on the start page: start the exam (the clock starts then); on a "
                  "question: save the answer and go on"),
        ("f", "flag or unflag for review"),
        ("s", "review unanswered and flagged questions, then submit"),
    )),
    ("Results and review", (
        ("1–5", "review all, incorrect, flagged (exams: practice has no flags); retry "
                "incorrect; home"),
        ("n →, p ←", "next and previous question of the review"),
        ("esc, b", "back"),
    )),
    ("How sure are you? (certainty dialog)", (
        ("1 2 3", "not sure, fairly sure, sure: the answer is then submitted"),
        ("esc", "cancel: nothing is submitted"),
    )),
    ("Questions that ask first (quit, submit, new exam)", (
        ("y", "yes"),
        ("n, esc", "no"),
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
            yield Static(Content.assemble(("Keys", "bold"), ("  ·  esc or ? closes this help",
                                                             MUTED)),
                         classes="dialog-title", id="help-title")
            yield Indented(key_lines(), hanging=KEY_WIDTH, id="keys")
            yield Static(Content.styled("The mouse works too: click choices, buttons and "
                                        "the exam navigator.", MUTED))

    def action_close(self) -> None:
        self.dismiss(None)
