"""Moving results between machines: exporting a learner's answers as JSON Lines, and opening
stores and exports as report sources (for ``quiz report --class``).

An export is UTF-8 JSON Lines, one object a line, each with a ``type``:

- ``export`` (first line): ``format`` ("quiz-results"), ``version`` (1), ``learner`` (or
  null for every learner), ``exported_at``, ``store_schema``;
- ``session``: ``learner, session_id, mode, bank_id, status, started_at, ended_at, elapsed,
  time_limit, questions`` (an exam's questions, in order; for practice and review, which
  draw from a whole bank and store no list, the questions answered, in order);
- ``response``: ``learner, session_id, mode, status, bank_id, position, question_id,
  content_hash, phase, objectives, answer, score, confidence, time_ms, answered_at``.

Response lines carry their session's mode, status and bank, so a file of response lines alone
(or one written by another tool) is enough; ``quiz items`` reads the same lines. When reading,
a response needs ``learner, session_id, question_id, score, answer``; missing fields get the
defaults documented in docs/reports.md (notably: without ``content_hash`` the answer is taken
to be to the question's current version, and without ``phase``/``objectives`` the current
question's are used).

A store is opened read-only; an export is loaded into a temporary store (a file, not memory,
so a large export does not fill memory) and queried like any other.
"""

from __future__ import annotations

import json
import math
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TypeGuard
from urllib.parse import quote

from quiz.errors import QuizError, StoreError
from quiz.store.schema import SCHEMA_VERSION
from quiz.text import safe_json

FORMAT = "quiz-results"
VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"


# --- opening stores -----------------------------------------------------------------------


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing store without ever writing to it."""
    if not path.is_file():
        raise StoreError(f"{path}: no progress store here; pass --db PATH with an existing "
                         "store")
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


def is_store(path: Path) -> bool:
    """True when the file starts like an SQLite database (else it is read as JSON Lines)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError as exc:
        raise QuizError(f"{path}: cannot read ({exc.strerror or exc})") from None


# --- export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    learners: int
    sessions: int
    responses: int


def _dump(record: dict[str, Any]) -> str:
    return safe_json(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + "\n"


def _list(text: str) -> list[Any]:
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return []
    return value if isinstance(value, list) else []


def export_results(conn: sqlite3.Connection, out: IO[str], learner: str | None = None,
                   now: datetime | None = None) -> Exported:
    """Write the learner's (or every learner's) sessions and responses as JSON Lines,
    streaming: memory does not grow with the number of responses."""
    params: tuple[str, ...] = (learner,) if learner is not None else ()
    only = " AND l.name = ?" if learner is not None else ""
    out.write(_dump({"type": "export", "format": FORMAT, "version": VERSION,
                     "learner": learner, "store_schema": SCHEMA_VERSION,
                     "exported_at": (now or datetime.now(UTC)).isoformat(timespec="seconds")}))
    sessions = 0
    for row in conn.execute(
            "SELECT l.name, s.id, s.mode, s.bank_id, s.status, s.started_at, s.ended_at,"
            " s.elapsed, s.time_limit, s.items FROM sessions s JOIN learners l"
            f" ON l.id = s.learner_id WHERE 1{only} ORDER BY s.id", params):
        name, sid, mode, bank, status, started, ended, elapsed, limit, items = row
        questions = [entry[0] for entry in _list(items)
                     if isinstance(entry, list) and entry and isinstance(entry[0], str)]
        if not questions:  # a session that stores no list: what was answered
            questions = [q for (q,) in conn.execute(
                "SELECT question_id FROM responses WHERE session_id = ? ORDER BY position",
                (sid,))]
        out.write(_dump({"type": "session", "learner": name, "session_id": sid, "mode": mode,
                         "bank_id": bank, "status": status, "started_at": started,
                         "ended_at": ended, "elapsed": elapsed, "time_limit": limit,
                         "questions": questions}))
        sessions += 1
    responses = 0
    names: set[str] = set()
    for row in conn.execute(
            "SELECT l.name, r.session_id, s.mode, s.status, s.bank_id, r.position,"
            " r.question_id, r.content_hash, r.phase, r.objectives, r.answer, r.score,"
            " r.confidence, r.time_ms, r.answered_at FROM responses r"
            " JOIN sessions s ON s.id = r.session_id JOIN learners l ON l.id = r.learner_id"
            f" WHERE 1{only} ORDER BY r.id", params):
        (name, sid, mode, status, bank, position, qid, chash, phase, objectives, answer,
         score, confidence, time_ms, answered_at) = row
        names.add(name)
        out.write(_dump({"type": "response", "learner": name, "session_id": sid,
                         "mode": mode, "status": status, "bank_id": bank,
                         "position": position, "question_id": qid, "content_hash": chash,
                         "phase": phase, "objectives": _list(objectives),
                         "answer": _list(answer), "score": score, "confidence": confidence,
                         "time_ms": time_ms, "answered_at": answered_at}))
        responses += 1
    return Exported(len(names), sessions, responses)


# --- import into a temporary store --------------------------------------------------------

QuestionFacts = Callable[[str], tuple[str, str, list[str]] | None]
"""question id → (content hash, phase, objectives) of the current question, if loaded."""


class _Importer:
    """Turns export lines into rows of a fresh store, keeping ids apart per learner."""

    def __init__(self, conn: sqlite3.Connection, facts: QuestionFacts) -> None:
        self.conn = conn
        self.facts = facts
        self.learners: dict[str, int] = {}
        self.sessions: dict[tuple[str, str], int] = {}
        self.positions: dict[int, int] = {}

    def learner(self, name: str) -> int:
        found = self.learners.get(name)
        if found is None:
            cursor = self.conn.execute(
                "INSERT INTO learners (name, created_at) VALUES (?, '')", (name,))
            found = self.learners[name] = int(cursor.lastrowid or 0)
        return found

    def session(self, learner: str, key: str, record: dict[str, Any], where: str) -> int:
        found = self.sessions.get((learner, key))
        if found is not None:
            return found
        mode = _str(record, "mode", "session_mode") or "practice"
        status = _str(record, "status", "session_status") or "finished"
        bank = _str(record, "bank_id", "bank") or ""
        questions = record.get("questions")
        items = json.dumps([[q, []] for q in questions if isinstance(q, str)]
                           if isinstance(questions, list) else [])
        elapsed = record.get("elapsed")
        cursor = self.conn.execute(
            "INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items, time_limit,"
            " started_at, ended_at, status, elapsed) VALUES (?, ?, ?, 0, '{}', ?, NULL, ?, ?,"
            " ?, ?)",
            (self.learner(learner), mode, bank, items,
             _when(record.get("started_at"), where) or "",
             _when(record.get("ended_at"), where), status,
             float(elapsed) if _number(elapsed) else 0.0))
        found = self.sessions[(learner, key)] = int(cursor.lastrowid or 0)
        return found

    def line(self, record: dict[str, Any], where: str) -> None:
        kind = record.get("type", record.get("kind", "response"))
        if kind == "session":
            learner = _required(record, where, "learner", "learner_name")
            self.session(learner, _required(record, where, "session_id", "session"), record,
                         where)
        elif kind == "response":
            self.response(record, where)

    def response(self, record: dict[str, Any], where: str) -> None:
        learner = _required(record, where, "learner", "learner_name")
        sid = self.session(learner, _required(record, where, "session_id", "session"), record,
                           where)
        qid = _required(record, where, "question_id")
        score = record.get("score")
        if not _number(score) or not 0.0 <= float(score) <= 1.0:
            raise QuizError(f"{where}: 'score' must be a number from 0 to 1, not {score!r:.40}")
        answer = record.get("answer")
        if isinstance(answer, str):
            answer = _list(answer) if answer.startswith("[") else None
        if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            raise QuizError(f"{where}: 'answer' must be a list of choice ids")
        facts = self.facts(qid)
        chash = _str(record, "content_hash") or (facts[0] if facts else "")
        phase = _str(record, "phase") or (facts[1] if facts else "")
        objectives = record.get("objectives")
        if not isinstance(objectives, list):
            objectives = facts[2] if facts else []
        confidence = record.get("confidence")
        if not (isinstance(confidence, int) and not isinstance(confidence, bool)
                and 1 <= confidence <= 3):
            confidence = None
        time_ms = record.get("time_ms")
        position = record.get("position")
        if not isinstance(position, int) or isinstance(position, bool):
            position = self.positions.get(sid, 0)
        self.positions[sid] = max(self.positions.get(sid, 0), position + 1)
        self.conn.execute(
            "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
            " phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, position)"
            " DO UPDATE SET answer = excluded.answer, score = excluded.score",
            (sid, self.learner(learner), position, qid, chash, phase,
             json.dumps([str(o) for o in objectives]), json.dumps(answer), float(score),
             confidence, int(time_ms) if _number(time_ms) else 0,
             _when(record.get("answered_at"), where) or ""))


def _number(value: object) -> TypeGuard[float]:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _str(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            return str(value)
    return None


def _required(record: dict[str, Any], where: str, *names: str) -> str:
    value = _str(record, *names)
    if value is None:
        raise QuizError(f"{where}: missing '{names[0]}' (a non-empty string or number)")
    return value


def _when(value: object, where: str) -> str | None:
    """A time stamp normalised to UTC ISO text (so that text order is time order)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise QuizError(f"{where}: a time must be ISO 8601 text, not {value!r:.40}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise QuizError(f"{where}: {value!r:.40} is not an ISO 8601 time") from None
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return parsed.isoformat()


def _records(path: Path) -> Iterator[tuple[dict[str, Any], str]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise QuizError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise QuizError(f"{where}:{getattr(exc, 'colno', 1)}: not valid JSON "
                                    f"({exc}); each line must be one JSON object") from None
                if not isinstance(record, dict):
                    raise QuizError(f"{where}:1: expected a JSON object, found "
                                    f"{type(record).__name__}")
                yield record, where
        except UnicodeDecodeError as exc:
            raise QuizError(f"{path}: not UTF-8 text ({exc.reason}); is it a JSON Lines "
                            "export or a progress store?") from None


def load_export(path: Path, folder: Path, facts: QuestionFacts) -> sqlite3.Connection:
    """A temporary store in ``folder`` holding the export's sessions and responses."""
    from quiz.store.db import connect

    target = folder / f"import-{len(list(folder.iterdir()))}.sqlite3"
    conn = connect(target)
    conn.execute("PRAGMA synchronous = OFF")  # a scratch copy: durability is not needed
    conn.execute("BEGIN")
    try:
        importer = _Importer(conn, facts)
        for record, where in _records(path):
            importer.line(record, where)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        raise
    return conn


@dataclass(frozen=True)
class Source:
    """One opened source of a class report."""

    label: str
    conn: sqlite3.Connection


def open_sources(paths: list[Path], stack: ExitStack, facts: QuestionFacts) -> list[Source]:
    """Open each path as a store (read-only) or an export (loaded into a temporary store);
    everything is closed and deleted when ``stack`` closes."""
    folder: Path | None = None
    opened = []
    for path in paths:
        if not path.exists():
            raise QuizError(f"{path}: no such file; pass a progress store or a JSON Lines "
                            "export (quiz export-results)")
        if is_store(path):
            conn = open_readonly(path)
        else:
            if folder is None:
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(
                    prefix="quiz-class-")))
            conn = load_export(path, folder, facts)
        stack.callback(conn.close)
        opened.append(Source(path.name, conn))
    return opened
