"""What a progress report holds: frozen records that every renderer (and the TUI) reads.

Built by ``quiz.reports.progress.aggregate``; no renderer computes a figure of its own, so the text,
Markdown, HTML, JSON and CSV outputs always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from quiz.reports.progress.stats import wilson

WEAK_ACCURACY = 0.6
"""Below this accuracy an objective is weak, whatever its interval says."""


class Status(StrEnum):
    """Where a learner stands on an objective or phase."""

    UNTESTED = "untested"
    WEAK = "weak"
    DEVELOPING = "developing"
    MASTERED = "mastered"


@dataclass(frozen=True)
class Mastery:
    """Evidence on one objective (or phase): the latest answer to each question that serves it.

    ``questions`` counts questions whose latest answer (to the current version) is counted,
    ``correct`` those answered fully right, ``answers`` every counted answer behind them,
    ``stale_answers`` answers to since-edited versions (left out of the figures), and
    ``bank_questions`` how many questions the banks in scope have for it now.
    ``(lesson, objective)`` names it; ``key`` is only how it is shown.
    """

    key: str
    objective: str
    label: str
    questions: int
    correct: int
    answers: int
    stale_answers: int
    bank_questions: int
    pass_mark: float
    lesson: str = ""
    """The objective's lesson (``?`` when its bank is not loaded; empty for a phase)."""

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.questions if self.questions else None

    @property
    def interval(self) -> tuple[float, float]:
        """Wilson 95% interval of the accuracy; (0, 1) without evidence."""
        return wilson(self.correct, self.questions)

    @property
    def status(self) -> Status:
        """Untested without evidence; weak when even the interval's top is below the pass mark
        or the accuracy is below 60%; mastered when its bottom reaches the pass mark."""
        if not self.questions:
            return Status.UNTESTED
        low, high = self.interval
        if high < self.pass_mark or self.correct / self.questions < WEAK_ACCURACY:
            return Status.WEAK
        return Status.MASTERED if low >= self.pass_mark else Status.DEVELOPING


@dataclass(frozen=True)
class Overall:
    """Every counted answer in scope, repeats included."""

    sessions: int = 0
    answers: int = 0
    questions: int = 0
    correct: int = 0
    credit: float = 0.0
    answering_ms: int = 0
    session_seconds: float = 0.0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answers if self.answers else None


@dataclass(frozen=True)
class ExamResult:
    """A submitted exam; unanswered items score 0."""

    session_id: int
    bank_id: str
    started_at: str
    items: int
    answered: int
    earned: float
    pass_percent: int | None

    @property
    def percent(self) -> float:
        return 100.0 * self.earned / self.items if self.items else 0.0

    @property
    def passed(self) -> bool | None:
        return None if self.pass_percent is None else self.percent >= self.pass_percent


@dataclass(frozen=True)
class Level:
    """Answers given at one confidence level (1 unsure … 3 sure), and how many were right."""

    confidence: int
    answers: int
    correct: int


@dataclass(frozen=True)
class Calibration:
    """How confidence matched correctness, over every rated answer."""

    levels: tuple[Level, ...] = ()
    sure_but_wrong: int = 0
    unsure_but_right: int = 0

    @property
    def rated(self) -> int:
        return sum(level.answers for level in self.levels)


@dataclass(frozen=True)
class Edits:
    """Answers to questions edited since (excluded from mastery) or removed (kept, as stored)."""

    stale_answers: int = 0
    stale_questions: int = 0
    removed_answers: int = 0
    removed_questions: int = 0


@dataclass(frozen=True)
class Suggestion:
    """A weak or untested objective and the command that practises it."""

    key: str
    objective: str
    label: str
    status: Status
    accuracy: float | None
    command: str


@dataclass(frozen=True)
class LearnerProgress:
    """Everything the report says about one learner."""

    learner: str
    overall: Overall
    exams: tuple[ExamResult, ...]
    objectives: tuple[Mastery, ...]
    phases: tuple[Mastery, ...]
    calibration: Calibration
    edits: Edits
    weakest: tuple[Suggestion, ...]


@dataclass(frozen=True)
class QuestionStat:
    """One question across learners: each learner's latest answer to it."""

    question_id: str
    label: str
    removed: bool
    learners: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.learners if self.learners else 0.0


@dataclass(frozen=True)
class Due:
    """Spaced-repetition reviews due by the end of today and within the coming seven days."""

    today: int
    week: int


@dataclass(frozen=True)
class Report:
    """A progress report for one learner, or a class view over several sources."""

    generated_at: str
    pass_percent: int
    learners: tuple[LearnerProgress, ...]
    class_view: bool = False
    sources: tuple[str, ...] = ()
    since: str | None = None
    banks: tuple[str, ...] = ()
    class_overall: Overall = field(default_factory=Overall)
    class_objectives: tuple[Mastery, ...] = ()
    class_phases: tuple[Mastery, ...] = ()
    hardest: tuple[QuestionStat, ...] = ()
    due: Due | None = None
    notes: tuple[str, ...] = ()
