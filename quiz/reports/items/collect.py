"""Reading responses for item analysis from progress stores and JSON Lines exports.

Sources are read one after another and streamed as ``ResponseRow``s in recorded order. A
store is opened read-only (``mode=ro``): item analysis never migrates, repairs or creates a
file. Learners and sessions are told apart per source, so two learners' stores that both say
"learner" or "session 1" never merge by accident.

JSON Lines (one object a line; blank lines skipped) needs at least::

    {"learner": "ana", "session_id": 12, "question_id": "tvi-001",
     "answer": ["b"], "score": 1.0}

and uses when present: ``mode`` and ``status`` (of the session: an exam counts only when
``status`` is submitted or finished, or absent), ``bank_id`` (or ``bank``), ``position``,
``content_hash``. ``answer`` may also be the JSON text of the list, as the store keeps it.
Lines whose ``type`` (or ``kind``) is present and is not ``response`` are other records of
an export and are skipped. The first malformed line stops the read with its file and line.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from quiz.errors import QuizError, StoreError
from quiz.reports.items.attempts import EXAM, ExamLayout, ResponseRow
from quiz.store.schema import SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
SUBMITTED = ("submitted", "finished")

BankOf = Callable[[str], str]


def is_store(path: Path) -> bool:
    """True when the file starts like an SQLite database (else it is read as JSON Lines)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError as exc:
        raise QuizError(f"{path}: cannot read ({exc.strerror or exc})") from None


class Collector:
    """Streams the rows of several sources; ``layouts`` fills in as stores are read."""

    def __init__(self, stores: list[Path], exports: list[Path],
                 bank_of: BankOf | None = None) -> None:
        self.stores = stores
        self.exports = exports
        self.bank_of: BankOf = bank_of or (lambda _question: "")
        self.layouts: dict[str, ExamLayout] = {}

    def rows(self) -> Iterator[ResponseRow]:
        index = 0
        for path in self.stores:
            index += 1
            yield from read_store(path, f"s{index}", self.layouts)
        for path in self.exports:
            index += 1
            if is_store(path):
                yield from read_store(path, f"s{index}", self.layouts)
            else:
                yield from read_jsonl(path, f"j{index}", self.bank_of)


def _open_readonly(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"{path}: no progress store here; pass --db PATH with an existing "
                         "store, or --class FILE with a JSON Lines export")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot be read as a progress store ({exc}); run "
                         "`quiz doctor` on it") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{path}: written by a newer version of quiz (schema {version}, this "
                         f"version knows {SCHEMA_VERSION}); upgrade quiz")
    if not {"learners", "sessions", "responses"} <= tables:
        conn.close()
        raise StoreError(f"{path}: not a quiz progress store (no responses table)")
    return conn


def read_store(path: Path, prefix: str, layouts: dict[str, ExamLayout]
               ) -> Iterator[ResponseRow]:
    """The store's responses in the order they were first recorded."""
    conn = _open_readonly(path)
    try:
        yield from _store_rows(conn, path, prefix, layouts)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: reading failed ({exc}); run `quiz doctor` on it") from None
    finally:
        conn.close()


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
    except (ValueError, TypeError, IndexError, KeyError):
        return None  # without a layout, unanswered positions are simply absent


def _decode_answer(text: str, where: str) -> tuple[str, ...]:
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuizError(f"{where}: an answer is not a list of choice ids: {text!r:.60}")
    return tuple(value)


def read_jsonl(path: Path, prefix: str, bank_of: BankOf) -> Iterator[ResponseRow]:
    """The export's response lines, in file order."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise QuizError(f"{path}: cannot read ({exc.strerror or exc})") from None
    answers: dict[str, tuple[str, ...]] = {}
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                row = _jsonl_row(line, f"{path}:{number}", prefix, bank_of, answers)
                if row is not None:
                    yield row
        except UnicodeDecodeError as exc:
            raise QuizError(f"{path}: not UTF-8 text ({exc.reason}); is it a JSON Lines "
                            "export or a progress store?") from None


def _jsonl_row(line: str, where: str, prefix: str, bank_of: BankOf,
               answers: dict[str, tuple[str, ...]]) -> ResponseRow | None:
    try:
        record = json.loads(line)
    except ValueError as exc:
        column = getattr(exc, "colno", 1)
        raise QuizError(f"{where}:{column}: not valid JSON ({exc}); each line must be one "
                        "JSON object") from None
    if not isinstance(record, dict):
        raise QuizError(f"{where}:1: expected a JSON object, found {type(record).__name__}")
    kind = record.get("type", record.get("kind"))
    if kind is not None and kind != "response":
        return None
    learner = _text(record, where, "learner", "learner_name")
    session = _text(record, where, "session_id", "session")
    question_id = _text(record, where, "question_id")
    score = record.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)) \
            or not math.isfinite(score) or not 0.0 <= score <= 1.0:
        raise QuizError(f"{where}: 'score' must be a number from 0 to 1, not {score!r:.40}")
    answer = _answer(record.get("answer", _MISSING), where, answers)
    mode = str(record.get("mode", record.get("session_mode", "")) or "")
    status = record.get("status", record.get("session_status"))
    submitted = mode != EXAM or status is None or status in SUBMITTED
    bank_id = record.get("bank_id", record.get("bank"))
    position = record.get("position")
    content_hash = record.get("content_hash")
    return ResponseRow(
        f"{prefix}:{learner}", f"{prefix}:{learner}:{session}", mode, submitted,
        str(bank_id) if bank_id else bank_of(question_id),
        position if isinstance(position, int) and not isinstance(position, bool) else None,
        question_id, str(content_hash) if content_hash else "", answer, float(score))


_MISSING = object()


def _text(record: Mapping[str, Any], where: str, *names: str) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            return str(value)
    raise QuizError(f"{where}: missing '{names[0]}' (a non-empty string or number)")


def _answer(value: object, where: str, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if value is _MISSING:
        raise QuizError(f"{where}: missing 'answer' (a list of choice ids)")
    if isinstance(value, str):
        cached = cache.get(value)
        if cached is None:
            cached = cache[value] = _decode_answer(value, where)
        return cached
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise QuizError(f"{where}: 'answer' must be a list of choice ids, not {value!r:.40}")
