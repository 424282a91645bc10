"""The learner app: which screen shows, the exam clock, quitting safely, and ``make_app``.

``make_app`` is the one way to build the app, for the CLI, the tests and the benchmarks. It
makes the first session before any screen exists, so a bad filter or a missing exam is a
``QuizError`` the caller can print, not a broken screen.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from typing import ClassVar, Literal

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from quiz.engine.select import Filters
from quiz.engine.session import Mode, Session, Status
from quiz.errors import QuizError
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH
from quiz.workspace import Workspace

Start = Literal["home", "practice", "exam", "resume", "mistakes"]
SAVE_EVERY_SECONDS = 15.0
"""How often a running exam writes its time used (answers are written at once anyway)."""


class QuizApp(App[None]):
    """The learner app over one ``Workspace``.

    | Key | Action |
    | --- | --- |
    | q | quit; during an exam, asks first and leaves it resumable |
    | ? | help: every key |
    | c | certainty-based marking on or off |
    | ctrl+p | command palette |
    """

    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"
    # Textual declares these as `ClassVar[...] | None`, which mypy reads as instance
    # variables; a ClassVar annotation here would be an override error, hence the noqa
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-too-short"), (MIN_HEIGHT, "-short"), (24, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("c", "toggle_certainty", "Certainty", show=False),
    ]

    certainty: reactive[bool] = reactive(False)
    """Certainty-based marking: rate confidence 1–3 before each answer is submitted."""

    def __init__(
        self, workspace: Workspace, session: Session | None = None, *,
        certainty: bool = False, tick_seconds: float = 1.0,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.first_session = session
        self.tick_seconds = tick_seconds
        self.exam: Session | None = None
        """The exam being sat, while it is open."""
        self.sessions: list[Session] = []
        self._saved_at = time.monotonic()
        self.set_reactive(QuizApp.certainty, certainty)

    def on_unmount(self) -> None:
        """However the app ends (q, ctrl+c, an error): sessions end as on quitting, and the
        store is closed, so that its file alone holds every answer."""
        self.close_sessions()
        self.workspace.close()

    def on_mount(self) -> None:
        self.set_interval(self.tick_seconds, self.tick, name="exam-clock")
        if self.first_session is not None:
            self.start(self.first_session)
        else:
            self.go_home()

    # --- screens ---------------------------------------------------------------------------

    def show_main(self, screen: Screen[None]) -> None:
        """Make ``screen`` the one main screen (dialogs and sub-screens above are closed).

        The stack is Textual's empty default screen, the main screen, then dialogs.
        """
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def session_screen(self, session: Session) -> Screen[None]:
        """The screen for a session (exam or practice); the app now follows it."""
        self.sessions.append(session)
        if session.mode is Mode.EXAM:
            from quiz.tui.screens.exam import ExamScreen

            self.exam = session
            return ExamScreen(session)
        from quiz.tui.screens.practice import PracticeScreen

        return PracticeScreen(session)

    def start(self, session: Session) -> None:
        """Show a session: the exam screen for exams, the practice screen otherwise."""
        self.show_main(self.session_screen(session))

    def show_results(self, session: Session) -> None:
        from quiz.tui.screens.results import ResultsScreen

        self.show_main(ResultsScreen(session))

    def exam_over(self, session: Session) -> None:
        """The exam was submitted or ran out of time: show its results (once)."""
        if self.exam is not session:
            return
        self.exam = None
        if session.status is Status.ACTIVE:
            session.submit()
        if session.remaining() == 0.0:
            self.notify("Time is up: the exam was submitted.", severity="warning")
        self.show_results(session)

    def go_home(self) -> None:
        from quiz.tui.screens.home import HomeScreen

        self.show_main(HomeScreen())

    def open_progress(self) -> None:
        """Show the learner's progress report over the home screen."""
        from quiz.tui.screens.progress import ProgressScreen

        try:
            report = self.workspace.progress()
        except QuizError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.push_screen(ProgressScreen(report))

    def open_review_due(self) -> None:
        """Start spaced-repetition review of the questions due today, if there are any."""
        try:
            session = self.workspace.review()
        except QuizError as exc:
            self.notify(str(exc), severity="information", markup=False)
            return
        self.start(session)

    def confirm(
        self, title: str, message: str, yes_label: str,
        then: Callable[[bool], Awaitable[None] | None],
    ) -> None:
        """Ask yes or no in a dialog; ``then`` receives the answer."""
        from quiz.tui.screens.confirm import ConfirmScreen

        async def answered(yes: bool | None) -> None:
            result = then(bool(yes))
            if result is not None:
                await result

        self.push_screen(ConfirmScreen(title, message, yes_label), answered)

    def ask_confidence(self, then: Callable[[int], Awaitable[None] | None]) -> None:
        """Ask for a confidence rating 1–3; ``then`` runs only if one was given."""
        from quiz.tui.screens.confidence import ConfidenceScreen

        async def rated(level: int | None) -> None:
            result = then(level) if level else None
            if result is not None:
                await result

        self.push_screen(ConfidenceScreen(), rated)

    # --- the exam clock --------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: redraw countdowns, submit at zero, save the time used now and then."""
        exam = self.exam
        if exam is None:
            return
        if exam.status is not Status.ACTIVE or exam.check_time():
            self.exam_over(exam)
            return
        for screen in self.screen_stack:
            for countdown in screen.query(Countdown):
                countdown.tick()
        if time.monotonic() - self._saved_at >= SAVE_EVERY_SECONDS:
            self._saved_at = time.monotonic()
            exam.suspend()

    # --- keys ------------------------------------------------------------------------------

    def exam_in_progress(self) -> bool:
        return self.exam is not None and self.exam.status is Status.ACTIVE

    def close_sessions(self) -> None:
        """Before quitting: an open exam saves its place and time (it stays resumable); any
        other open session ends here, so its end time is recorded."""
        for session in self.sessions:
            if session.status is not Status.ACTIVE:
                continue
            if session.mode is Mode.EXAM:
                session.suspend()
            else:
                session.submit()

    async def action_quit(self) -> None:
        """Quit; during an exam ask first (the exam stays resumable)."""
        if not self.exam_in_progress():
            self.close_sessions()
            self.exit()
            return
        from quiz.tui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return

        def decided(yes: bool) -> None:
            if yes:
                self.close_sessions()
                self.exit()

        self.confirm(
            "Quit the exam?",
            "Your answers are saved and the exam stays unfinished: resume it with "
            "`quiz exam --resume` or from the home screen. The clock stops while you are "
            "away.", "Quit", decided)

    def action_help(self) -> None:
        from quiz.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_certainty(self) -> None:
        self.certainty = not self.certainty
        state = "on: rate 1–3 before each answer" if self.certainty else "off"
        self.notify(f"Certainty-based marking {state}.")

    def watch_certainty(self) -> None:
        # the status lines mention it; let open session screens redraw them
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_status", None)
            if callable(refresh) and screen.is_mounted:
                refresh()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key of the app", self.action_help)
        yield SystemCommand("Certainty-based marking", "Turn confidence rating on or off",
                            self.action_toggle_certainty)
        for title, help_text, action in getattr(screen, "PALETTE", ()):
            yield SystemCommand(title, help_text, _runner(screen, action))


def _runner(screen: Screen[object], action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run


def make_app(
    workspace: Workspace,
    session: Session | None = None,
    *,
    start: Start | None = None,
    filters: Filters | None = None,
    seed: int | None = None,
    bank_id: str | None = None,
    certainty: bool = False,
    tick_seconds: float = 1.0,
) -> QuizApp:
    """Build the app; the first screen is ``session``'s, or what ``start`` asks for.

    ``start``: "home" (default without a session), "practice" (with ``filters``), "exam",
    "resume" (the learner's unfinished exam) or "mistakes". Raises ``QuizError`` when that
    session cannot be made (no questions match, nothing to resume...). ``tick_seconds`` is
    the exam clock's redraw interval (tests shorten it).
    """
    if session is None and start not in (None, "home"):
        session = first_session(workspace, start, filters, seed, bank_id)
    return QuizApp(workspace, session, certainty=certainty, tick_seconds=tick_seconds)


def first_session(
    workspace: Workspace, start: Start, filters: Filters | None, seed: int | None,
    bank_id: str | None,
) -> Session:
    """The session a command asks for, made before any screen opens."""
    if start == "practice":
        return workspace.practice(filters, seed, bank_id)
    if start == "exam":
        return workspace.exam(seed, bank_id)
    if start == "mistakes":
        return workspace.mistakes(seed, bank_id)
    unfinished = workspace.unfinished_exam()
    if unfinished is None and workspace.store_problem:
        raise QuizError(f"cannot look for an unfinished exam: {workspace.store_problem}")
    if unfinished is None:
        raise QuizError(f"no unfinished exam to resume for learner '{workspace.learner}'; "
                        "start one with `quiz exam`")
    return workspace.resume(unfinished)
