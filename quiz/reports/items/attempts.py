"""Which recorded sessions are the *attempts* item analysis works on, bank by bank.

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

Exam sessions that were not submitted (still open, or abandoned) are never used. The choice
is made here from each source's session summaries (``quiz.store.items_sums``); reading the
chosen attempts' responses is the store's job. Learners and sessions are told apart per
source, so two stores that both say "learner 1" never merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quiz.store.items_sums import SessionSummary

EXAM = "exam"
SUBMITTED = ("submitted", "finished")


@dataclass
class SourcePlan:
    """What to read from one source for one bank."""

    exams: list[int] = field(default_factory=list)
    """Exam sessions, each one attempt."""
    practice: list[tuple[int, int, int]] = field(default_factory=list)
    """(session, attempt, responses): practice sessions and the attempt each belongs to."""


@dataclass
class BankPlan:
    """One bank's attempts across every source, and how they were formed."""

    bank_id: str
    basis: str  # "exam" or "practice"
    which: str  # "first" or "all"
    responses_read: int = 0
    sources: dict[int, SourcePlan] = field(default_factory=dict)
    """Source index → what to read from it."""


def plan_attempts(sources: Sequence[Sequence[SessionSummary]], which: str = "first",
                  bank: str | None = None, seen: set[str] | None = None
                  ) -> dict[str, BankPlan]:
    """The attempts of every bank (only ``bank`` when given), from each source's sessions in
    the order the sources were given; ``seen`` collects every bank id met."""
    if which not in ("first", "all"):
        raise ValueError(f"which must be 'first' or 'all', not {which!r}")
    plans: dict[str, BankPlan] = {}
    held: dict[str, list[tuple[int, SessionSummary]]] = {}
    for index, summaries in enumerate(sources):
        for session in summaries:
            bank_id = str(session.bank_id)
            if seen is not None:
                seen.add(bank_id)
            if bank is not None and bank_id != bank:
                continue
            plan = plans.get(bank_id)
            if plan is None:
                plan = plans[bank_id] = BankPlan(bank_id, "practice", which)
                held[bank_id] = []
            plan.responses_read += session.responses
            held[bank_id].append((index, session))
            if session.mode == EXAM and session.status in SUBMITTED:
                plan.basis = EXAM
    for bank_id, plan in plans.items():
        if plan.basis == EXAM:
            _exams(plan, held[bank_id], which)
        else:
            _practice(plan, held[bank_id], which)
    return plans


def _exams(plan: BankPlan, sessions: list[tuple[int, SessionSummary]], which: str) -> None:
    exams = [(index, s) for index, s in sessions if s.mode == EXAM and s.status in SUBMITTED]
    if which == "first":  # each learner's exam whose first answer was recorded first
        first: dict[tuple[int, str], tuple[int, SessionSummary]] = {}
        for index, s in exams:
            key = (index, f"{s.learner}")
            if key not in first or s.first_response < first[key][1].first_response:
                first[key] = (index, s)
        exams = list(first.values())
    for index, s in exams:
        plan.sources.setdefault(index, SourcePlan()).exams.append(s.id)


def _practice(plan: BankPlan, sessions: list[tuple[int, SessionSummary]], which: str) -> None:
    learners: dict[tuple[int, str], int] = {}
    for index, s in sessions:
        if s.mode == EXAM:  # an exam never counts as practice, submitted or not
            continue
        if which == "first":  # one attempt per learner: number them within the source
            attempt = learners.setdefault((index, f"{s.learner}"), len(learners))
        else:
            attempt = s.id
        plan.sources.setdefault(index, SourcePlan()).practice.append(
            (s.id, attempt, s.responses))
