"""The Progress screen: where the learner stands, and one key to study what is weakest.

It shows the same report as ``quiz report`` (scores over time, mastery by phase and by
objective, calibration, what is due), so the app and the command never disagree, and adds
the next steps as keys: practise the weakest objectives, review what is due.
"""

from __future__ import annotations

import re
import textwrap
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.widgets import Static

from quiz.reports.progress.model import Report
from quiz.reports.progress.render_text import render
from quiz.text import safe_text
from quiz.tui.screens.base import PaletteEntry, QuizScreen
from quiz.tui.text import MUTED

_LAST_COLUMN = re.compile(r"\S(\s{2,})(?=\S)")
MIN_WIDTH = 20
MARGIN = 3
"""Columns beside the report: the body's padding (1 each side) and its scrollbar (1)."""


def hanging_indent(line: str, width: int) -> int:
    """Where a wrapped line's further lines start: under its last column when that column
    starts early enough to leave room for words (a table row's objective text), else four
    spaces past the line's own indent."""
    indent = len(line) - len(line.lstrip(" "))
    columns = [m.end(1) for m in _LAST_COLUMN.finditer(line)]
    if columns and columns[-1] <= width // 2:
        return columns[-1]
    return min(indent + 4, width // 2)


def wrap_report(text: str, width: int) -> str:
    """The text report wrapped to ``width`` columns between words; only a word longer than
    a whole line (a long path) is folded. Runs of spaces inside a line (table columns) are
    kept."""
    width = max(width, MIN_WIDTH)
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line)
            continue
        hang = hanging_indent(line, width)
        wrapper = textwrap.TextWrapper(
            width=width, subsequent_indent=" " * hang, break_long_words=True,
            break_on_hyphens=False, drop_whitespace=True, expand_tabs=False,
            replace_whitespace=False)
        out.extend(wrapper.wrap(line) or [""])
    return "\n".join(out)


class ProgressScreen(QuizScreen[None]):
    """The learner's progress report, scrollable, with the next steps on keys.

    | Key | Action |
    | --- | --- |
    | w | a short practice that starts with the weakest objective |
    | d | review the questions due |
    | escape, b | back |
    """

    CSS_PATH = "progress.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "weakest", "Weakest"),
        Binding("d", "due", "Review due"),
        Binding("escape,b", "back", "Back", key_display="esc"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Practise weakest", "A short practice that starts with your weakest objective",
         "weakest"),
        ("Review due", "Spaced-repetition review of the questions due", "due"),
    )

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report
        self.text = safe_text(render(report))
        self.wrapped_to = 0

    def weakest_objectives(self) -> tuple[str, ...]:
        """The objective ids the report suggests practising first (may be empty)."""
        learners = self.report.learners
        return tuple(s.objective for s in learners[0].weakest) if learners else ()

    def compose_body(self) -> ComposeResult:
        yield Static(Content.styled("quiz · Progress", "bold"), id="title")
        weakest = self.weakest_objectives()
        hint = (f"w: practise {', '.join(weakest)} · d: review due · esc: back" if weakest
                else "d: review due · esc: back")
        yield Static(Content.styled(safe_text(hint), MUTED), id="progress-hint")
        with ScrollableContainer(id="progress-body"):
            # the report is plain text with bank text already made safe; Content keeps any
            # bracket in it literal. It is wrapped here to the screen's width (the text
            # renderer has no width of its own yet)
            yield Static(self.report_content(self.app.size.width), id="progress-report")

    def report_content(self, screen_width: int) -> Content:
        self.wrapped_to = screen_width
        return Content(wrap_report(self.text, screen_width - MARGIN))

    def on_mount(self) -> None:
        self.query_one("#progress-body").focus()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self.wrapped_to:
            self.query_one("#progress-report", Static).update(
                self.report_content(event.size.width))

    def action_weakest(self) -> None:
        self.quiz.practise_weakest(self.weakest_objectives())

    def action_due(self) -> None:
        self.quiz.open_review_due()

    def action_back(self) -> None:
        self.dismiss(None)
