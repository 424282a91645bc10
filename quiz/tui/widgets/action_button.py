"""A one-line button for the mouse that runs one of the screen's actions."""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.widgets import Static


class ActionButton(Static):
    """A clickable label that runs an action: the mouse's way to a key.

    Lighter than Textual's ``Button``, whose 7 kB of styles were parsed and matched on the
    way to every first question (about 9 ms of it, measured). It looks like a compact
    button, never takes the focus (Enter and the other keys stay the screen's), and has no
    pressed effect to wait out, so quick clicks on Next all count.
    """

    DEFAULT_CSS = """
    ActionButton {
        width: auto; min-width: 8; height: 1; padding: 0 1; text-align: center;
        text-style: bold; color: $button-foreground; background: $surface; pointer: pointer;
        &:hover { background: $surface-darken-1; }
    }
    """

    def __init__(self, label: str, action: str, *, id: str) -> None:  # noqa: A002 (Textual's name)
        super().__init__(Content(label), id=id)
        self.label = label
        """The text shown (plain: labels are ours, never a bank's)."""
        self.action = action
        """The action run on a click, e.g. ``screen.next``."""

    async def _on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action(self.action, default_namespace=self.parent)
