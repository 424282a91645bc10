"""Reading responses for item analysis from progress stores and JSON Lines exports.

Sources are read one after another and streamed as ``ResponseRow``s in recorded order. A
store is opened with the one read-only opener (``quiz.store.readonly``): item analysis never
migrates, repairs or creates a file. An export goes through the one export reader
(``quiz.store.exchange.open_sources``, which ``quiz report --class`` uses too): it is loaded
into a temporary store and then read exactly as a store is, so an export gives the figures of
the store it was exported from, exam layouts (unanswered positions scored 0) included.

Learners and sessions are told apart per source, so two learners' stores that both say
"learner" or "session 1" never merge by accident.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from quiz.errors import QuizError, StoreError
from quiz.reports.items.attempts import EXAM, ExamLayout, ResponseRow
from quiz.store.exchange import QuestionFacts, open_sources
from quiz.store.readonly import open_readonly

SUBMITTED = ("submitted", "finished")


class Collector:
    """Streams the rows of several sources; ``layouts`` fills in as they are read."""

    def __init__(self, stores: list[Path], exports: list[Path],
                 facts: QuestionFacts | None = None) -> None:
        self.stores = stores
        self.exports = exports
        self.facts: QuestionFacts = facts or (lambda _question: None)
        self.layouts: dict[str, ExamLayout] = {}

    def rows(self) -> Iterator[ResponseRow]:
        index = 0
        for path in self.stores:
            index += 1
            yield from read_store(path, f"s{index}", self.layouts)
        with ExitStack() as stack:
            # every export is checked and loaded before the first row: a bad line in the last
            # file stops the command before any figure is computed
            sources = open_sources(list(self.exports), stack, self.facts)
            for path, source in zip(self.exports, sources, strict=True):
                index += 1
                yield from _rows(source.conn, path, f"s{index}", self.layouts)


def read_store(path: Path, prefix: str, layouts: dict[str, ExamLayout]
               ) -> Iterator[ResponseRow]:
    """The store's responses in the order they were first recorded."""
    conn = open_readonly(path)
    try:
        yield from _rows(conn, path, prefix, layouts)
    finally:
        conn.close()


def _rows(conn: sqlite3.Connection, path: Path, prefix: str,
          layouts: dict[str, ExamLayout]) -> Iterator[ResponseRow]:
    try:
        yield from _store_rows(conn, path, prefix, layouts)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: reading failed ({exc}); run `quiz doctor` on it") from None


def _store_rows(conn: sqlite3.Connection, path: Path, prefix: str,
                layouts: dict[str, ExamLayout]) -> Iterator[ResponseRow]:
    # per session once: its keys and mode, so the per-row work is a dict lookup
    sessions: dict[int, tuple[str, str, str, bool, str]] = {}
    for sid, lid, mode, status, bank_id, items in conn.execute(
            "SELECT id, learner_id, mode, status, bank_id, items FROM sessions"):
        key = f"{prefix}:{sid}"
        submitted = mode != EXAM or status in SUBMITTED
        sessions[sid] = (key, f"{prefix}:L{lid}", str(mode), submitted, str(bank_id))
        if mode == EXAM and submitted:
            layout = _layout(key, items)
            if layout is not None:
                layouts[key] = layout
    answers: dict[str, tuple[str, ...]] = {}
    for sid, position, question_id, content_hash, answer, score in conn.execute(
            "SELECT session_id, position, question_id, content_hash, answer, score"
            " FROM responses ORDER BY id"):
        session = sessions.get(sid)
        if session is None:  # an orphaned row (quiz doctor reports these); not an attempt
            continue
        picked = answers.get(answer)
        if picked is None:
            picked = answers[answer] = _decode_answer(answer, str(path))
        if not (isinstance(score, (int, float)) and 0.0 <= score <= 1.0):
            raise StoreError(f"{path}: a response to '{question_id}' has score {score!r}, "
                             "outside 0..1; run `quiz doctor` on the store")
        key, learner, mode, submitted, bank_id = session
        yield ResponseRow(learner, key, mode, submitted, bank_id, position, question_id,
                          content_hash, picked, float(score))


def _layout(key: str, items: str) -> ExamLayout | None:
    try:
        parsed = json.loads(items)
        return ExamLayout(key, tuple(str(entry[0]) for entry in parsed))
    except (ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None  # without a layout, unanswered positions are simply absent


def _decode_answer(text: str, where: str) -> tuple[str, ...]:
    try:
        value = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuizError(f"{where}: an answer is not a list of choice ids: {text!r:.60}")
    return tuple(value)
