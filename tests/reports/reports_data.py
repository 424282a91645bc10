"""A small catalog and a writer of histories into a real store, for the progress tests.

The catalog has one bank ("bank", lesson "lesson") with questions q1..q4 over LO1..LO3 and
both phases. Histories may also answer "gone1"/"gone2" (questions not in any bank, as if
removed) and old versions of q1..q4 (another content hash), in sessions of "bank" or of
"other" (a bank that is not loaded).

The large-store tests use the benchmark's generator as ``bench.synthetic_store`` (bench/ is a
namespace package from the repository's root, which pytest puts on the path).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz.model import Bank, Catalog, Choice, ExamSpec, Lesson, Objective, Phase, Question
from quiz.model import QuestionType as QT
from quiz.store.db import connect
from quiz.store.schema import MIGRATIONS, statements

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

LESSON = Lesson(
    "lesson", "Lesson", "Training builds. Inference applies.",
    {Phase.TRAINING: "Training builds", Phase.INFERENCE: "Inference applies"},
    (Objective("LO1", "Tell the two phases apart"), Objective("LO2", "Say what training needs"),
     Objective("LO3", "Say what inference needs"), Objective("LO4", "Never asked about")))

TAGS: dict[str, tuple[Phase, tuple[str, ...]]] = {
    "q1": (Phase.TRAINING, ("LO1",)),
    "q2": (Phase.TRAINING, ("LO1", "LO2")),
    "q3": (Phase.INFERENCE, ("LO3",)),
    "q4": (Phase.INFERENCE, ("LO1", "LO3")),
}
GONE: dict[str, tuple[str, tuple[str, ...]]] = {
    "gone1": ("training", ("LO2",)),
    "gone2": ("inference", ("LO3", "LO9")),
}


def question(qid: str, stem: str | None = None, phase: Phase | None = None,
             objectives: tuple[str, ...] | None = None) -> Question:
    default_phase, default_tags = TAGS.get(qid, (Phase.TRAINING, ("LO1",)))
    return Question(
        qid, QT.SINGLE, phase or default_phase, objectives or default_tags,
        stem or f"Which phase is at work in {qid}?",
        (Choice("a", "Right", True), Choice("b", "Wrong", False, "no")), "Because.")


def catalog(questions: tuple[Question, ...] | None = None, bank_id: str = "bank") -> Catalog:
    made = questions if questions is not None else tuple(question(q) for q in TAGS)
    bank = Bank(bank_id, "Bank", LESSON, made, exam=ExamSpec(questions=4, pass_percent=70))
    return Catalog((bank,), {LESSON.id: LESSON})


CURRENT = {q.id: q.content_hash for q in catalog().questions()}


@dataclass(frozen=True)
class SessionSpec:
    learner: str
    mode: str
    status: str
    bank: str
    items: int


@dataclass(frozen=True)
class AnswerSpec:
    session: int
    question: str
    old_version: bool
    score: float
    confidence: int | None
    time_ms: int
    minute: int


def write_history(path: Path, sessions: list[SessionSpec], answers: list[AnswerSpec],
                  *, learner_names: list[str] | None = None, schema: int | None = None) -> Path:
    """A store holding exactly these sessions and answers (positions in answer order); with
    ``schema``, the store as a quiz of that schema version left it (never migrated)."""
    conn = connect(path) if schema is None else _older_store(path, schema)
    conn.execute("BEGIN")
    names = sorted({s.learner for s in sessions} | set(learner_names or []))
    ids = {n: i + 1 for i, n in enumerate(names)}
    conn.executemany("INSERT INTO learners (id, name, created_at) VALUES (?, ?, '')",
                     [(i, n) for n, i in ids.items()])
    for number, s in enumerate(sessions, start=1):
        items = json.dumps([[f"q{k % 4 + 1}", ["a", "b"]] for k in range(s.items)])
        conn.execute(
            "INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters, items,"
            " started_at, status, elapsed) VALUES (?, ?, ?, ?, 1, '{}', ?, ?, ?, ?)",
            (number, ids[s.learner], s.mode, s.bank, items,
             (T0 + timedelta(hours=number)).isoformat(), s.status, 60.0 * number))
    positions: dict[int, int] = {}
    for a in answers:
        s = sessions[a.session]
        position = positions.get(a.session, 0)
        positions[a.session] = position + 1
        if a.question in GONE:
            phase, tags = GONE[a.question]
            chash = f"gone-{int(a.old_version)}"
        else:
            phase, tags = TAGS[a.question][0].value, TAGS[a.question][1]
            chash = "0ld" if a.old_version else CURRENT[a.question]
        conn.execute(
            "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
            " phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.session + 1, ids[s.learner], position, a.question, chash, phase,
             json.dumps(list(tags)), '["a"]', a.score, a.confidence, a.time_ms,
             (T0 + timedelta(minutes=a.minute)).isoformat()))
    conn.execute("COMMIT")
    conn.close()
    return path


def _older_store(path: Path, schema: int) -> sqlite3.Connection:
    """An empty store made by the first ``schema`` migrations only."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:schema]:
        for statement in statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {schema}")
    return conn
