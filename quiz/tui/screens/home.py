"""The home screen: banks found, the modes, practice filters, and resuming an unfinished exam."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from quiz.engine.select import Filters
from quiz.engine.srs import DueCounts
from quiz.errors import QuizError
from quiz.model import Bank, Phase
from quiz.store.resume import Unfinished
from quiz.tui.screens.base import PaletteEntry, QuizScreen
from quiz.tui.screens.session_base import PICK_KEYS
from quiz.tui.text import clock_text, literal_line


def bank_line(bank: Bank) -> Content:
    written = sum(not q.generated for q in bank.questions)
    generated = len(bank.questions) - written
    extra = f", {generated} generated" if generated else ""
    exam = bank.exam
    return Content("• ") + literal_line(bank.title, "bold") + Content(
        f" — {written} written{extra} questions; exam {exam.questions} questions, "
        f"{exam.minutes} min, pass {exam.pass_percent}%")


def due_line(due: DueCounts | None) -> Content:
    """How many reviews are due, for the line under the modes."""
    if due is None:
        return Content.styled("Review due needs the progress store.", "$text-muted")
    if not due.week:
        return Content.styled("Nothing due for review this week.", "$text-muted")
    return Content.assemble(
        (f"{due.now} due now", "bold" if due.now else ""),
        f" · {due.today} today · {due.week} this week")


def unfinished_line(unfinished: Unfinished) -> Content:
    answered = sum(bool(a.choice_ids) for a in unfinished.state.answers.values())
    left = ""
    if unfinished.time_limit is not None:
        left = f", {clock_text(max(0.0, unfinished.time_limit - unfinished.state.elapsed))} left"
    return Content(f"Unfinished exam: {answered} of {len(unfinished.items)} answered{left}.")


class HomeScreen(QuizScreen[None]):
    """Where ``quiz`` opens.

    | Key | Action |
    | --- | --- |
    | 1 | practice with the filters |
    | 2 | timed exam (to the bank's blueprint) |
    | 3 | review mistakes |
    | 4 | review the questions due (spaced repetition) |
    | 5 | progress report |
    | r | resume the unfinished exam |
    | tab, enter | move between fields, press the focused button |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *PICK_KEYS[:5],
        Binding("r", "resume", "Resume exam", show=False),
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Practice", "Practise with the filters set on the home screen", "pick(1)"),
        ("Exam", "Start a timed mock exam", "pick(2)"),
        ("Review mistakes", "Practise the questions you got wrong", "pick(3)"),
        ("Review due", "Spaced-repetition review of the questions due today", "pick(4)"),
        ("Progress", "Your scores by phase and objective, and what to study next", "pick(5)"),
        ("Resume exam", "Continue the unfinished exam", "resume"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.unfinished: Unfinished | None = None

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
                    yield self._mode(1, "Practice", "practice", "primary")
                    yield self._mode(2, "Exam", "exam")
                    yield self._mode(3, "Review mistakes", "mistakes")
                    yield self._mode(4, "Review due", "review-due")
                    yield self._mode(5, "Progress", "progress")
                    yield Static(due_line(workspace.due_summary()), id="due")
                    yield Static(Content.styled("1–5 or Enter on a button starts; tab moves "
                                                "to the filters.", "$text-muted"), id="home-hint")
                with Vertical(id="filters"):
                    yield from self._filters(banks)

    def _mode(self, number: int, label: str, button_id: str, variant: str = "default") -> Button:
        return Button(f"{number} {label}", id=button_id, compact=True,
                      variant=variant, action=f"screen.pick({number})")  # type: ignore[arg-type]

    def _filters(self, banks: tuple[Bank, ...]) -> ComposeResult:
        workspace = self.quiz.workspace
        yield Static(Content.styled("Practice filters", "bold"))
        if len(banks) > 1:
            yield Label("Bank")
            yield Select([(literal_line(b.title), b.id) for b in banks], allow_blank=False,
                         value=banks[0].id, id="bank", compact=True)
        yield Label("Phase")
        yield Select([("Both", ""), ("Training", Phase.TRAINING.value),
                      ("Inference", Phase.INFERENCE.value)],
                     allow_blank=False, value="", id="phase", compact=True)
        scenarios = sorted(workspace.catalog.scenarios.values(), key=lambda s: s.title)
        yield Label("Scenario")
        yield Select([("Any", ""), *[(literal_line(s.title), s.id) for s in scenarios]],
                     allow_blank=False, value="", id="scenario", compact=True)
        yield Label("Objectives (none ticked: all)")
        yield SelectionList[str](
            *[(Content.assemble((o.id, "bold"), " ") + literal_line(o.text), o.id)
              for o in banks[0].lesson.objectives],
            id="objectives", compact=True,
        )
        with Horizontal(id="numbers"):
            yield Label("Questions")
            yield Input(placeholder="all", type="integer", id="count", compact=True)
            yield Label("Seed")
            yield Input(placeholder="random", type="integer", id="seed", compact=True)
        yield Checkbox("Include generated scenario questions", True, id="generated",
                       compact=True)
        yield Checkbox("Certainty-based marking (rate 1–3)", self.quiz.certainty,
                       id="certainty", compact=True)

    def on_mount(self) -> None:
        # reading the store above may have found a fault (the workspace went on in memory)
        self.refresh_problems()
        self.watch(self.app, "certainty", self._certainty_changed, init=False)
        self.query_one("#practice", Button).focus()

    def _certainty_changed(self, value: bool) -> None:
        self.query_one("#certainty", Checkbox).value = value

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "bank" or not isinstance(event.value, str):
            return
        bank = self.quiz.workspace.bank(event.value)
        objectives = self.query_one("#objectives", SelectionList)
        objectives.clear_options()
        objectives.add_options([(Content.assemble((o.id, "bold"), " ") + literal_line(o.text),
                                 o.id) for o in bank.lesson.objectives])

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "certainty":
            self.quiz.certainty = event.value

    # --- reading the form ------------------------------------------------------------------

    def _bank_id(self) -> str | None:
        found = self.query("#bank")
        if not found:
            return None
        value = self.query_one("#bank", Select).value
        return value if isinstance(value, str) else None

    def _int(self, field: str) -> int | None:
        text = self.query_one(f"#{field}", Input).value.strip()
        return int(text) if text.lstrip("-").isdigit() and int(text) > 0 else None

    def filters(self) -> Filters:
        """The practice filters as set on the form."""
        phase = self.query_one("#phase", Select).value
        scenario = self.query_one("#scenario", Select).value
        return Filters(
            phase=Phase(phase) if isinstance(phase, str) and phase else None,
            objectives=tuple(self.query_one("#objectives", SelectionList).selected),
            scenario=scenario if isinstance(scenario, str) and scenario else None,
            include_generated=self.query_one("#generated", Checkbox).value,
            count=self._int("count"),
        )

    # --- modes -----------------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        workspace = self.quiz.workspace
        seed, bank_id = self._int("seed"), self._bank_id()
        try:
            if number == 1:
                self.quiz.start(workspace.practice(self.filters(), seed, bank_id))
            elif number == 2:
                self._exam(seed, bank_id)
            elif number == 3:
                self.quiz.start(workspace.mistakes(seed, bank_id))
            elif number == 4:
                self.quiz.open_review_due()
            elif number == 5:
                self.quiz.open_progress()
        except QuizError as exc:
            self.notify(str(exc), severity="warning", markup=False)

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
