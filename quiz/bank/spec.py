"""The bank format, written once: what a lesson, bank, question and scenario file may hold.

``records.py`` checks files against these shapes and ``schema.py`` turns them into the JSON
Schema that editors use; docs/bank-format.md explains them for authors.
"""

from __future__ import annotations

from quiz.bank.shapes import AnyOf, Bool, Enum, Int, ListOf, MapOf, Prop, Record, Str

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
PHASES = ("training", "inference")
CONVENTION_SIDES = (*PHASES, "neither")
TYPES = ("single", "multiple", "true_false", "phase", "ordering", "matching")
CASE_TYPES = ("single", "multiple", "ordering", "matching")
"""The types a case-study question may have: written items, not one-line classifications."""
CASE_SIZE = (3, 5)
"""A case study holds from 3 to 5 questions."""
SCORING = ("all_or_nothing", "partial")

MAX_TEXT_CHARS = 10_000
"""Most characters in a passage: a stem, an explanation, any feedback, a context, a rule, a
why. Real ones stay under 1,000 (a screenful is about 2,000); a hostile stem of 200,000
paragraphs took 40 s to first paint, and a feedback of 200,000 paragraphs 9 s and 490 MB."""

MAX_LINE_CHARS = 2_000
"""Most characters in a name or an option: a title, a choice, a category, a prompt, an
objective, a statement, a side of the rule. Real ones stay under 300."""

_SPLIT = "shorten it or split the question"


MAX_ID_CHARS = 100
"""Most characters in an id. Ids become file names (QTI items), IRIs (xAPI) and keys; real
ones stay under 40."""


def _id(description: str) -> Str:
    return Str(description, pattern=ID_PATTERN, max_length=MAX_ID_CHARS,
               too_long="use a shorter id")


def _line(description: str) -> Str:
    """Text read at a glance: a title, an option, a statement."""
    return Str(description, max_length=MAX_LINE_CHARS, too_long="shorten it")


def _passage(description: str, too_long: str = "shorten it", non_empty: bool = True) -> Str:
    """Text read as a paragraph or a few: a stem, an explanation, feedback, a context."""
    return Str(description, non_empty=non_empty, max_length=MAX_TEXT_CHARS, too_long=too_long)


OBJECTIVE = Record(
    "objective",
    {
        "id": Prop(_id("Stable id, e.g. LO1; questions refer to it."), required=True),
        "text": Prop(_line("What the learner will be able to do."), required=True),
    },
)

CONVENTION = Record(
    "convention",
    {
        "case": Prop(_line("A case the rule leaves open, e.g. labelling data."), required=True),
        "side": Prop(Enum(CONVENTION_SIDES, "The side the lesson puts it on."), required=True),
        "why": Prop(_passage("Why, in a sentence a learner can follow."), required=True),
    },
    "How the lesson classifies one case its text leaves open.",
)

LESSON = Record(
    "lesson",
    {
        "id": Prop(_id("Stable id of the lesson; bank files refer to it."), required=True),
        "title": Prop(_line("Title shown to learners."), required=True),
        "rule": Prop(_passage("The rule every question tests one side of."), required=True),
        "sides": Prop(
            MapOf(
                PHASES,
                _line("How the rule words this side."),
                "The wording of each side of the rule.",
                required=PHASES,
            ),
            required=True,
        ),
        "objectives": Prop(
            ListOf(OBJECTIVE, "The lesson's learning objectives.", min_items=1), required=True
        ),
        "conventions": Prop(
            ListOf(CONVENTION, "The lesson's conventions for cases its text leaves open.")
        ),
    },
    "A lesson: its rule, the two sides of the rule, and its objectives.",
)

LESSON_FILE = Record(
    "lesson file",
    {"lesson": Prop(LESSON, required=True)},
    "A lesson shared by several bank files.",
)

CHOICE = Record(
    "choice",
    {
        "id": Prop(_id("Stable id of the choice within its question (a, b, c...)."), required=True),
        "text": Prop(_line("The choice as the learner sees it."), required=True),
        "correct": Prop(Bool("Whether this choice is right (not used by ordering questions).")),
        "feedback": Prop(_passage("Why a learner might pick this and why it is wrong (or right).")),
    },
)

CATEGORY = Record(
    "category",
    {
        "id": Prop(_id("Stable id of the category within its question (training...)."), True),
        "text": Prop(_line("The category as the learner sees it."), required=True),
        "distractor": Prop(Bool("true: offered, but no prompt belongs to it.")),
    },
    "A category of a matching question.",
)

PROMPT = Record(
    "prompt",
    {
        "id": Prop(_id("Stable id of the prompt within its question (p1, p2...)."), True),
        "text": Prop(_line("The statement the learner matches to a category."), required=True),
        "match": Prop(_id("The id of the category it belongs to."), required=True),
        "feedback": Prop(
            _passage("Why it belongs to that category; shown with the learner's match.")
        ),
    },
    "A statement of a matching question.",
)

QUESTION = Record(
    "question",
    {
        "id": Prop(_id("Stable id, unique across all banks; progress is tracked by it."), True),
        "type": Prop(Enum(TYPES, "How the question is answered."), required=True),
        "phase": Prop(Enum(PHASES, "The side of the rule the question tests."), required=True),
        "objectives": Prop(
            ListOf(_id("An objective id of the bank's lesson."), "Objectives served.", 1),
            required=True,
        ),
        "scenario": Prop(_id("Id of a scenario file this question is set in.")),
        "difficulty": Prop(Int("1 easy, 2 medium, 3 hard.", 1, 3)),
        "stem": Prop(_passage("The question itself.", _SPLIT), required=True),
        "choices": Prop(
            ListOf(
                CHOICE,
                "Options (single, multiple) or steps in their right order (ordering).",
            )
        ),
        "categories": Prop(ListOf(CATEGORY, "matching: the categories, in the order shown.")),
        "prompts": Prop(ListOf(PROMPT, "matching: the statements to match to a category.")),
        "answer": Prop(Bool("The right answer of a true_false question.")),
        "feedback": Prop(_passage("true_false and phase: shown when the learner answers wrongly.")),
        "explanation": Prop(
            _passage("Why the answer is right: which side of the rule applies, and the objective.",
                     _SPLIT),
            required=True,
        ),
        "shuffle": Prop(Bool("false pins the choices (matching: the prompts) in the written "
                             "order (default true).")),
        "lint_ignore": Prop(ListOf(_line("A lint rule id."), "Lint rules switched off here.")),
    },
    "One question.",
)

SCALED = Record(
    "scaled",
    {
        "min": Prop(Int("The lowest scaled score (0 %).", 0, 10_000), required=True),
        "max": Prop(Int("The highest scaled score (100 %).", 1, 10_000), required=True),
        "pass": Prop(Int("The scaled score of the pass mark.", 0, 10_000), required=True),
    },
    "Report a scaled score beside the percentage, e.g. {min: 100, max: 1000, pass: 720}.",
)

EXAM = Record(
    "exam",
    {
        "questions": Prop(Int("How many questions a mock exam draws.", 1, 500)),
        "minutes": Prop(Int("Time limit in minutes.", 1, 600)),
        "pass_percent": Prop(Int("Pass mark, percent of the maximum score.", 0, 100)),
        "blueprint": Prop(
            MapOf(PHASES, Int("Weight of this phase.", 0, 100), "Share of questions by phase.")
        ),
        "case_studies": Prop(Int("How many whole case studies an exam holds.", 0, 20)),
        "scaled": Prop(SCALED),
    },
    "Mock exam settings.",
)

SCORING_SPEC = Record(
    "scoring",
    {
        "exam_multiple": Prop(Enum(SCORING, "Multiple choice and ordering in exams.")),
        "practice_multiple": Prop(Enum(SCORING, "Multiple choice and ordering in practice.")),
        "exam_matching": Prop(Enum(SCORING, "Matching in exams.")),
        "practice_matching": Prop(Enum(SCORING, "Matching in practice.")),
    },
    "How multiple-choice, ordering and matching answers earn credit.",
)

GENERATE = Record(
    "generate",
    {
        "scenarios": Prop(
            AnyOf(
                (
                    Enum(("all",), "Every scenario loaded."),
                    ListOf(_id("A scenario id."), "These scenarios."),
                ),
                "Scenarios whose statements become 'which phase is this?' items.",
            ),
            required=True,
        ),
        "objectives": Prop(
            ListOf(_id("An objective id."), "Objectives the generated items serve.", 1),
            required=True,
        ),
    },
    "Generate phase items from scenario statements.",
)

BANK_FILE = Record(
    "bank",
    {
        "bank": Prop(_id("Stable id of the bank."), required=True),
        "title": Prop(_line("Title shown to learners."), required=True),
        "description": Prop(_passage("A sentence or two about the bank.", non_empty=False)),
        "lesson": Prop(
            AnyOf((_id("Id of a lesson defined in a lesson file."), LESSON), "The lesson served."),
            required=True,
        ),
        "exam": Prop(EXAM),
        "scoring": Prop(SCORING_SPEC),
        "generate": Prop(GENERATE),
        "case_studies": Prop(
            AnyOf(
                (
                    Enum(("all",), "Every case study loaded."),
                    ListOf(_id("A case study id."), "These case studies."),
                ),
                "Case studies (written in scenario files) whose questions join this bank.",
            )
        ),
        "questions": Prop(ListOf(QUESTION, "The questions."), required=True),
    },
    "A question bank.",
)

STATEMENT = AnyOf(
    (
        _line("A statement that belongs to this phase."),
        Record(
            "statement",
            {
                "text": Prop(_line("The statement."), required=True),
                "why": Prop(_passage("Why it belongs to this phase; shown after answering.")),
                "id": Prop(_id("Stable id; by default one is derived from the text.")),
            },
        ),
    ),
    "A statement, as text or with an explanation.",
)

CASE_STUDY = Record(
    "case study",
    {
        "id": Prop(_id("Stable id of the case study, unique across the files loaded."), True),
        "title": Prop(_line("Title shown to learners."), required=True),
        "context": Prop(_passage("The case's own facts, shown under the scenario's context.")),
        "questions": Prop(
            ListOf(QUESTION, "3 to 5 questions answered together, in this order.", 1),
            required=True,
        ),
    },
    "Questions answered together on this scenario's context.",
)

SCENARIO_FILE = Record(
    "scenario",
    {
        "scenario": Prop(_id("Stable id of the scenario; questions refer to it."), required=True),
        "title": Prop(_line("Title shown to learners."), required=True),
        "context": Prop(_passage("The situation, in a paragraph."), required=True),
        "statements": Prop(
            MapOf(
                PHASES,
                ListOf(STATEMENT, "Statements of this phase.", 1),
                "Statements that belong to each phase.",
                required=PHASES,
            ),
            required=True,
        ),
        "case_studies": Prop(ListOf(CASE_STUDY, "Case studies set in this scenario.")),
    },
    "A real-world scenario.",
)

FILE_KINDS = {"bank": BANK_FILE, "lesson": LESSON_FILE, "scenario": SCENARIO_FILE}
