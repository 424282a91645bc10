"""Helpers for plain-mode tests: the fixture bank, a scripted input, reading the store back."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from quiz.engine.clock import FakeClock
from quiz.engine.select import Item
from quiz.model import QuestionType, pair_id
from quiz.plain.pairs import letter
from quiz.workspace import Workspace

DATA = Path(__file__).parent / "data"
BANKS = DATA / "question_banks"
BOX_DRAWING = range(0x2500, 0x25A0)
# the open_workspace fixture: a workspace on the given banks (or the fixture bank)
WorkspaceFactory = Callable[..., Workspace]
"""Box drawing and block elements (U+2500–U+259F): none of them may appear in plain output."""


class Script:
    """Input lines given in advance; each read may move a fake clock first (an exam's
    learner who takes their time). None in ``lines`` means the end of input there."""

    def __init__(self, lines: Iterable[str], clock: FakeClock | None = None,
                 seconds_per_line: float = 0.0) -> None:
        self.lines = list(lines)
        self.clock = clock
        self.seconds = seconds_per_line
        self.timeouts: list[float | None] = []

    def read(self, timeout: float | None = None) -> str | None:
        self.timeouts.append(timeout)
        if self.clock is not None and self.seconds:
            if timeout is not None and self.seconds >= timeout:
                self.clock.advance(timeout)
                raise TimeoutError
            self.clock.advance(self.seconds)
        return self.lines.pop(0) if self.lines else None


def stored_answers(db: Path, session_id: int) -> dict[int, tuple[str, ...]]:
    """position → answer, as the store holds them for one session."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT position, answer FROM responses WHERE session_id = ?",
                            (session_id,)).fetchall()
    return {position: tuple(json.loads(answer)) for position, answer in rows}


def session_status(db: Path, session_id: int) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT status FROM sessions WHERE id = ?", (session_id,)).fetchone()
    return str(row[0])


def plain_of(output: io.StringIO, echoes_input: bool = False) -> str:
    """The output, checked: no escape ever; no box drawing unless the learner typed some
    (a line that is not an answer is quoted back, made safe but not censored)."""
    text = output.getvalue()
    assert "\x1b" not in text
    if not echoes_input:
        assert not any(ord(ch) in BOX_DRAWING for ch in text)
    return text


def right_line(item: Item) -> str:
    """What a learner types to answer ``item`` fully right, by the numbers (and, for a
    matching item, the letters) on screen."""
    question = item.question
    if question.type is QuestionType.MATCHING:
        letters = {c.id: letter(i) for i, c in enumerate(question.categories)}
        return " ".join(f"{n}{letters[p.category]}" for n, p in enumerate(item.prompts, 1))
    if question.type is QuestionType.ORDERING:
        return " ".join(str(item.order.index(c) + 1) for c in question.correct_ids)
    right = set(question.correct_ids)
    return " ".join(str(n) for n, cid in enumerate(item.order, 1) if cid in right)


def right_ids(item: Item) -> tuple[str, ...]:
    """The answer ``right_line`` gives, as the store keeps it (pair ids in screen order
    of the prompts; ordering steps in order; other choices in screen order)."""
    question = item.question
    if question.type is QuestionType.MATCHING:
        return tuple(pair_id(p.id, p.category) for p in item.prompts)
    if question.type is QuestionType.ORDERING:
        return question.correct_ids
    return tuple(cid for cid in item.order if cid in set(question.correct_ids))
