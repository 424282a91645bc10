"""What every screen of the app shares: the too-small notice, the store warning, the footer.

Subclasses write ``compose_body``; the base adds the rest, so a tiny terminal or a store that
stopped saving is handled the same way on every screen. The notice and the warning are made
when first needed (a terminal below the minimum size, a store problem): most screens never
show them, and two hidden widgets cost 1.5 ms of the first question drawn (issue 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import ComposeResult
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer

from quiz.tui.sizes import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp
    from quiz.tui.widgets.store_warning import StoreWarning

ResultT = TypeVar("ResultT")

PaletteEntry = tuple[str, str, str]
"""(title, help, action name on the screen) offered in the command palette."""


def presize(screen: Screen[Any]) -> None:
    """Give a new screen the breakpoint classes of the current size before it mounts.

    Textual sets them on the screen's first resize; if they change then, every widget is
    restyled a second time (measured: a third of the start-up). Set now, nothing changes.
    The breakpoints are Textual's own (the screen's, else the app's, as ``Screen._on_resize``
    resolves them) and so is the choice among them (``Screen._get_breakpoint_classes``, the
    method ``_on_resize`` calls): only the moment is ours.
    """
    try:
        app = screen.app
    except Exception:  # no running app (a screen built outside one): Textual sets them later
        return
    width, height = app.size
    for dimension, own, default in (
            (width, screen.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS),
            (height, screen.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS)):
        points = (default if own is None else own) or []
        for name in screen._get_breakpoint_classes(dimension, points):
            screen.add_class(name, update=False)


def too_small(size: Size) -> bool:
    """Whether a screen of ``size`` is below the minimum (the app's breakpoints say the same:
    its ``-too-narrow`` and ``-too-short`` classes)."""
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def notice_if_too_small(screen: Screen[Any], size: Size) -> ComposeResult:
    """The too-small notice, for a screen of ``size`` that has none yet and needs one."""
    if too_small(size) and not screen.query("TooSmall"):
        # the widget's module is loaded only now: most sessions never need it (issue 16)
        from quiz.tui.widgets.too_small import TooSmall

        yield TooSmall()


def mount_notice_if_too_small(screen: Screen[Any], size: Size) -> None:
    """On a resize: the notice, first in the screen, if it is now needed and not there (the
    stylesheet shows it and hides the rest while the breakpoint classes say so)."""
    for notice in notice_if_too_small(screen, size):
        screen.mount(notice, before=0 if screen.children else None)


class QuizScreen(Screen[ResultT]):
    """A full screen of the app."""

    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = ()
    """Screen actions offered in the command palette."""

    def __init__(self) -> None:
        super().__init__()
        presize(self)
        self._resumed = False
        self._warning: StoreWarning | None = None
        """The store warning, once there is one (made at the first problem)."""

    @property
    def quiz(self) -> QuizApp:
        """The app, typed (screens only ever run inside a ``QuizApp``)."""
        return cast("QuizApp", self.app)

    def on_screen_resume(self, event: ScreenResume) -> None:
        """The first resume comes right after the screen was mounted, where Textual styled
        every node as it registered it (the breakpoint classes set beforehand, ``presize``):
        its restyle of the whole screen is left out (every node styled twice before the
        first frame, ~3 ms CPU of the first question drawn, issue 16). Every later resume
        (back from a dialog, after a theme change) restyles as Textual does.

        Textual calls a subclass's handler before ``Screen``'s own, which reads the flag;
        tests/tui/test_app_first_frame.py checks that the styles are those of a restyle."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        mount_notice_if_too_small(self, event.size)

    def compose(self) -> ComposeResult:
        yield from notice_if_too_small(self, self.app.size)
        problems = self.quiz.workspace.problems()
        if problems:
            yield self._made_warning(problems)
        yield from self.compose_body()
        if self.quiz.lrs is not None:  # only then: every other screen stays as light as it was
            from quiz.tui.widgets.lrs_status import LrsStatus

            yield LrsStatus(self.quiz.lrs_status)
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def refresh_problems(self) -> None:
        """Show the store's problems now (they may appear mid-session: a full disk...)."""
        problems = self.quiz.workspace.problems()
        if self._warning is not None:  # called after every answer: no query
            self._warning.show_problems(problems)
        elif problems:  # the first problem: the banner goes first, after any size notice
            notices = self.query("TooSmall")
            if notices:
                self.mount(self._made_warning(problems), after=notices.first())
            else:
                self.mount(self._made_warning(problems), before=0 if self.children else None)

    def _made_warning(self, problems: list[str]) -> StoreWarning:
        from quiz.tui.widgets.store_warning import StoreWarning

        self._warning = StoreWarning(problems)
        return self._warning
