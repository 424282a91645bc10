"""The timed exam: deferred feedback, a countdown, a navigator, flags, changeable answers.

Every change of selection is recorded at once (the store keeps it through a crash); Enter
also moves on. The app's timer ticks the countdown and submits when time runs out.

An exam not yet begun opens on its start page (``exam_start``): the facts and the keys, the
clock held until Enter. A matching item's prompts are saved as they are matched, so a partly
answered one is kept (and marked ◐ in the navigator); an unmatched prompt scores as wrong.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from quiz.engine.session import Session, SessionClosed, Status
from quiz.tui.screens.base import PaletteEntry
from quiz.tui.screens.exam_start import not_begun, start_page
from quiz.tui.screens.session_base import PICK_KEYS, SessionScreen
from quiz.tui.widgets.action_bar import Action, ActionBar
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.navigator import Navigator, is_answered

SUBMIT = -1
"""What the review screen returns when the learner confirmed submission."""
BEFORE_START = frozenset({"start", "help", "scroll_area"})
"""The screen's only actions on the start page (the app's own, q and ?, work too)."""


class ExamScreen(SessionScreen):
    """One exam question at a time, with the navigator beside it.

    | Key | Action |
    | --- | --- |
    | 1–9, ↑ ↓ space, shift+↑↓ [ ] | answer (saved at once; change it any time) |
    | enter | save the answer and go to the next question |
    | n / → | next question |
    | p / ← | previous question |
    | f | flag or unflag this question for review |
    | g | go to question N |
    | x, v, < > | strike out a choice; hide or scroll the context (``SessionScreen``) |
    | s | review the exam and submit |

    On the start page only Enter (start), pageup/pagedown, ? and q work.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", key_display="enter"),
        *PICK_KEYS,
        Binding("enter", "submit", "Save", key_display="enter"),
        Binding("n,right", "next", "Next", key_display="n"),
        Binding("p,left", "previous", "Prev", key_display="p"),
        Binding("f", "flag", "Flag"),
        Binding("s", "review", "Submit"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Flag question", "Flag or unflag this question for review", "flag"),
        ("Review and submit", "See unanswered and flagged questions, then submit", "review"),
        ("Next question", "Go to the next question", "next"),
        ("Previous question", "Go to the previous question", "previous"),
    )
    CSS_PATH = "exam.tcss"
    MODE_TITLE: ClassVar[str] = "Exam"

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.started = not not_begun(session)
        """False while the start page is up (the clock is held)."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield self.top_bar(self._status(), bar_id=None)
            yield Countdown(self.session)
        with Horizontal(id="exam-body"):
            yield from self.question_area(column=True)
            with Vertical(id="sidebar"):
                yield Static(Content.styled("Questions", "bold"), id="sidebar-title")
                yield Navigator(self.session)
        actions = ActionBar(Action("Start ▶", "screen.start", "start"),
                            Action("◀ Prev", "screen.previous", "prev"),
                            Action("⚑ Flag", "screen.flag", "flag"),
                            Action("Next ▶", "screen.next", "next"),
                            Action("Submit…", "screen.review", "review"), id="actions")
        actions.show("start", not self.started)
        yield actions

    def _status(self) -> Content:
        session = self.session
        answered = sum(is_answered(session, p) for p in session.answers)
        cbm = " · certainty on" if self.quiz.certainty else ""
        return Content(f"{answered}/{len(session.items)} answered · "
                       f"{len(session.flags)} ⚑{cbm}")

    # --- the start page ---------------------------------------------------------------------

    def first_widgets(self) -> list[Widget]:
        """The current question, or the start page until the exam is started."""
        return super().first_widgets() if self.started else [start_page(self.session)]

    async def first_show(self) -> None:
        if self.started:
            await super().first_show()
            return
        # the time from the draw to here is not the exam's, nor is the time on this page
        self.session.start_clock()
        self.session.hold_clock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On the start page, only starting (and scrolling it) is possible."""
        if action == "start":
            return not self.started
        if action == "submit":
            return self.started
        if not (self.started or action in BEFORE_START):
            return False
        return self.pick_allowed(action, parameters)

    async def action_start(self) -> None:
        """Start: the clock counts from now, the first question shows."""
        if self.started:
            return
        self.started = True
        self.session.start_clock()
        self.query_one(ActionBar).show("start", False)
        self.refresh_bindings()
        await self.show_item(0)
        self.query_one(Countdown).tick()

    def item_shown(self) -> None:
        self.refresh_marks()

    def refresh_status(self) -> None:
        self.set_status(self._status())

    def refresh_marks(self) -> None:
        """Redraw what depends on answers and flags (status line and navigator)."""
        self.refresh_status()
        self.query_one(Navigator).refresh(layout=True)

    # --- guarding the clock ----------------------------------------------------------------

    def _open(self) -> bool:
        """True while answers may change; hands over to the results once time is up."""
        if self.session.status is Status.ACTIVE and not self.session.check_time():
            return True
        self.quiz.exam_over(self.session)
        return False

    # --- answering -------------------------------------------------------------------------

    def answer_changed(self) -> None:
        self._save(None)

    def _save(self, confidence: int | None) -> bool:
        """Record the current selection; keep an earlier confidence unless a new one is given."""
        if self.view is None or not self._open():
            return False
        choices = self.view.choices
        given = self.session.answers.get(self.session.current)
        if confidence is None and given is not None:
            confidence = given.confidence
        try:
            self.session.answer(choices.answer(), confidence)
        except SessionClosed:
            self.quiz.exam_over(self.session)
            return False
        self.refresh_marks()
        self.refresh_problems()
        return True

    async def action_submit(self) -> None:
        if self.view is None or not self._open():
            return
        if self.view.choices.has_answer() and self.quiz.certainty:
            self.quiz.ask_confidence(self._save_and_next)
            return
        if self.view.choices.has_answer():
            self._save(None)
        await self._advance()

    async def _save_and_next(self, confidence: int) -> None:
        if self._save(confidence):
            await self._advance()

    async def _advance(self) -> None:
        if self.session.current + 1 < len(self.session.items):
            await self.show_item(self.session.current + 1)
        else:
            self.action_review()

    # --- moving, flagging, submitting ------------------------------------------------------

    def may_move(self) -> bool:
        return self.started and self._open()

    async def action_next(self) -> None:
        if self._open() and self.session.current + 1 < len(self.session.items):
            await self.show_item(self.session.current + 1)

    async def action_previous(self) -> None:
        if self._open() and self.session.current > 0:
            await self.show_item(self.session.current - 1)

    async def on_navigator_selected(self, message: Navigator.Selected) -> None:
        if self.started and self._open():
            await self.show_item(message.position)

    def action_flag(self) -> None:
        if self.view is None or not self._open():
            return
        flagged = self.session.toggle_flag()
        self.view.set_flagged(flagged)
        self.refresh_marks()
        self.refresh_problems()

    def action_review(self) -> None:
        if not self._open():
            return
        from quiz.tui.screens.exam_review import ExamReviewScreen

        self.app.push_screen(ExamReviewScreen(self.session), self._reviewed)

    async def _reviewed(self, choice: int | None) -> None:
        if choice is None or not self._open():
            return
        if choice == SUBMIT:
            self.session.submit()
            self.quiz.exam_over(self.session)
        else:
            await self.show_item(choice)
