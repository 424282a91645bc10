"""The fixture table: one broken file per validation error, and exactly what it must report.

Each case names a file under ``fixtures/`` and the errors loading it must give, in order of
position: path, line, column, a piece of the message and the question id. Paths are as
``quiz validate`` shows them when run from the fixtures folder. Every bank fixture refers to
the lesson ``x-lesson`` of ``fixtures/x.lesson.yaml``; the scenario ``spam-filter`` of
``fixtures/scenarios/x-scenario.yaml`` is loaded alongside each case.

The table is shared by the loader tests, the schema tests (which of these errors the JSON
Schema can see too) and the documentation test (every error has an example in
docs/bank-format.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIO = "scenarios/x-scenario.yaml"
"""The context scenario, relative to FIXTURES."""


class Expect(NamedTuple):
    """One diagnostic a fixture must produce."""

    line: int
    column: int
    message: str
    question_id: str | None = "x-001"
    path: str | None = None
    """None: the fixture itself."""


class Case(NamedTuple):
    """A fixture, the files loaded with it (in this order, before it), and its errors."""

    fixture: str
    expected: tuple[Expect, ...]
    before: tuple[str, ...] = ()


def _one(fixture: str, line: int, column: int, message: str, qid: str | None = "x-001") -> Case:
    return Case(fixture, (Expect(line, column, message, qid),))


CASES: tuple[Case, ...] = (
    # --- YAML itself ---------------------------------------------------------------------
    _one("duplicate-key.yaml", 11, 5,
         "duplicate key 'stem' in question (first written at line 10); "
         "YAML would silently keep only the last one"),
    _one("merge-key.yaml", 10, 5, "merge keys ('<<') are not supported; write the keys out"),
    _one("python-tag.yaml", 10, 11,
         "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: "
         "bank files hold plain data, nothing is constructed"),
    _one("custom-tag.yaml", 10, 11, "tag '!secret' is not allowed"),
    _one("key-not-text.yaml", 10, 7, "a key in question must be text, not a list"),
    _one("invalid-syntax.yaml", 10, 16,
         "invalid YAML: mapping values are not allowed in this context", None),
    _one("two-documents.yaml", 15, 1,
         "invalid YAML: more than one YAML document (---) in one file; use one per file", None),
    _one("deep-flow.yaml", 10, 75, "nested more than 64 levels deep", None),
    _one("deep-block.yaml", 136, 1, "indented or nested more than 64 levels deep", None),
    # the byte follows "    stem: Grüße ": column 17 in characters (19 in bytes)
    _one("not-utf8.yaml", 10, 17, "not valid UTF-8 (byte 0xe9); save it as UTF-8", None),
    _one("binary.yaml", 3, 1, "binary data (a NUL byte): this is not a YAML text file", None),
    # --- what the file is ----------------------------------------------------------------
    _one("empty.yaml", 1, 1,
         "the file is empty; a bank starts with 'bank:', a lesson file with 'lesson:', "
         "a scenario with 'scenario:'", None),
    _one("comments-only.yaml", 1, 1, "the file is empty", None),
    _one("top-level-list.yaml", 2, 1,
         "the file holds a list; it must be a mapping that starts with 'bank:', 'lesson:' "
         "or 'scenario:'", None),
    _one("scalar-file.yaml", 2, 1, "the file holds a single value", None),
    _one("not-a-bank.yaml", 2, 1,
         "not a bank, lesson or scenario file: expected a top-level 'bank:', 'lesson:' or "
         "'scenario:' key; did you mean 'bank'?", None),
    # --- keys and types ------------------------------------------------------------------
    _one("unknown-key.yaml", 10, 5,
         "unknown key 'dificulty' in question; did you mean 'difficulty'?"),
    _one("missing-key.yaml", 6, 5, "question is missing the required key 'phase'"),
    _one("bad-enum.yaml", 7, 11,
         "'type' must be 'single', 'multiple', 'true_false', 'phase', 'ordering' or "
         "'matching', not 'singel'; did you mean 'single'?"),
    _one("scoring-value.yaml", 5, 26,
         "'exam_multiple' must be 'all_or_nothing' or 'partial', not 'partial_credit'; "
         "did you mean 'partial'?", None),
    _one("difficulty-range.yaml", 10, 17, "'difficulty' must be from 1 to 3, not 7"),
    _one("int-type.yaml", 10, 17, "'difficulty' must be a whole number, not 'hard'"),
    _one("text-for-list.yaml", 9, 17, "'objectives' must be a list, not 'LO1'"),
    _one("bool-for-text.yaml", 13, 23,
         "'text' must be text, not 'no' (put it in quotes to use it as text)"),
    _one("bool-type.yaml", 12, 42, "'correct' must be true or false, not '1'"),
    _one("null-text.yaml", 14, 17, "'explanation' must be text, not ''"),
    _one("list-for-mapping.yaml", 5, 7, "'exam' must be a mapping of keys, not a list", None),
    _one("blueprint-key.yaml", 5, 49,
         "'blueprint' has an unknown key 'inferance'; use 'training' or 'inference'; "
         "did you mean 'inference'?", None),
    _one("empty-stem.yaml", 10, 11, "'stem' is empty"),
    _one("no-objectives.yaml", 9, 17, "'objectives' needs at least 1 item(s)"),
    _one("bad-id.yaml", 6, 9, "'id' 'x 001' may use only letters, digits, '-', '_' and '.'",
         "x 001"),
    # --- what the answers mean -----------------------------------------------------------
    _one("single-no-correct.yaml", 12, 7,
         "a single question needs exactly 1 correct choice, not 0"),
    _one("single-two-correct.yaml", 12, 7,
         "a single question needs exactly 1 correct choice, not 2; use type 'multiple' for more"),
    _one("multiple-one-correct.yaml", 12, 7,
         "a multiple question needs at least 2 correct choices and 1 wrong one, not 1 correct "
         "of 3; use type 'single' for one"),
    _one("multiple-all-correct.yaml", 12, 7,
         "a multiple question needs at least 2 correct choices and 1 wrong one, not 3 correct "
         "of 3"),
    _one("too-few-choices.yaml", 12, 7, "a single question needs at least 2 choices, not 1"),
    _one("empty-choices.yaml", 11, 14, "a single question needs 'choices'"),
    _one("choice-id-twice.yaml", 13, 9, "choice id 'a' is used twice in this question"),
    _one("true-false-no-answer.yaml", 6, 5,
         "a true_false question needs 'answer: true' or 'answer: false'"),
    _one("phase-with-choices.yaml", 12, 7,
         "a phase question has no 'choices'; its 'phase' is the right answer"),
    _one("phase-with-answer.yaml", 11, 13,
         "a phase question has no 'answer': its 'phase' is the answer"),
    _one("ordering-with-correct.yaml", 13, 39,
         "ordering steps have no 'correct': list them in the right order"),
    _one("answer-on-single.yaml", 10, 13,
         "'answer' is only for true_false questions; mark the right choices instead"),
    _one("feedback-on-single.yaml", 10, 15,
         "question-level 'feedback' is for true_false and phase questions; "
         "put feedback on each choice"),
    # --- matching ------------------------------------------------------------------------
    _one("matching-unknown-category.yaml", 17, 53,
         "prompt 'p3' matches unknown category 'neither'"),
    _one("matching-unused-category.yaml", 14, 9,
         "no prompt matches category 'neither'; match one to it, or mark it "
         "'distractor: true'"),
    _one("matching-distractor-used.yaml", 12, 9,
         "category 'training' is marked 'distractor: true' but prompts match it; remove "
         "'distractor'"),
    _one("matching-too-few-prompts.yaml", 15, 7,
         "a matching question needs at least 3 prompts, not 2"),
    _one("matching-prompt-twice.yaml", 16, 9, "prompt id 'p1' is used twice in this question"),
    _one("matching-with-choices.yaml", 12, 7,
         "a matching question has no 'choices'; list 'categories' and 'prompts' instead"),
    _one("categories-on-single.yaml", 12, 7, "'categories' is only for matching questions"),
    # --- exams and case studies ------------------------------------------------------------
    _one("scaled-pass.yaml", 5, 62, "'scaled' needs pass between min and max, not 1200", None),
    _one("case-unknown.yaml", 5, 16, "unknown case study 'cs-nope'", None),
    _one("scenario-errors/case-too-small.yaml", 12, 7,
         "case study 'cs-small' has 2 question(s); a case study holds 3 to 5", None),
    _one("scenario-errors/case-phase-type.yaml", 22, 15,
         "a case-study question cannot be phase: use single, multiple, ordering or matching",
         "xp-2"),
    # --- ids across the lesson, the scenarios and the files ------------------------------
    _one("duplicate-id.yaml", 15, 5,
         "duplicate question id 'x-001'; first used at duplicate-id.yaml:6:5"),
    Case("duplicate-id-across-b.yaml",
         (Expect(6, 5, "duplicate question id 'x-001'; first used at "
                       "duplicate-id-across-a.yaml:6:5"),),
         before=("duplicate-id-across-a.yaml",)),
    _one("unknown-objective.yaml", 9, 23,
         "unknown objective 'L02' in lesson 'x-lesson'; did you mean 'LO2'?"),
    _one("objective-twice.yaml", 9, 17, "objective 'LO1' is listed 2 times"),
    _one("unknown-scenario.yaml", 10, 15,
         "unknown scenario 'spam-filtr'; did you mean 'spam-filter'?"),
    _one("unknown-lesson.yaml", 4, 9,
         "unknown lesson 'x-leson'; did you mean 'x-lesson'?", None),
    _one("no-questions.yaml", 5, 12, "the bank has no questions", None),
    Case("generate-unknown.yaml", (
        Expect(5, 24, "unknown scenario 'spam-filtr'; did you mean 'spam-filter'?", None),
        Expect(5, 50, "unknown objective 'LO9'", None),
    )),
    # --- lessons (inline in a bank here; a .lesson.yaml file has the same shape) ---------
    _one("sides-missing.yaml", 8, 10, "'sides' is missing the key 'inference'", None),
    # this crashed with KeyError: 'id' in load._build_bank before (fixed there, one line)
    _one("inline-lesson-no-id.yaml", 5, 3, "lesson is missing the required key 'id'", None),
    _one("objective-id-twice.yaml", 11, 7, "objective id 'LO1' is used twice in the lesson",
         None),
    # the inline lesson is read first (given paths come before context files), so the clash
    # is reported on the lesson file that comes second
    Case("lesson-differs.yaml", (
        Expect(3, 3, "lesson 'x-lesson' is defined differently in lesson-differs.yaml:5:3; "
                     "define it once, in a .lesson.yaml file", None, "x.lesson.yaml"),
    )),
    # --- scenarios -----------------------------------------------------------------------
    _one("scenario-errors/statement-twice.yaml", 8, 7,
         "statement id 'e7a32121' occurs twice in this scenario", None),
    _one("scenario-errors/statements-phase.yaml", 8, 3,
         "'statements' has an unknown key 'evaluation'; use 'training' or 'inference'", None),
    Case("scenario-errors/scenario-id-reused.yaml",
         (Expect(2, 11, "scenario id 'spam-filter' is also used by scenarios/x-scenario.yaml:2:1",
                 None),),
         before=(SCENARIO,)),
)
