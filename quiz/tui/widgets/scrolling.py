"""Keep some rows of a widget in view inside whatever scrolls it (long stems push lists down)."""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widget import Widget


def show_rows(widget: Widget, first: int, last: int) -> None:
    """Scroll the nearest scrolling ancestor so rows ``first`` to ``last`` (exclusive) of
    ``widget``'s content are visible."""
    for ancestor in widget.ancestors:
        if isinstance(ancestor, ScrollableContainer):
            top = widget.content_region.y - ancestor.content_region.y + \
                round(ancestor.scroll_y) + first
            ancestor.scroll_to_region(Region(0, top, 1, last - first), animate=False,
                                      immediate=True)
            return
