"""Turning recorded responses into the *attempts* item analysis works on, bank by bank.

Moodle analyses quiz attempts: every attempt holds every slot of the quiz, and by default only
each student's first attempt counts. Our store holds sessions of several kinds, so:

- a bank with submitted exam sessions is analysed on those exams, each one an attempt (an
  exam is our quiz attempt; its positions are the slots, like Moodle's random-question slots,
  and a position left unanswered scores 0, as Moodle scores it). ``first`` keeps each
  learner's first submitted exam, ``all`` every submitted exam. Practice is left out there:
  immediate feedback and retries break the assumptions of the statistics;
- a bank without submitted exams is analysed on practice: ``first`` makes each learner's first
  recorded answer to each question into one attempt (slots are the questions), ``all`` makes
  each session an attempt (a question answered twice in a session counts once, first).

Exam sessions that were not submitted (still open, or abandoned) are never used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from quiz.reports.items.stats import AttemptItem

EXAM = "exam"


class ResponseRow(NamedTuple):
    """One recorded answer, with what the analysis needs of its session."""

    learner: str  # unique across sources (collect prefixes it with the source)
    session: str  # unique across sources and learners
    mode: str  # the session's mode: exam, practice, mistakes...; "" when unknown
    submitted: bool  # for exams: was it submitted? (other modes: True)
    bank_id: str
    position: int | None
    question_id: str
    content_hash: str
    answer: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class ExamLayout:
    """The questions of an exam session in position order, to score unanswered positions 0."""

    session: str
    questions: tuple[str, ...]


@dataclass
class AttemptSet:
    """The attempts of one bank and how they were formed."""

    bank_id: str
    basis: str  # "exam" or "practice"
    which: str  # "first" or "all"
    attempts: list[list[AttemptItem]] = field(default_factory=list)
    hashes: dict[str, dict[str, int]] = field(default_factory=dict)  # question → hash → n
    responses_read: int = 0
    unanswered_filled: int = 0


@dataclass
class _BankRows:
    exams: dict[str, list[ResponseRow]] = field(default_factory=dict)
    exam_learner: dict[str, str] = field(default_factory=dict)
    first: dict[str, dict[str, ResponseRow]] = field(default_factory=dict)
    sessions: dict[str, dict[str, ResponseRow]] = field(default_factory=dict)
    read: int = 0


def build_attempts(
    rows: Iterable[ResponseRow],
    which: str = "first",
    layouts: dict[str, ExamLayout] | None = None,
    bank: str | None = None,
    seen: set[str] | None = None,
) -> dict[str, AttemptSet]:
    """Group ``rows`` (in the order they were recorded) into attempts, one set per bank.

    With ``bank``, only that bank's rows are kept; ``seen`` collects every bank id met.
    """
    if which not in ("first", "all"):
        raise ValueError(f"which must be 'first' or 'all', not {which!r}")
    banks: dict[str, _BankRows] = {}
    for row in rows:
        held = banks.get(row.bank_id)
        if held is None:
            if seen is not None:
                seen.add(row.bank_id)
            if bank is not None and row.bank_id != bank:
                continue
            held = banks[row.bank_id] = _BankRows()
        held.read += 1
        if row.mode == EXAM:
            if row.submitted:
                held.exams.setdefault(row.session, []).append(row)
                held.exam_learner.setdefault(row.session, row.learner)
            continue
        # practice side, kept in both shapes: only one is used, chosen once all rows are in
        per_learner = held.first.setdefault(row.learner, {})
        per_learner.setdefault(row.question_id, row)
        if which == "all":
            held.sessions.setdefault(row.session, {}).setdefault(row.question_id, row)
    return {bank_id: _finish(bank_id, held, which, layouts or {})
            for bank_id, held in banks.items()}


def _finish(bank_id: str, held: _BankRows, which: str, layouts: dict[str, ExamLayout]
            ) -> AttemptSet:
    result = AttemptSet(bank_id, EXAM if held.exams else "practice", which,
                        responses_read=held.read)
    if held.exams:
        chosen = list(held.exams)
        if which == "first":
            seen: set[str] = set()
            chosen = []
            for session, learner in held.exam_learner.items():  # recorded order
                if learner not in seen:
                    seen.add(learner)
                    chosen.append(session)
        for session in chosen:
            result.attempts.append(_exam_attempt(held.exams[session], layouts.get(session),
                                                 result))
    else:
        groups: Sequence[dict[str, ResponseRow]] = list(
            held.first.values() if which == "first" else held.sessions.values())
        for group in groups:
            result.attempts.append([(r.question_id, r.question_id, r.score, r.answer)
                                    for r in group.values()])
            for r in group.values():
                _count_hash(result, r.question_id, r.content_hash)
    return result


def _exam_attempt(rows: list[ResponseRow], layout: ExamLayout | None, into: AttemptSet
                  ) -> list[AttemptItem]:
    items: dict[object, AttemptItem] = {}
    for r in rows:
        slot = r.position if r.position is not None else r.question_id
        if slot not in items:
            items[slot] = (slot, r.question_id, r.score, r.answer)
            _count_hash(into, r.question_id, r.content_hash)
    if layout is not None:
        for position, question_id in enumerate(layout.questions):
            if position not in items:
                items[position] = (position, question_id, 0.0, ())
                into.unanswered_filled += 1
    return list(items.values())


def _count_hash(into: AttemptSet, question_id: str, content_hash: str) -> None:
    if content_hash:
        per = into.hashes.setdefault(question_id, {})
        per[content_hash] = per.get(content_hash, 0) + 1
