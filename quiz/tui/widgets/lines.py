"""Drawing pre-wrapped rows one at a time (Textual's line API), for widgets that wrap their own.

A widget that returns one ``Content`` from ``render`` has Textual wrap and format all of it
on every repaint, even rows scrolled out of sight, and ours were already wrapped: the
feedback panel spent twice the time of a plain text panel of its size there (measured,
issue 16). ``RowStrips`` turns the rows the compositor asks for into strips, once per
width and theme, exactly as Textual formats a row that fits (same styles, same offsets for
the mouse), and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static


def row_strip(widget: Widget, row: Content, y: int, style: Style) -> Strip:
    """One row that fits the widget's width, formatted as Textual formats a line of text:
    the widget's style under the row's, theme variables ($success) resolved by the widget's
    own parser, each piece carrying its offset (for the mouse and text selection). Rows hold
    no links, so Textual's link styling has nothing to do here."""
    segments = []
    x = 0
    for text, text_style in row.render(style, end="", parse_style=widget._get_style):
        segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, y)))
        x += len(text)
    return Strip(segments, row.cell_length)


WIDTHS_KEPT = 4
"""Widths a widget keeps its wrapped rows for (a layout tries at most two: with and without a
scroll bar; a resize adds one)."""


class RowStrips:
    """The strips of a widget's rows, made when first drawn and kept until they change."""

    def __init__(self) -> None:
        self._key: tuple[int, Style] | None = None
        self._strips: dict[int, Strip] = {}

    def clear(self) -> None:
        """Forget every strip (the rows changed)."""
        self._key = None
        self._strips.clear()

    def get(self, widget: Widget, rows: Sequence[Content], y: int) -> Strip:
        """Row ``y`` of ``rows`` drawn in ``widget`` (blank below the last row)."""
        style = widget.visual_style
        width = widget.size.width
        if self._key != (width, style):  # a new width or theme: the old strips are stale
            self._key = (width, style)
            self._strips.clear()
        strip = self._strips.get(y)
        if strip is None:
            if 0 <= y < len(rows):
                strip = row_strip(widget, rows[y], y, style)
            else:
                strip = Strip.blank(width, style.rich_style)
            self._strips[y] = strip
        return strip


class LineStatic(Static):
    """A ``Static`` that draws its text through ``RowStrips`` while it is one row that fits.

    A one-line status or instruction changes on a key press; Textual's own path formats the
    whole text again (wrap, align, pad) on every repaint, ~0.15-0.2 ms for one line against
    a few hundredths through ``RowStrips`` (measured, issue 16). Anything else (more rows,
    a row that would wrap, other renderables, a text selection) takes ``Static``'s path.
    """

    def __init__(self, content: Content, *, id: str | None = None,  # noqa: A002 - Textual's
                 classes: str | None = None) -> None:
        super().__init__(content, id=id, classes=classes)
        self._strips = RowStrips()

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._strips.clear()
        super().update(content, layout=layout)

    def render_line(self, y: int) -> Strip:
        content = self.content
        styles = self.styles
        if self.text_selection is None and isinstance(content, Content) \
                and "\n" not in content.plain and content.cell_length <= self.size.width \
                and styles.text_align in ("left", "start") \
                and styles.content_align_horizontal == "left":
            return self._strips.get(self, [content], y)
        return super().render_line(y)
