"""Tick boxes and a tick list that show their state as ``[x]`` and ``[ ]``, not by colour alone.

Textual draws a checkbox as ``▐X▌`` whether it is ticked or not and tells the two apart by
colour only, which a monochrome terminal, a screen reader's text or a colour-blind learner
cannot see. These draw ``[x]`` or ``[ ]`` (still coloured as the theme says).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "[x]", "[ ]"


class TickBox(Checkbox):
    """A checkbox drawn ``[x] label`` or ``[ ] label``."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.styled(TICKED if self.value else UNTICKED, style)


class TickList(SelectionList[str]):
    """A selection list whose rows start ``[x]`` or ``[ ]``; a wrapped row's further lines
    are indented under its text.

    ``SelectionList.render_line`` takes the row's option to be ``scroll_y + y``, which is
    wrong once an option wraps; the option list's own line map (``_lines``: line →
    (option, line within it)) is used here instead.
    """

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        underlying = next(iter(line)).style or self.rich_style
        meta = Style(meta={"option": index})  # a click on the mark ticks this option
        if offset:
            return Strip([Segment("    ", underlying), *line])
        component = "selection-list--button"
        if selection.value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        style = self.get_component_rich_style(component) + meta
        mark = TICKED if selection.value in self._selected else UNTICKED
        return Strip([Segment(mark, style), Segment(" ", underlying + meta), *line])
