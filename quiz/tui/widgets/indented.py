"""Text drawn from indented paragraphs, wrapped so that continuation lines keep the indent.

Textual wraps a ``Content`` from column 0; lists of notes, objectives and keys read better
with hanging indents. One widget, wrapped once per width, and drawn row by row (only the rows
on screen, each once: see ``lines``) rather than handed to Textual to wrap a second time.

The paragraphs come in ``Block``s, each wrapped once per width and keeping a few widths: a
block can be built and wrapped ahead of time (the part of the feedback that does not depend
on the answer is, while the learner reads the question), and a scroll bar appearing, which
narrows the text by its width, costs no second wrap of what was wrapped before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from quiz.tui.widgets.lines import WIDTHS_KEPT, RowStrips

Line = tuple[int, Content]
"""A paragraph and its indent in cells; a hanging indent is a second, deeper number."""


def hang(line: Content, first_width: int, rest_width: int) -> list[Content]:
    """Wrap ``line``: the first row ``first_width`` wide, the rows after it narrower."""
    parts = line.wrap(first_width)
    if len(parts) <= 1 or first_width == rest_width:
        return parts or [line]
    remainder = line[len(parts[0].plain):]
    spaces = len(remainder.plain) - len(remainder.plain.lstrip(" "))
    return [parts[0], *remainder[spaces:].wrap(rest_width)]


class Block:
    """Indented paragraphs and their rows at the widths asked for (a few kept)."""

    def __init__(self, lines: Sequence[Line], hanging: int = 0) -> None:
        self.lines = list(lines)
        self.hanging = hanging
        self._rows: dict[int, list[Content]] = {}

    def rows(self, width: int) -> list[Content]:
        """The paragraphs wrapped to ``width`` cells, each row with its indent."""
        found = self._rows.get(width)
        if found is None:
            if len(self._rows) >= WIDTHS_KEPT:
                self._rows.clear()
            found = self._rows[width] = self._wrap(width)
        return found

    def _wrap(self, width: int) -> list[Content]:
        out: list[Content] = []
        for indent, line in self.lines:
            first = Content(" " * indent)
            rest = Content(" " * (indent + self.hanging))
            parts = hang(line, max(1, width - indent), max(1, width - indent - self.hanging))
            out += [(first if n == 0 else rest) + part for n, part in enumerate(parts)]
        return out


class Indented(Widget):
    """Paragraphs with indents. ``content`` is the unwrapped text, for tests to read."""

    DEFAULT_CSS = """
    Indented { width: 1fr; height: auto; }
    """

    def __init__(
        self, lines: Sequence[Line], *, hanging: int = 0, after: Sequence[Block] = (),
        id: str | None = None,  # noqa: A002 - Textual's name for it
        classes: str | None = None,
    ) -> None:
        """``lines`` first, then the ``after`` blocks (built before, perhaps wrapped)."""
        super().__init__(id=id, classes=classes)
        self.blocks = [Block(lines, hanging), *after]
        self._rows: dict[int, list[Content]] = {}
        self._strips = RowStrips()

    @property
    def lines(self) -> list[Line]:
        """Every paragraph, in order."""
        return [line for block in self.blocks for line in block.lines]

    @cached_property
    def content(self) -> Content:
        """The text unwrapped, one paragraph a line (built when first read)."""
        return Content("\n").join(Content(" " * i) + line for i, line in self.lines)

    def _wrap(self, width: int) -> list[Content]:
        found = self._rows.get(width)
        if found is None:
            if len(self._rows) >= WIDTHS_KEPT:
                self._rows.clear()
            found = self._rows[width] = [row for block in self.blocks
                                         for row in block.rows(width)]
        return found

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrap(width))

    def render(self) -> Content:
        """The wrapped rows as one text (what a text selection copies)."""
        return Content("\n").join(self._wrap(self.content_region.width or self.size.width))

    def render_line(self, y: int) -> Strip:
        if self.text_selection is not None:  # Textual's own path draws the selection
            return super().render_line(y)
        return self._strips.get(self, self._wrap(self.size.width), y)
