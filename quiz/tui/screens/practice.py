"""Practice (and review-mistakes, retry) with immediate feedback after each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from quiz.engine.scoring import is_correct
from quiz.engine.session import Mode, Session
from quiz.tui.screens.base import PaletteEntry
from quiz.tui.screens.session_base import PICK_KEYS, SessionScreen
from quiz.tui.widgets.action_bar import Action, ActionBar
from quiz.tui.widgets.choices import ChoiceList
from quiz.tui.widgets.question_view import QuestionView

if TYPE_CHECKING:
    from quiz.tui.widgets.indented import Block

# The feedback panel's module (with the engine's feedback types and the indented text it is
# drawn with) is imported once the first question is on the screen, where its tail is built
# (``_prepare_feedback``): ~2.5 ms CPU that the first question drawn no longer waits for
# (issue 16).

CONTINUE_HINT = "Enter: next question · p: previous · s: finish and see results"
MODE_TITLES = {Mode.PRACTICE: "Practice", Mode.MISTAKES: "Review mistakes",
               Mode.REVIEW: "Review", Mode.PREVIEW: "Preview"}


class PracticeScreen(SessionScreen):
    """One question at a time; Enter submits, shows the feedback panel, Enter continues.

    | Key | Action |
    | --- | --- |
    | 1–9, ↑ ↓ space, shift+↑↓ [ ] | answer (see ``SessionScreen``) |
    | enter | submit the answer; after feedback, go on (the footer says Next) |
    | n / → | next question (skip; not in the footer after feedback, where Enter is Next) |
    | p / ← | previous question (shows its feedback) |
    | g | go to question N |
    | x, v, < > | strike out a choice; hide or scroll the context (``SessionScreen``) |
    | s | finish now and see the results (asks first while questions are left) |

    A matching item is submitted only with every prompt matched (an exam saves part of one).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *PICK_KEYS,
        # after feedback Enter means Next: one of the two enter keys is active at a time
        # (``check_action``), so the footer names what Enter does now
        Binding("enter", "go_on", "Next", key_display="enter"),
        Binding("enter", "submit", "Submit", key_display="enter"),
        Binding("n,right", "next", "Next", key_display="n"),
        Binding("n,right", "next_quietly", show=False),
        Binding("p,left", "previous", "Prev", key_display="p"),
        Binding("s", "finish", "Finish"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Finish practice", "End this session and see the results", "finish"),
        ("Next question", "Skip to the next question", "next"),
        ("Previous question", "Go back one question", "previous"),
    )

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.answered = len(session.answers)
        self.correct = sum(is_correct(a.score) for a in session.answers.values())
        self._tail: tuple[int, Block] | None = None
        """(position, its feedback tail), built while that question is read."""

    def compose_body(self) -> ComposeResult:
        yield self.top_bar(self._status())
        yield from self.question_area()
        yield ActionBar(Action("Submit", "screen.submit", "submit"),
                        Action("◀ Prev", "screen.previous", "prev"),
                        Action("Next ▶", "screen.next", "next"),
                        Action("Finish", "screen.finish", "finish"), id="actions")

    @property
    def mode_title(self) -> str:
        return MODE_TITLES.get(self.session.mode, "Practice")

    def _status(self) -> Content:
        cbm = " · certainty on" if self.quiz.certainty else ""
        return Content(f"{self.answered}/{len(self.session.items)} answered · "
                       f"{self.correct} correct{cbm}")

    def refresh_status(self) -> None:
        self.set_status(self._status())

    @property
    def has_feedback(self) -> bool:
        return self.session.current in self.session.answers

    def extra_widgets(self, position: int) -> list[Widget]:
        if position not in self.session.answers:
            return []
        from quiz.tui.widgets.feedback_panel import FeedbackPanel

        item = self.session.items[position]
        return [FeedbackPanel(self.shown_feedback(self.session.feedback(position)),
                              item.question.type, CONTINUE_HINT, item=item)]

    def locked(self, position: int) -> bool:
        return position in self.session.answers

    ANSWERING: ClassVar[frozenset[str]] = frozenset(
        {"submit", "pick", "pick_first", "pick_cursor", "move_step", "strike", "next"})
    """Actions of a question not yet answered (after feedback they do nothing: hidden)."""
    AFTER_FEEDBACK: ClassVar[frozenset[str]] = frozenset({"go_on", "next_quietly"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows only keys that work now: before feedback 1-9 Pick, enter
        Submit, n Next; after it enter Next (n still skips, unlisted)."""
        if action in self.ANSWERING:
            return not self.has_feedback and self.pick_allowed(action, parameters)
        if action in self.AFTER_FEEDBACK:
            return self.has_feedback
        return True

    def show_actions(self) -> None:
        """The Submit button and the footer follow the question's state."""
        self.query_one(ActionBar).show("submit", not self.has_feedback)
        self.refresh_bindings()

    def item_shown(self) -> None:
        if self.view is not None and self.has_feedback:
            self.view.choices.show_verdict(self.view.item.question.correct_ids)
        self.show_actions()
        self.refresh_status()
        if not self.has_feedback:
            # once the question is on screen, so as not to delay it
            self.call_after_refresh(self._prepare_feedback, self.session.current)

    def _prepare_feedback(self, position: int) -> None:
        """While the question is read: build and wrap what its feedback shows whatever the
        answer, so that the key press builds only the verdict and the picks (issue 16).

        The panel usually brings a scroll bar, which narrows the area's text by its width:
        the text is wrapped for both widths, the choices for the narrower one.
        """
        if position != self.session.current or self.has_feedback or self.view is None:
            return
        from quiz.tui.widgets.feedback_panel import FeedbackPanel, feedback_tail

        tail = feedback_tail(self.shown_feedback(self.session.feedback(position)),
                             CONTINUE_HINT)
        area = self.area
        width = area.scrollable_content_region.width
        narrower = width - area.styles.scrollbar_size_vertical
        for text_width in (width, narrower):
            tail.rows(max(1, text_width - FeedbackPanel.GUTTER))
        self.view.choices.prewrap(narrower)
        self._tail = (position, tail)

    # --- actions ---------------------------------------------------------------------------

    async def action_submit(self) -> None:
        if self.view is None:
            return
        if self.has_feedback:
            await self._go_on()
            return
        choices = self.view.choices
        if not isinstance(choices, ChoiceList) and choices.missing():  # a matching item
            missing = choices.missing()
            names = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 \
                else missing[0]
            verb = "is" if len(missing) == 1 else "are"
            self.question_notice(f"Match every prompt first: {names} {verb} not matched "
                                 f"(↑↓ to a prompt, 1–{len(choices.categories)} for its "
                                 "category).")
            return
        if not choices.has_answer():
            count = len(self.view.item.question.choices)
            self.question_notice(f"Pick an answer first (1–{count}).")
            return
        if self.quiz.certainty:
            self.quiz.ask_confidence(self._record)
            return
        await self._record(None)

    async def _record(self, confidence: int | None) -> None:
        if self.view is None or self.has_feedback:
            return
        from quiz.tui.widgets.feedback_panel import FeedbackPanel

        view = self.view
        answered = self.session.answer(view.choices.answer(), confidence)
        if answered is None:  # only exams defer; a practice session always answers
            return
        feedback = self.shown_feedback(answered)
        # one frame for the feedback: the marks on the choices and the panel paint together
        # (and a warning that the answer was not saved, should the store have failed)
        with self.app.batch_update():
            view.choices.show_verdict(view.item.question.correct_ids)
            self.answered += 1
            self.correct += feedback.correct
            self.refresh_problems()
            position = self.session.current
            tail = self._tail[1] if self._tail and self._tail[0] == position else None
            await self.area.mount(FeedbackPanel(feedback, view.item.question.type,
                                                CONTINUE_HINT, tail=tail, item=view.item))
        # What is not the feedback follows in the next frame (the scroll bar the panel brings
        # makes one anyway): the status count, the instruction line, the Submit button and
        # the footer. Measured in the feedback's frame (issue 16): the three lines and the
        # button ~1 ms of layout and drawing, of the ~3 ms quiz spent beyond a bare panel;
        # the footer, which Textual rebuilds key by key, ~9 ms more. The keys and the button
        # follow the state at once (``check_action``; Submit after feedback goes on, as
        # Enter does), whatever the footer says meanwhile. The footer is asked now: Textual's
        # Footer rebuilds itself after the coming frame, so its rebuild joins the others in
        # the next one (asked from ``_after_feedback``, it took a frame of its own).
        self.refresh_bindings()
        self.call_after_refresh(self._after_feedback, view)
        # then the choices (now marked right and wrong) at the top, the feedback under them
        self.call_after_refresh(view.choices.scroll_visible, top=True, animate=False)

    def _after_feedback(self, view: QuestionView) -> None:
        """The status, instruction line and Submit button after an answer."""
        if view is not self.view:  # gone on already: ``show_item`` has set them
            return
        with self.app.batch_update():
            self.refresh_status()
            view.refresh_how()
            self.query_one(ActionBar).show("submit", False)

    async def _go_on(self) -> None:
        """After feedback: the next unanswered question, or the results when none is left."""
        session = self.session
        total = len(session.items)
        for step in range(1, total + 1):
            position = (session.current + step) % total
            if position not in session.answers:
                await self.show_item(position)
                return
        self.finish()

    async def action_go_on(self) -> None:
        if self.has_feedback:
            await self._go_on()

    async def action_next(self) -> None:
        if self.session.current + 1 < len(self.session.items):
            await self.show_item(self.session.current + 1)
        else:
            self.question_notice("This is the last question; s finishes the session.",
                                 "information")

    async def action_next_quietly(self) -> None:
        await self.action_next()

    async def action_previous(self) -> None:
        if self.session.current > 0:
            await self.show_item(self.session.current - 1)

    def action_finish(self) -> None:
        """``s``: finish now; while questions are left unanswered, ask first."""
        left = len(self.session.unanswered())
        if not left:
            self.finish()
            return
        answered = len(self.session.items) - left
        noun = "question" if left == 1 else "questions"

        def decided(yes: bool) -> None:
            if yes:
                self.finish()

        self.quiz.confirm("Finish practice?",
                          f"{answered} of {len(self.session.items)} answered; {left} {noun} "
                          "not reached. The results score what you answered.",
                          "Finish", decided)

    def finish(self) -> None:
        """End the session and show its results."""
        self.session.submit()
        self.quiz.show_results(self.session)
