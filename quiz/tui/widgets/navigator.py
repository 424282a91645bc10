"""The exam navigator: every question as a numbered cell, marked answered, partly answered,
flagged, current.

Partly answered is an answer saved but incomplete: a "choose N" item with fewer than N
chosen, a matching item with prompts left unmatched (an exam saves them as they come).

Drawn as one widget (one ``Content``) rather than a button per question, so an exam of any
length costs one render; a click is mapped from its cell back to the question.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from quiz.engine.session import Session
from quiz.model import QuestionType, split_pair
from quiz.tui.text import MUTED

LEGEND = "✓ answered ◐ partly ⚑ flagged"


def is_answered(session: Session, position: int) -> bool:
    """An item counts as answered when it has a non-empty answer."""
    given = session.answers.get(position)
    return given is not None and bool(given.choice_ids)


def is_partial(session: Session, position: int) -> bool:
    """An answer saved but incomplete: fewer choices than a "choose N" item asks for, or a
    matching item with prompts not matched."""
    given = session.answers.get(position)
    if given is None or not given.choice_ids:
        return False
    question = session.items.questions[position]
    if question.type is QuestionType.MULTIPLE:
        return len(given.choice_ids) < len(question.correct_ids)
    if question.type is QuestionType.MATCHING:
        matched = {split_pair(cid)[0] for cid in given.choice_ids}
        return any(p.id not in matched for p in question.prompts)
    return False


class Navigator(Widget):
    """Cells like `` 12✓⚑``; click one to go there."""

    DEFAULT_CSS = """
    Navigator { height: auto; }
    """

    class Selected(Message):
        """A question was chosen in the navigator (0-based position)."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, session: Session, id: str | None = "navigator") -> None:  # noqa: A002
        super().__init__(id=id)
        self.session = session
        self.digits = len(str(len(session.items)))

    @property
    def cell_width(self) -> int:
        return self.digits + 3

    def _per_row(self, width: int) -> int:
        return max(1, width // self.cell_width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows = -(-len(self.session.items) // self._per_row(width))
        return rows + 1

    def render(self) -> Content:
        session = self.session
        per_row = self._per_row(self.content_region.width or self.size.width)
        lines: list[Content] = []
        row: list[Content] = []
        for position in range(len(session.items)):
            answered = is_answered(session, position)
            mark = ("◐" if is_partial(session, position) else "✓") if answered else " "
            text = (f"{position + 1:>{self.digits}}{mark}"
                    f"{'⚑' if position in session.flags else ' '} ")
            styles = []
            if position == session.current:
                styles.append("reverse bold")
            elif answered:
                styles.append("$success")
            if position in session.flags:
                styles.append("$warning" if position != session.current else "")
            row.append(Content.styled(text, " ".join(s for s in styles if s)))
            if len(row) == per_row:
                lines.append(Content("").join(row))
                row = []
        if row:
            lines.append(Content("").join(row))
        lines.append(Content.styled(LEGEND, MUTED))
        return Content("\n").join(lines)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = offset.y * self._per_row(self.content_region.width) + \
            offset.x // self.cell_width
        if offset.x // self.cell_width < self._per_row(self.content_region.width) and \
                0 <= position < len(self.session.items):
            event.stop()
            self.post_message(self.Selected(position))
