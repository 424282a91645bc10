"""From checked records to model objects, with the checks that span keys and files.

``records.py`` knows the shape of one file; this module knows what the values mean: the right
number of correct answers for a type, ids that must exist in the lesson or among the scenarios,
question ids that must be unique across every file loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from quiz.bank.records import Mark, Rec, Seq
from quiz.bank.spec import CASE_SIZE, CASE_TYPES
from quiz.bank.suggest import did_you_mean
from quiz.errors import Diagnostic, Severity
from quiz.model import (
    CaseRef,
    CaseStudy,
    Category,
    Choice,
    Convention,
    ExamSpec,
    GenerationSpec,
    Lesson,
    MultipleScoring,
    Objective,
    Phase,
    Prompt,
    Question,
    QuestionType,
    ScaledScore,
    Scenario,
    ScoringSpec,
    SourceRef,
    Statement,
    matching_choices,
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


def build_exam(rec: Rec | None, report: Reporter | None = None) -> ExamSpec:
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
        case_studies=rec.get("case_studies", default.case_studies),
        scaled=_scaled(rec.get("scaled"), rec.get("pass_percent", default.pass_percent),
                       report),
    )


def _scaled(rec: Rec | None, pass_percent: int, report: Reporter | None) -> ScaledScore | None:
    """The scaled score, if asked for and sensible: min < max, the pass score between them
    (strictly, unless the pass mark is 0 % or 100 %, which map to an end)."""
    if not rec or not {"min", "max", "pass"} <= rec.keys():
        return None
    low, high, middle = rec["min"], rec["max"], rec["pass"]
    problem, key = None, "pass"
    if low >= high:
        problem, key = f"'scaled' needs min below max, not {low} and {high}", "max"
    elif not low <= middle <= high:
        problem = f"'scaled' needs pass between min and max, not {middle}"
    elif (middle == low and pass_percent > 0) or (middle == high and pass_percent < 100):
        problem = (f"'scaled' pass {middle} is an end of the scale, but the pass mark is "
                   f"{pass_percent} %; put it strictly between {low} and {high}")
    if problem is not None:
        if report is not None:
            report.error(rec.marks.get(key, rec.mark), problem)
        return None
    return ScaledScore(low, high, middle)


def build_scoring(rec: Rec | None) -> ScoringSpec:
    if not rec:
        return ScoringSpec()
    default = ScoringSpec()

    def rule(key: str, fallback: MultipleScoring) -> MultipleScoring:
        return MultipleScoring(rec.get(key, fallback)) if rec else fallback

    return ScoringSpec(
        exam_multiple=rule("exam_multiple", default.exam_multiple),
        practice_multiple=rule("practice_multiple", default.practice_multiple),
        exam_matching=rule("exam_matching", default.exam_matching),
        practice_matching=rule("practice_matching", default.practice_matching),
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


class Draft:
    """A question checked on its own, waiting for its bank's lesson and the scenarios.

    The loader keeps this instead of the question's record, so a bank's records (about 8 kB a
    question) need not all be alive until every file is read. ``question`` is the question if
    it built, ``qid`` its id if valid, ``mark`` where it was written, and ``refs`` what the
    checks against the lesson and the scenarios need (None when a required key is missing):
    the objective ids with their marks, the mark of ``objectives``, the scenario and its mark.
    """

    __slots__ = ("mark", "qid", "question", "refs")

    def __init__(self, question: Question | None, qid: str | None, mark: Mark,
                 refs: _Refs | None) -> None:
        self.question = question
        self.qid = qid
        self.mark = mark
        self.refs = refs


_Refs = tuple[tuple[str, ...], tuple[Mark, ...], Mark, str | None, Mark | None]


def build_question(
    rec: Rec,
    report: Reporter,
    lesson: Lesson | None,
    scenarios: dict[str, Scenario] | None,
) -> Question | None:
    """Check a question's meaning and build it; None when it cannot be built."""
    return finish_question(draft_question(rec, report), report, lesson, scenarios)


def draft_question(rec: Rec, report: Reporter) -> Draft:
    """Check what a question means on its own (its choices, its matching) and build it; what
    it refers to in other files is checked by ``finish_question``."""
    if not all(k in rec for k in _REQUIRED):
        return Draft(None, rec.get("id"), rec.mark, None)
    qid: str = rec["id"]
    objectives: Seq = rec["objectives"]
    scenario = rec.get("scenario")
    refs: _Refs = (tuple(objectives), tuple(objectives.marks), rec.marks["objectives"],
                   scenario, rec.marks["scenario"] if scenario is not None else None)
    kind = QuestionType(rec["type"])
    phase = Phase(rec["phase"])

    def error(where: str | Mark | None, message: str) -> None:
        """Report at a key's value, at an exact mark, or at the question itself."""
        if isinstance(where, tuple):
            mark = where
        else:
            mark = rec.marks.get(where, rec.mark) if where else rec.mark
        report.error(mark, message, qid)

    categories: tuple[Category, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    if kind is QuestionType.MATCHING:
        matching = _build_matching(rec, report, error)
        if matching is None:
            return Draft(None, qid, rec.mark, refs)
        categories, prompts = matching
        choices: tuple[Choice, ...] | None = matching_choices(categories, prompts)
    else:
        misplaced = [k for k in ("categories", "prompts") if k in rec]
        for key in misplaced:
            error(key, f"'{key}' is only for matching questions")
        choices = None if misplaced else _build_choices(rec, kind, phase, report, error)
    if choices is None:
        return Draft(None, qid, rec.mark, refs)
    question = Question(
        id=qid,
        type=kind,
        phase=phase,
        objectives=refs[0],
        stem=rec["stem"],
        choices=choices,
        explanation=rec["explanation"],
        scenario=scenario,
        difficulty=rec.get("difficulty"),
        shuffle=rec.get("shuffle", True) and kind not in _FIXED_ORDER,
        lint_ignore=tuple(rec.get("lint_ignore", ())),
        categories=categories,
        prompts=prompts,
        source=report.ref(rec.mark),
    )
    return Draft(question, qid, rec.mark, refs)


def finish_question(
    draft: Draft,
    report: Reporter,
    lesson: Lesson | None,
    scenarios: dict[str, Scenario] | None,
) -> Question | None:
    """The drafted question once its objectives are in ``lesson`` and its scenario among
    ``scenarios`` (either unchecked when None); None when it cannot be built."""
    if draft.refs is None:
        return None
    ok = _check_references(draft.refs, draft.qid, report, lesson, scenarios)
    return draft.question if ok else None


_FIXED_ORDER = (QuestionType.TRUE_FALSE, QuestionType.PHASE)


def _check_references(
    refs: _Refs,
    qid: str | None,
    report: Reporter,
    lesson: Lesson | None,
    scenarios: dict[str, Scenario] | None,
) -> bool:
    ok = True
    objectives, marks, objectives_mark, scenario, scenario_mark = refs
    if lesson is not None:
        known = [o.id for o in lesson.objectives]
        for oid, mark in zip(objectives, marks, strict=True):
            if oid not in known:
                ok = False
                report.error(mark, f"unknown objective '{oid}' in lesson '{lesson.id}'"
                             + did_you_mean(oid, known), qid)
        if len(set(objectives)) < len(objectives):
            for oid, count in Counter(objectives).items():
                if count > 1:
                    report.error(objectives_mark, f"objective '{oid}' is listed {count} times",
                                 qid)
    if scenario is not None and scenarios is not None and scenario not in scenarios:
        ok = False
        report.error(scenario_mark or objectives_mark, f"unknown scenario '{scenario}'"
                     + did_you_mean(scenario, scenarios), qid)
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


MATCHING_MINIMUM = (2, 3)
"""A matching question needs at least 2 categories and 3 prompts."""


def _build_matching(
    rec: Rec, report: Reporter, error: ErrorAt
) -> tuple[tuple[Category, ...], tuple[Prompt, ...]] | None:
    """A matching question's categories and prompts, checked; None (reported) when broken."""
    for key, other in (("choices", "list 'categories' and 'prompts' instead"),
                       ("answer", "each prompt's 'match' is its answer"),
                       ("feedback", "put feedback on each prompt")):
        if key in rec:
            error(key, f"a matching question has no '{key}'; {other}")
            return None
    missing = [k for k in ("categories", "prompts") if k not in rec]
    if missing:
        error(None, f"a matching question needs '{missing[0]}'")
        return None
    qid = rec["id"]
    categories: list[Category] = []
    broken = False
    items: Seq = rec["categories"]
    for item, mark in zip(items, items.marks, strict=True):
        if "id" not in item or "text" not in item:
            broken = True
        elif any(c.id == item["id"] for c in categories):
            report.error(mark, f"category id '{item['id']}' is used twice in this question", qid)
            broken = True
        else:
            categories.append(Category(item["id"], item["text"], bool(item.get("distractor"))))
    prompts: list[Prompt] = []
    known = [c.id for c in categories]
    items = rec["prompts"]
    for item, mark in zip(items, items.marks, strict=True):
        if not {"id", "text", "match"} <= item.keys():
            broken = True
        elif any(p.id == item["id"] for p in prompts):
            report.error(mark, f"prompt id '{item['id']}' is used twice in this question", qid)
            broken = True
        elif item["match"] not in known:
            report.error(item.marks["match"], f"prompt '{item['id']}' matches unknown "
                         f"category '{item['match']}'" + did_you_mean(item["match"], known), qid)
            broken = True
        else:
            prompts.append(Prompt(item["id"], item["text"], item["match"],
                                  item.get("feedback", "")))
    if broken:
        return None
    least_categories, least_prompts = MATCHING_MINIMUM
    if len(categories) < least_categories:
        error("categories", f"a matching question needs at least {least_categories} "
              f"categories, not {len(categories)}")
        return None
    if len(prompts) < least_prompts:
        error("prompts", f"a matching question needs at least {least_prompts} prompts, "
              f"not {len(prompts)}")
        return None
    used = {p.category for p in prompts}
    for category, mark in zip(categories, rec["categories"].marks, strict=True):
        if category.id not in used and not category.distractor:
            report.error(mark, f"no prompt matches category '{category.id}'; match one to it, "
                         "or mark it 'distractor: true'", qid)
            broken = True
        elif category.id in used and category.distractor:
            report.error(mark, f"category '{category.id}' is marked 'distractor: true' but "
                         "prompts match it; remove 'distractor'", qid)
            broken = True
    return None if broken else (tuple(categories), tuple(prompts))


def build_case_study(rec: Rec, scenario_id: str, report: Reporter) -> CaseStudy | None:
    """A scenario's case study and its questions, each set in the scenario and knowing its
    place. Objectives are checked later, against the lesson of each bank that takes it in."""
    if not {"id", "title", "questions"} <= rec.keys():
        return None
    case_id: str = rec["id"]
    items: Seq = rec["questions"]
    low, high = CASE_SIZE
    ok = True
    if not low <= len(items) <= high:
        report.error(rec.marks["questions"], f"case study '{case_id}' has {len(items)} "
                     f"question(s); a case study holds {low} to {high}")
        ok = False
    built: list[Question] = []
    for item in items:
        kind = item.get("type")
        if kind is not None and kind not in CASE_TYPES:
            report.error(item.marks["type"], f"a case-study question cannot be {kind}: use "
                         "single, multiple, ordering or matching", item.get("id"))
            ok = False
            continue
        given = item.get("scenario")
        if given is not None and given != scenario_id:
            report.error(item.marks["scenario"], f"a question of case study '{case_id}' is set "
                         f"in its scenario '{scenario_id}', not '{given}'; remove 'scenario'",
                         item.get("id"))
            ok = False
            continue
        question = build_question(item, report, None, None)
        if question is None:
            ok = False
            continue
        built.append(question._replace(scenario=scenario_id))
    if not ok:
        return None
    size = len(built)
    questions = tuple(q._replace(case=CaseRef(case_id, n, size))
                      for n, q in enumerate(built, 1))
    return CaseStudy(case_id, scenario_id, rec["title"], rec.get("context", ""), questions,
                     report.ref(rec.mark))


def check_case_objectives(case: CaseStudy, lesson: Lesson, report: Reporter) -> bool:
    """Whether every objective a case study's questions list is in ``lesson`` (reported at
    the question when not)."""
    known = [o.id for o in lesson.objectives]
    ok = True
    for question in case.questions:
        for oid in question.objectives:
            if oid not in known:
                where = question.source
                mark = (where.line, where.column) if where else (1, 1)
                report.error(mark, f"unknown objective '{oid}' in lesson '{lesson.id}' (case "
                             f"study '{case.id}' is taken in by a bank of that lesson)"
                             + did_you_mean(oid, known), question.id)
                ok = False
    return ok
