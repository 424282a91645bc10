"""Loading banks, lessons and scenarios from files into a ``Catalog``.

Every file given is read; each one that fails is reported and the rest still load, so one run
shows every error of every file. Only ``Diagnostic`` values and ``BankError`` leave this module:
whatever bytes a file holds, no other exception escapes.

Which files belong together: the paths given (a folder means every ``*.yaml``/``*.yml`` in it),
plus, for context, lesson files (``*.lesson.yaml``) beside them and the scenario files in a
``scenarios/`` folder beside their folder. That is the layout of a course:
``question_banks/`` and ``scenarios/`` side by side.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

import yaml

from quiz.bank.build import (
    Draft,
    Reporter,
    build_case_study,
    build_exam,
    build_generation,
    build_lesson,
    build_scenario,
    build_scoring,
    check_case_objectives,
    draft_question,
    finish_question,
)
from quiz.bank.discover import (
    LESSON_SUFFIX,
    default_paths,
    discover,
    shown_path,
)
from quiz.bank.records import INVALID, Mark, Rec, Seq, Walk, check, mark_of
from quiz.bank.result import LoadResult
from quiz.bank.spec import BANK_FILE, FILE_KINDS
from quiz.bank.suggest import did_you_mean
from quiz.bank.yaml_source import (
    ItemStream,
    SourceProblem,
    as_utf8,
    checked,
    compose,
    estimate_nodes,
    read_source,
)
from quiz.errors import BankError, Diagnostic, Severity
from quiz.model import Bank, CaseStudy, Catalog, Lesson, Question, Scenario, SourceRef
from quiz.paths import StrPath


class _Parsed:
    """One file that parsed: its kind, its checked record, and the errors found so far."""

    __slots__ = ("kind", "rec", "report")

    def __init__(self, kind: str, rec: Rec, report: Reporter) -> None:
        self.kind = kind
        self.rec = rec
        self.report = report


def parse_text(source: str | bytes, shown: str) -> _Parsed | list[Diagnostic]:
    """Check one file's text: its kind and record, or the diagnostics that stop it.

    Shape errors do not stop it: what was valid is kept, so the checks across keys and files
    still run and one run reports everything. The errors ride along in the reporter.

    A bank's questions are checked and drafted (``build.draft_question``) one at a time as the
    parser reaches them, so neither the file's nodes nor its question records are ever all
    alive at once; ``rec["questions"]`` then holds the drafts, with their marks.
    ``source`` is text or UTF-8 bytes (``yaml_source.read_source``).
    """
    data = as_utf8(source)
    # each value is walked once; only aliases can push the walk past this
    walk = Walk(shown, budget=estimate_nodes(data) + 1000)
    report = Reporter(shown, walk.diagnostics)
    drafts = _Drafts(walk, report)
    stream = ItemStream("questions", "bank", drafts.add)
    try:
        node = compose(data, shown, stream)
    except SourceProblem as problem:
        return [problem.diagnostic]
    if node is None:
        return [Diagnostic(shown, 1, 1, Severity.ERROR,
                           "the file is empty; a bank starts with 'bank:', a lesson file with "
                           "'lesson:', a scenario with 'scenario:'")]
    if not isinstance(node, yaml.MappingNode):
        kind_name = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        walk.error(mark_of(node), f"the file holds {kind_name}; it must be a mapping that "
                   "starts with 'bank:', 'lesson:' or 'scenario:'")
        return walk.diagnostics
    keys = [str(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    kind = next((k for k in ("bank", "scenario", "lesson") if k in keys), None)
    if kind is None:
        first = keys[0] if keys else ""
        walk.error(mark_of(node), "not a bank, lesson or scenario file: expected a top-level "
                   "'bank:', 'lesson:' or 'scenario:' key" + did_you_mean(first, FILE_KINDS))
        return walk.diagnostics
    rec = check(node, FILE_KINDS[kind], walk, kind)
    if rec is INVALID:
        return walk.diagnostics
    if kind == "bank" and "questions" in rec:
        if stream.node is None:  # not streamed (an unusual layout): draft them now
            for item, mark in zip(rec["questions"], rec["questions"].marks, strict=True):
                drafts.keep(item, mark)
        drafts.items.mark = rec["questions"].mark
        rec["questions"] = drafts.items
    return _Parsed(kind, rec, report)


class _Drafts:
    """A bank's questions, each checked against the question shape and drafted as it comes."""

    __slots__ = ("items", "report", "walk")

    def __init__(self, walk: Walk, report: Reporter) -> None:
        self.walk = walk
        self.report = report
        self.items = Seq()
        self.items.marks = []

    def add(self, node: yaml.Node) -> None:
        item = check(node, _QUESTION, self.walk, "an item of 'questions'")
        if item is not INVALID:
            self.keep(item, mark_of(node))

    def keep(self, item: Rec, mark: Mark) -> None:
        self.items.append(draft_question(item, self.report))
        self.items.marks.append(mark)


_QUESTION = BANK_FILE.props["questions"].shape.item  # type: ignore[union-attr]


def _parse_file(path: str) -> _Parsed | list[Diagnostic]:
    shown = shown_path(path)
    try:
        data = read_source(path, shown)
    except SourceProblem as problem:
        return [problem.diagnostic]
    return parse_text(data, shown)


def load(paths: Sequence[StrPath] | None = None) -> LoadResult:
    """Load everything under ``paths`` (default: the bundled banks and scenarios).

    Python's cycle collector is paused meanwhile: loading allocates millions of long-lived
    objects and every generation-2 collection walks all of them again (measured: 60% of the
    time to load 30,000 questions, growing faster than the bank). Nothing built here needs
    collecting before the load ends; an alias cycle is freed at the next collection after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(paths)
    finally:
        if was_enabled:
            gc.enable()


def _load(paths: Sequence[StrPath] | None) -> LoadResult:
    files, diagnostics = discover(list(paths) if paths else default_paths())
    parsed: list[_Parsed] = []
    for file in files:
        outcome = _parse_file(file)
        if isinstance(outcome, list):
            diagnostics.extend(outcome)
        else:
            parsed.append(outcome)
    lessons = _collect_lessons(parsed)
    scenarios = _collect_scenarios(parsed)
    cases = _collect_case_studies(parsed, scenarios)
    banks = _build_banks(parsed, lessons, scenarios, cases)
    for p in parsed:
        diagnostics.extend(p.report.diagnostics)
    catalog = Catalog(tuple(banks), lessons, scenarios, cases.studies)
    return LoadResult(catalog, diagnostics, files)


def load_catalog(paths: Sequence[StrPath] | None = None) -> Catalog:
    """Load and raise ``BankError`` with every diagnostic if any file has an error."""
    result = load(paths)
    if result.errors:
        raise BankError(result.errors)
    return result.catalog


def load_text(text: str | bytes, shown: str = "<text>") -> Catalog:
    """Load a single bank (with an inline lesson) from text; for tests and importers."""
    try:
        source = checked(text, shown) if isinstance(text, bytes) else text
    except SourceProblem as problem:
        raise BankError([problem.diagnostic]) from None
    outcome = parse_text(source, shown)
    if isinstance(outcome, list):
        raise BankError(outcome)
    parsed = [outcome]
    lessons, scenarios = _collect_lessons(parsed), _collect_scenarios(parsed)
    cases = _collect_case_studies(parsed, scenarios)
    banks = _build_banks(parsed, lessons, scenarios, cases)
    errors = [d for p in parsed for d in p.report.diagnostics]
    if errors:
        raise BankError(errors)
    return Catalog(tuple(banks), lessons, scenarios, cases.studies)


def _collect_lessons(parsed: list[_Parsed]) -> dict[str, Lesson]:
    lessons: dict[str, Lesson] = {}
    for p in parsed:
        rec = p.rec.get("lesson") if p.kind in ("lesson", "bank") else None
        if not isinstance(rec, Rec):
            continue
        lesson = build_lesson(rec, p.report)
        if lesson is None:
            continue
        if lesson.id in lessons:
            first = lessons[lesson.id].source
            if lesson != lessons[lesson.id]:
                p.report.error(rec.mark, f"lesson '{lesson.id}' is defined differently in "
                               f"{first}; define it once, in a .lesson.yaml file")
            continue
        lessons[lesson.id] = lesson
    return lessons


def _collect_scenarios(parsed: list[_Parsed]) -> dict[str, Scenario]:
    scenarios: dict[str, Scenario] = {}
    for p in parsed:
        if p.kind != "scenario":
            continue
        scenario = build_scenario(p.rec, p.report)
        if scenario is None:
            continue
        if scenario.id in scenarios:
            p.report.error(p.rec.marks.get("scenario", p.rec.mark),
                           f"scenario id '{scenario.id}' is also used by "
                           f"{scenarios[scenario.id].source}")
            continue
        scenarios[scenario.id] = scenario
    return scenarios


class _Cases:
    """The case studies read from scenario files: each one built once (its question ids
    checked once), with the reporter of its file and the ids of every question it holds."""

    __slots__ = ("broken", "checked", "ids", "reports", "studies")

    def __init__(self) -> None:
        self.studies: dict[str, CaseStudy] = {}
        self.reports: dict[str, Reporter] = {}
        self.ids: list[_IdUse] = []
        self.broken: set[str] = set()
        """Ids of case studies that did not build (reported): a bank naming one is not told
        again that it is unknown."""
        self.checked: dict[tuple[str, str], bool] = {}
        """(case id, lesson id) → whether its objectives are in that lesson (reported once)."""

    def fits(self, case_id: str, lesson: Lesson) -> bool:
        key = (case_id, lesson.id)
        if key not in self.checked:
            self.checked[key] = check_case_objectives(self.studies[case_id], lesson,
                                                      self.reports[case_id])
        return self.checked[key]


def _collect_case_studies(parsed: list[_Parsed], scenarios: dict[str, Scenario]) -> _Cases:
    cases = _Cases()
    for p in parsed:
        if p.kind != "scenario" or p.rec.get("scenario") not in scenarios:
            continue
        scenario = scenarios[p.rec["scenario"]]
        if scenario.source is None or scenario.source.path != p.report.path:
            continue  # a second file with this scenario id: reported already
        for item in p.rec.get("case_studies", ()):
            for question in item.get("questions", ()):
                if "id" in question:
                    cases.ids.append((question["id"], p.report.ref(question.mark), False))
            case = build_case_study(item, scenario.id, p.report)
            if case is None:
                if "id" in item:
                    cases.broken.add(item["id"])
                continue
            if case.id in cases.studies:
                p.report.error(item.marks.get("id", item.mark),
                               f"case study id '{case.id}' is also used at "
                               f"{cases.studies[case.id].source}")
                continue
            cases.studies[case.id] = case
            cases.reports[case.id] = p.report
    return cases


def _build_banks(
    parsed: list[_Parsed], lessons: dict[str, Lesson], scenarios: dict[str, Scenario],
    cases: _Cases | None = None,
) -> list[Bank]:
    """Every bank that built cleanly; question ids are checked across all that were read.

    The uniqueness check covers broken banks and questions that failed their own checks too
    (every question that has a valid id), so another error in a file or in either copy does
    not hide a duplicate id until the next run.
    """
    cases = cases or _Cases()
    banks: list[Bank] = []
    ids: list[_IdUse] = list(cases.ids)
    for p in parsed:
        if p.kind != "bank":
            continue
        bank = _build_bank(p, lessons, scenarios, ids, cases)
        if bank is not None:
            banks.append(bank)
    _check_unique_questions(ids, parsed)
    return banks


_IdUse = tuple[str, SourceRef | None, bool]
"""A question id where it was written, and whether the question was generated."""


def _build_bank(
    p: _Parsed, lessons: dict[str, Lesson], scenarios: dict[str, Scenario], ids: list[_IdUse],
    cases: _Cases,
) -> Bank | None:
    """The bank if it built cleanly; every question id it holds is added to ``ids``."""
    rec, report = p.rec, p.report
    lesson_ref = rec.get("lesson")
    lesson: Lesson | None
    if isinstance(lesson_ref, str):
        lesson = lessons.get(lesson_ref)
        if lesson is None:
            hint = did_you_mean(lesson_ref, lessons)
            report.error(rec.marks["lesson"], f"unknown lesson '{lesson_ref}'"
                         + (f"{hint} Define" if hint else "; define")
                         + f" it in a {LESSON_SUFFIX} file beside this bank")
    else:
        lesson = lessons.get(lesson_ref.get("id", "")) if isinstance(lesson_ref, Rec) else None
    questions: list[Question] = []
    drafts: list[Draft] = rec.get("questions", [])
    for draft in drafts:
        question = finish_question(draft, report, lesson, scenarios)
        if question is not None:
            questions.append(question)
            ids.append((question.id, question.source, False))
        elif draft.qid is not None:  # broken, but its id still counts
            ids.append((draft.qid, report.ref(draft.mark), False))
    taken = _take_case_studies(rec, report, lesson, cases)
    questions.extend(q for case in taken for q in case.questions)
    generation = build_generation(rec.get("generate"))
    if generation is not None and lesson is not None:
        _check_generation(rec["generate"], report, lesson, scenarios)
        from quiz.bank.generate import generate_items  # only a bank that generates needs it

        generated = generate_items(generation, lesson, scenarios)
        questions.extend(generated)
        ids.extend((q.id, q.source, True) for q in generated)
    if "questions" in rec and not questions and not report.diagnostics:
        report.error(rec.marks["questions"], "the bank has no questions")
    exam = build_exam(rec.get("exam"), report)
    if lesson is None or report.diagnostics:
        return None
    return Bank(
        id=rec["bank"],
        title=rec["title"],
        lesson=lesson,
        questions=tuple(questions),
        description=rec.get("description", ""),
        exam=exam,
        scoring=build_scoring(rec.get("scoring")),
        generate=generation,
        case_studies=taken,
        source=report.ref(rec.mark),
    )


def _take_case_studies(
    rec: Rec, report: Reporter, lesson: Lesson | None, cases: _Cases
) -> tuple[CaseStudy, ...]:
    """The case studies a bank's ``case_studies:`` names (``all``: every one loaded, in id
    order) whose questions serve objectives of the bank's lesson; the rest are reported."""
    chosen = rec.get("case_studies")
    if chosen is None or lesson is None:
        return ()
    if chosen == "all":
        wanted = sorted(cases.studies)
    else:
        wanted = []
        for cid, mark in zip(chosen, chosen.marks, strict=True):
            if cid in cases.studies:
                wanted.append(cid)
            elif cid not in cases.broken:
                report.error(mark, f"unknown case study '{cid}'"
                             + did_you_mean(cid, cases.studies))
    return tuple(cases.studies[cid] for cid in dict.fromkeys(wanted) if cases.fits(cid, lesson))


def _check_generation(
    rec: Rec, report: Reporter, lesson: Lesson, scenarios: dict[str, Scenario]
) -> None:
    known = [o.id for o in lesson.objectives]
    for oid, mark in zip(rec["objectives"], rec["objectives"].marks, strict=True):
        if oid not in known:
            report.error(mark, f"unknown objective '{oid}'" + did_you_mean(oid, known))
    chosen = rec["scenarios"]
    if chosen != "all":
        for sid, mark in zip(chosen, chosen.marks, strict=True):
            if sid not in scenarios:
                report.error(mark, f"unknown scenario '{sid}'" + did_you_mean(sid, scenarios))


def _check_unique_questions(ids: list[_IdUse], parsed: list[_Parsed]) -> None:
    reporters = {p.report.path: p.report for p in parsed}
    first: dict[str, _IdUse] = {}
    for use in ids:
        qid, where, generated = use
        earlier = first.get(qid)
        if earlier is None:
            first[qid] = use
            continue
        if generated and earlier[2]:
            continue  # two banks generating from one scenario share the same items
        if where is not None and where.path in reporters:
            reporters[where.path].error(
                (where.line, where.column),
                f"duplicate question id '{qid}'; first used at {earlier[1]}",
                qid,
            )
