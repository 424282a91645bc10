"""The domain model: immutable value types for lessons, scenarios, questions and banks.

Everything downstream of the bank loader (engine, store, reports, formats, TUI) works on these
types only; none of them knows about YAML. Choices are normalised here: a true/false or phase
question carries its two choices like any other, so the engine scores every type the same way.

The types are written out on ``quiz.record.Record`` rather than declared with
``@dataclass(frozen=True)``, which compiles each class's methods with ``exec`` at import; every
command imports this module (docs/architecture.md, "Model types are written out").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from quiz.record import FrozenError as FrozenError  # re-exported for callers of the model
from quiz.record import Record


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


class SourceRef(Record):
    """Where something was written: a file and a 1-based line and column."""

    __slots__ = ()

    path: str
    line: int
    column: int

    def __new__(cls, path: str, line: int, column: int) -> Self:
        return tuple.__new__(cls, (path, line, column))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Objective(Record):
    """A learning objective with a stable id (``LO1``…)."""

    __slots__ = ()

    id: str
    text: str

    def __new__(cls, id: str, text: str) -> Self:
        return tuple.__new__(cls, (id, text))


class Convention(Record):
    """How a lesson classifies a case its text leaves open (labelling, quantisation…).

    ``side`` is ``training``, ``inference`` or ``neither``: some cases belong to no phase.
    """

    __slots__ = ()

    case: str
    side: str
    why: str

    def __new__(cls, case: str, side: str, why: str) -> Self:
        return tuple.__new__(cls, (case, side, why))


class Lesson(Record):
    """A lesson: its rule, the wording of each side of the rule, its objectives, and the
    conventions it follows for the cases the rule leaves open."""

    __slots__ = ()

    id: str
    title: str
    rule: str
    sides: dict[Phase, str]
    objectives: tuple[Objective, ...]
    conventions: tuple[Convention, ...]
    source: SourceRef | None

    def __new__(cls, id: str, title: str, rule: str, sides: dict[Phase, str],
                objectives: tuple[Objective, ...], conventions: tuple[Convention, ...] = (),
                source: SourceRef | None = None) -> Self:
        return tuple.__new__(cls, (id, title, rule, sides, objectives, conventions, source))

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)


def statement_id(text: str) -> str:
    """A stable id for a scenario statement, derived from its words (spacing ignored)."""
    from quiz.digest import sha256_hex

    canonical = " ".join(text.split()).casefold()
    return sha256_hex(canonical.encode())[:8]


class Statement(Record):
    """One statement of a scenario that belongs to a phase; generated items come from these."""

    __slots__ = ()

    text: str
    phase: Phase
    why: str
    id: str

    def __new__(cls, text: str, phase: Phase, why: str = "", id: str = "") -> Self:
        return tuple.__new__(cls, (text, phase, why, id))


class Scenario(Record):
    """A real-world situation and the statements that belong to each phase in it."""

    __slots__ = ()

    id: str
    title: str
    context: str
    statements: tuple[Statement, ...]
    source: SourceRef | None

    def __new__(cls, id: str, title: str, context: str, statements: tuple[Statement, ...],
                source: SourceRef | None = None) -> Self:
        return tuple.__new__(cls, (id, title, context, statements, source))


class Choice(Record):
    """One option of a question. For ordering questions ``correct`` is unused: list order is."""

    __slots__ = ()

    id: str
    text: str
    correct: bool
    feedback: str

    def __new__(cls, id: str, text: str, correct: bool = False, feedback: str = "") -> Self:
        return tuple.__new__(cls, (id, text, correct, feedback))


class Question(Record):
    """One item. ``choices`` is always filled, whatever the type (see module docstring)."""

    __slots__ = ()

    id: str
    type: QuestionType
    phase: Phase
    objectives: tuple[str, ...]
    stem: str
    choices: tuple[Choice, ...]
    explanation: str
    scenario: str | None
    difficulty: int | None
    shuffle: bool
    lint_ignore: tuple[str, ...]
    generated: bool
    source: SourceRef | None

    def __new__(cls, id: str, type: QuestionType, phase: Phase, objectives: tuple[str, ...],
                stem: str, choices: tuple[Choice, ...], explanation: str,
                scenario: str | None = None, difficulty: int | None = None,
                shuffle: bool = True, lint_ignore: tuple[str, ...] = (),
                generated: bool = False, source: SourceRef | None = None) -> Self:
        return tuple.__new__(cls, (id, type, phase, objectives, stem, choices, explanation,
                                   scenario, difficulty, shuffle, lint_ignore, generated,
                                   source))

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


class ExamSpec(Record):
    """How a mock exam is drawn and passed. The blueprint weighs phases (default: half each)."""

    __slots__ = ()

    questions: int
    minutes: int
    pass_percent: int
    blueprint: dict[Phase, int]

    def __new__(cls, questions: int = 30, minutes: int = 45, pass_percent: int = 70,
                blueprint: dict[Phase, int] | None = None) -> Self:
        if blueprint is None:
            blueprint = {Phase.TRAINING: 50, Phase.INFERENCE: 50}
        return tuple.__new__(cls, (questions, minutes, pass_percent, blueprint))


class ScoringSpec(Record):
    """Credit rules; certification exams are all-or-nothing, practice may give partial credit."""

    __slots__ = ()

    exam_multiple: MultipleScoring
    practice_multiple: MultipleScoring

    def __new__(cls, exam_multiple: MultipleScoring = MultipleScoring.ALL_OR_NOTHING,
                practice_multiple: MultipleScoring = MultipleScoring.PARTIAL) -> Self:
        return tuple.__new__(cls, (exam_multiple, practice_multiple))


class GenerationSpec(Record):
    """Which scenarios a bank turns into "which phase is this?" items, and their objectives."""

    __slots__ = ()

    scenarios: tuple[str, ...]
    all_scenarios: bool
    objectives: tuple[str, ...]

    def __new__(cls, scenarios: tuple[str, ...] = (), all_scenarios: bool = False,
                objectives: tuple[str, ...] = ()) -> Self:
        return tuple.__new__(cls, (scenarios, all_scenarios, objectives))


class Bank(Record):
    """A bank file: metadata, the lesson it serves, exam and scoring rules, its questions."""

    __slots__ = ()

    id: str
    title: str
    lesson: Lesson
    questions: tuple[Question, ...]
    description: str
    exam: ExamSpec
    scoring: ScoringSpec
    generate: GenerationSpec | None
    source: SourceRef | None

    def __new__(cls, id: str, title: str, lesson: Lesson, questions: tuple[Question, ...],
                description: str = "", exam: ExamSpec | None = None,
                scoring: ScoringSpec | None = None, generate: GenerationSpec | None = None,
                source: SourceRef | None = None) -> Self:
        return tuple.__new__(cls, (id, title, lesson, questions, description,
                                   ExamSpec() if exam is None else exam,
                                   ScoringSpec() if scoring is None else scoring,
                                   generate, source))

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class Catalog(Record):
    """Everything loaded in one run: banks, the lessons they share, and the scenarios."""

    __slots__ = ()

    banks: tuple[Bank, ...]
    lessons: dict[str, Lesson]
    scenarios: dict[str, Scenario]

    def __new__(cls, banks: tuple[Bank, ...] = (), lessons: dict[str, Lesson] | None = None,
                scenarios: dict[str, Scenario] | None = None) -> Self:
        return tuple.__new__(cls, (banks, {} if lessons is None else lessons,
                                   {} if scenarios is None else scenarios))

    def bank(self, bank_id: str) -> Bank | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.banks for q in b.questions)
