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
(or one written by another tool) is enough. When reading, a response needs ``learner,
session_id, question_id, score, answer``; missing fields get the defaults documented in
docs/reports.md (notably: without ``content_hash`` the answer is taken to be to the question's
current version, without ``phase``/``objectives``/``bank_id`` the loaded question's are used).

This module is the one reader of exports: ``quiz report --class`` and ``quiz items --class``
both get their sources from ``open_sources``. A store is opened read-only; an export is read
as a capped regular file (``quiz.fileio.read_regular_lines``) and loaded into a temporary
store (a file, not memory, so a large export does not fill memory) that is then queried like
any other, so an export and the store it came from give the same figures.
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
from typing import IO, TYPE_CHECKING, Any, TypeGuard

from quiz.errors import QuizError
from quiz.fields import Fields
from quiz.store.readonly import is_store, open_readonly
from quiz.store.schema import SCHEMA_VERSION
from quiz.text import safe_json

if TYPE_CHECKING:
    from quiz.model import Catalog

__all__ = ["open_readonly"]  # kept importable from here for the commands that still do

FORMAT = "quiz-results"
VERSION = 1


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
    except (TypeError, ValueError, RecursionError):  # a tampered store: nothing to export
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

EXPORT_LIMIT = 1 << 30
"""The largest export read (1 GiB, about two million answers). It is streamed into a scratch
store, so memory does not grow with it; the cap bounds disk and time, since ``stat`` cannot
(a FIFO or a device reports size 0; those are refused anyway)."""


class Facts(Fields):
    """What the loaded banks say about a question, for fields an export line leaves out."""

    content_hash: str
    phase: str
    objectives: list[str]
    bank_id: str


QuestionFacts = Callable[[str], Facts | None]
"""question id → the current question's facts, if it is loaded."""


def catalog_facts(catalog: Catalog | None) -> QuestionFacts:
    """``QuestionFacts`` from the loaded banks (none without a catalog)."""
    found: dict[str, Facts] = {}
    if catalog is not None:
        for bank in catalog.banks:
            for q in bank.questions:
                found.setdefault(q.id, Facts(q.content_hash, q.phase.value, list(q.objectives),
                                             bank.id))
    return found.get


class _Importer:
    """Turns export lines into rows of a fresh store, keeping ids apart per learner.

    This is the one reader of exports: ``quiz report --class`` and ``quiz items --class``
    both query the store it fills, exactly as they query a learner's own store.
    """

    def __init__(self, conn: sqlite3.Connection, facts: QuestionFacts) -> None:
        self.conn = conn
        self.facts = facts
        self.learners: dict[str, int] = {}
        self.sessions: dict[tuple[str, str], int] = {}
        self.layouts: dict[int, list[str]] = {}  # session → its questions, when listed
        self.positions: dict[int, set[int]] = {}
        self.kinds: dict[int, dict[str, str | None]] = {}  # session → mode, status, bank

    def learner(self, name: str) -> int:
        found = self.learners.get(name)
        if found is None:
            cursor = self.conn.execute(
                "INSERT INTO learners (name, created_at) VALUES (?, '')", (name,))
            found = self.learners[name] = int(cursor.lastrowid or 0)
        return found

    def session(self, learner: str, key: str, record: dict[str, Any], where: str) -> int:
        questions = record.get("questions")
        listed = ([q for q in questions if isinstance(q, str)]
                  if isinstance(questions, list) and record.get("type") == "session" else [])
        found = self.sessions.get((learner, key))
        if found is not None:
            self._same_session(found, record, where, learner, key)
            if listed and not self.layouts.get(found):  # a session line after its answers
                self.layouts[found] = listed
                self.conn.execute("UPDATE sessions SET items = ? WHERE id = ?",
                                  (_items(listed), found))
            return found
        mode = _str(record, "mode", "session_mode") or "practice"
        status = _str(record, "status", "session_status") or "finished"
        bank = _str(record, "bank_id", "bank") or self._bank_of(record, listed)
        elapsed = _seconds(record, "elapsed", where)
        cursor = self.conn.execute(
            "INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items, time_limit,"
            " started_at, ended_at, status, elapsed) VALUES (?, ?, ?, 0, '{}', ?, NULL, ?, ?,"
            " ?, ?)",
            (self.learner(learner), mode, bank, _items(listed),
             _when(record.get("started_at"), where) or "",
             _when(record.get("ended_at"), where), status, elapsed))
        found = self.sessions[(learner, key)] = int(cursor.lastrowid or 0)
        self.layouts[found] = listed
        self.kinds[found] = {name: _str(record, name) for name in _SESSION_FIELDS}
        return found

    def _same_session(self, sid: int, record: dict[str, Any], where: str, learner: str,
                      key: str) -> None:
        """A session has one mode, status and bank: a line that says otherwise is refused
        rather than counted in the wrong bank or as the wrong kind of session."""
        first = self.kinds[sid]
        for name in _SESSION_FIELDS:
            said, before = _str(record, name), first[name]
            if said is not None and before is not None and said != before:
                raise QuizError(f"{where}: session {key!r:.40} of {learner!r:.40} has "
                                f"{name} {before!r:.40} on an earlier line, not {said!r:.40}; "
                                "give each session one mode, status and bank")
            if before is None:
                first[name] = said

    def _bank_of(self, record: dict[str, Any], listed: list[str]) -> str:
        """Without a bank id: the bank of the (first) question, as loaded now."""
        first = record.get("question_id", listed[0] if listed else None)
        facts = self.facts(str(first)) if isinstance(first, (str, int)) else None
        return facts.bank_id if facts else ""

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
        answer = _answer(record, where)
        facts = self.facts(qid)
        chash = _str(record, "content_hash") or (facts.content_hash if facts else "")
        phase = _str(record, "phase") or (facts.phase if facts else "")
        objectives = record.get("objectives")
        if not isinstance(objectives, list):
            objectives = facts.objectives if facts else []
        confidence = record.get("confidence")
        if not (isinstance(confidence, int) and not isinstance(confidence, bool)
                and 1 <= confidence <= 3):
            confidence = None
        time_ms = _whole(record, "time_ms", MAX_TIME_MS, where)
        position = self._position(sid, qid, _whole(record, "position", MAX_POSITION, where))
        self.conn.execute(
            "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
            " phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, position)"
            " DO UPDATE SET answer = excluded.answer, score = excluded.score",
            (sid, self.learner(learner), position, qid, chash, phase,
             json.dumps([str(o) for o in objectives]), json.dumps(answer), float(score),
             confidence, time_ms or 0,
             _when(record.get("answered_at"), where) or ""))

    def _position(self, sid: int, qid: str, given: int | None) -> int:
        """The line's position; without one, the question's place in its session's list (so
        an exam's unanswered places stay where they were), else the next free one."""
        taken = self.positions.setdefault(sid, set())
        if given is not None:
            position = given
        else:
            listed = self.layouts.get(sid, [])
            free = [i for i, q in enumerate(listed) if q == qid and i not in taken]
            position = free[0] if free else max(taken, default=-1) + 1
        taken.add(position)
        return position


_SESSION_FIELDS = ("mode", "status", "bank_id")
MAX_POSITION = 1_000_000
"""The largest position an export line may give (no session has a million questions)."""
MAX_TIME_MS = 10**12
"""The longest answering time an export line may give, in milliseconds (about 31 years)."""
MAX_SECONDS = 10**9
"""The longest session an export line may give, in seconds (about 31 years)."""


def _whole(record: dict[str, Any], name: str, most: int, where: str) -> int | None:
    """The line's whole number ``name`` (None when absent), checked like the score: the
    scratch store's CHECK constraints and SQLite's 64-bit integers must never see it."""
    value = record.get(name)
    if value is None:
        return None
    if _number(value) and float(value).is_integer() and 0 <= value <= most:
        return int(value)
    raise QuizError(f"{where}: '{name}' must be a whole number from 0 to {most}, not "
                    f"{value!r:.40}")


def _seconds(record: dict[str, Any], name: str, where: str) -> float:
    """The line's number of seconds ``name`` (0 when absent), checked as above."""
    value = record.get(name)
    if value is None:
        return 0.0
    if _number(value) and 0 <= value <= MAX_SECONDS:
        return float(value)
    raise QuizError(f"{where}: '{name}' must be a number of seconds from 0 to {MAX_SECONDS}, "
                    f"not {value!r:.40}")


def _items(questions: list[str]) -> str:
    """A session's question list as the store keeps it (orders are not exported)."""
    return json.dumps([[q, []] for q in questions])


def _answer(record: dict[str, Any], where: str) -> list[str]:
    if "answer" not in record:
        raise QuizError(f"{where}: missing 'answer' (a list of choice ids)")
    answer = record["answer"]
    if isinstance(answer, str):  # the JSON text of the list, as the store keeps it
        try:
            answer = json.loads(answer)
        except (ValueError, RecursionError):
            answer = None
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise QuizError(f"{where}: 'answer' is not a list of choice ids: "
                        f"{record['answer']!r:.40}")
    return answer


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
    """The export's objects with their ``file:line``, read as a capped regular-file stream."""
    from quiz.fileio import read_regular_lines

    lines = read_regular_lines(path, EXPORT_LIMIT)
    try:
        for number, raw in enumerate(lines, start=1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise QuizError(f"{where}: not UTF-8 text ({exc.reason}); is it a JSON Lines "
                                "export or a progress store?") from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise QuizError(f"{where}:{getattr(exc, 'colno', 1)}: not valid JSON "
                                f"({exc}); each line must be one JSON object") from None
            except RecursionError:
                # Python's parser recurses once per level; an export line is a flat object
                raise QuizError(f"{where}: JSON nested too deeply to be an export line; "
                                "each line must be one flat JSON object") from None
            if not isinstance(record, dict):
                raise QuizError(f"{where}:1: expected a JSON object, found "
                                f"{type(record).__name__}")
            yield record, where
    except OSError as exc:
        raise QuizError(f"{path}: cannot read ({exc.strerror or exc})") from None


def load_export(path: Path, folder: Path, facts: QuestionFacts) -> sqlite3.Connection:
    """A temporary store in ``folder`` holding the export's sessions and responses."""
    from quiz.store.db import connect
    from quiz.store.schema import CREATE_ANSWERS_INDEX, DROP_ANSWERS_INDEX

    target = folder / f"import-{len(list(folder.iterdir()))}.sqlite3"
    conn = connect(target)
    conn.execute("PRAGMA synchronous = OFF")  # a scratch copy: durability is not needed
    conn.execute("BEGIN")
    try:
        # the reports' covering index is built once over the loaded rows, not row by row
        # (200,000 responses: 5.0 -> 3.5 s CPU)
        conn.execute(DROP_ANSWERS_INDEX)
        importer = _Importer(conn, facts)
        for record, where in _records(path):
            importer.line(record, where)
        conn.execute(CREATE_ANSWERS_INDEX)
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
