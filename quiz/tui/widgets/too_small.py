"""The message shown instead of a screen's layout when the terminal is below the minimum size.

Every screen of the app composes one. The app's breakpoints put ``-too-narrow`` or
``-too-short`` classes on the screen below 40×12, and the stylesheet then hides everything
else and shows this, so a tiny terminal gets a clear message rather than a broken layout.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.tui.sizes import MIN_HEIGHT, MIN_WIDTH


class TooSmall(Static):
    """"Terminal too small" notice; hidden unless the screen is below the minimum size."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    def __init__(self) -> None:
        super().__init__(
            Content(f"Terminal too small.\nEnlarge it to at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                    "q quits."),
            classes="too-small",
        )
