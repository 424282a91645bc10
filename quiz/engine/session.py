"""A study session: practice with immediate feedback, or an exam with deferred feedback.

A ``Session`` is a small state machine over its items: answer, change (exams only), flag,
navigate, let time pass, submit. It knows nothing of terminals; the TUI calls it and renders
what it returns. Each event goes to the ``Recorder`` at once, so a killed process loses nothing
that was answered, and an exam resumes with its answers, flags, position and remaining time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from quiz.engine.clock import Clock, monotonic, utc_now
from quiz.engine.recorder import MemoryRecorder, Recorder, Response
from quiz.engine.scoring import score
from quiz.engine.select import Filters, Item, Items
from quiz.errors import QuizError
from quiz.fields import Fields
from quiz.model import Bank, MultipleScoring, Question, Scenario
from quiz.record import Value

if TYPE_CHECKING:
    from quiz.engine.feedback import Feedback


class Mode(StrEnum):
    """Why the session exists; only exams defer feedback and run a clock."""

    PRACTICE = "practice"
    EXAM = "exam"
    MISTAKES = "mistakes"
    REVIEW = "review"
    PREVIEW = "preview"


class Status(StrEnum):
    ACTIVE = "active"
    SUBMITTED = "submitted"
    FINISHED = "finished"


class _CaseViewFields(Fields):
    id: str
    title: str
    scenario_title: str
    scenario_context: str
    context: str
    position: int
    size: int
    first: int | None = None


class CaseView(Value, _CaseViewFields):
    """What the app shows above a case-study question: the case, its scenario's context and
    the case's own facts, and where the question sits in the set (``position`` of ``size``,
    1-based). ``first`` is the session position of the set's first question, when the set
    is in the session in one run (an exam, a practice draw); else None.

    A value (``quiz.record.Value``), not a frozen dataclass, which compiled its methods at
    every start (0.5 ms of the first question)."""

    __slots__ = ()


class SessionClosed(QuizError):
    """The session was submitted; its answers can no longer change."""


class _AnswerFields(Fields):
    choice_ids: tuple[str, ...]
    score: float
    confidence: int | None
    time_ms: int
    answered_at: datetime


class Answer(Value, _AnswerFields):
    """The learner's current answer to one item (a value, not a dataclass, whose methods
    were compiled at every start of the app, issue 16)."""

    __slots__ = ()


class SessionState:
    """What a resumed session starts from (read back from the store).

    A plain class, not a dataclass, whose methods were compiled at every start of the app
    (issue 16)."""

    def __init__(self, session_id: int, answers: dict[int, Answer] | None = None,
                 flags: set[int] | None = None, current: int = 0,
                 elapsed: float = 0.0) -> None:
        self.session_id = session_id
        self.answers: dict[int, Answer] = {} if answers is None else answers
        self.flags: set[int] = set() if flags is None else flags
        self.current = current
        self.elapsed = elapsed


class Session:
    """One sitting of one learner over a fixed list of items."""

    def __init__(
        self,
        bank: Bank,
        items: Sequence[Item],
        mode: Mode,
        *,
        seed: int = 0,
        filters: Filters | None = None,
        time_limit: float | None = None,
        scenarios: dict[str, Scenario] | None = None,
        recorder: Recorder | None = None,
        clock: Clock = monotonic,
        resume: SessionState | None = None,
    ) -> None:
        if not items:
            raise QuizError("no questions match; widen the filters (phase, objective, scenario)")
        self.bank = bank
        self.items = items if isinstance(items, Items) else Items.of(items)
        self.mode = mode
        self.seed = seed
        self.filters = filters or Filters()
        self.time_limit = time_limit
        self.scenarios = scenarios or {}
        self.recorder: Recorder = recorder or MemoryRecorder()
        self._clock = clock
        self.status = Status.ACTIVE
        self.answers: dict[int, Answer] = {}
        self.flags: set[int] = set()
        self.current = 0
        self._elapsed_before = 0.0
        self._resumed_at = clock()
        self._shown_at = self._resumed_at
        self._held = False
        if resume is None:
            self.id = self.recorder.start(self)
        else:
            self.id = resume.session_id
            self.answers = dict(resume.answers)
            self.flags = set(resume.flags)
            self.current = min(max(resume.current, 0), len(self.items) - 1)
            self._elapsed_before = resume.elapsed

    # --- reading -------------------------------------------------------------------------

    @property
    def deferred(self) -> bool:
        """Exams hide right and wrong until submitted, like a certification exam."""
        return self.mode is Mode.EXAM

    @property
    def multiple_scoring(self) -> MultipleScoring:
        """The rule for multiple-choice and ordering items in this session."""
        rules = self.bank.scoring
        return rules.exam_multiple if self.mode is Mode.EXAM else rules.practice_multiple

    def scoring_rule(self, question: Question) -> MultipleScoring:
        """The credit rule for ``question`` in this session (matching has its own keys)."""
        return self.bank.scoring.rule(question.type, self.mode is Mode.EXAM)

    def case_study(self, position: int | None = None) -> CaseView | None:
        """The case study of an item (the current one by default), or None if it has none."""
        where = self.current if position is None else position
        question = self.items.questions[where]
        ref = question.case
        if ref is None:
            return None
        case = self.bank.case_study(ref.id)
        scenario = self.scenarios.get(question.scenario or "")
        first = where - (ref.position - 1)
        before = self.items.questions[first:where] if first >= 0 else ()
        together = len(before) == ref.position - 1 and all(
            q.case is not None and q.case.id == ref.id for q in before)
        return CaseView(
            id=ref.id,
            title=case.title if case else ref.id,
            scenario_title=scenario.title if scenario else (question.scenario or ""),
            scenario_context=scenario.context if scenario else "",
            context=case.context if case else "",
            position=ref.position,
            size=ref.size,
            first=first if together else None,
        )

    @property
    def item(self) -> Item:
        return self.items[self.current]

    def elapsed(self) -> float:
        """Seconds of session time used, capped at the time limit; it never runs backward."""
        if self.status is not Status.ACTIVE or self._held:
            return self._elapsed_before
        used = self._elapsed_before + max(0.0, self._clock() - self._resumed_at)
        return min(used, self.time_limit) if self.time_limit is not None else used

    def remaining(self) -> float | None:
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed())

    @property
    def clock_held(self) -> bool:
        """Whether the clock stands still (``hold_clock``) until ``start_clock``."""
        return self._held

    def hold_clock(self) -> None:
        """Stop counting time: the time used so far is kept, and nothing more is counted
        until ``start_clock`` (an exam's start page is up: its time is not the exam's)."""
        if self._held or self.status is not Status.ACTIVE:
            return
        self._elapsed_before = self.elapsed()
        self._held = True

    def start_clock(self) -> None:
        """Count time from now: what was used before a hold or a resume is kept; the time
        since then (a hold, or the moments before the first question showed) is not. The
        current question's answering time also starts now."""
        if self.status is not Status.ACTIVE:
            return
        self._held = False
        now = self._clock()
        self._resumed_at = now
        self._shown_at = now

    def unanswered(self) -> list[int]:
        return [i for i in range(len(self.items)) if i not in self.answers]

    def feedback(self, position: int) -> Feedback:
        """The full feedback for an item (for exams, meant for after submission)."""
        # imported by the first answer, not by every start (1.3 ms of the first question)
        from quiz.engine.feedback import build_feedback

        item = self.items[position]
        given = self.answers.get(position)
        return build_feedback(
            item.question,
            given.choice_ids if given else None,
            given.score if given else 0.0,
            self.bank.lesson,
            self.scenarios,
        )

    # --- acting --------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.status is not Status.ACTIVE:
            raise SessionClosed("this session has been submitted; its answers are final")

    def answer(
        self, choice_ids: Sequence[str], confidence: int | None = None, position: int | None = None
    ) -> Feedback | None:
        """Answer an item (the current one by default).

        Practice returns the feedback at once and locks the item; an exam records the answer,
        which may be changed until submission, and returns None.
        """
        self._require_open()
        if self.check_time():
            raise SessionClosed("time is up; the exam was submitted")
        where = self.current if position is None else position
        if not self.deferred and where in self.answers:
            return self.feedback(where)
        question = self.items[where].question
        credit = score(question, choice_ids, self.scoring_rule(question))
        now = self._clock()
        spent = int(max(0.0, now - self._shown_at) * 1000)
        given = Answer(tuple(choice_ids), credit, confidence, spent, utc_now())
        self.answers[where] = given
        self.recorder.answer(
            self,
            Response(where, question.id, question.content_hash, given.choice_ids, credit,
                     confidence, spent, given.answered_at),
        )
        return None if self.deferred else self.feedback(where)

    def toggle_flag(self, position: int | None = None) -> bool:
        self._require_open()
        where = self.current if position is None else position
        flagged = where not in self.flags
        if flagged:
            self.flags.add(where)
        else:
            self.flags.discard(where)
        self.recorder.flag(self, where, flagged)
        return flagged

    def goto(self, position: int) -> Item:
        self.current = min(max(position, 0), len(self.items) - 1)
        self._shown_at = self._clock()
        if self.status is Status.ACTIVE:
            self.recorder.progress(self)
        return self.item

    def next(self) -> Item:
        return self.goto(self.current + 1)

    def previous(self) -> Item:
        return self.goto(self.current - 1)

    def check_time(self) -> bool:
        """Submit if the time limit has run out; True when it has."""
        if self.status is Status.ACTIVE and self.remaining() == 0.0:
            self.submit()
            return True
        return self.status is Status.SUBMITTED and self.remaining() == 0.0

    def submit(self) -> None:
        """End the session; answers become final. Submitting twice changes nothing."""
        if self.status is not Status.ACTIVE:
            return
        self._elapsed_before = self.elapsed()
        self.status = Status.SUBMITTED if self.deferred else Status.FINISHED
        self.recorder.finish(self)

    def suspend(self) -> None:
        """Write the position and time used, for a later resume."""
        if self.status is Status.ACTIVE:
            self.recorder.progress(self)
