"""The Progress screen: where the learner stands, and one key to study what is weakest.

It shows the same report as ``quiz report`` (scores over time, mastery by phase and by
objective, calibration, what is due), so the app and the command never disagree, and adds
the next steps as keys: practise the weakest objectives, review what is due.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.widgets import Static

from quiz.engine.select import Filters
from quiz.errors import QuizError
from quiz.reports.progress.model import Report
from quiz.reports.progress.render_text import render
from quiz.text import safe_text
from quiz.tui.screens.base import PaletteEntry, QuizScreen


class ProgressScreen(QuizScreen[None]):
    """The learner's progress report, scrollable, with the next steps on keys.

    | Key | Action |
    | --- | --- |
    | w | practise the weakest objectives |
    | d | review the questions due |
    | escape, b | back |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "weakest", "Practise weakest"),
        Binding("d", "due", "Review due"),
        Binding("escape,b", "back", "Back", key_display="esc"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Practise weakest", "Practice on the objectives you are weakest in", "weakest"),
        ("Review due", "Spaced-repetition review of the questions due", "due"),
    )

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report

    def weakest_objectives(self) -> tuple[str, ...]:
        """The objective ids the report suggests practising first (may be empty)."""
        learners = self.report.learners
        return tuple(s.objective for s in learners[0].weakest) if learners else ()

    def compose_body(self) -> ComposeResult:
        yield Static(Content.styled("quiz · Progress", "bold"), id="title")
        weakest = self.weakest_objectives()
        hint = (f"w: practise {', '.join(weakest)} · d: review due · esc: back" if weakest
                else "d: review due · esc: back")
        yield Static(Content.styled(safe_text(hint), "$text-muted"), id="progress-hint")
        with ScrollableContainer(id="progress-body"):
            # the report is plain text with bank text already made safe; Content keeps any
            # bracket in it literal
            yield Static(Content(safe_text(render(self.report))), id="progress-report")

    def on_mount(self) -> None:
        self.query_one("#progress-body").focus()

    def action_weakest(self) -> None:
        objectives = self.weakest_objectives()
        if not objectives:
            self.notify("Nothing to suggest yet: answer some questions first.")
            return
        try:
            self.quiz.start(self.quiz.workspace.practice(Filters(objectives=objectives)))
        except QuizError as exc:
            self.notify(str(exc), severity="warning", markup=False)

    def action_due(self) -> None:
        self.quiz.open_review_due()

    def action_back(self) -> None:
        self.dismiss(None)
