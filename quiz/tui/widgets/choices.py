"""The choices of one question: picking, toggling, a keyboard cursor, and reordering steps.

One widget draws every row (a marker column, then the text wrapped with a hanging indent), so
a question costs one node however many choices it has, and a key press only repaints it:
no CSS classes change (restyling a node through the stylesheet costs about a millisecond,
measured), nothing is mounted. The choices are wrapped once per width; a key press restyles
the rows and redraws them row by row (``lines``). Built once per question; rows are clickable.

A choice can be struck out (``x`` on the highlighted row), as Pearson VUE's exam player lets a
candidate cross out the options they have ruled out: the row is drawn struck through and
dimmed, it stays where it is (the cursor and the number keys still reach it, and picking it
is allowed), and ``x`` again restores it. Striking is never an answer and is not recorded.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from textual.content import Content
from textual.events import Click, Leave, MouseMove
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from quiz.engine.select import Item
from quiz.model import QuestionType
from quiz.tui.text import literal
from quiz.tui.widgets.lines import WIDTHS_KEPT, RowStrips
from quiz.tui.widgets.scrolling import show_rows

MARK_WIDTH = 10
"""Cells before the choice text: pointer, box, number, tick."""


class ChoiceList(Widget):
    """The rows of a question, with the current answer and a keyboard cursor."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; }
    """

    class Clicked(Message):
        """A row was clicked: pick (or, for ordering, select) it."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, item: Item, answer: Sequence[str] = (), *, locked: bool = False) -> None:
        super().__init__()
        self.kind = item.question.type
        self.texts = dict(item.choices)
        order = [cid for cid, _ in item.choices]
        if self.kind is QuestionType.ORDERING and sorted(answer) == sorted(order):
            order = list(answer)
        self.order = order
        self.picked: set[str] = set() if self.kind is QuestionType.ORDERING else set(answer)
        self.locked = locked
        self.cursor: int | None = 0 if self.kind is QuestionType.ORDERING else None
        self.verdicts: list[bool | None] = [None] * len(order)
        self.hover: int | None = None
        self.struck: set[str] = set()
        """Choice ids struck out by the learner (a reading aid, never part of the answer)."""
        self._texts = [literal(self.texts[cid]) for cid in order]
        self._layout: tuple[int, list[Content], list[int]] | None = None
        self._wrapped: dict[int, list[list[Content]]] = {}
        self._strips = RowStrips()

    # --- drawing ---------------------------------------------------------------------------

    def _mark(self, index: int) -> Content:
        pointer = "›" if index == self.cursor else " "
        selected = self._selected(index)
        if self.kind is QuestionType.ORDERING:
            body = f"{pointer}{'▶' if selected else ' '} {index + 1:>2}."
        else:
            on, off = ("[x]", "[ ]") if self.kind is QuestionType.MULTIPLE else ("(•)", "( )")
            body = f"{pointer}{on if selected else off} {index + 1:>2}"
        verdict = self.verdicts[index]
        body += {True: " ✓", False: " ✗", None: ""}[verdict]
        if verdict is None and self.order[index] in self.struck:
            body += " -"
        return Content.styled(body.ljust(MARK_WIDTH), self._style(index, mark=True))

    def _selected(self, index: int) -> bool:
        if self.kind is QuestionType.ORDERING:
            return index == self.cursor
        return self.order[index] in self.picked

    def _style(self, index: int, mark: bool = False) -> str:
        verdict = self.verdicts[index]
        if verdict is not None:
            return "bold $success" if verdict else "bold $error"
        if self._selected(index):
            return "bold $accent" if mark else "bold"
        if mark and index == self.cursor:
            return "reverse"
        return "strike $text-muted" if self.order[index] in self.struck else ""

    def _wrap(self, width: int) -> list[list[Content]]:
        """Each choice's text wrapped beside the marks (kept while only the marks change)."""
        found = self._wrapped.get(width)
        if found is None:
            if len(self._wrapped) >= WIDTHS_KEPT:
                self._wrapped.clear()
            found = self._wrapped[width] = [text.wrap(max(1, width - MARK_WIDTH))
                                            or [Content("")] for text in self._texts]
        return found

    def prewrap(self, width: int) -> None:
        """Wrap the choices for ``width`` now, off the key path (e.g. the width left beside
        the scroll bar the feedback panel will bring)."""
        if width > 0:
            self._wrap(width)

    def _lines(self, width: int) -> tuple[list[Content], list[int]]:
        """Every row wrapped to ``width``, and the first line of each row (for clicks)."""
        if self._layout is not None and self._layout[0] == width:
            return self._layout[1], self._layout[2]
        lines: list[Content] = []
        starts: list[int] = []
        indent = Content(" " * MARK_WIDTH)
        for index, wrapped in enumerate(self._wrap(width)):
            starts.append(len(lines))
            style = self._style(index)
            for number, line in enumerate(wrapped):
                body = line.stylize_before(style) if style else line
                row = (self._mark(index) if number == 0 else indent) + body
                if index == self.hover:
                    row = row.stylize_before("on $boost")
                lines.append(row)
        self._layout = (width, lines, starts)
        return lines, starts

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)[0])

    def render(self) -> Content:
        """Every row as one text (what a text selection copies)."""
        return Content("\n").join(self._lines(self.content_region.width or self.size.width)[0])

    def render_line(self, y: int) -> Strip:
        if self.text_selection is not None:  # Textual's own path draws the selection
            return super().render_line(y)
        return self._strips.get(self, self._lines(self.size.width)[0], y)

    def _redraw(self, layout: bool = False) -> None:
        self._layout = None
        self._strips.clear()
        self.refresh(layout=layout)

    # --- reading ---------------------------------------------------------------------------

    def answer(self) -> tuple[str, ...]:
        """The learner's answer: the order for ordering, else the picked ids in shown order."""
        if self.kind is QuestionType.ORDERING:
            return tuple(self.order)
        return tuple(cid for cid in self.order if cid in self.picked)

    def has_answer(self) -> bool:
        return self.kind is QuestionType.ORDERING or bool(self.picked)

    def count_text(self, wanted: int) -> str:
        """``1 of 2 chosen`` (a "choose N" item)."""
        return f"{len(self.picked)} of {wanted} chosen"

    # --- changes ---------------------------------------------------------------------------

    def pick(self, index: int) -> bool:
        """Pick choice ``index`` (0-based); True if the answer changed."""
        if self.locked or not 0 <= index < len(self.order):
            return False
        if self.kind is QuestionType.ORDERING:
            self._set_cursor(index)
            return False
        choice_id = self.order[index]
        if self.kind is QuestionType.MULTIPLE:
            self.picked ^= {choice_id}
        elif self.picked == {choice_id}:
            return False
        else:
            self.picked = {choice_id}
        self._redraw()
        return True

    def move_cursor(self, delta: int) -> None:
        """Move the keyboard cursor (for ordering: the selected step)."""
        if self.cursor is None:
            self._set_cursor(0 if delta > 0 else len(self.order) - 1)
        else:
            self._set_cursor(min(max(self.cursor + delta, 0), len(self.order) - 1))

    def pick_cursor(self) -> bool:
        """Pick the choice under the cursor (space)."""
        return self.pick(self.cursor) if self.cursor is not None else False

    def strike_cursor(self) -> bool | None:
        """Strike out the highlighted choice, or restore it; True when now struck, None when
        nothing can be struck (no highlighted choice, an ordering item, or locked)."""
        if self.locked or self.kind is QuestionType.ORDERING or self.cursor is None:
            return None
        choice_id = self.order[self.cursor]
        self.struck ^= {choice_id}
        self._redraw()
        return choice_id in self.struck

    def move_step(self, delta: int) -> bool:
        """Ordering: move the selected step up (-1) or down (+1); True if it moved."""
        if self.locked or self.kind is not QuestionType.ORDERING or self.cursor is None:
            return False
        here, there = self.cursor, self.cursor + delta
        if not 0 <= there < len(self.order):
            return False
        self.order[here], self.order[there] = self.order[there], self.order[here]
        self._texts[here], self._texts[there] = self._texts[there], self._texts[here]
        self._wrapped.clear()
        self.cursor = there
        self._redraw(layout=True)  # the two steps may wrap to different heights
        return True

    def _set_cursor(self, index: int) -> None:
        self.cursor = index
        self._redraw()
        self._show_cursor()

    def _show_cursor(self) -> None:
        """Scroll the question area so the cursor's row is visible (long stems push it down)."""
        if self.cursor is None or not self.content_region.width:
            return
        lines, starts = self._lines(self.content_region.width)
        first = starts[self.cursor]
        last = starts[self.cursor + 1] if self.cursor + 1 < len(starts) else len(lines)
        show_rows(self, first, last)

    def show_verdict(self, correct_ids: Sequence[str]) -> None:
        """Lock the list and mark each row right or wrong (after feedback)."""
        self.locked = True
        if self.kind is QuestionType.ORDERING:
            self.verdicts = [cid == right for cid, right in zip(self.order, correct_ids,
                                                                strict=True)]
        else:
            right = set(correct_ids)
            self.verdicts = [True if cid in right else (False if cid in self.picked else None)
                             for cid in self.order]
        self._redraw()

    # --- mouse -----------------------------------------------------------------------------

    def _row_at(self, y: int) -> int | None:
        _, starts = self._lines(self.content_region.width)
        row = bisect_right(starts, y) - 1
        return row if 0 <= row < len(self.order) else None

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        row = None if offset is None else self._row_at(offset.y)
        if row is not None:
            event.stop()
            self.post_message(self.Clicked(row))

    def on_mouse_move(self, event: MouseMove) -> None:
        offset = event.get_content_offset(self)
        row = None if offset is None else self._row_at(offset.y)
        if row != self.hover:
            self.hover = row
            self._redraw()

    def on_leave(self, event: Leave) -> None:
        if self.hover is not None:
            self.hover = None
            self._redraw()
