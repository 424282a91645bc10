"""What every screen of the app shares: the too-small notice, the store warning, the footer.

Subclasses write ``compose_body``; the base adds the rest, so a tiny terminal or a store that
stopped saving is handled the same way on every screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer

from quiz.tui.widgets.store_warning import StoreWarning
from quiz.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

ResultT = TypeVar("ResultT")

PaletteEntry = tuple[str, str, str]
"""(title, help, action name on the screen) offered in the command palette."""


def presize(screen: Screen[Any]) -> None:
    """Give a new screen the breakpoint classes of the current size before it mounts.

    Textual sets them on the screen's first resize; if they change then, every widget is
    restyled a second time (measured: a third of the start-up). Set now, nothing changes.
    """
    try:
        app = screen.app
    except Exception:  # no running app (a screen built outside one): Textual sets them later
        return
    width, height = app.size
    for dimension, points in ((width, app.HORIZONTAL_BREAKPOINTS or []),
                              (height, app.VERTICAL_BREAKPOINTS or [])):
        # the class of the largest breakpoint not above the size, as Textual chooses it
        reached = [(point, name) for point, name in points if dimension >= point]
        if reached:
            screen.add_class(max(reached)[1], update=False)


class QuizScreen(Screen[ResultT]):
    """A full screen of the app."""

    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = ()
    """Screen actions offered in the command palette."""

    def __init__(self) -> None:
        super().__init__()
        presize(self)

    @property
    def quiz(self) -> QuizApp:
        """The app, typed (screens only ever run inside a ``QuizApp``)."""
        return cast("QuizApp", self.app)

    def compose(self) -> ComposeResult:
        yield TooSmall()
        yield StoreWarning(self.quiz.workspace.problems())
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def refresh_problems(self) -> None:
        """Show the store's problems now (they may appear mid-session: a full disk...)."""
        self.query_one(StoreWarning).show_problems(self.quiz.workspace.problems())


class QuizModal(ModalScreen[ResultT]):
    """A dialog over the current screen."""

    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        presize(self)

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def compose(self) -> ComposeResult:
        yield TooSmall()
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()
