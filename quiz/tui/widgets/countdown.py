"""The exam countdown: time left, read from the session on every tick of the app's timer."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.engine.session import Session
from quiz.tui.text import clock_text

LOW_SECONDS = 5 * 60
"""Below this the countdown turns to a warning colour."""


class Countdown(Static):
    """``time left 44:12``; the app calls ``tick`` about once a second."""

    DEFAULT_CSS = """
    Countdown { width: auto; height: 1; padding: 0 1; }
    Countdown.-low { background: $warning 40%; text-style: bold; }
    """

    def __init__(self, session: Session, id: str | None = "countdown") -> None:  # noqa: A002
        super().__init__("", id=id)
        self.session = session
        self._text = ""
        self.tick()

    def tick(self) -> None:
        """Redraw if the shown second changed."""
        left = self.session.remaining()
        text = "no time limit" if left is None else f"time left {clock_text(left)}"
        if text != self._text:
            resized = len(text) != len(self._text)
            self._text = text
            self.update(Content(text), layout=resized)
            self.set_class(left is not None and left < LOW_SECONDS, "-low")
