"""Changing a line of text without laying the screen out again when its size stays the same.

``Static.update`` asks for a layout pass by default: the widget's arrangement and every
ancestor's up to the first of fixed size are computed again, and the compositor's map is
rebuilt at the next refresh. A status line ("1/10 answered · 1 correct") or an instruction
line that changes on a key press almost always keeps its size; a repaint then does. Measured
on the practice screen's answer (issue 16): the status and the instruction line's layout
passes were about a millisecond of the key press's ~9 ms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


def same_size(static: Static, old: object, new: Content) -> bool:
    """Whether ``new`` takes the room ``old`` took in ``static`` as it is laid out now.

    Only the dimensions the text decides are compared (an ``auto`` width: the longest line;
    an ``auto`` height: the rows at the current width), with Textual's own measures of a
    ``Content`` (``get_optimal_width``, ``get_height``), under the widget's styles."""
    width = static.content_region.width
    if not isinstance(old, Content) or width <= 0:  # not laid out yet, or not text
        return False
    styles = static.styles
    # the styles as the rules, as Textual measures a widget's text (``Widget.get_content_width``)
    rules = cast("RulesMap", styles)
    auto_width = styles.width is not None and styles.width.is_auto
    auto_height = styles.height is None or styles.height.is_auto  # unset: compared, to be safe
    return not (
        (auto_width and old.get_optimal_width(rules, width) != new.get_optimal_width(rules, width))
        or (auto_height and old.get_height(rules, width) != new.get_height(rules, width)))


def update_text(static: Static, content: Content) -> None:
    """``static.update(content)``, with a layout pass only when the size changes."""
    if content == static.content:
        return
    static.update(content, layout=not same_size(static, static.content, content))
