"""Reviewing a finished session: each chosen question with the answer given and full feedback."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from quiz.engine.session import Session
from quiz.tui.screens.base import PaletteEntry
from quiz.tui.screens.session_base import SessionScreen
from quiz.tui.widgets.action_bar import Action, ActionBar
from quiz.tui.widgets.feedback_panel import FeedbackPanel

REVIEW_HINT = "n / →: next · p / ←: previous · esc: back to the results"


class ReviewScreen(SessionScreen):
    """Read-only walk through some positions of a submitted session.

    | Key | Action |
    | --- | --- |
    | n / → / enter | next question in this list |
    | p / ← | previous question |
    | escape, b | back to the results |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right,enter", "next", "Next", key_display="n"),
        Binding("p,left", "previous", "Prev", key_display="p"),
        Binding("escape,b", "back", "Back", key_display="esc"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Back to results", "Leave the review", "back"),
    )
    MODE_TITLE: ClassVar[str] = "Review"
    JUMPS: ClassVar[bool] = False

    def __init__(self, session: Session, positions: list[int], title: str) -> None:
        super().__init__(session)
        self.positions = positions
        self.index = 0
        self.list_title = title

    def compose_body(self) -> ComposeResult:
        yield self.top_bar(self._status())
        yield from self.question_area()
        yield ActionBar(Action("◀ Prev", "screen.previous", "prev"),
                        Action("Next ▶", "screen.next", "next"),
                        Action("Back to results", "screen.back", "back"), id="actions")

    def _status(self) -> Content:
        return Content(f"{self.list_title}: {self.index + 1} of {len(self.positions)}")

    def first_widgets(self) -> list[Widget]:
        return self.item_widgets(self.positions[0])

    def locked(self, position: int) -> bool:
        return True

    def extra_widgets(self, position: int) -> list[Widget]:
        item = self.session.items[position]
        return [FeedbackPanel(self.shown_feedback(self.session.feedback(position)),
                              item.question.type, REVIEW_HINT, item=item)]

    def item_shown(self) -> None:
        if self.view is not None:
            self.view.choices.show_verdict(self.view.item.question.correct_ids)
        self.set_status(self._status())

    async def action_next(self) -> None:
        if self.index + 1 < len(self.positions):
            self.index += 1
            await self.show_item(self.positions[self.index])

    async def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            await self.show_item(self.positions[self.index])

    def action_back(self) -> None:
        self.dismiss(None)
