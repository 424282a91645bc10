"""The home screen: banks found, the modes, practice filters, and resuming an unfinished exam.

At 80×24 everything fits above the fold: the modes are a column of one-line buttons, each
filter is one line with its label beside it, and the objectives list scrolls in a few rows.
Tab goes from the Practice button straight to the filters (the other mode buttons are for
the mouse; their keys are 1–5). The filters are kept per learner (``saved_filters``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from quiz.bank.cache import stored_questions
from quiz.engine.select import Filters
from quiz.engine.srs import DueCounts
from quiz.errors import QuizError
from quiz.model import Bank, Phase
from quiz.store.resume import Unfinished
from quiz.tui import saved_filters
from quiz.tui.saved_filters import SavedFilters
from quiz.tui.screens.base import PaletteEntry, QuizScreen
from quiz.tui.text import MUTED, clock_text, literal_line
from quiz.tui.widgets.ticks import TickBox, TickList

if TYPE_CHECKING:
    from quiz.engine.session import Session
    from quiz.workspace import Workspace


def bank_line(bank: Bank) -> Content:
    # a cached bank's outline has every question's flags without reading the questions
    stored = stored_questions(bank)
    questions = stored.outline if stored is not None else bank.questions
    written = sum(not q.generated for q in questions)
    generated = len(questions) - written
    extra = f", {generated} generated" if generated else ""
    exam = bank.exam
    return Content("• ") + literal_line(bank.title, "bold") + Content(
        f" — {written} written{extra} questions; exam {exam.questions} questions, "
        f"{exam.minutes} min, pass {exam.pass_percent}%")


def due_line(due: DueCounts | None) -> Content:
    """How many reviews are due, for the line under the modes."""
    if due is None:
        return Content.styled("Review due needs the progress store.", MUTED)
    if not due.week:
        return Content.styled("Nothing due for review this week.", MUTED)
    return Content.assemble(
        (f"{due.now} due now", "bold" if due.now else ""),
        f" · {due.today} today · {due.week} this week")


def unfinished_line(unfinished: Unfinished) -> Content:
    answered = sum(bool(a.choice_ids) for a in unfinished.state.answers.values())
    left = ""
    if unfinished.time_limit is not None:
        left = f", {clock_text(max(0.0, unfinished.time_limit - unfinished.state.elapsed))} left"
    return Content(f"Unfinished exam: {answered} of {len(unfinished.items)} answered{left}.")


def has_answers(workspace: Workspace) -> bool:
    """Whether the learner has answered anything in the store (read only when asked)."""
    return any(learner.overall.answers for learner in workspace.progress().learners)


MODES = ((1, "Practice", "practice"), (2, "Exam", "exam"), (3, "Review mistakes", "mistakes"),
         (4, "Review due", "review-due"), (5, "Progress", "progress"))


class HomeScreen(QuizScreen[None]):
    """Where ``quiz`` opens.

    | Key | Action |
    | --- | --- |
    | 1 | practice with the filters |
    | 2 | timed exam (to the bank's blueprint) |
    | 3 | review mistakes |
    | 4 | review the questions due (spaced repetition) |
    | 5 | progress report |
    | w | a short practice that starts with the weakest objective |
    | r | resume the unfinished exam (shown only when there is one) |
    | tab, enter | move between fields, press the focused button (in a number: practise) |
    """

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Mode", key_display="1-5"),
        *[Binding(str(i), f"pick({i})", show=False) for i in range(2, 6)],
        Binding("w", "weakest", "Weakest"),
        Binding("r", "resume", "Resume exam"),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Practice", "Practise with the filters set on the home screen", "pick(1)"),
        ("Exam", "Start a timed mock exam", "pick(2)"),
        ("Review mistakes", "Practise the questions you got wrong", "pick(3)"),
        ("Review due", "Spaced-repetition review of the questions due today", "pick(4)"),
        ("Progress", "Your scores by phase and objective, and what to study next", "pick(5)"),
        ("Practise weakest", "A short practice that starts with your weakest objective",
         "weakest"),
        ("Resume exam", "Continue the unfinished exam", "resume"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.unfinished: Unfinished | None = None
        workspace = self.quiz.workspace
        self.saved_path = saved_filters.filters_path(workspace.db_path, workspace.learner)
        self.saved = saved_filters.read(self.saved_path, workspace.learner)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # r is shown, and does something, only when there is an exam to resume
        if action == "resume":
            return self.unfinished is not None
        return True

    def compose_body(self) -> ComposeResult:
        workspace = self.quiz.workspace
        try:
            self.unfinished = workspace.unfinished_exam()
        except QuizError:
            self.unfinished = None
        banks = workspace.catalog.banks
        yield Static(Content.styled("quiz · Home", "bold"), id="title")
        with VerticalScroll(id="home-body"):
            yield Static(Content("Learner: ") + literal_line(workspace.learner, "bold")
                         + Content(f" · {len(banks)} bank(s) found"), id="learner")
            yield Static(Content("\n").join(bank_line(b) for b in banks), id="banks")
            if self.unfinished is not None:
                with Horizontal(id="resume-row"):
                    yield Static(unfinished_line(self.unfinished), id="resume-text")
                    yield Button("r Resume exam", id="resume", variant="warning",
                                 compact=True, action="screen.resume")
            with Horizontal(id="home-columns"):
                with Vertical(id="modes"):
                    yield Static(Content.styled("Modes", "bold"))
                    for number, label, button_id in MODES:
                        yield self._mode(number, label, button_id)
                    yield Static(due_line(workspace.due_summary()), id="due")
                    yield Static(Content.styled("1–5 start · w weakest · tab: filters",
                                                MUTED), id="home-hint")
                with Vertical(id="filters"):
                    yield from self._filters(banks)

    def _mode(self, number: int, label: str, button_id: str) -> Button:
        button = Button(f"{number} {label}", id=button_id, compact=True,
                        variant="primary" if number == 1 else "default",
                        action=f"screen.pick({number})")
        # one tab from Practice reaches the filters; the other modes have their keys
        button.can_focus = number == 1
        return button

    def _field(self, label: str, widget: Select[str]) -> Horizontal:
        return Horizontal(Label(label, classes="field-label"), widget, classes="field")

    def _filters(self, banks: tuple[Bank, ...]) -> ComposeResult:
        workspace = self.quiz.workspace
        saved = self.saved
        yield Static(Content.styled("Practice filters", "bold"))
        bank = banks[0]
        if len(banks) > 1:
            bank = next((b for b in banks if b.id == saved.bank), banks[0])
            yield self._field("Bank", Select(
                [(literal_line(b.title), b.id) for b in banks], allow_blank=False,
                value=bank.id, id="bank", compact=True))
        phases = ("", Phase.TRAINING.value, Phase.INFERENCE.value)
        yield self._field("Phase", Select(
            [("Both", ""), ("Training", Phase.TRAINING.value),
             ("Inference", Phase.INFERENCE.value)], allow_blank=False,
            value=saved.phase if saved.phase in phases else "", id="phase", compact=True))
        scenarios = sorted(workspace.catalog.scenarios.values(), key=lambda s: s.title)
        scenario = saved.scenario if saved.scenario in workspace.catalog.scenarios else ""
        yield self._field("Scenario", Select(
            [("Any", ""), *[(literal_line(s.title), s.id) for s in scenarios]],
            allow_blank=False, value=scenario, id="scenario", compact=True))
        yield Label("Objectives (none ticked: all)", classes="objectives-label")
        yield TickList(*self._objective_options(bank, saved.objectives), id="objectives",
                       compact=True)
        with Horizontal(id="numbers"):
            yield Label("Questions", classes="field-label")
            yield Input(saved.count, placeholder="all", restrict=r"[0-9]*", max_length=6,
                        id="count", compact=True)
            yield Label("Seed")
            yield Input(saved.seed, placeholder="random", restrict=r"[0-9]*", max_length=9,
                        id="seed", compact=True)
        yield TickBox("Generated scenario questions", saved.generated, id="generated",
                      compact=True)
        yield TickBox("Adaptive: weakest objectives and unseen first", saved.adaptive,
                      id="adaptive", compact=True)
        yield TickBox("Certainty-based marking (rate 1–3)", self.quiz.certainty,
                      id="certainty", compact=True)

    @staticmethod
    def _objective_options(bank: Bank, ticked: tuple[str, ...]
                           ) -> list[tuple[Content, str, bool]]:
        return [(Content.assemble((o.id, "bold"), " ") + literal_line(o.text), o.id,
                 o.id in ticked) for o in bank.lesson.objectives]

    def on_mount(self) -> None:
        # reading the store above may have found a fault (the workspace went on in memory)
        self.refresh_problems()
        self.watch(self.app, "certainty", self._certainty_changed, init=False)
        self.query_one("#practice", Button).focus()

    def on_unmount(self) -> None:
        self.save_filters()

    def _certainty_changed(self, value: bool) -> None:
        self.query_one("#certainty", Checkbox).value = value

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "bank" or not isinstance(event.value, str):
            return
        bank = self.quiz.workspace.bank(event.value)
        objectives = self.query_one("#objectives", SelectionList)
        objectives.clear_options()
        objectives.add_options(self._objective_options(bank, ()))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "certainty":
            self.quiz.certainty = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # enter in Questions or Seed starts practice (digits are typed there, not 1–5)
        event.stop()
        self.action_pick(1)

    # --- reading the form ------------------------------------------------------------------

    def _bank_id(self) -> str | None:
        found = self.query("#bank")
        if not found:
            return None
        value = self.query_one("#bank", Select).value
        return value if isinstance(value, str) else None

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def count(self) -> int | None:
        """The Questions field: empty means all; ``QuizError`` for 0 (as ``--count 0``)."""
        text = self._text("count")
        if not text:
            return None
        if not text.isdigit() or int(text) < 1:
            raise QuizError("Questions must be a whole number from 1 up (leave it empty for "
                            "all the questions that match)")
        return int(text)

    def seed(self) -> int | None:
        text = self._text("seed")
        return int(text) if text.isdigit() else None

    def filters(self) -> Filters:
        """The practice filters as set on the form (``QuizError`` for a bad count)."""
        phase = self.query_one("#phase", Select).value
        scenario = self.query_one("#scenario", Select).value
        return Filters(
            phase=Phase(phase) if isinstance(phase, str) and phase else None,
            objectives=tuple(self.query_one("#objectives", SelectionList).selected),
            scenario=scenario if isinstance(scenario, str) and scenario else None,
            include_generated=self.query_one("#generated", Checkbox).value,
            count=self.count(),
        )

    def form(self) -> SavedFilters:
        """The form as it is now, to keep for next time."""
        phase = self.query_one("#phase", Select).value
        scenario = self.query_one("#scenario", Select).value
        return SavedFilters(
            bank=self._bank_id() or "",
            phase=phase if isinstance(phase, str) else "",
            scenario=scenario if isinstance(scenario, str) else "",
            objectives=tuple(self.query_one("#objectives", SelectionList).selected),
            count=self._text("count"), seed=self._text("seed"),
            generated=self.query_one("#generated", Checkbox).value,
            adaptive=self.query_one("#adaptive", Checkbox).value,
        )

    def save_filters(self) -> None:
        """Keep the form for this learner (quietly skipped if it cannot be written)."""
        try:
            form = self.form()
        except NoMatches:  # the form is already gone (the app is closing): nothing new
            return
        if form != self.saved:
            saved_filters.write(self.saved_path, self.quiz.workspace.learner, form)
            self.saved = form

    # --- modes -----------------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        workspace = self.quiz.workspace
        self.save_filters()
        seed, bank_id = self.seed(), self._bank_id()
        try:
            if number == 1:
                if self.query_one("#adaptive", Checkbox).value:
                    self.quiz.start(workspace.adaptive(self.filters(), seed, bank_id))
                else:
                    self.quiz.start(workspace.practice(self.filters(), seed, bank_id))
            elif number == 2:
                self._exam(seed, bank_id)
            elif number == 3:
                self.quiz.start(self._mistakes(seed, bank_id))
            elif number == 4:
                self.quiz.open_review_due()
            elif number == 5:
                self.quiz.open_progress()
        except QuizError as exc:
            self.notify(str(exc), severity="warning", markup=False)

    def _mistakes(self, seed: int | None, bank_id: str | None) -> Session:
        """The review-mistakes session; with no mistakes, why: none were made, or (a new
        learner) nothing was answered yet."""
        workspace = self.quiz.workspace
        try:
            return workspace.mistakes(seed, bank_id)
        except QuizError:
            if has_answers(workspace):
                raise
            raise QuizError("no answers yet, so no mistakes to review: practise first (1); "
                            "the questions you get wrong come back here.") from None

    def action_weakest(self) -> None:
        self.save_filters()
        self.quiz.practise_weakest()

    def _exam(self, seed: int | None, bank_id: str | None) -> None:
        unfinished = self.unfinished
        if unfinished is None:
            self.quiz.start(self.quiz.workspace.exam(seed, bank_id))
            return

        def decided(yes: bool) -> None:
            if yes and unfinished is not None:
                self.quiz.workspace.discard(unfinished)
                try:
                    self.quiz.start(self.quiz.workspace.exam(seed, bank_id))
                except QuizError as exc:
                    self.notify(str(exc), severity="warning", markup=False)

        self.quiz.confirm(
            "Start a new exam?",
            "You have an unfinished exam. Starting a new one abandons it (r resumes it "
            "instead).", "Start new", decided)

    def action_resume(self) -> None:
        if self.unfinished is None:
            self.notify("There is no unfinished exam to resume.")
            return
        try:
            self.quiz.start(self.quiz.workspace.resume(self.unfinished))
        except QuizError as exc:
            self.notify(str(exc), severity="error", markup=False)
