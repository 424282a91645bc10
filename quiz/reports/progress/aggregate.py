"""Progress aggregates: from the store's summed answers and the loaded banks to a ``Report``.

Mastery of an objective (or phase) is measured on the **latest answer to each question** that
serves it — recent performance, one vote per question, so drilling one easy question twenty
times does not inflate it — with a Wilson 95% interval over those questions.

Edited banks are handled honestly:

- an answer to an older version of a question (its stored content hash differs from the
  question's hash now) is counted in the overall figures and reported as an answer to a
  since-edited question, but left out of mastery: it answered a different question. The
  question counts for mastery again once the learner answers its current version;
- a question no longer in any loaded bank still counts, through the phase and objectives
  stored with its answers (its latest answer, whatever its version);
- a question still in a bank is placed by its current phase and objectives (an author's
  re-tagging is a correction, and should show).

SQLite does the per-answer work (quiz/store/report_totals.py, quiz/store/report_answers.py):
a report reads sums per learner, objective, phase and question; adaptive practice's summary
a row per question the learner answered. Memory grows with learners × objectives and with
the number of distinct questions, never with the number of answers.
"""

from __future__ import annotations

import gc
import shlex
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from quiz.engine.adaptive import Evidence, HistorySummary
from quiz.engine.scoring import is_correct
from quiz.model import Bank, Catalog, Phase, Question
from quiz.reports.progress.model import (
    Calibration,
    Due,
    Edits,
    ExamResult,
    LearnerProgress,
    Level,
    Mastery,
    Overall,
    QuestionStat,
    Report,
    Status,
    Suggestion,
)
from quiz.reports.progress.stats import Tally
from quiz.store.history import Scope, exams, session_totals
from quiz.store.report_answers import QuestionAnswers, question_answers
from quiz.store.report_totals import LearnerSums, Totals, totals

DEFAULT_PASS_PERCENT = 70
WEAKEST = 3
HARDEST = 10
UNKNOWN_LESSON = "?"

ObjectiveKey = tuple[str, str]
"""(lesson id, objective id); the lesson is ``?`` when the bank is not loaded."""

Known = tuple[str, str, str, tuple[str, ...]]
"""A loaded question as the aggregation places it: content hash, lesson, phase, objectives."""



@dataclass
class _Learner:
    """Running sums for one learner while the groups stream past."""

    overall: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("answers", "questions", "correct", "credit", "ms"), 0))
    levels: list[list[int]] = field(default_factory=lambda: [[0, 0], [0, 0], [0, 0]])
    objectives: dict[ObjectiveKey, Tally] = field(default_factory=dict)
    phases: dict[str, Tally] = field(default_factory=dict)
    edits: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    sessions: int = 0
    seconds: float = 0.0
    exams: list[ExamResult] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def add_overall(self, counts: QuestionAnswers | LearnerSums, questions: int) -> None:
        """Add answers' counts (one question's, or a store's sums for the learner)."""
        ov = self.overall
        ov["answers"] += counts.answers
        ov["correct"] += counts.correct
        ov["credit"] += counts.credit
        ov["ms"] += counts.time_ms
        ov["questions"] += questions
        for level, (count, right) in zip(self.levels, counts.rated, strict=True):
            level[0] += count
            level[1] += right


class Context:
    """What the loaded banks say about the scope: questions, lessons, pass mark, labels."""

    def __init__(self, catalog: Catalog, banks: Sequence[str] = ()) -> None:
        self.catalog = catalog
        self.questions: dict[str, tuple[Bank, Question]] = {
            q.id: (b, q) for b in catalog.banks for q in b.questions}
        # content_hash is computed on every read: once per question here, not per learner
        self.known: dict[str, Known] = {
            qid: (q.content_hash, b.lesson.id, q.phase.value, q.objectives)
            for qid, (b, q) in self.questions.items()}
        chosen = [b for b in catalog.banks if not banks or b.id in banks]
        self.banks = chosen
        self.missing_banks = [b for b in banks if catalog.bank(b) is None]
        self.pass_percent = chosen[0].exam.pass_percent if chosen else DEFAULT_PASS_PERCENT
        self.lessons = list({b.lesson.id: b.lesson for b in chosen}.values())
        self._bank_lessons = {b.id: b.lesson.id for b in catalog.banks}
        self.coverage: dict[ObjectiveKey, int] = {}
        self.phase_coverage: dict[str, int] = {}
        for bank in chosen:
            for q in bank.questions:
                for objective in q.objectives:
                    key = (bank.lesson.id, objective)
                    self.coverage[key] = self.coverage.get(key, 0) + 1
                self.phase_coverage[q.phase.value] = self.phase_coverage.get(q.phase.value,
                                                                              0) + 1

    def lesson_of(self, bank_id: str) -> str:
        return self._bank_lessons.get(bank_id, UNKNOWN_LESSON)

    def objective_label(self, key: ObjectiveKey) -> str:
        lesson = self.catalog.lessons.get(key[0])
        found = lesson.objective(key[1]) if lesson is not None else None
        if found is None:
            for bank in self.catalog.banks:  # inline lessons may not be in the lessons map
                if bank.lesson.id == key[0] and (found := bank.lesson.objective(key[1])):
                    break
        return found.text if found is not None else "(not in the loaded banks)"

    def phase_label(self, phase: str) -> str:
        for lesson in self.lessons:
            for side, words in lesson.sides.items():
                if side.value == phase:
                    return words
        return phase

    def exam_pass(self, bank_id: str) -> int | None:
        bank = self.catalog.bank(bank_id)
        return bank.exam.pass_percent if bank is not None else None


class Aggregator:
    """Folds one or more sources' rows into per-learner sums and per-question class stats."""

    def __init__(self, context: Context, *, track_seen: bool = False) -> None:
        self.context = context
        self.learners: dict[str, _Learner] = {}
        self.questions: dict[str, list[int]] = {}
        self.track_seen = track_seen

    def learner(self, name: str) -> _Learner:
        found = self.learners.get(name)
        if found is None:
            found = self.learners[name] = _Learner()
        return found

    def add_questions(self, rows: Iterable[QuestionAnswers],
                      rename: dict[str, str] | None = None) -> None:
        """Consume one row per learner and question (``report_answers.question_answers``)."""
        acc = None
        current_name = None
        for row in rows:
            name = rename.get(row.learner, row.learner) if rename else row.learner
            if acc is None or name != current_name:  # rows come a learner at a time
                acc, current_name = self.learner(name), name
            self._question(acc, row)

    def _question(self, acc: _Learner, row: QuestionAnswers) -> None:
        acc.add_overall(row, questions=1)
        qid = row.question_id
        known = self.context.known.get(qid) if row.known else None
        score: float | None
        if known is not None:
            _hash, lesson, phase, objectives = known
            score = row.current_score  # None: never answered in its current version
            answers = row.current_answers
            stale = row.answers - answers
            if score is not None and self.track_seen:
                acc.seen.add(qid)
            if stale:
                acc.edits[0] += stale
                acc.edits[1] += 1
        else:
            latest = row.latest
            score = row.latest_score
            stale = 0
            if latest is None:  # never: question_answers reads it for every removed question
                lesson, phase, objectives = UNKNOWN_LESSON, "", ()
            else:
                lesson = self.context.lesson_of(latest.bank_id)
                phase, objectives = latest.phase, latest.objectives
            answers = row.answers
            acc.edits[2] += answers
            acc.edits[3] += 1
        right = score is not None and is_correct(score)
        tallies = [acc.objectives.setdefault((lesson, o), Tally()) for o in objectives]
        tallies.append(acc.phases.setdefault(phase, Tally()))
        for tally in tallies:
            tally.stale_answers += stale
            if score is not None:
                tally.add(right, answers)
        if score is not None:
            stat = self.questions.setdefault(qid, [0, 0])
            stat[0] += 1
            stat[1] += right

    def add_totals(self, sums: Totals, rename: dict[str, str] | None = None) -> None:
        """Add a store's sums (``report_totals.totals``): the report's figures without a row
        per question. Not for ``track_seen`` (which questions were answered is not in them)."""

        def learner(name: str) -> _Learner:
            return self.learner(rename.get(name, name) if rename else name)

        for row in sums.learners:
            acc = learner(row.learner)
            acc.add_overall(row, questions=row.questions)
            for i, value in enumerate((row.stale_answers, row.stale_questions,
                                       row.removed_answers, row.removed_questions)):
                acc.edits[i] += value
        for tally_row in sums.objectives:
            _merge_sums(learner(tally_row.learner).objectives.setdefault(
                (tally_row.lesson, tally_row.key), Tally()), tally_row.questions,
                tally_row.correct, tally_row.answers, tally_row.stale_answers)
        for tally_row in sums.phases:
            _merge_sums(learner(tally_row.learner).phases.setdefault(tally_row.key, Tally()),
                        tally_row.questions, tally_row.correct, tally_row.answers,
                        tally_row.stale_answers)
        for removed in sums.removed:
            acc = learner(removed.learner)
            lesson = self.context.lesson_of(removed.bank_id)
            correct = removed.questions if removed.right else 0
            tallies = [acc.objectives.setdefault((lesson, o), Tally())
                       for o in removed.objectives]
            tallies.append(acc.phases.setdefault(removed.phase, Tally()))
            for tally in tallies:
                _merge_sums(tally, removed.questions, correct, removed.answers, 0)
        for question in sums.questions:
            stat = self.questions.setdefault(question.question_id, [0, 0])
            stat[0] += question.learners
            stat[1] += question.correct

    def add_exam(self, learner: str, row_exam: ExamResult) -> None:
        self.learner(learner).exams.append(row_exam)

    def add_sessions(self, learner: str, sessions: int, seconds: float) -> None:
        acc = self.learner(learner)
        acc.sessions += sessions
        acc.seconds += seconds


def read_store(aggregator: Aggregator, conn: sqlite3.Connection, scope: Scope,
               rename: dict[str, str] | None = None) -> None:
    """Add one store's answers, sessions and exams in scope to the aggregator."""
    context = aggregator.context

    def named(name: str) -> str:
        return rename.get(name, name) if rename else name

    # the rows and tallies made here hold no cycles; tens of thousands of them would start
    # collections that walk the whole catalog (about 2.5% of a class report at a million
    # answers), so the collector waits, as it does while a bank is loaded
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if aggregator.track_seen:  # which questions were answered: a row per question
            aggregator.add_questions(question_answers(conn, scope, context.known), rename)
        else:
            aggregator.add_totals(totals(conn, scope, context.known), rename)
        for spent in session_totals(conn, scope):
            aggregator.add_sessions(named(spent.learner), spent.sessions, spent.seconds)
        for row in exams(conn, scope):
            aggregator.add_exam(named(row.learner), ExamResult(
                row.session_id, row.bank_id, row.started_at, row.items, row.answered,
                row.earned, context.exam_pass(row.bank_id)))
    finally:
        if was_enabled:
            gc.enable()


def _masteries(context: Context, objectives: dict[ObjectiveKey, Tally]) -> list[Mastery]:
    """The lessons' objectives in order (untested ones included), then any others seen."""
    keys: list[ObjectiveKey] = [(lesson.id, o.id) for lesson in context.lessons
                                for o in lesson.objectives]
    keys += sorted(k for k in objectives if k not in set(keys))
    lessons = {k[0] for k in keys}
    mark = context.pass_percent / 100
    made = []
    for key in keys:
        tally = objectives.get(key, Tally())
        display = key[1] if len(lessons) == 1 else f"{key[0]}/{key[1]}"
        made.append(Mastery(display, key[1], context.objective_label(key), tally.questions,
                            tally.correct, tally.answers, tally.stale_answers,
                            context.coverage.get(key, 0), mark, key[0]))
    return made


def _phase_masteries(context: Context, phases: dict[str, Tally]) -> list[Mastery]:
    keys = [p.value for p in Phase] + sorted(k for k in phases if k not in set(Phase))
    mark = context.pass_percent / 100
    made = []
    for key in keys:
        tally = phases.get(key, Tally())
        made.append(Mastery(key, key, context.phase_label(key), tally.questions, tally.correct,
                            tally.answers, tally.stale_answers,
                            context.phase_coverage.get(key, 0), mark))
    return made


def practice_command(objectives: Sequence[str], extra: Sequence[str] = ()) -> str:
    """The exact shell command that practises these objectives."""
    words = ["quiz", "practice"]
    for objective in objectives:
        words += ["--objective", objective]
    words += list(extra)
    return " ".join(shlex.quote(w) for w in words)


def weakest(masteries: Sequence[Mastery], extra: Sequence[str] = (), limit: int = WEAKEST
            ) -> tuple[Suggestion, ...]:
    """Weak objectives (lowest interval top first), then untested ones, then developing."""
    order = {Status.WEAK: 0, Status.UNTESTED: 1, Status.DEVELOPING: 2}
    ranked = sorted(
        (m for m in masteries if m.status in order),
        key=lambda m: (order[m.status], m.interval[1], m.accuracy or 0.0))
    return tuple(Suggestion(m.key, m.objective, m.label, m.status, m.accuracy,
                            practice_command([m.objective], extra)) for m in ranked[:limit])


def finish_learner(context: Context, name: str, acc: _Learner, extra: Sequence[str] = ()
                   ) -> LearnerProgress:
    ov = acc.overall
    overall = Overall(acc.sessions, int(ov["answers"]), int(ov["questions"]),
                      int(ov["correct"]), float(ov["credit"]), int(ov["ms"]), acc.seconds)
    levels = tuple(Level(i + 1, n, c) for i, (n, c) in enumerate(acc.levels) if n)
    calibration = Calibration(levels, acc.levels[2][0] - acc.levels[2][1], acc.levels[0][1])
    objectives = _masteries(context, acc.objectives)
    exams_in_order = tuple(sorted(acc.exams, key=lambda e: (e.started_at, e.session_id)))
    return LearnerProgress(
        name, overall, exams_in_order, tuple(objectives),
        tuple(_phase_masteries(context, acc.phases)), calibration, Edits(*acc.edits),
        weakest(objectives, extra))


def _pooled(context: Context, accs: Iterable[_Learner]) -> tuple[list[Mastery], list[Mastery]]:
    objectives: dict[ObjectiveKey, Tally] = {}
    phases: dict[str, Tally] = {}
    for acc in accs:
        for key, tally in acc.objectives.items():
            _merge(objectives.setdefault(key, Tally()), tally)
        for phase, tally in acc.phases.items():
            _merge(phases.setdefault(phase, Tally()), tally)
    return _masteries(context, objectives), _phase_masteries(context, phases)


def _merge_sums(into: Tally, questions: int, correct: int, answers: int, stale: int) -> None:
    into.questions += questions
    into.correct += correct
    into.answers += answers
    into.stale_answers += stale


def _merge(into: Tally, tally: Tally) -> None:
    into.questions += tally.questions
    into.correct += tally.correct
    into.answers += tally.answers
    into.stale_answers += tally.stale_answers


def _hardest(context: Context, questions: dict[str, list[int]], limit: int = HARDEST
             ) -> tuple[QuestionStat, ...]:
    ranked = sorted(questions.items(), key=lambda kv: (kv[1][1] / kv[1][0], -kv[1][0], kv[0]))
    made = []
    for qid, (learners, correct) in ranked[:limit]:
        found = context.questions.get(qid)
        label = " ".join(found[1].stem.split()) if found else "(no longer in the banks)"
        made.append(QuestionStat(qid, label, found is None, learners, correct))
    return tuple(made)


def _sum_overall(items: Iterable[Overall]) -> Overall:
    total = Overall()
    for o in items:
        total = Overall(total.sessions + o.sessions, total.answers + o.answers,
                        total.questions + o.questions, total.correct + o.correct,
                        total.credit + o.credit, total.answering_ms + o.answering_ms,
                        total.session_seconds + o.session_seconds)
    return total


def finish(aggregator: Aggregator, *, learners: Sequence[str] = (), class_view: bool = False,
           extra: Sequence[str] = (), sources: Sequence[str] = (), since: str | None = None,
           banks: Sequence[str] = (), due: Due | None = None, notes: Sequence[str] = (),
           now: datetime | None = None) -> Report:
    """The report: learners named in ``learners`` always appear, with or without answers."""
    context = aggregator.context
    for name in learners:
        aggregator.learner(name)
    names = sorted(aggregator.learners, key=lambda n: (n.casefold(), n))
    progress = []
    for name in names:
        args = [*extra, "--learner", name] if class_view else list(extra)
        progress.append(finish_learner(context, name, aggregator.learners[name], args))
    objectives, phases = _pooled(context, aggregator.learners.values())
    all_notes = list(notes) + [f"bank '{b}' is not loaded: its objectives are shown by id"
                               for b in context.missing_banks]
    return Report(
        generated_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        pass_percent=context.pass_percent,
        learners=tuple(progress),
        class_view=class_view,
        sources=tuple(sources),
        since=since,
        banks=tuple(banks),
        class_overall=_sum_overall(p.overall for p in progress),
        class_objectives=tuple(objectives),
        class_phases=tuple(phases),
        hardest=_hardest(context, aggregator.questions),
        due=due,
        notes=tuple(all_notes),
    )


def learner_report(conn: sqlite3.Connection | None, catalog: Catalog, learner: str,
                   scope: Scope | None = None, *, extra: Sequence[str] = (),
                   due: Due | None = None, notes: Sequence[str] = (),
                   now: datetime | None = None) -> Report:
    """One learner's report from one store (``conn`` None: an empty history)."""
    chosen = Scope((learner,), scope.since if scope else None, scope.banks if scope else ())
    aggregator = Aggregator(Context(catalog, chosen.banks))
    if conn is not None:
        read_store(aggregator, conn, chosen)
    return finish(aggregator, learners=[learner], extra=extra, since=chosen.since,
                  banks=chosen.banks, due=due, notes=notes, now=now)


def history_summary(conn: sqlite3.Connection | None, catalog: Catalog, learner: str,
                    bank_id: str | None = None) -> HistorySummary:
    """What adaptive practice needs: the learner's evidence per objective id and phase, and
    the questions answered in their current version (an empty summary without a store)."""
    if conn is None:
        return HistorySummary()
    scope = Scope((learner,), None, (bank_id,) if bank_id else ())
    aggregator = Aggregator(Context(catalog, scope.banks), track_seen=True)
    aggregator.add_questions(question_answers(conn, scope, aggregator.context.known))
    acc = aggregator.learner(learner)
    objectives: dict[str, Evidence] = {}
    for (_lesson, objective), tally in acc.objectives.items():
        before = objectives.get(objective, Evidence())
        objectives[objective] = Evidence(before.answered + tally.questions,
                                         before.correct + tally.correct)
    phases = {p: Evidence(t.questions, t.correct) for p, t in acc.phases.items()}
    return HistorySummary(objectives, phases, frozenset(acc.seen))
