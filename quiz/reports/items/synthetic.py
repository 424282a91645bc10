"""A synthetic progress store, for measuring item analysis and for testing it at scale.

Answers follow a two-parameter logistic model: each learner has an ability, each question a
difficulty and a discrimination (a few questions discriminate *negatively*, like a badly
keyed item), and P(right) = 1 / (1 + exp(−a(θ − b))). Wrong answers go to distractor "b"
more often for weaker learners, so distractor statistics have something to find. Some
sessions are submitted exams (with the odd position left unanswered), the rest practice.
Written straight into the store's tables in one transaction; deterministic for a seed.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

from quiz.store.db import connect

BANK_ID = "synthetic"


@dataclass(frozen=True)
class Shape:
    """How big the store is."""

    responses: int = 100_000
    learners: int = 50
    sessions: int = 2_000
    questions: int = 500
    exam_share: float = 0.3
    negative_share: float = 0.05


def write_store(path: Path, shape: Shape = Shape(), seed: int = 1) -> Path:
    """Create (or overwrite) a store at ``path`` holding ``shape.responses`` responses."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    conn = connect(path)
    ability = [rng.gauss(0.0, 1.0) for _ in range(shape.learners)]
    difficulty = [rng.gauss(0.0, 1.0) for _ in range(shape.questions)]
    slope = [-rng.uniform(0.5, 1.5) if rng.random() < shape.negative_share
             else rng.uniform(0.3, 2.0) for _ in range(shape.questions)]
    per_session = max(1, shape.responses // shape.sessions)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)",
                     [(i + 1, f"learner-{i + 1:03d}", "2025-01-01T00:00:00")
                      for i in range(shape.learners)])
    written = s = 0
    # unanswered exam positions write no row, so a few more sessions than asked may be needed
    while written < shape.responses:
        s += 1
        learner = (s - 1) % shape.learners
        count = min(per_session, shape.responses - written, shape.questions)
        # exams are all of one length, as a bank's exam is; a short last session is practice
        exam = rng.random() < shape.exam_share and count == min(per_session, shape.questions)
        drawn = rng.sample(range(shape.questions), count)
        items = json.dumps([[f"syn-{q:05d}", ["a", "b", "c", "d"]] for q in drawn])
        conn.execute(
            "INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters, items,"
            " time_limit, started_at, ended_at, status) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?,"
            " ?, ?)",
            (s, learner + 1, "exam" if exam else "practice", BANK_ID, s, items,
             2700.0 if exam else None, "2025-01-01T00:00:00", "2025-01-01T01:00:00",
             "submitted" if exam else "finished"))
        rows = []
        for position, q in enumerate(drawn):
            if exam and rng.random() < 0.02:
                continue  # left unanswered: no row, scored 0 by the analysis
            theta = ability[learner]
            right = rng.random() < 1.0 / (1.0 + math.exp(-slope[q] * (theta - difficulty[q])))
            if right:
                answer = "a"
            else:
                weak = theta < 0
                answer = rng.choices("bcd", weights=(3, 1, 1) if weak else (1, 2, 2))[0]
            rows.append((s, learner + 1, position, f"syn-{q:05d}", f"h{q:015d}",
                         "training", '["LO1"]', json.dumps([answer]), 1.0 if right else 0.0,
                         None, 1000 + position, "2025-01-01T00:30:00"))
        conn.executemany(
            "INSERT INTO responses (session_id, learner_id, position, question_id,"
            " content_hash, phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        written += len(rows)
    conn.execute("COMMIT")
    conn.close()
    return path
