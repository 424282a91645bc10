"""The quiet line that says how sending to the LRS goes: sent, pending, last error.

Shown at the foot of every screen, above the keys, only when an LRS is configured.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.text import safe_line


class LrsStatus(Static):
    """``LRS: 12 sent · 3 pending · <last error>`` (hidden while empty)."""

    DEFAULT_CSS = """
    LrsStatus { height: 1; padding: 0 1; color: $text-muted; display: none; }
    LrsStatus.-shown { display: block; }
    """

    def __init__(self, line: str = "") -> None:
        super().__init__(id="lrs-status")
        self.show(line)

    def show(self, line: str) -> None:
        # the LRS's own words (an error's reason) are plain, escape-free text, never markup
        self.update(Content(safe_line(line)))
        self.set_class(bool(line), "-shown")
