"""The session screens' top row: the screen's title on the left, its status on the right."""

from __future__ import annotations

from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from quiz.tui.text import MUTED
from quiz.tui.widgets.lines import RowStrips


class TopBar(Widget):
    """The title (cut short with "…" when the row is narrow) and the status after it, on
    the right, drawn as one row.

    One widget where a container and two lines were: each widget on the first screen costs
    its styles, layout and rendering before the first question is drawn (issue 16). The
    status changes on every answer (``set_status``); only this row is drawn again.
    """

    DEFAULT_CSS = """
    TopBar { height: 1; width: 1fr; }
    """

    def __init__(self, title: Content, status: Content, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.title = title
        """The screen's name and the bank's title (bank text made literal by the caller)."""
        self.status = status
        """What the learner has done so far ("3/10 answered · 2 correct")."""
        self._strips = RowStrips()

    def set_status(self, status: Content) -> None:
        """Show ``status`` (a repaint of this row, no layout pass)."""
        if status != self.status:
            self.status = status
            self._strips.clear()
            self.refresh()

    def row(self, width: int) -> Content:
        """The row at ``width`` cells: a cell of margin each side of the title and of the
        status; the status keeps its room, the title takes what is left."""
        status = Content(" ") + self.status.stylize_before(MUTED) + Content(" ")
        room = max(0, width - status.cell_length - 2)
        title = self.title.truncate(room, ellipsis=True) if self.title.cell_length > room \
            else self.title
        title = Content(" ") + title.pad_right(room - title.cell_length) + Content(" ")
        return (title + status).truncate(width)

    def render_line(self, y: int) -> Strip:
        return self._strips.get(self, [self.row(self.size.width)], y)
