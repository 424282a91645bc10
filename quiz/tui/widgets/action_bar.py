"""A row of one-line buttons for the mouse, drawn as one widget: each runs a screen action."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.events import Click, Leave, MouseMove
from textual.geometry import Offset
from textual.strip import Strip
from textual.widget import Widget

from quiz.fields import Fields
from quiz.tui.widgets.lines import RowStrips

BUTTON_STYLE = "$button-foreground on $surface"
HOVER_STYLE = "$button-foreground on $surface-darken-1"
MIN_LABEL_WIDTH = 6
"""A short label is centred in this many cells (8 with the button's own margins)."""


class Action(Fields):
    """One button: what it says, the action it runs (``screen.next``), its name."""

    label: str
    """Plain text (labels are ours, never a bank's)."""
    action: str
    name: str
    """How the screen and tests refer to it (``submit``, ``next``…)."""


class ActionBar(Widget):
    """The screen's buttons: the mouse's way to its keys, in one row.

    One widget, not a container of one widget a button: each widget on the first screen
    costs its styles, layout and rendering before the first question is drawn, and a row
    of four took about 3 ms of it (issue 16). A button looks like a compact button (bold,
    on ``$surface``, darker under the mouse), never takes the focus (Enter and the other
    keys stay the screen's), and runs its action on a click, with no pressed effect to
    wait out, so quick clicks on Next all count. A button can be hidden (``show``).
    """

    DEFAULT_CSS = """
    ActionBar { height: 1; width: 1fr; padding: 0 1; }
    """

    def __init__(self, *actions: Action, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.actions = actions
        self._hidden: set[str] = set()
        self._hover: str | None = None
        self._strips = RowStrips()

    # --- what it shows ----------------------------------------------------------------------

    def show(self, name: str, shown: bool = True) -> None:
        """Show or hide the button ``name``; the others close up."""
        if name not in self._names():
            raise KeyError(name)
        hidden = self._hidden - {name} if shown else self._hidden | {name}
        if hidden != self._hidden:
            self._hidden = hidden
            self._changed()

    def shown(self, name: str) -> bool:
        """Whether the button ``name`` is in the row (it may still be cut off when narrow)."""
        return name in self._names() and name not in self._hidden

    @property
    def labels(self) -> list[str]:
        """The labels of the buttons in the row, left to right."""
        return [a.label for a in self._visible()]

    def offset_of(self, name: str) -> Offset:
        """Where in the widget the middle of the button ``name`` is (for a click)."""
        for action, start, end in self._spans():
            if action.name == name:
                return Offset(self.styles.padding.left + (start + end) // 2, 0)
        raise KeyError(name)

    # --- drawing -----------------------------------------------------------------------------

    def _names(self) -> list[str]:
        return [a.name for a in self.actions]

    def _visible(self) -> list[Action]:
        return [a for a in self.actions if a.name not in self._hidden]

    def _spans(self) -> list[tuple[Action, int, int]]:
        """Each shown button with its first and last-plus-one column in the row (what is
        drawn and what a click finds both come from here)."""
        spans, x = [], 0
        for action in self._visible():
            width = max(MIN_LABEL_WIDTH, cell_len(action.label)) + 2
            spans.append((action, x, x + width))
            x += width + 1
        return spans

    def _row(self) -> Content:
        parts: list[Content] = []
        for action, start, end in self._spans():
            style = HOVER_STYLE if action.name == self._hover else BUTTON_STYLE
            # centred as Textual centres a line (its ``Content.center`` pads too far right)
            spare = end - start - cell_len(action.label)
            left = Content.styled(" " * (spare // 2), style)
            right = Content.styled(" " * (spare - spare // 2), style)
            parts += [left, Content.styled(action.label, f"bold {style}"), right, Content(" ")]
        return Content.assemble(*parts).truncate(max(0, self.size.width))

    def render_line(self, y: int) -> Strip:
        return self._strips.get(self, [self._row()], y)

    def _changed(self) -> None:
        self._strips.clear()
        self.refresh()

    # --- the mouse ---------------------------------------------------------------------------

    def _action_at(self, x: int) -> Action | None:
        column = x - self.styles.padding.left
        for action, start, end in self._spans():
            if start <= column < end:
                return action
        return None

    def on_mouse_move(self, event: MouseMove) -> None:
        action = self._action_at(event.x)
        hover = action.name if action is not None else None
        if hover != self._hover:
            self._hover = hover
            self.styles.pointer = "pointer" if action is not None else "default"
            self._changed()

    def on_leave(self, event: Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self._changed()

    async def _on_click(self, event: Click) -> None:
        event.stop()
        action = self._action_at(event.x)
        if action is not None:
            await self.app.run_action(action.action, default_namespace=self.screen)
