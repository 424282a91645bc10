"""The learner app: which screen shows, the exam clock, quitting safely, and ``make_app``.

``make_app`` is the one way to build the app, for the CLI, the tests and the benchmarks. It
makes the first session before any screen exists, so a bad filter or a missing exam is a
``QuizError`` the caller can print, not a broken screen.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from quiz.engine.select import Filters
from quiz.engine.session import Mode, Session, Status
from quiz.errors import QuizError
from quiz.tui.sizes import MIN_HEIGHT, MIN_WIDTH
from quiz.workspace import Workspace

if TYPE_CHECKING:
    from quiz.config import LrsConfig
    from quiz.xapi.sender import SyncResult

Start = Literal["home", "practice", "exam", "resume", "mistakes"]
SAVE_EVERY_SECONDS = 15.0
"""How often a running exam writes its time used (answers are written at once anyway)."""
SYNC_EVERY_SECONDS = 30.0
"""How often pending xAPI statements are sent in the background when an LRS is configured."""
SYNC_AFTER_ANSWER_SECONDS = 2.0
"""How soon after an answer is queued its statement is sent (answers in a row share one)."""
AFTER_FIRST_FRAME_SECONDS = 0.25
"""How long after the first frame ``after_first_frame`` runs (the frame is on the terminal)."""
SCREEN_STYLES = ("exam.tcss", "results.tcss", "home.tcss", "progress.tcss", "dialogs.tcss")
"""Each screen's own styles (its ``CSS_PATH``, in quiz/tui/screens/), read after the first
frame; the rules every screen shares are the app's ``CSS_PATH``."""
SYNC_TIMEOUT = 5.0
"""Seconds one background HTTP request may take (quitting waits at most this for one)."""


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

    lrs_status: reactive[str] = reactive("", init=False)
    """The quiet status of background sending (empty without an LRS). Not watched at mount:
    each screen's LrsStatus is composed showing it already (and an app without an LRS has
    none, so its first frame need not import the widget to look for one)."""

    def __init__(
        self, workspace: Workspace, session: Session | None = None, *,
        certainty: bool = False, tick_seconds: float = 1.0, theme: str | None = None,
        saved_theme: str | None = None, lrs: LrsConfig | None = None,
        ask_learner: bool = False, after_first_frame: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.after_first_frame = after_first_frame
        """Called once the first screen has been drawn (the CLI turns the collector back on)."""
        self.workspace = workspace
        self.first_session = session
        self.tick_seconds = tick_seconds
        self.exam: Session | None = None
        """The exam being sat, while it is open."""
        self.sessions: list[Session] = []
        self._saved_at = time.monotonic()
        self.set_reactive(QuizApp.certainty, certainty)
        self.saved_theme = saved_theme
        """The theme the config file holds; a different one in force is written there."""
        self.requested_theme = theme
        if theme is not None:
            self.theme = check_theme(self, theme)
        elif saved_theme is not None and saved_theme in self.available_themes:
            self.theme = saved_theme  # an unknown name in the file is left there, unused
        self.lrs = lrs if lrs is not None and lrs.configured and workspace.db_path else None
        self.ask_learner = ask_learner and session is None
        self._sync_timer: object | None = None
        self._sending = False
        self._again = False
        self._main_at_base = False
        """The first main screen is the base of the stack (``get_default_screen``), not
        above Textual's blank default screen; ``show_main`` puts a blank one under the next."""

    def on_unmount(self) -> None:
        """However the app ends (q, ctrl+c, an error): sessions end as on quitting, and the
        store is closed, so that its file alone holds every answer."""
        self.close_sessions()
        self.workspace.close()

    def get_default_screen(self) -> Screen[None]:
        """The first screen (the session's, or home) as the base of the stack.

        Textual composes this screen with the app and draws it in the first frame. Pushed
        from ``on_mount`` instead, above a blank default screen, it was laid out and
        rendered once inside the app's start-up batch, where the frame is dropped, and then
        again: a fifth of the time to the first question drawn (issue 16). A served app asks
        the learner's name first, over the blank screen.
        """
        if self.ask_learner:
            return super().get_default_screen()
        if self.first_session is not None:
            screen = self.session_screen(self.first_session)
        else:
            from quiz.tui.screens.home import HomeScreen

            screen = HomeScreen()
        # what push_screen gives every screen it pushes, so that switch_screen can later
        # replace this one like any other (Textual's default screen gets none: never replaced)
        screen._push_result_callback(self, None)
        # and its styles, which Textual reads for every screen pushed but not for this one
        self.read_styles(screen.css_path)
        self._main_at_base = True
        return screen

    def read_styles(self, paths: Iterable[PurePath]) -> bool:
        """Add the style files not yet in the app's stylesheet (parsed at its next use);
        True if there was one.

        Each screen's own rules are in its ``CSS_PATH``, which Textual reads when the screen
        is first pushed: the first screen's start parses only the rules it uses (all in one
        file, 60 % of them for other screens, ~2 ms CPU of the first question drawn, issue
        16). Read as Textual reads a ``CSS_PATH`` (same source key: read once)."""
        stylesheet = self.stylesheet
        added = False
        for path in paths:
            if not stylesheet.has_source(str(path)):
                stylesheet.add_source(Path(path).read_text(encoding="utf-8"),
                                      read_from=(str(path), ""))
                added = True
        return added

    def read_every_style(self) -> None:
        """Once the first frame is out: every screen's styles, parsed now, so that no later
        screen waits for its file (Textual would read it at the push, then parse the whole
        stylesheet again and restyle every screen in the stack). No rule of one screen's
        file matches another screen's widgets, so the screens shown keep their styles."""
        folder = Path(__file__).parent / "screens"
        if self.read_styles((folder / name).resolve() for name in SCREEN_STYLES):
            self.stylesheet.parse()

    def on_mount(self) -> None:
        self.set_interval(self.tick_seconds, self.tick, name="exam-clock")
        self.watch(self, "theme", self._theme_changed, init=False)
        if self.requested_theme is not None:
            self._theme_changed(self.requested_theme)  # --theme NAME: kept for next time
        if self.lrs is not None:
            self.set_interval(SYNC_EVERY_SECONDS, self.sync_now, name="lrs-sync")
            self.sync_now()
        if self.ask_learner:
            self.ask_name()
        # a moment after the first frame, not at once: the frame is written to the terminal
        # by Textual's writer thread, which work now (holding the interpreter lock) would
        # hold back
        self.call_after_refresh(
            lambda: self.set_timer(AFTER_FIRST_FRAME_SECONDS, self._first_frame_out,
                                   name="first-frame"))

    def _first_frame_out(self) -> None:
        self.read_every_style()
        if self.after_first_frame is not None:
            self.after_first_frame()

    # --- who is studying (a served app) ------------------------------------------------------

    def ask_name(self) -> None:
        """Ask for the learner's name before any session exists (``quiz serve``: every
        browser tab runs its own app, and none knows who sits at it)."""
        from quiz.tui.screens.name_prompt import NamePrompt

        def named(name: str | None) -> None:
            if name:
                self.workspace.learner = name
            self.go_home()

        self.push_screen(NamePrompt(self.workspace.learner), named)

    # --- screens ---------------------------------------------------------------------------

    # --- theme, screenshots ----------------------------------------------------------------

    def _theme_changed(self, theme: str) -> None:
        """Keep the theme chosen (palette or ``--theme``) in the config file for next time."""
        if theme == self.saved_theme:
            return
        from quiz.config import save_setting
        from quiz.errors import QuizError as Problem

        try:
            save_setting("theme", theme)
        except Problem as exc:
            self.notify(f"The theme could not be kept for next time: {exc}",
                        severity="warning", markup=False)
            return
        self.saved_theme = theme

    def save_screenshot_here(self) -> Path | None:
        """Save an SVG of the screen where it can be found, and say where (a served app
        hands it to the browser instead)."""
        if self.is_web:
            self.deliver_screenshot()
            return None
        from quiz.fileio import write_atomic
        from quiz.tui.screenshot import screenshot_folder, screenshot_name

        path = screenshot_folder() / screenshot_name(self.title)
        try:
            write_atomic(path, self.export_screenshot())
        except QuizError as exc:
            self.notify(f"The screenshot could not be saved: {exc}", severity="error",
                        markup=False)
            return None
        self.notify(f"Screenshot saved: {path}", title="Screenshot", markup=False,
                    timeout=8)
        return path

    # --- background sending to the LRS ------------------------------------------------------

    def sync_now(self) -> None:
        """Send pending statements in a worker thread; one round at a time (a round asked
        for while one is out runs when it is back, so nothing is sent twice at once)."""
        db_path = self.workspace.db_path
        # no store file yet (made at the first answer): nothing to send, and the sender's
        # own connection must not create an empty one
        if self.lrs is None or db_path is None or not db_path.exists():
            return
        if self._sending:
            self._again = True
            return
        self._sending = True
        self._send(db_path, self.lrs)

    def sync_soon(self) -> None:
        """An answer was queued: send it shortly (answers in a row share one round)."""
        if self.lrs is None or self._sync_timer is not None:
            return

        def due() -> None:
            self._sync_timer = None
            self.sync_now()

        self._sync_timer = self.set_timer(SYNC_AFTER_ANSWER_SECONDS, due, name="lrs-soon")

    @work(thread=True, group="lrs", exit_on_error=False)
    def _send(self, db_path: Path, lrs: LrsConfig) -> None:
        from quiz.xapi.background import send_pending, status_line

        try:
            result: SyncResult = send_pending(db_path, lrs, timeout=SYNC_TIMEOUT)
            line = status_line(result)
        except Exception as exc:  # a store fault in the background: say it, never crash
            line = f"LRS: not sent ({type(exc).__name__}: {exc})"
        self.call_from_thread(self._sent, line)

    def _sent(self, line: str) -> None:
        self.lrs_status = line
        self._sending = False
        if self._again:
            self._again = False
            self.sync_now()

    def watch_lrs_status(self, line: str) -> None:
        from quiz.tui.widgets.lrs_status import LrsStatus

        for screen in self.screen_stack:
            for status in screen.query(LrsStatus):
                status.show(line)

    def show_main(self, screen: Screen[None]) -> None:
        """Make ``screen`` the one main screen (dialogs and sub-screens above are closed).

        The stack is Textual's empty default screen, the main screen, then dialogs; only the
        first main screen is the base itself (``get_default_screen``), until it is replaced:
        a blank screen then takes its place under the new one.
        """
        main = 0 if self._main_at_base else 1
        while len(self.screen_stack) > main + 1:
            self.pop_screen()
        if self._main_at_base:
            self._main_at_base = False
            self.switch_screen(Screen(id="_default"))
            self.push_screen(screen)
        elif len(self.screen_stack) == 2:
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
        if session.mode is Mode.PREVIEW:  # quiz preview: answers shown, nothing recorded
            from quiz.tui.screens.preview import PreviewScreen

            return PreviewScreen(session)
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

    def practise_weakest(self, objectives: tuple[str, ...] | None = None) -> None:
        """A short practice that starts with the weakest objective (``w`` on home and on
        Progress, which passes the objectives its report suggests)."""
        from quiz.tui.weakest import weakest_objectives, weakest_session

        try:
            if objectives is None:
                objectives = weakest_objectives(self.workspace)
            session = weakest_session(self.workspace, objectives)
        except QuizError as exc:
            self.notify(str(exc), severity="information", markup=False)
            return
        self.start(session)

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
        from quiz.tui.widgets.countdown import Countdown

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
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's fails silently without ~/Downloads
                yield command
        yield SystemCommand("Screenshot", "Save an SVG of the screen (the path is shown)",
                            lambda: self.set_timer(0.1, self.save_screenshot_here))
        yield SystemCommand("Help", "Every key of the app", self.action_help)
        yield SystemCommand("Certainty-based marking", "Turn confidence rating on or off",
                            self.action_toggle_certainty)
        for title, help_text, action in getattr(screen, "PALETTE", ()):
            # not an action the screen refuses now (practice results: no flagged review)
            _, name, parameters = parse_action(action)
            if screen.check_action(name, parameters) is not False:
                yield SystemCommand(title, help_text, _runner(screen, action))


def check_theme(app: App[None], theme: str) -> str:
    """``theme`` if Textual knows it; ``QuizError`` naming the themes otherwise."""
    if theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        raise QuizError(f"no theme '{theme}'; choose one of: {names}")
    return theme


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
    theme: str | None = None,
    saved_theme: str | None = None,
    lrs: LrsConfig | None = None,
    ask_learner: bool = False,
    after_first_frame: Callable[[], None] | None = None,
) -> QuizApp:
    """Build the app; the first screen is ``session``'s, or what ``start`` asks for.

    ``start``: "home" (default without a session), "practice" (with ``filters``), "exam",
    "resume" (the learner's unfinished exam) or "mistakes". Raises ``QuizError`` when that
    session cannot be made (no questions match, nothing to resume...). ``tick_seconds`` is
    the exam clock's redraw interval (tests shorten it). ``theme`` (``--theme`` or the config
    file's, which is ``saved_theme``) must be one of Textual's; a theme chosen in the palette
    is written to the config file. With ``lrs`` configured and a journal on the workspace,
    pending statements are sent in the background. ``ask_learner`` (a served app) asks for
    the learner's name before the home screen. ``after_first_frame`` is called once the
    first screen has been drawn.
    """
    app_lrs = lrs if workspace.journal is not None else None
    if app_lrs is not None and workspace.journal is not None:
        from quiz.tui.sync import NotifyingJournal

        holder: list[QuizApp] = []

        def queued() -> None:
            if holder:  # statements queued before the app exists go with its first round
                holder[0].sync_soon()

        workspace.journal = NotifyingJournal(workspace.journal, queued)
    if session is None and start not in (None, "home"):
        session = first_session(workspace, start, filters, seed, bank_id)
    app = QuizApp(workspace, session, certainty=certainty, tick_seconds=tick_seconds,
                  theme=theme, saved_theme=saved_theme, lrs=app_lrs, ask_learner=ask_learner,
                  after_first_frame=after_first_frame)
    if app_lrs is not None:
        holder.append(app)
    return app


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
