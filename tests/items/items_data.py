"""Small data sets for the item-analysis tests, and writers for them as sources.

HAND: five learners (A..E) answered four single-choice questions once each, in practice (no
exams), so each learner's first answers form one attempt. Choice "a" is right everywhere.

            q1  q2  q3  q4 | total
        A    a   a   a   a |   4
        B    a   a   a   b |   3
        C    a   a   b   c |   2
        D    a   b   b   a |   2
        E    b   c   a   c |   1

The scale tests use the benchmark's store generator as ``bench.synthetic_store`` (bench/ is a
namespace package from the repository's root, which pytest puts on the path).
"""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from quiz.model import Bank, Catalog, Choice, Lesson, Objective, Phase, Question, QuestionType
from quiz.paths import bundled_banks
from quiz.reports.items.collect import BankSums
from quiz.reports.items.stats import AttemptItem
from quiz.store.db import connect
from quiz.store.items_sums import AttemptSums

HAND: dict[str, dict[str, str]] = {
    "A": {"q1": "a", "q2": "a", "q3": "a", "q4": "a"},
    "B": {"q1": "a", "q2": "a", "q3": "a", "q4": "b"},
    "C": {"q1": "a", "q2": "a", "q3": "b", "q4": "c"},
    "D": {"q1": "a", "q2": "b", "q3": "b", "q4": "a"},
    "E": {"q1": "b", "q2": "c", "q3": "a", "q4": "c"},
}

LESSON = Lesson("hand-lesson", "Hand lesson", "Training builds. Inference applies.",
                {Phase.TRAINING: "Training builds", Phase.INFERENCE: "Inference applies"},
                (Objective("LO1", "Tell the phases apart"),))


def question(qid: str, stem: str = "") -> Question:
    choices = (Choice("a", f"Right answer of {qid}", True),
               *(Choice(c, f"Wrong {c} of {qid}", False, "no") for c in "bcd"))
    return Question(qid, QuestionType.SINGLE, Phase.TRAINING, ("LO1",),
                    stem or f"Stem of {qid}?", choices, "Training builds. LO1.")


def catalog(bank_id: str = "hand", ids: tuple[str, ...] = ("q1", "q2", "q3", "q4")) -> Catalog:
    bank = Bank(bank_id, "Hand-computed bank", LESSON, tuple(question(q) for q in ids))
    return Catalog((bank,), {LESSON.id: LESSON})


def hand_lines(bank: str | None = "hand") -> list[dict[str, object]]:
    lines: list[dict[str, object]] = []
    for learner, answers in HAND.items():
        for qid, choice in answers.items():
            line: dict[str, object] = {"learner": learner, "session_id": 1, "question_id": qid,
                                       "answer": [choice], "score": 1.0 if choice == "a" else 0.0,
                                       "mode": "practice"}
            if bank:
                line["bank_id"] = bank
            lines.append(line)
    return lines


def write_jsonl(path: Path, lines: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


BANK_YAML = """bank: hand
title: Hand-computed bank
lesson:
  id: hand-lesson
  title: Hand lesson
  rule: "Training builds. Inference applies."
  sides: {training: Training builds, inference: Inference applies}
  objectives:
    - {id: LO1, text: Tell the phases apart}
questions:
"""


def write_bank(folder: Path, stems: dict[str, str] | None = None) -> Path:
    """The HAND questions as a bank file (stems may be replaced, e.g. by hostile text)."""
    text = BANK_YAML
    for qid in ("q1", "q2", "q3", "q4"):
        stem = json.dumps((stems or {}).get(qid, f"Stem of {qid}?"))
        text += f"""  - id: {qid}
    type: single
    phase: training
    objectives: [LO1]
    stem: {stem}
    choices:
      - {{id: a, text: "Right answer of {qid}", correct: true}}
      - {{id: b, text: "Wrong b of {qid}", feedback: "no"}}
      - {{id: c, text: "Wrong c of {qid}", feedback: "no"}}
      - {{id: d, text: "Wrong d of {qid}", feedback: "no"}}
    explanation: Training builds. LO1.
"""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def bundled_lesson_copy(folder: Path) -> None:
    for lesson in bundled_banks().glob("*.lesson.yaml"):
        shutil.copy(lesson, folder / lesson.name)


class StoreWriter:
    """Writes sessions and responses straight into a fresh store (no engine involved)."""

    def __init__(self, path: Path) -> None:
        self.conn: sqlite3.Connection = connect(path)
        self.learners: dict[str, int] = {}

    def learner(self, name: str) -> int:
        if name not in self.learners:
            cur = self.conn.execute("INSERT INTO learners (name, created_at) VALUES (?, ?)",
                                    (name, "2025-01-01T00:00:00"))
            self.learners[name] = int(cur.lastrowid or 0)
        return self.learners[name]

    def session(self, learner: str, mode: str, status: str, questions: list[str],
                bank: str = "hand") -> int:
        items = json.dumps([[q, ["a", "b", "c", "d"]] for q in questions])
        cur = self.conn.execute(
            "INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items, time_limit,"
            " started_at, status) VALUES (?, ?, ?, 1, '{}', ?, NULL, ?, ?)",
            (self.learner(learner), mode, bank, items, "2025-01-01T00:00:00", status))
        return int(cur.lastrowid or 0)

    def answer(self, session: int, learner: str, position: int, qid: str, choice: list[str],
               score: float, content_hash: str) -> None:
        self.conn.execute(
            "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
            " phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (?, ?, ?, ?, ?, 'training', '[\"LO1\"]', ?, ?, NULL, 1000, ?)",
            (session, self.learner(learner), position, qid, content_hash, json.dumps(choice),
             score, "2025-01-01T00:00:00"))

    def close(self) -> None:
        self.conn.close()


def bank_sums(attempts: Sequence[Sequence[AttemptItem]], bank: str = "bank",
              basis: str = "practice", which: str = "all") -> BankSums:
    """Attempts given as lists of items, summed the way ``quiz.store.items_sums`` sums a
    store's (no versions): for the figures' tests that need no store."""
    part = AttemptSums()
    for attempt in attempts:
        total = math.fsum(score for _, _, score, _ in attempt)
        part.totals.append((total, len(attempt)))
        for slot, question_id, score, answer in attempt:
            part.groups.append((question_id, tuple(answer), None, score, total - score, 1))
            part.slots[(slot, score)] += 1
    return BankSums(bank, basis, which, parts=[part])
