"""A synthetic progress store shaped like real use, for measuring reports and item analysis
and for testing them at scale: the one generator both use.

Learners practise and sit exams over some months; each learner has an ability and each question
a difficulty (and a discrimination: P(right) = 1 / (1 + exp(−a(θ − b))), a two-parameter
logistic model), so accuracy differs between learners and objectives (there is something for a
report to find). Some answers carry a confidence rating; some are to an older version of a
question (another content hash); some questions are not in any bank any more. For item
analysis (``ITEM_ANALYSIS``) discriminations vary, a few are *negative* (like a badly keyed
item), the odd exam position is left unanswered, and exams are all of one length. Wrong
answers go to distractor "b" more often for weaker learners, so distractor statistics have
something to find. Everything is written straight into the store's tables with
``executemany`` in one transaction, so 100,000 responses take a second or two. Deterministic
for a seed.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz.model import Bank
from quiz.store.db import connect

START = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class SyntheticQuestion:
    """What a response records about its question."""

    id: str
    content_hash: str
    phase: str
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class Shape:
    """How big the store is, and how its answers are mixed."""

    responses: int = 100_000
    learners: int = 50
    sessions: int = 2_000
    exam_share: float = 0.2
    confidence_share: float = 0.5
    stale_share: float = 0.05
    days: int = 180
    bank_id: str = "training-vs-inference"
    questions: int = 300
    """Made-up questions to draw from when ``write_store`` is given none."""
    mean_ability: float = 0.8
    slopes: tuple[float, float] = (1.0, 1.0)
    """The range discriminations are drawn from (a in the logistic model)."""
    negative_share: float = 0.0
    """Questions planted with a negative discrimination."""
    unanswered_share: float = 0.0
    """Exam positions left unanswered (no row; item analysis scores them 0)."""


ITEM_ANALYSIS = Shape(exam_share=0.3, confidence_share=0.0, stale_share=0.0,
                      bank_id="synthetic", questions=500, mean_ability=0.0,
                      slopes=(0.3, 2.0), negative_share=0.05, unanswered_share=0.02)
"""The item-analysis store: 100,000 responses from 50 learners in about 2,000 sessions over 500
questions, 30% of them submitted exams, 5% of questions discriminating negatively."""


def item_shape(**changes: object) -> Shape:
    """``ITEM_ANALYSIS`` with some fields changed, e.g. ``item_shape(responses=6_000)``."""
    return replace(ITEM_ANALYSIS, **changes)  # type: ignore[arg-type]


def questions_from_bank(bank: Bank) -> list[SyntheticQuestion]:
    """The bank's questions as a response would record them."""
    return [SyntheticQuestion(q.id, q.content_hash, q.phase.value, q.objectives)
            for q in bank.questions]


def default_questions(count: int = 300, objectives: int = 9) -> list[SyntheticQuestion]:
    """Made-up questions (``syn-00001``…) over objectives LO1..LO9, phases alternating."""
    rng = random.Random(count)
    made = []
    for n in range(count):
        tagged = sorted(rng.sample(range(1, objectives + 1), rng.choice((1, 1, 2))))
        made.append(SyntheticQuestion(f"syn-{n:05d}", f"{n:016x}",
                                      "training" if n % 2 else "inference",
                                      tuple(f"LO{t}" for t in tagged)))
    return made


def write_store(path: Path, shape: Shape = Shape(), seed: int = 1,
                questions: Sequence[SyntheticQuestion] | None = None) -> Path:
    """Create (or overwrite) a store at ``path`` holding ``shape.responses`` responses."""
    pool = list(questions) if questions else default_questions(shape.questions)
    rng = random.Random(seed)
    # item-analysis traits draw from their own stream, so the report's store stays as it was
    extra = random.Random(seed * 7919 + 1)
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    conn = connect(path)
    ability = [rng.gauss(shape.mean_ability, 1.0) for _ in range(shape.learners)]
    difficulty = {q.id: rng.gauss(0.0, 1.0) for q in pool}
    slope = {q.id: -extra.uniform(0.5, 1.5) if extra.random() < shape.negative_share
             else extra.uniform(*shape.slopes) for q in pool}
    per_session = max(1, math.ceil(shape.responses / max(1, shape.sessions)))
    full = min(per_session, len(pool))
    sessions, responses = [], []
    written = s = 0
    # unanswered exam positions write no row, so a few more sessions than asked may be needed
    while written < shape.responses:
        s += 1
        learner = (s - 1) % shape.learners
        count = min(per_session, shape.responses - written, len(pool))
        # exams are all of one length, as a bank's exam is; a short last session is practice
        exam = rng.random() < shape.exam_share and count == full
        drawn = rng.sample(pool, count)
        started = START + timedelta(days=shape.days * s / shape.sessions,
                                    minutes=rng.randrange(600))
        at = started
        total_ms = 0
        for position, q in enumerate(drawn):
            theta = ability[learner]
            right = rng.random() < 1.0 / (1.0 + math.exp(-slope[q.id] * (theta
                                                                         - difficulty[q.id])))
            time_ms = int(rng.lognormvariate(9.6, 0.5))  # about 15 s, skewed
            total_ms += time_ms
            at += timedelta(milliseconds=time_ms)
            rated = rng.random() < shape.confidence_share
            confidence = (3 if right else rng.choice((1, 2, 3))) if rated and rng.random() < .6 \
                else (rng.choice((1, 2, 3)) if rated else None)
            stale = rng.random() < shape.stale_share
            if exam and shape.unanswered_share and extra.random() < shape.unanswered_share:
                continue  # left unanswered: no row, scored 0 by item analysis
            wrong = extra.choices("bcd", weights=(3, 1, 1) if theta < 0 else (1, 2, 2))[0]
            responses.append((
                s, learner + 1, position, q.id,
                ("0" * 16) if stale else q.content_hash, q.phase, json.dumps(list(q.objectives)),
                '["a"]' if right else json.dumps([wrong]), 1.0 if right else 0.0, confidence,
                time_ms, at.isoformat()))
            written += 1
        items = json.dumps([[q.id, ["a", "b", "c", "d"]] for q in drawn])
        sessions.append((
            s, learner + 1, "exam" if exam else "practice", shape.bank_id, s, "{}", items,
            2700.0 if exam else None, started.isoformat(), at.isoformat(),
            "submitted" if exam else "finished", total_ms / 1000.0))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)",
                     [(i + 1, f"learner-{i + 1:03d}", START.isoformat())
                      for i in range(shape.learners)])
    conn.executemany(
        "INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters, items, time_limit,"
        " started_at, ended_at, status, elapsed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sessions)
    conn.executemany(
        "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
        " phase, objectives, answer, score, confidence, time_ms, answered_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", responses)
    conn.execute("COMMIT")
    conn.close()
    return path
