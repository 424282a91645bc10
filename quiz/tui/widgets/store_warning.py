"""A banner saying that progress is not being saved, with the store's reason."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from quiz.text import safe_line


class StoreWarning(Static):
    """Shows ``Workspace.problems()``; hidden while there are none."""

    DEFAULT_CSS = """
    StoreWarning {
        display: none;
        height: auto;
        padding: 0 1;
        background: $error 30%;
        color: $text;
    }
    StoreWarning.-shown { display: block; }
    """

    def __init__(self, problems: Sequence[str] = ()) -> None:
        super().__init__("")
        self._shown: tuple[str, ...] = ()
        self.show_problems(problems)

    def show_problems(self, problems: Sequence[str]) -> None:
        """Update the banner; cheap when nothing changed (called after every answer)."""
        wanted = tuple(problems)
        if wanted == self._shown:
            return
        self._shown = wanted
        self.set_class(bool(wanted), "-shown")
        lines = [f"⚠ Progress is not being saved: {safe_line(p)}" for p in wanted]
        self.update(Content("\n".join(lines)))
