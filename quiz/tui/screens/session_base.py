"""What practice, exam and review screens share: one item at a time, picked from the keyboard.

The item's widgets are built once when it is shown; key presses then change only the rows
they touch. Subclasses decide what submitting means (feedback now, or later).

Above the question, the ``ContextPanel`` shows the case study or scenario it is set in (``v``
hides it, ``<`` ``>`` scroll it). ``x`` strikes out the highlighted choice (a reading aid,
never an answer, kept per question while the screen is open); ``g`` asks for a question
number and goes there (where the screen allows moving freely).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widget import Widget

from quiz.engine.session import Mode, Session
from quiz.tui.screens.base import QuizScreen
from quiz.tui.text import literal_line
from quiz.tui.widgets.choices import ChoiceList
from quiz.tui.widgets.context_panel import ContextPanel, context_of
from quiz.tui.widgets.question_view import QuestionView
from quiz.tui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from quiz.engine.feedback import Feedback  # imported by the first feedback shown
    from quiz.tui.widgets.matching import MatchingList


def pick_keys(last: int, action: str = "pick") -> list[BindingType]:
    """Keys 1 to ``last`` for ``action(i)``: the footer shows them once, as ``1-last``."""
    return [Binding("1", f"{action}(1)", "Pick", key_display=f"1-{last}"),
            *[Binding(str(i), f"{action}({i})", show=False) for i in range(2, last + 1)]]


PICK_KEYS: list[BindingType] = [
    # The footer says how many there are on the question shown: one "1-n Pick" per n, each
    # enabled only when the question has n things to pick (``SessionScreen.pick_allowed``).
    *[Binding("1", f"pick_first({n})", "Pick", key_display=f"1-{n}") for n in range(2, 10)],
    *[Binding(str(i), f"pick({i})", show=False) for i in range(1, 10)],
]


class SessionScreen(QuizScreen[None]):
    """Shows a session's items one at a time.

    | Key | Action |
    | --- | --- |
    | 1–9 | pick or toggle choice i (ordering: select step i); practice and exam only |
    | ↑ / ↓ | move the cursor (ordering: select the step above or below) |
    | space | pick the choice under the cursor |
    | shift+↑ / shift+↓, [ / ] | move the selected step up or down (ordering) |
    | x | strike out the highlighted choice, or restore it (not an answer) |
    | v | hide or show the case study's or scenario's context |
    | < / > | scroll the context |
    | g | go to question N (practice, exam, preview) |
    | pageup / pagedown | scroll a long question |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("space", "pick_cursor", show=False),
        Binding("shift+up,[", "move_step(-1)", show=False),
        Binding("shift+down,]", "move_step(1)", show=False),
        Binding("pageup", "scroll_area(-1)", show=False),
        Binding("pagedown", "scroll_area(1)", show=False),
        Binding("x", "strike", "Strike", show=False),
        Binding("v", "toggle_context", "Context", show=False),
        Binding("less_than_sign", "scroll_context(-1)", show=False),
        Binding("greater_than_sign", "scroll_context(1)", show=False),
        Binding("g", "jump", "Go to", show=False),
    ]

    MODE_TITLE: ClassVar[str] = "Session"
    JUMPS: ClassVar[bool] = True
    """Whether ``g`` may go to any question of the session."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: QuestionView | None = None
        self.context_panel = ContextPanel()
        self.struck: dict[int, set[str]] = {}
        """Choices struck out, per position (kept while this screen is open)."""
        self._question_notice = False
        """Whether a notice about the current question is up (``question_notice``)."""

    # --- layout ----------------------------------------------------------------------------

    def top_bar(self, status: Content, *, bar_id: str | None = "topbar") -> TopBar:
        """The title (mode and bank) and ``status``, in one row (``TopBar``)."""
        title = Content.assemble((f"{self.mode_title} · ", "bold"))
        return TopBar(title + literal_line(self.session.bank.title), status, id=bar_id)

    def set_status(self, status: Content) -> None:
        """Show ``status`` in the top row."""
        self.query_one(TopBar).set_status(status)

    def question_area(self, column: bool = False) -> ComposeResult:
        # The first item's widgets are composed with the screen, so that Textual mounts,
        # styles and lays them out with the rest in one pass for the first frame (mounted
        # from ``on_mount``, they took a mount and a layout pass of their own, ~3 ms CPU of
        # the first question drawn, issue 16).
        area = VerticalScroll(*self.first_widgets(), id="area")
        area.can_focus = False  # keys go to the screen's bindings, never to a scroll view
        # the context above the question's own scroll area: it stays while the question
        # scrolls and while the learner moves through a case study's questions. In a
        # ``column`` (beside the exam's navigator) or straight on the screen, one widget less
        # to draw before the first question.
        if column:
            yield Vertical(self.context_panel, area, id="question-col")
        else:
            yield self.context_panel
            yield area

    @property
    def mode_title(self) -> str:
        return self.MODE_TITLE

    @property
    def area(self) -> VerticalScroll:
        return self.query_one("#area", VerticalScroll)

    async def on_mount(self) -> None:
        await self.first_show()

    def first_widgets(self) -> list[Widget]:
        """What the question area opens with, composed with the screen: the current item."""
        return self.item_widgets(self.session.current)

    async def first_show(self) -> None:
        """Once the screen is mounted, with ``first_widgets`` in place (Textual calls every
        class's ``on_mount``, so subclasses override this instead)."""
        self.item_shown()

    # --- showing an item -------------------------------------------------------------------

    def make_view(self, position: int) -> QuestionView:
        """The question widget for ``position`` (subclasses pass answers, locks, flags)."""
        session = self.session
        item = session.items[position]
        title = None
        if item.question.scenario:
            found = session.scenarios.get(item.question.scenario)
            title = found.title if found else None
        view = QuestionView(item, position, len(session.items),
                            self.shown_answer(position), scenario_title=title,
                            locked=self.locked(position), flagged=position in session.flags,
                            exam=session.mode is Mode.EXAM)
        if isinstance(view.choices, ChoiceList):
            view.choices.struck = self.struck.setdefault(position, set())
        return view

    def shown_answer(self, position: int) -> tuple[str, ...]:
        """The answer the question shows as chosen: the learner's, if any."""
        given = self.session.answers.get(position)
        return given.choice_ids if given else ()

    def jump_ids(self) -> list[str]:
        """Question ids ``g`` also accepts (preview); none by default."""
        return []

    def shown_feedback(self, feedback: Feedback) -> Feedback:
        """The feedback as this screen shows it: without its "Scenario:" line when the
        context panel above already names the scenario (a title is shown once)."""
        if self.context_panel.shown and feedback.scenario_title:
            return replace(feedback, scenario_title=None)
        return feedback

    def locked(self, position: int) -> bool:
        """Whether the item's answer can no longer change on this screen."""
        return False

    def extra_widgets(self, position: int) -> list[Widget]:
        """Widgets shown under the question (e.g. feedback for an answered item)."""
        return []

    def question_notice(self, message: str, severity: SeverityLevel = "warning") -> None:
        """A notice about the question on screen: it goes when the question changes."""
        self._question_notice = True
        self.notify(message, severity=severity, markup=False)

    async def show_item(self, position: int) -> None:
        """Go to ``position`` and build its widgets (once per question)."""
        if self._question_notice:  # "pick an answer first" is about the previous question
            self._question_notice = False
            self.app.clear_notifications()
        area = self.area
        await area.remove_children()
        await area.mount_all(self.item_widgets(position))
        area.scroll_home(animate=False)
        self.item_shown()

    def item_widgets(self, position: int) -> list[Widget]:
        """Go to ``position``, show its context and build its widgets (not mounted yet)."""
        if position != self.session.current:
            self.session.goto(position)
        self.context_panel.show(context_of(self.session, position))
        self.view = self.make_view(position)
        return [*self.view.widgets, *self.extra_widgets(position)]

    def item_shown(self) -> None:
        """Hook: the current item's widgets are mounted."""

    # --- answering keys --------------------------------------------------------------------

    def answer_changed(self) -> None:
        """Hook: the learner changed the selection of the current item."""

    def _changed(self) -> None:
        if self.view is not None:
            self.view.refresh_how()
        self.answer_changed()

    def pickable(self) -> int:
        """How many things the shown question offers to the number keys (choices, steps, or a
        matching item's categories)."""
        if self.view is None:
            return 0
        question = self.view.item.question
        return len(question.categories) if question.categories else len(question.choices)

    def pick_allowed(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Number keys work up to what the question offers; the footer's "1-n" is its n."""
        count = self.pickable()
        if action == "pick_first":
            shown = parameters[0] if parameters else 0
            return shown == min(count, 9) and count > 0
        if action == "pick":
            number = parameters[0] if parameters else 0
            return isinstance(number, int) and 1 <= number <= count
        return True

    def action_pick_first(self, shown: int) -> None:
        """Key 1, shown in the footer as "1-n" (n: what the question offers)."""
        self.action_pick(1)

    def action_pick(self, number: int) -> None:
        if self.view is not None and self.view.choices.pick(number - 1):
            self._changed()

    def action_cursor(self, delta: int) -> None:
        if self.view is not None:
            self.view.choices.move_cursor(delta)

    def action_pick_cursor(self) -> None:
        if self.view is not None and self.view.choices.pick_cursor():
            self._changed()

    def action_move_step(self, delta: int) -> None:
        if self.view is not None and self.view.choices.move_step(delta):
            self._changed()

    def action_strike(self) -> None:
        """Strike out the highlighted choice, or restore it (nothing is recorded)."""
        if self.view is None:
            return
        struck = self.view.choices.strike_cursor()
        if struck is None and not self.view.choices.locked \
                and isinstance(self.view.choices, ChoiceList) \
                and self.view.choices.cursor is None:
            self.question_notice("Highlight a choice with ↑ ↓ first; x then strikes it out.",
                                 "information")

    def action_toggle_context(self) -> None:
        if self.context_panel.shown:
            self.context_panel.toggle()

    def action_scroll_context(self, direction: int) -> None:
        if self.context_panel.shown:
            self.context_panel.scroll_text(direction)

    def action_jump(self) -> None:
        """Ask for a question number and go there."""
        if not self.JUMPS:
            return
        from quiz.tui.screens.jump import JumpScreen

        async def chosen(position: int | None) -> None:
            if position is not None and self.may_move():
                await self.show_item(position)

        self.app.push_screen(JumpScreen(len(self.session.items), self.session.current,
                                        self.jump_ids()), chosen)

    def may_move(self) -> bool:
        """Whether moving to another question is allowed now (an exam checks its clock)."""
        return True

    def on_matching_list_changed(self, message: MatchingList.Changed) -> None:
        message.stop()
        self._changed()

    def action_scroll_area(self, direction: int) -> None:
        if direction < 0:
            self.area.scroll_page_up(animate=False)
        else:
            self.area.scroll_page_down(animate=False)

    def on_choice_list_clicked(self, message: ChoiceList.Clicked) -> None:
        self.action_pick(message.index + 1)
