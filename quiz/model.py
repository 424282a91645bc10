"""The domain model: immutable value types for lessons, scenarios, questions and banks.

Everything downstream of the bank loader (engine, store, reports, formats, TUI) works on these
types only; none of them knows about YAML. Choices are normalised here: a true/false or phase
question carries its two choices like any other, so the engine scores every type the same way.

Each type is a named tuple of its fields (``_QuestionFields``…, declared with
``quiz.fields.Fields``, which mypy checks as a ``typing.NamedTuple``), under a public class
that adds ``quiz.record.Value``'s semantics: equality by type and value without ``source``,
no ordering, fast pickling (docs/architecture.md, "Model types are named tuples"). Change a
value with the typed ``_replace(field=...)``. Defaults are shared between values, so a
defaulted mapping is typed ``Mapping`` (read-only for mypy) where callers allow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from re import Pattern

from quiz.fields import Fields
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
    MATCHING = "matching"


class MultipleScoring(StrEnum):
    """How a multiple-choice, ordering or matching answer earns credit."""

    ALL_OR_NOTHING = "all_or_nothing"
    PARTIAL = "partial"


class _SourceRefFields(Fields):
    path: str
    line: int
    column: int


class SourceRef(Value, _SourceRefFields):
    """Where something was written: a file and a 1-based line and column."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class _ObjectiveFields(Fields):
    id: str
    text: str


class Objective(Value, _ObjectiveFields):
    """A learning objective with a stable id (``LO1``…)."""

    __slots__ = ()


class _ConventionFields(Fields):
    case: str
    side: str
    why: str


class Convention(Value, _ConventionFields):
    """How a lesson classifies a case its text leaves open (labelling, quantisation…).

    ``side`` is ``training``, ``inference`` or ``neither``: some cases belong to no phase.
    """

    __slots__ = ()


class _LessonFields(Fields):
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


class _StatementFields(Fields):
    text: str
    phase: Phase
    why: str = ""
    id: str = ""


class Statement(Value, _StatementFields):
    """One statement of a scenario that belongs to a phase; generated items come from these."""

    __slots__ = ()


class _ScenarioFields(Fields):
    id: str
    title: str
    context: str
    statements: tuple[Statement, ...]
    source: SourceRef | None = None


class Scenario(Value, _ScenarioFields):
    """A real-world situation and the statements that belong to each phase in it.

    Its case studies (question sets on this scenario) are in ``Catalog.case_studies``.
    """

    __slots__ = ()


class _ChoiceFields(Fields):
    id: str
    text: str
    correct: bool = False
    feedback: str = ""


class Choice(Value, _ChoiceFields):
    """One option of a question. For ordering questions ``correct`` is unused: list order is."""

    __slots__ = ()


PAIR_SEPARATOR = "="
"""Joins a prompt id and a category id into a matching pair's choice id: ``p1=training``.
Ids never contain it (their pattern is ``[A-Za-z0-9][A-Za-z0-9_.-]*``)."""


def pair_id(prompt_id: str, category_id: str) -> str:
    """The choice id of "prompt ``prompt_id`` goes with category ``category_id``"."""
    return f"{prompt_id}{PAIR_SEPARATOR}{category_id}"


def split_pair(choice_id: str) -> tuple[str, str]:
    """A matching pair's (prompt id, category id); ``("", "")`` for anything else."""
    prompt, sep, category = choice_id.partition(PAIR_SEPARATOR)
    return (prompt, category) if sep and prompt and category else ("", "")


class _CategoryFields(Fields):
    id: str
    text: str
    distractor: bool = False


class Category(Value, _CategoryFields):
    """A column of a matching item (Training, Inference, Neither...). A ``distractor``
    category is offered but matches no prompt."""

    __slots__ = ()


class _PromptFields(Fields):
    id: str
    text: str
    category: str
    feedback: str = ""


class Prompt(Value, _PromptFields):
    """A statement of a matching item, the id of the category it belongs to, and why it
    belongs there (shown with the learner's match, right or wrong)."""

    __slots__ = ()


def matching_choices(categories: tuple[Category, ...], prompts: tuple[Prompt, ...]
                     ) -> tuple[Choice, ...]:
    """A matching question's choices: every (prompt, category) pair, prompt by prompt, right
    when the prompt belongs to the category, each with the prompt's feedback. The loader
    and importers build matching questions with this, so all agree."""
    return tuple(
        Choice(pair_id(p.id, c.id), f"{p.text} → {c.text}", c.id == p.category, p.feedback)
        for p in prompts for c in categories
    )


class _CaseRefFields(Fields):
    id: str
    position: int
    size: int


class CaseRef(Value, _CaseRefFields):
    """Where a question sits in its case study: the case's id and its place, 1 to ``size``."""

    __slots__ = ()


class _QuestionFields(Fields):
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
    categories: tuple[Category, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    case: CaseRef | None = None
    source: SourceRef | None = None


class Question(Value, _QuestionFields):
    """One item. ``choices`` is always filled, whatever the type (see module docstring).

    A matching item also keeps its ``categories`` and ``prompts``, and its choices are every
    (prompt, category) pair, prompt by prompt: id ``pair_id(prompt, category)``, correct when
    the prompt belongs to that category, the prompt's feedback on each. So an answer is a
    tuple of pair ids (one per prompt matched), stored, exported and analysed like any other
    answer (item analysis counts each pair as a choice). ``case`` is set on the questions
    of a case study.
    """

    __slots__ = ()

    @property
    def correct_ids(self) -> tuple[str, ...]:
        """The right answer: choice ids in order for ordering, the correct ones otherwise
        (for matching, the right pair of each prompt, in prompt order)."""
        if self.type is QuestionType.ORDERING:
            return tuple(c.id for c in self.choices)
        return tuple(c.id for c in self.choices if c.correct)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    @property
    def option_count(self) -> int:
        """How many answers a learner chooses between for one decision: the choices, or for
        a matching item the categories each prompt may go to."""
        return len(self.categories) if self.type is QuestionType.MATCHING else len(self.choices)

    @property
    def two_options(self) -> bool:
        """Whether a guess scores 50 %: true/false, phase, or any item with two options (a
        matching item is several decisions, so never counts)."""
        if self.type in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
            return True
        return self.type is not QuestionType.MATCHING and len(self.choices) == 2

    @property
    def asks_phase(self) -> bool:
        """Whether this is a "which phase is this?" classification item: type phase, a stem
        that asks for the phase, or choices that mostly just name a phase."""
        if self.type is QuestionType.PHASE:
            return True
        if self.type is QuestionType.MATCHING:
            return False
        asks, names = _phase_patterns()
        if asks.search(self.stem):
            return True
        named = sum(bool(names.match(c.text)) for c in self.choices)
        return bool(self.choices) and named * 2 >= len(self.choices)

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


_PATTERNS: list[tuple[Pattern[str], Pattern[str]]] = []


def _phase_patterns() -> tuple[Pattern[str], Pattern[str]]:
    """(a stem asking for the phase, a choice opening with a phase name); compiled once, on
    first use, so that importing the model compiles nothing."""
    if not _PATTERNS:
        import re

        _PATTERNS.append((
            re.compile(r"which phase|what phase|where does this belong", re.IGNORECASE),
            re.compile(r"^\W*(?:(?:it|this)\s+is\s+|it['’]s\s+)?(?:training|inference)\b",
                       re.IGNORECASE),
        ))
    return _PATTERNS[0]


class _CaseStudyFields(Fields):
    id: str
    scenario: str
    title: str
    context: str
    questions: tuple[Question, ...]
    source: SourceRef | None = None


class CaseStudy(Value, _CaseStudyFields):
    """Several questions answered together on one scenario: its title, its own facts
    (``context``, shown under the scenario's context; may be empty) and its questions in
    order, each with ``case`` pointing back here. Written in the scenario's file; a bank
    takes it in with ``case_studies:``."""

    __slots__ = ()


_HALF_EACH: Mapping[Phase, int] = {Phase.TRAINING: 50, Phase.INFERENCE: 50}


class _ScaledScoreFields(Fields):
    min: int = 100
    max: int = 1000
    pass_score: int = 720


class ScaledScore(Value, _ScaledScoreFields):
    """A reported score scale (certification style, 100–1000 passing at 720): the pass
    percentage maps to ``pass_score``, and each side of it maps linearly."""

    __slots__ = ()

    def of(self, percent: float, pass_percent: int) -> int:
        """The scaled score of ``percent`` (0–100) for an exam passed at ``pass_percent``."""
        percent = min(100.0, max(0.0, percent))
        if percent >= pass_percent:
            span = 100 - pass_percent
            share = (percent - pass_percent) / span if span else 1.0
            return round(self.pass_score + share * (self.max - self.pass_score))
        return round(self.min + percent / pass_percent * (self.pass_score - self.min))


class _ExamSpecFields(Fields):
    questions: int = 30
    minutes: int = 45
    pass_percent: int = 70
    blueprint: Mapping[Phase, int] = _HALF_EACH
    case_studies: int = 0
    scaled: ScaledScore | None = None


class ExamSpec(Value, _ExamSpecFields):
    """How a mock exam is drawn and passed. The blueprint weighs phases (default: half each);
    ``case_studies`` is how many whole case studies an exam holds; ``scaled`` asks for a
    scaled score beside the percentage."""

    __slots__ = ()


class _ScoringSpecFields(Fields):
    exam_multiple: MultipleScoring = MultipleScoring.ALL_OR_NOTHING
    practice_multiple: MultipleScoring = MultipleScoring.PARTIAL
    exam_matching: MultipleScoring = MultipleScoring.ALL_OR_NOTHING
    practice_matching: MultipleScoring = MultipleScoring.PARTIAL


class ScoringSpec(Value, _ScoringSpecFields):
    """Credit rules; certification exams are all-or-nothing, practice may give partial credit."""

    __slots__ = ()

    def rule(self, kind: QuestionType, exam: bool) -> MultipleScoring:
        """The rule for a question of ``kind``: the matching keys for matching items, the
        multiple keys for the rest (single-answer types are right or wrong either way)."""
        if kind is QuestionType.MATCHING:
            return self.exam_matching if exam else self.practice_matching
        return self.exam_multiple if exam else self.practice_multiple


class _GenerationSpecFields(Fields):
    scenarios: tuple[str, ...] = ()
    all_scenarios: bool = False
    objectives: tuple[str, ...] = ()


class GenerationSpec(Value, _GenerationSpecFields):
    """Which scenarios a bank turns into "which phase is this?" items, and their objectives."""

    __slots__ = ()


class _BankFields(Fields):
    id: str
    title: str
    lesson: Lesson
    questions: tuple[Question, ...]
    description: str = ""
    exam: ExamSpec = ExamSpec()
    scoring: ScoringSpec = ScoringSpec()
    generate: GenerationSpec | None = None
    case_studies: tuple[CaseStudy, ...] = ()
    source: SourceRef | None = None


class Bank(Value, _BankFields):
    """A bank file: metadata, the lesson it serves, exam and scoring rules, its questions.

    ``questions`` holds the questions of the case studies it takes in too (after its own),
    so they are drawn, reviewed and reported like any other; ``case_studies`` holds the
    studies themselves, for their titles and contexts.
    """

    __slots__ = ()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def case_study(self, case_id: str) -> CaseStudy | None:
        return next((c for c in self.case_studies if c.id == case_id), None)


class _CatalogFields(Fields):
    banks: tuple[Bank, ...] = ()
    # dict, not Mapping, because the engine's Session takes a dict; the empty defaults are
    # shared by every Catalog() made without them (only tests do), so never fill one in place
    lessons: dict[str, Lesson] = {}  # noqa: RUF012
    scenarios: dict[str, Scenario] = {}  # noqa: RUF012
    case_studies: dict[str, CaseStudy] = {}  # noqa: RUF012


class Catalog(Value, _CatalogFields):
    """Everything loaded in one run: banks, the lessons they share, and the scenarios."""

    __slots__ = ()

    def bank(self, bank_id: str) -> Bank | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.banks for q in b.questions)


MODEL_TYPES: tuple[type[Value], ...] = (
    SourceRef, Objective, Convention, Lesson, Statement, Scenario, Choice, Category, Prompt,
    CaseRef, Question, CaseStudy, ScaledScore, ExamSpec, ScoringSpec, GenerationSpec, Bank,
    Catalog,
)
"""Every value type of the model, for the catalog cache's fingerprint (quiz.bank.cache)."""
