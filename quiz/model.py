"""The domain model: immutable value types for lessons, scenarios, questions and banks.

Everything downstream of the bank loader (engine, store, reports, formats, TUI) works on these
types only; none of them knows about YAML. Choices are normalised here: a true/false or phase
question carries its two choices like any other, so the engine scores every type the same way.

Each type is a ``typing.NamedTuple`` of its fields (``_QuestionFields``…), which mypy checks
fully, under a public class that adds ``quiz.record.Value``'s semantics: equality by type and
value without ``source``, no ordering, fast pickling (docs/architecture.md, "Model types are
named tuples"). Change a value with the typed ``_replace(field=...)``. Defaults are shared
between values, so a defaulted mapping is typed ``Mapping`` (read-only for mypy) where
callers allow it.

No ``from __future__ import annotations`` here (nor in quiz/errors.py, quiz/bank/shapes.py):
``typing.NamedTuple`` turns each string annotation into a ``ForwardRef``, compiling it, when
the class is made; evaluated annotations saved 0.6 ms of every start. So each type is defined
above the first field that names it.
"""


from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

from quiz.record import Value


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


class _SourceRefFields(NamedTuple):
    path: str
    line: int
    column: int


class SourceRef(Value, _SourceRefFields):
    """Where something was written: a file and a 1-based line and column."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class _ObjectiveFields(NamedTuple):
    id: str
    text: str


class Objective(Value, _ObjectiveFields):
    """A learning objective with a stable id (``LO1``…)."""

    __slots__ = ()


class _ConventionFields(NamedTuple):
    case: str
    side: str
    why: str


class Convention(Value, _ConventionFields):
    """How a lesson classifies a case its text leaves open (labelling, quantisation…).

    ``side`` is ``training``, ``inference`` or ``neither``: some cases belong to no phase.
    """

    __slots__ = ()


class _LessonFields(NamedTuple):
    id: str
    title: str
    rule: str
    sides: dict[Phase, str]
    objectives: tuple[Objective, ...]
    conventions: tuple[Convention, ...] = ()
    source: SourceRef | None = None


class Lesson(Value, _LessonFields):
    """A lesson: its rule, the wording of each side of the rule, its objectives, and the
    conventions it follows for the cases the rule leaves open."""

    __slots__ = ()

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)


def statement_id(text: str) -> str:
    """A stable id for a scenario statement, derived from its words (spacing ignored)."""
    from quiz.digest import sha256_hex

    canonical = " ".join(text.split()).casefold()
    return sha256_hex(canonical.encode())[:8]


class _StatementFields(NamedTuple):
    text: str
    phase: Phase
    why: str = ""
    id: str = ""


class Statement(Value, _StatementFields):
    """One statement of a scenario that belongs to a phase; generated items come from these."""

    __slots__ = ()


class _ScenarioFields(NamedTuple):
    id: str
    title: str
    context: str
    statements: tuple[Statement, ...]
    source: SourceRef | None = None


class Scenario(Value, _ScenarioFields):
    """A real-world situation and the statements that belong to each phase in it."""

    __slots__ = ()


class _ChoiceFields(NamedTuple):
    id: str
    text: str
    correct: bool = False
    feedback: str = ""


class Choice(Value, _ChoiceFields):
    """One option of a question. For ordering questions ``correct`` is unused: list order is."""

    __slots__ = ()


class _QuestionFields(NamedTuple):
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
    source: SourceRef | None = None


class Question(Value, _QuestionFields):
    """One item. ``choices`` is always filled, whatever the type (see module docstring)."""

    __slots__ = ()

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


_HALF_EACH: Mapping[Phase, int] = {Phase.TRAINING: 50, Phase.INFERENCE: 50}


class _ExamSpecFields(NamedTuple):
    questions: int = 30
    minutes: int = 45
    pass_percent: int = 70
    blueprint: Mapping[Phase, int] = _HALF_EACH


class ExamSpec(Value, _ExamSpecFields):
    """How a mock exam is drawn and passed. The blueprint weighs phases (default: half each)."""

    __slots__ = ()


class _ScoringSpecFields(NamedTuple):
    exam_multiple: MultipleScoring = MultipleScoring.ALL_OR_NOTHING
    practice_multiple: MultipleScoring = MultipleScoring.PARTIAL


class ScoringSpec(Value, _ScoringSpecFields):
    """Credit rules; certification exams are all-or-nothing, practice may give partial credit."""

    __slots__ = ()


class _GenerationSpecFields(NamedTuple):
    scenarios: tuple[str, ...] = ()
    all_scenarios: bool = False
    objectives: tuple[str, ...] = ()


class GenerationSpec(Value, _GenerationSpecFields):
    """Which scenarios a bank turns into "which phase is this?" items, and their objectives."""

    __slots__ = ()


class _BankFields(NamedTuple):
    id: str
    title: str
    lesson: Lesson
    questions: tuple[Question, ...]
    description: str = ""
    exam: ExamSpec = ExamSpec()
    scoring: ScoringSpec = ScoringSpec()
    generate: GenerationSpec | None = None
    source: SourceRef | None = None


class Bank(Value, _BankFields):
    """A bank file: metadata, the lesson it serves, exam and scoring rules, its questions."""

    __slots__ = ()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class _CatalogFields(NamedTuple):
    banks: tuple[Bank, ...] = ()
    # dict, not Mapping, because the engine's Session takes a dict; the empty defaults are
    # shared by every Catalog() made without them (only tests do), so never fill one in place
    lessons: dict[str, Lesson] = {}  # noqa: RUF012
    scenarios: dict[str, Scenario] = {}  # noqa: RUF012


class Catalog(Value, _CatalogFields):
    """Everything loaded in one run: banks, the lessons they share, and the scenarios."""

    __slots__ = ()

    def bank(self, bank_id: str) -> Bank | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.banks for q in b.questions)


MODEL_TYPES: tuple[type[Value], ...] = (
    SourceRef, Objective, Convention, Lesson, Statement, Scenario, Choice, Question, ExamSpec,
    ScoringSpec, GenerationSpec, Bank, Catalog,
)
"""Every value type of the model, for the catalog cache's fingerprint (quiz.bank.cache)."""
