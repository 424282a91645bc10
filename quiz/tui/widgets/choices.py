"""The choices of one question: picking, toggling, a keyboard cursor, and reordering steps.

Built once per question; each key press touches only the rows it changes (O(1) in the size of
the bank and of the session). Rows are clickable. The list keeps the learner's current
answer; the screen decides when it is submitted.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from quiz.engine.select import Item
from quiz.model import QuestionType
from quiz.tui.text import literal

SINGLE_LIKE = (QuestionType.SINGLE, QuestionType.TRUE_FALSE, QuestionType.PHASE)


class ChoiceRow(Widget):
    """One choice: a marker column and the text, which wraps with a hanging indent."""

    DEFAULT_CSS = """
    ChoiceRow { layout: horizontal; height: auto; }
    ChoiceRow > .mark { width: 10; }
    ChoiceRow > .text { width: 1fr; }
    """

    class Clicked(Message):
        """The row was clicked: pick (or, for ordering, select) it."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, choice_id: str, text: str, kind: QuestionType) -> None:
        super().__init__()
        self.index = index
        self.choice_id = choice_id
        self.kind = kind
        self.selected = False
        self.cursor = False
        self.verdict: bool | None = None
        self._mark = Static(self._mark_content(), classes="mark")
        self._text = Static(literal(text), classes="text")

    def compose(self) -> ComposeResult:
        yield self._mark
        yield self._text

    def _mark_content(self) -> Content:
        pointer = "›" if self.cursor else " "
        if self.kind is QuestionType.ORDERING:
            box = "▶" if self.selected else " "
            body = f"{pointer}{box} {self.index + 1:>2}."
        else:
            on, off = ("[x]", "[ ]") if self.kind is QuestionType.MULTIPLE else ("(•)", "( )")
            body = f"{pointer}{on if self.selected else off} {self.index + 1:>2}"
        tick = {True: " ✓", False: " ✗", None: ""}[self.verdict]
        return Content(body + tick)

    def set_state(
        self, *, selected: bool | None = None, cursor: bool | None = None,
        verdict: bool | None = None, clear_verdict: bool = False,
    ) -> None:
        """Change what the row shows; only what is passed changes."""
        if selected is not None:
            self.selected = selected
        if cursor is not None:
            self.cursor = cursor
        if verdict is not None or clear_verdict:
            self.verdict = verdict
        self.set_class(self.selected, "-selected")
        self.set_class(self.cursor, "-cursor")
        self.set_class(self.verdict is True, "-right")
        self.set_class(self.verdict is False, "-wrong")
        self._mark.update(self._mark_content(), layout=False)

    def set_choice(self, choice_id: str, text: str) -> None:
        """Show another choice in this place (ordering moves steps between rows)."""
        self.choice_id = choice_id
        self._text.update(literal(text))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.index))


class ChoiceList(Vertical):
    """The rows of a question, with the current answer and a keyboard cursor."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; }
    """

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
        self.rows = [ChoiceRow(i, cid, self.texts[cid], self.kind) for i, cid in enumerate(order)]
        for row in self.rows:
            row.set_state(selected=row.choice_id in self.picked or row.index == self.cursor,
                          cursor=row.index == self.cursor)

    def compose(self) -> ComposeResult:
        yield from self.rows

    def answer(self) -> tuple[str, ...]:
        """The learner's answer: the order for ordering, else the picked ids in shown order."""
        if self.kind is QuestionType.ORDERING:
            return tuple(self.order)
        return tuple(cid for cid in self.order if cid in self.picked)

    def has_answer(self) -> bool:
        return self.kind is QuestionType.ORDERING or bool(self.picked)

    # --- changes ---------------------------------------------------------------------------

    def pick(self, index: int) -> bool:
        """Pick choice ``index`` (0-based); True if the answer changed."""
        if self.locked or not 0 <= index < len(self.rows):
            return False
        if self.kind is QuestionType.ORDERING:
            self._set_cursor(index)
            return False
        choice_id = self.order[index]
        if self.kind is QuestionType.MULTIPLE:
            now = choice_id not in self.picked
            (self.picked.add if now else self.picked.discard)(choice_id)
            self.rows[index].set_state(selected=now)
            return True
        if self.picked == {choice_id}:
            return False
        for cid in self.picked:
            self.rows[self.order.index(cid)].set_state(selected=False)
        self.picked = {choice_id}
        self.rows[index].set_state(selected=True)
        return True

    def move_cursor(self, delta: int) -> None:
        """Move the keyboard cursor (for ordering: the selected step)."""
        if self.cursor is None:
            self._set_cursor(0 if delta > 0 else len(self.rows) - 1)
        else:
            self._set_cursor(min(max(self.cursor + delta, 0), len(self.rows) - 1))

    def pick_cursor(self) -> bool:
        """Pick the choice under the cursor (space)."""
        return self.pick(self.cursor) if self.cursor is not None else False

    def move_step(self, delta: int) -> bool:
        """Ordering: move the selected step up (-1) or down (+1); True if it moved."""
        if self.locked or self.kind is not QuestionType.ORDERING or self.cursor is None:
            return False
        here, there = self.cursor, self.cursor + delta
        if not 0 <= there < len(self.rows):
            return False
        self.order[here], self.order[there] = self.order[there], self.order[here]
        for index in (here, there):
            cid = self.order[index]
            self.rows[index].set_choice(cid, self.texts[cid])
        self._set_cursor(there)
        return True

    def _set_cursor(self, index: int) -> None:
        old = self.cursor
        self.cursor = index
        ordering = self.kind is QuestionType.ORDERING
        if old is not None and old != index:
            self.rows[old].set_state(cursor=False, selected=False if ordering else None)
        self.rows[index].set_state(cursor=True, selected=True if ordering else None)
        self.rows[index].scroll_visible(animate=False)

    def show_verdict(self, correct_ids: Sequence[str]) -> None:
        """Lock the list and mark each row right or wrong (after feedback)."""
        self.locked = True
        if self.kind is QuestionType.ORDERING:
            for row, (cid, right) in zip(self.rows, zip(self.order, correct_ids, strict=True),
                                         strict=True):
                row.set_state(verdict=cid == right)
            return
        right_ids = set(correct_ids)
        for row in self.rows:
            if row.choice_id in right_ids:
                row.set_state(verdict=True)
            elif row.choice_id in self.picked:
                row.set_state(verdict=False)
