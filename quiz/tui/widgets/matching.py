"""A matching question: its categories, then each prompt with the category chosen for it.

Keyboard first. Categories keep their written order and are numbered (1 Training, 2
Inference...), listed once above the prompts; prompts are lettered (A, B, C...) in the order
this session shows them (``Item.prompts``). ↑ ↓ move between prompts; 1–9 give the
highlighted prompt that category and move on to the next prompt, so a five-prompt item is
five key presses; space gives it the next category. A click on a prompt highlights it, a
click on its "→" line gives it the next category.

It answers to the same calls as ``ChoiceList`` (``pick``, ``move_cursor``, ``answer``,
``show_verdict``...), so the session screens drive either. An answer is the pairs chosen
(``quiz.model.pair_id``), one per prompt matched, in the order shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from quiz.engine.select import Item
from quiz.model import QuestionType, pair_id, split_pair
from quiz.tui.text import literal_line
from quiz.tui.widgets.indented import Block, Line
from quiz.tui.widgets.scrolling import show_rows

LABEL_WIDTH = 5
"""Cells before a prompt's text: pointer, letter, space."""
CHOICE_INDENT = LABEL_WIDTH + 2
"""Where a prompt's "→ category" line starts."""


def prompt_label(index: int) -> str:
    """A prompt's letter: A..Z, then AA, AB... (any number of prompts has one)."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


class MatchingList(Widget):
    """The categories and the prompts of a matching item, with the learner's matches."""

    DEFAULT_CSS = """
    MatchingList { height: auto; }
    """

    class Changed(Message):
        """The mouse changed a prompt's category (keys go through the screen's actions)."""

    def __init__(self, item: Item, answer: Sequence[str] = (), *, locked: bool = False) -> None:
        super().__init__()
        self.kind = QuestionType.MATCHING
        self.prompts = item.prompts
        self.categories = item.question.categories
        ids = {p.id for p in self.prompts}
        categories = {c.id for c in self.categories}
        self.given: dict[str, str] = {}
        """Prompt id → the category id the learner gave it."""
        for choice_id in answer:
            prompt, category = split_pair(choice_id)
            if prompt in ids and category in categories:
                self.given[prompt] = category
        self.locked = locked
        self.cursor: int | None = None if locked else 0
        self.verdicts: list[bool | None] = [None] * len(self.prompts)
        self._layout: tuple[int, list[Content], list[int]] | None = None

    # --- reading ---------------------------------------------------------------------------

    def answer(self) -> tuple[str, ...]:
        """The pairs chosen, prompt by prompt in the order shown (unmatched ones left out)."""
        return tuple(pair_id(p.id, self.given[p.id]) for p in self.prompts if p.id in self.given)

    def has_answer(self) -> bool:
        return bool(self.given)

    def missing(self) -> list[str]:
        """The letters of the prompts not matched yet."""
        return [prompt_label(i) for i, p in enumerate(self.prompts) if p.id not in self.given]

    def count_text(self) -> str:
        """``2 of 3 matched``."""
        return f"{len(self.given)} of {len(self.prompts)} matched"

    # --- drawing ---------------------------------------------------------------------------

    def _category_text(self, category_id: str) -> Content:
        for number, category in enumerate(self.categories, 1):
            if category.id == category_id:
                return Content(f"{number} ") + literal_line(category.text)
        return Content(category_id)

    def _choice_line(self, index: int) -> Content:
        prompt = self.prompts[index]
        chosen = self.given.get(prompt.id)
        verdict = self.verdicts[index]
        if verdict is None:
            if chosen is None:
                return Content.styled("→ not matched yet", "italic $text-muted")
            return Content.styled("→ ", "bold $accent") + \
                self._category_text(chosen).stylize_before("bold")
        right = self._category_text(prompt.category)
        if verdict:
            return Content.styled("✓ right: ", "bold $success") + \
                right.stylize_before("bold $success")
        given = Content("not matched") if chosen is None else self._category_text(chosen)
        return Content.assemble(Content.styled("✗ wrong: ", "bold $error"),
                                given.stylize_before("$error"), " · it belongs to ",
                                right.stylize_before("bold"))

    def _blocks(self) -> list[Block]:
        """The categories, then one block per prompt (its text and its choice line)."""
        head: list[Line] = [(0, Content.styled("Categories:", "bold"))]
        head += [(2, Content.styled(f"{n} ", "bold") + literal_line(c.text))
                 for n, c in enumerate(self.categories, 1)]
        head.append((0, Content.styled("Prompts:", "bold")))
        blocks = [Block(head, hanging=2)]
        for index, prompt in enumerate(self.prompts):
            pointer = "›" if index == self.cursor else " "
            label = Content.styled(f"{pointer}{prompt_label(index):>2}".ljust(LABEL_WIDTH),
                                   "reverse bold" if index == self.cursor else "bold")
            blocks.append(Block([(0, label + literal_line(prompt.text)),
                                 (CHOICE_INDENT, self._choice_line(index))],
                                hanging=LABEL_WIDTH))
        return blocks

    def _lines(self, width: int) -> tuple[list[Content], list[int]]:
        """Every row at ``width``, and the first row of each prompt (for the cursor, clicks)."""
        if self._layout is not None and self._layout[0] == width:
            return self._layout[1], self._layout[2]
        rows: list[Content] = []
        starts: list[int] = []
        for number, block in enumerate(self._blocks()):
            if number:
                starts.append(len(rows))
            rows += block.rows(max(1, width))
        self._layout = (width, rows, starts)
        return rows, starts

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)[0])

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_region.width or self.size.width)[0])

    def _redraw(self) -> None:
        self._layout = None
        self.refresh(layout=True)

    def prewrap(self, width: int) -> None:
        """Nothing to do ahead of time: a matching item is a few short rows."""

    # --- changes ---------------------------------------------------------------------------

    def pick(self, index: int) -> bool:
        """Give the highlighted prompt category ``index`` (0-based) and move to the next
        prompt; True if the answer changed."""
        if self.locked or self.cursor is None or not 0 <= index < len(self.categories):
            return False
        prompt = self.prompts[self.cursor].id
        changed = self.given.get(prompt) != self.categories[index].id
        self.given[prompt] = self.categories[index].id
        if self.cursor + 1 < len(self.prompts):
            self.cursor += 1
        self._redraw()
        self._show_cursor()
        return changed

    def pick_cursor(self) -> bool:
        """Space: the highlighted prompt's next category (the first when unmatched)."""
        if self.locked or self.cursor is None:
            return False
        self._cycle(self.cursor)
        return True

    def _cycle(self, index: int) -> None:
        prompt = self.prompts[index].id
        ids = [c.id for c in self.categories]
        now = self.given.get(prompt)
        self.given[prompt] = ids[(ids.index(now) + 1) % len(ids)] if now in ids else ids[0]
        self._redraw()

    def move_cursor(self, delta: int) -> None:
        if self.locked or not self.prompts:
            return
        here = self.cursor if self.cursor is not None else (-1 if delta > 0 else 0)
        self.cursor = min(max(here + delta, 0), len(self.prompts) - 1)
        self._redraw()
        self._show_cursor()

    def move_step(self, delta: int) -> bool:
        return False

    def strike_cursor(self) -> bool | None:
        """Striking out is for choices; a matching item has none (None: not possible)."""
        return None

    def show_verdict(self, correct_ids: Sequence[str]) -> None:
        """Lock the list and say right or wrong on each prompt's line."""
        self.locked = True
        self.cursor = None
        self.verdicts = [self.given.get(p.id) == p.category for p in self.prompts]
        self._redraw()

    def _show_cursor(self) -> None:
        """Keep the highlighted prompt (its text and its choice line) in view."""
        if self.cursor is None or not self.content_region.width:
            return
        rows, starts = self._lines(self.content_region.width)
        first = starts[self.cursor]
        last = starts[self.cursor + 1] if self.cursor + 1 < len(starts) else len(rows)
        show_rows(self, first, last)

    # --- mouse -----------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.locked:
            return
        rows, starts = self._lines(self.content_region.width)
        index = next((i for i in reversed(range(len(starts))) if starts[i] <= offset.y), None)
        if index is None:
            return
        event.stop()
        end = starts[index + 1] if index + 1 < len(starts) else len(rows)
        self.cursor = index
        if offset.y == end - 1:  # the "→ category" line: the next category
            self._cycle(index)
            self.post_message(self.Changed())
        else:
            self._redraw()
