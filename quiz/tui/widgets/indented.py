"""Text drawn from indented paragraphs, wrapped so that continuation lines keep the indent.

Textual wraps a ``Content`` from column 0; lists of notes, objectives and keys read better
with hanging indents. One widget, wrapped once per width.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

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


class Indented(Widget):
    """Paragraphs with indents. ``content`` is the unwrapped text, for tests to read."""

    DEFAULT_CSS = """
    Indented { width: 1fr; height: auto; }
    """

    def __init__(
        self, lines: Sequence[Line], *, hanging: int = 0, id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.lines = list(lines)
        self.hanging = hanging
        self.content = Content("\n").join(Content(" " * i) + line for i, line in self.lines)
        self._wrapped: tuple[int, list[Content]] | None = None

    def _wrap(self, width: int) -> list[Content]:
        if self._wrapped is None or self._wrapped[0] != width:
            out: list[Content] = []
            for indent, line in self.lines:
                first = Content(" " * indent)
                rest = Content(" " * (indent + self.hanging))
                parts = hang(line, max(1, width - indent), max(1, width - indent - self.hanging))
                out += [(first if n == 0 else rest) + part for n, part in enumerate(parts)]
            self._wrapped = (width, out)
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrap(width))

    def render(self) -> Content:
        return Content("\n").join(self._wrap(self.content_region.width or self.size.width))
