"""The domain model: frozen dataclasses for lessons, scenarios, questions and banks.

Everything downstream of the bank loader (engine, store, reports, formats, TUI) works on these
types only; none of them knows about YAML. Choices are normalised here: a true/false or phase
question carries its two choices like any other, so the engine scores every type the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Phase(StrEnum):
    """The side of the rule a question tests."""

    TRAINING = "training"
    INFERENCE = "inference"


class QuestionType(StrEnum):
    """How a question is answered."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    PHASE = "phase"
    ORDERING = "ordering"


class MultipleScoring(StrEnum):
    """How a multiple-choice (or ordering) answer earns credit."""

    ALL_OR_NOTHING = "all_or_nothing"
    PARTIAL = "partial"


@dataclass(frozen=True)
class SourceRef:
    """Where something was written: a file and a 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Objective:
    """A learning objective with a stable id (``LO1``…)."""

    id: str
    text: str


@dataclass(frozen=True)
class Lesson:
    """A lesson: its rule, the wording of each side of the rule, and its objectives."""

    id: str
    title: str
    rule: str
    sides: dict[Phase, str]
    objectives: tuple[Objective, ...]
    source: SourceRef | None = field(default=None, compare=False)

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)


def statement_id(text: str) -> str:
    """A stable id for a scenario statement, derived from its words (spacing ignored)."""
    from quiz.digest import sha256_hex

    canonical = " ".join(text.split()).casefold()
    return sha256_hex(canonical.encode())[:8]


@dataclass(frozen=True)
class Statement:
    """One statement of a scenario that belongs to a phase; generated items come from these."""

    text: str
    phase: Phase
    why: str = ""
    id: str = ""


@dataclass(frozen=True)
class Scenario:
    """A real-world situation and the statements that belong to each phase in it."""

    id: str
    title: str
    context: str
    statements: tuple[Statement, ...]
    source: SourceRef | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Choice:
    """One option of a question. For ordering questions ``correct`` is unused: list order is."""

    id: str
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    """One item. ``choices`` is always filled, whatever the type (see module docstring)."""

    id: str
    type: QuestionType
    phase: Phase
    objectives: tuple[str, ...]
    stem: str
    choices: tuple[Choice, ...]
    explanation: str
    scenario: str | None = None
    difficulty: int | None = None
    shuffle: bool = True
    lint_ignore: tuple[str, ...] = ()
    generated: bool = False
    source: SourceRef | None = field(default=None, compare=False)

    @property
    def correct_ids(self) -> tuple[str, ...]:
        """The right answer: choice ids in order for ordering, the correct ones otherwise."""
        if self.type is QuestionType.ORDERING:
            return tuple(c.id for c in self.choices)
        return tuple(c.id for c in self.choices if c.correct)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def content_hash(self) -> str:
        """A short hash of everything that decides what is asked and what is right.

        Stored with each response so that reports can tell answers to an edited question apart.
        """
        import json

        from quiz.digest import sha256_hex

        payload = json.dumps(
            [
                self.type.value,
                self.stem,
                [[c.id, c.text, c.correct] for c in self.choices],
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return sha256_hex(payload.encode())[:16]


@dataclass(frozen=True)
class ExamSpec:
    """How a mock exam is drawn and passed."""

    questions: int = 30
    minutes: int = 45
    pass_percent: int = 70
    blueprint: dict[Phase, int] = field(
        default_factory=lambda: {Phase.TRAINING: 50, Phase.INFERENCE: 50}
    )


@dataclass(frozen=True)
class ScoringSpec:
    """Credit rules; certification exams are all-or-nothing, practice may give partial credit."""

    exam_multiple: MultipleScoring = MultipleScoring.ALL_OR_NOTHING
    practice_multiple: MultipleScoring = MultipleScoring.PARTIAL


@dataclass(frozen=True)
class GenerationSpec:
    """Which scenarios a bank turns into "which phase is this?" items, and their objectives."""

    scenarios: tuple[str, ...] = ()
    all_scenarios: bool = False
    objectives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bank:
    """A bank file: metadata, the lesson it serves, exam and scoring rules, its questions."""

    id: str
    title: str
    lesson: Lesson
    questions: tuple[Question, ...]
    description: str = ""
    exam: ExamSpec = field(default_factory=ExamSpec)
    scoring: ScoringSpec = field(default_factory=ScoringSpec)
    generate: GenerationSpec | None = None
    source: SourceRef | None = field(default=None, compare=False)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Catalog:
    """Everything loaded in one run: banks, the lessons they share, and the scenarios."""

    banks: tuple[Bank, ...] = ()
    lessons: dict[str, Lesson] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)

    def bank(self, bank_id: str) -> Bank | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.banks for q in b.questions)
