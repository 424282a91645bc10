"""From checked records to model objects, with the checks that span keys and files.

``records.py`` knows the shape of one file; this module knows what the values mean: the right
number of correct answers for a type, ids that must exist in the lesson or among the scenarios,
question ids that must be unique across every file loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from quiz.bank.records import Mark, Rec, Seq
from quiz.bank.suggest import did_you_mean
from quiz.errors import Diagnostic, Severity
from quiz.model import (
    Choice,
    Convention,
    ExamSpec,
    GenerationSpec,
    Lesson,
    MultipleScoring,
    Objective,
    Phase,
    Question,
    QuestionType,
    Scenario,
    ScoringSpec,
    SourceRef,
    Statement,
    statement_id,
)

ErrorAt = Callable[[str | Mark | None, str], None]
"""Reports a question's error at one of its keys, at an exact mark, or at the question."""


class Reporter:
    """Collects diagnostics for one file."""

    __slots__ = ("diagnostics", "path")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics

    def error(self, mark: Mark, message: str, question_id: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(self.path, mark[0], mark[1], Severity.ERROR, message, question_id)
        )

    def ref(self, mark: Mark) -> SourceRef:
        return SourceRef(self.path, mark[0], mark[1])


def build_lesson(rec: Rec, report: Reporter) -> Lesson | None:
    objectives: list[Objective] = []
    seen: dict[str, Mark] = {}
    items: Seq = rec.get("objectives", Seq())
    for item, mark in zip(items, getattr(items, "marks", []), strict=False):
        if "id" not in item or "text" not in item:
            continue
        if item["id"] in seen:
            report.error(mark, f"objective id '{item['id']}' is used twice in the lesson")
            continue
        seen[item["id"]] = mark
        objectives.append(Objective(item["id"], item["text"]))
    if not {"id", "title", "rule", "sides"} <= rec.keys() or not objectives:
        return None
    sides = rec["sides"]
    if set(sides) != set(Phase):
        return None
    return Lesson(
        id=rec["id"],
        title=rec["title"],
        rule=rec["rule"],
        sides={Phase(k): v for k, v in sides.items()},
        objectives=tuple(objectives),
        conventions=tuple(
            Convention(c["case"], c["side"], c["why"])
            for c in rec.get("conventions", ()) if {"case", "side", "why"} <= c.keys()
        ),
        source=report.ref(rec.mark),
    )


def build_scenario(rec: Rec, report: Reporter) -> Scenario | None:
    if not {"scenario", "title", "context", "statements"} <= rec.keys():
        return None
    statements: list[Statement] = []
    seen: set[str] = set()
    for phase_name, items in rec["statements"].items():
        for item, mark in zip(items, items.marks, strict=True):
            text, why, given_id = (
                (item, "", "") if isinstance(item, str)
                else (item.get("text", ""), item.get("why", ""), item.get("id", ""))
            )
            if not text:
                continue
            sid = given_id or statement_id(text)
            if sid in seen:
                report.error(mark, f"statement id '{sid}' occurs twice in this scenario")
                continue
            seen.add(sid)
            statements.append(Statement(text, Phase(phase_name), why, sid))
    return Scenario(
        id=rec["scenario"],
        title=rec["title"],
        context=rec["context"],
        statements=tuple(statements),
        source=report.ref(rec.mark),
    )


def build_exam(rec: Rec | None) -> ExamSpec:
    if not rec:
        return ExamSpec()
    default = ExamSpec()
    blueprint = rec.get("blueprint")
    return ExamSpec(
        questions=rec.get("questions", default.questions),
        minutes=rec.get("minutes", default.minutes),
        pass_percent=rec.get("pass_percent", default.pass_percent),
        blueprint=(
            {Phase(k): v for k, v in blueprint.items()} if blueprint else default.blueprint
        ),
    )


def build_scoring(rec: Rec | None) -> ScoringSpec:
    if not rec:
        return ScoringSpec()
    default = ScoringSpec()
    return ScoringSpec(
        exam_multiple=MultipleScoring(rec.get("exam_multiple", default.exam_multiple)),
        practice_multiple=MultipleScoring(rec.get("practice_multiple", default.practice_multiple)),
    )


def build_generation(rec: Rec | None) -> GenerationSpec | None:
    if not rec or "scenarios" not in rec or "objectives" not in rec:
        return None
    chosen = rec["scenarios"]
    return GenerationSpec(
        scenarios=() if chosen == "all" else tuple(chosen),
        all_scenarios=chosen == "all",
        objectives=tuple(rec["objectives"]),
    )


_REQUIRED = ("id", "type", "phase", "objectives", "stem", "explanation")


def build_question(
    rec: Rec,
    report: Reporter,
    lesson: Lesson | None,
    scenarios: dict[str, Scenario] | None,
) -> Question | None:
    """Check a question's meaning and build it; None when it cannot be built."""
    if not all(k in rec for k in _REQUIRED):
        return None
    qid: str = rec["id"]
    kind = QuestionType(rec["type"])
    phase = Phase(rec["phase"])

    def error(where: str | Mark | None, message: str) -> None:
        """Report at a key's value, at an exact mark, or at the question itself."""
        if isinstance(where, tuple):
            mark = where
        else:
            mark = rec.marks.get(where, rec.mark) if where else rec.mark
        report.error(mark, message, qid)

    ok = _check_references(rec, lesson, scenarios, error)
    choices = _build_choices(rec, kind, phase, report, error)
    if choices is None or not ok:
        return None
    return Question(
        id=qid,
        type=kind,
        phase=phase,
        objectives=tuple(rec["objectives"]),
        stem=rec["stem"],
        choices=choices,
        explanation=rec["explanation"],
        scenario=rec.get("scenario"),
        difficulty=rec.get("difficulty"),
        shuffle=rec.get("shuffle", True) and kind not in _FIXED_ORDER,
        lint_ignore=tuple(rec.get("lint_ignore", ())),
        source=report.ref(rec.mark),
    )


_FIXED_ORDER = (QuestionType.TRUE_FALSE, QuestionType.PHASE)


def _check_references(
    rec: Rec,
    lesson: Lesson | None,
    scenarios: dict[str, Scenario] | None,
    error: ErrorAt,
) -> bool:
    ok = True
    if lesson is not None:
        known = [o.id for o in lesson.objectives]
        items: Seq = rec["objectives"]
        for oid, mark in zip(items, items.marks, strict=True):
            if oid not in known:
                ok = False
                error(mark, f"unknown objective '{oid}' in lesson '{lesson.id}'"
                      + did_you_mean(oid, known))
        for oid, count in Counter(items).items():
            if count > 1:
                error("objectives", f"objective '{oid}' is listed {count} times")
    scenario = rec.get("scenario")
    if scenario is not None and scenarios is not None and scenario not in scenarios:
        ok = False
        error("scenario", f"unknown scenario '{scenario}'" + did_you_mean(scenario, scenarios))
    return ok


def _build_choices(
    rec: Rec, kind: QuestionType, phase: Phase, report: Reporter, error: ErrorAt
) -> tuple[Choice, ...] | None:
    has_choices, has_answer = "choices" in rec, "answer" in rec
    feedback: str = rec.get("feedback", "")
    if kind in _FIXED_ORDER:
        if has_choices:
            error("choices", f"a {kind.value} question has no 'choices'; "
                  + ("use 'answer: true' or 'answer: false'" if kind is QuestionType.TRUE_FALSE
                     else "its 'phase' is the right answer"))
            return None
        if kind is QuestionType.PHASE:
            if has_answer:
                error("answer", "a phase question has no 'answer': its 'phase' is the answer")
                return None
            return tuple(
                Choice(p.value, p.value.capitalize(), p is phase, "" if p is phase else feedback)
                for p in Phase
            )
        if not has_answer:
            error(None, "a true_false question needs 'answer: true' or 'answer: false'")
            return None
        answer: bool = rec["answer"]
        return (
            Choice("true", "True", answer, "" if answer else feedback),
            Choice("false", "False", not answer, feedback if answer else ""),
        )
    if has_answer:
        error("answer", f"'answer' is only for true_false questions; mark the right "
              f"{'choices' if kind is not QuestionType.ORDERING else 'order'} instead")
        return None
    if "feedback" in rec:
        error("feedback", "question-level 'feedback' is for true_false and phase questions; "
              "put feedback on each choice")
        return None
    items: Seq = rec.get("choices", Seq())
    if not has_choices or not items:
        error("choices" if has_choices else None, f"a {kind.value} question needs 'choices'")
        return None
    return _check_choice_list(rec, kind, items, report, error)


def _check_choice_list(
    rec: Rec, kind: QuestionType, items: Seq, report: Reporter, error: ErrorAt
) -> tuple[Choice, ...] | None:
    qid = rec["id"]
    choices: list[Choice] = []
    seen: set[str] = set()
    broken = False
    for item, mark in zip(items, items.marks, strict=True):
        if "id" not in item or "text" not in item:
            broken = True
            continue
        if item["id"] in seen:
            report.error(mark, f"choice id '{item['id']}' is used twice in this question", qid)
            broken = True
            continue
        seen.add(item["id"])
        if kind is QuestionType.ORDERING and "correct" in item:
            report.error(
                item.marks["correct"],
                "ordering steps have no 'correct': list them in the right order",
                qid,
            )
            broken = True
        choices.append(
            Choice(item["id"], item["text"], bool(item.get("correct")), item.get("feedback", ""))
        )
    if broken:
        return None
    right = sum(c.correct for c in choices)
    minimum = {QuestionType.SINGLE: 2, QuestionType.MULTIPLE: 3, QuestionType.ORDERING: 2}[kind]
    if len(choices) < minimum:
        error("choices", f"a {kind.value} question needs at least {minimum} choices, "
              f"not {len(choices)}")
        return None
    if kind is QuestionType.SINGLE and right != 1:
        error("choices", f"a single question needs exactly 1 correct choice, not {right}"
              + ("; use type 'multiple' for more" if right > 1 else ""))
        return None
    if kind is QuestionType.MULTIPLE and not 2 <= right < len(choices):
        error("choices", f"a multiple question needs at least 2 correct choices and 1 wrong "
              f"one, not {right} correct of {len(choices)}"
              + ("; use type 'single' for one" if right == 1 else ""))
        return None
    return tuple(choices)
