"""Reading a big bank set on a cold cache: the app's frame at once, a progress bar, no blank
terminal (issue 16 item 3).

``LoadingApp`` runs the loader (a pure function: files → ``LoadResult``) in a worker thread
and exits with its result when it is done; the command then goes on exactly as after a
fast load (bank errors printed, the store opened, the session made, the app shown). The
loader reports progress through the callback it is given: ``(done, total)``, or a ``None``
total when it cannot tell how far it is (the bar then pulses). ``q`` or ``ctrl+c`` stops
waiting: the app exits with None and the command ends without a session.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from quiz.bank.result import LoadResult
from quiz.tui.text import MUTED

T = TypeVar("T")
Progress = Callable[[float, float | None], None]
"""``progress(done, total)``: how far the loader is (``total`` None: it cannot tell)."""
Loader = Callable[[Progress], T]
"""Runs in a worker thread: reads the banks, calling ``progress`` now and then."""


class LoadingScreen(Screen[None]):
    """What the learner sees while the banks are read.

    | Key | Action |
    | --- | --- |
    | q | stop waiting and quit |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "Quit")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("quiz", "bold"), id="title")
        with Vertical(id="loading"):
            yield Static(Content.styled("Reading the question banks…", "bold"),
                         id="loading-title")
            yield Static(Content(self.what), id="loading-what")
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
            yield Static(Content.styled("The first time takes longest: what is read is "
                                        "kept, and the next start is quick.",
                                        MUTED), id="loading-note")
        yield Footer(compact=True, show_command_palette=False)

    def show_progress(self, done: float, total: float | None) -> None:
        bar = self.query_one("#loading-bar", ProgressBar)
        if total is None:
            bar.update(total=None)
        else:
            bar.update(total=max(total, 1e-9), progress=min(done, total))


class LoadingApp(App[T | None], Generic[T]):
    """Shows ``LoadingScreen`` while ``loader`` runs in a thread; exits with its result."""

    CSS = """
    #title { height: 1; padding: 0 1; background: $boost; }
    #loading { width: 100%; height: 1fr; align: center middle; }
    #loading > * { width: auto; max-width: 90%; height: auto; margin-bottom: 1; }
    #loading-bar { width: 60; max-width: 90%; }
    """
    TITLE = "quiz"

    class Loaded(Message):
        """The loader finished (``result``) or failed (``error``)."""

        def __init__(self, result: object, error: BaseException | None) -> None:
            super().__init__()
            self.result = result
            self.error = error

    def __init__(self, loader: Loader[T], what: str = "") -> None:
        super().__init__()
        self.loader = loader
        self.what = what
        self.error: BaseException | None = None
        """What the loader raised, if it did (the command re-raises it)."""

    def on_mount(self) -> None:
        self.push_screen(LoadingScreen(self.what))
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        def progress(done: float, total: float | None) -> None:
            self.call_from_thread(self._progress, done, total)

        try:
            result: object = self.loader(progress)
        except Exception as exc:  # handed to the command, which reports it as always
            self.post_message(self.Loaded(None, exc))
            return
        self.post_message(self.Loaded(result, None))

    def _progress(self, done: float, total: float | None) -> None:
        screen = self.screen
        if isinstance(screen, LoadingScreen):
            screen.show_progress(done, total)

    def on_loading_app_loaded(self, message: LoadingApp.Loaded) -> None:
        self.error = message.error
        self.exit(message.result)  # type: ignore[arg-type]  # the loader's T, erased


def read_banks_with_screen(paths: list[str], files: int, size: int) -> LoadResult | None:
    """Read the bank set behind the loading screen (the catalog cache keeps the result for
    the ``Workspace.open`` that follows); None when the learner quit while waiting."""
    from quiz.bank.cache import load_cached

    def load(progress: Progress) -> LoadResult:
        progress(0, None)  # the loader cannot tell how far it is: the bar pulses
        return load_cached(paths)

    what = f"{files} file{'s' if files != 1 else ''}, {size / 1e6:.1f} MB"
    app: LoadingApp[LoadResult] = LoadingApp(load, what)
    result = app.run()
    if app.error is not None:
        raise app.error
    return result
