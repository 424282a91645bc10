"""The item analysis as it was before issue 16, row by row in Python: the tests' oracle.

Every response row is fetched into Python, grouped into attempts there and added to
Welford-style running sums, one attempt at a time (quiz/reports/items/ before the analysis
moved into SQL). The tests check that the SQL-side analysis gives the same report. Not used
by quiz itself.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from quiz.errors import QuizError, StoreError
from quiz.model import Catalog, Question, QuestionType
from quiz.reports.items.analysis import BankReport, ChoiceReport, ItemReport, ItemsReport
from quiz.reports.items.stats import (
    EPSILON,
    NO_ANSWER,
    ChoiceStats,
    ItemStats,
    TestStats,
    distractor_functions,
    item_flags,
    tidy,
)
from quiz.store.exchange import QuestionFacts, catalog_facts, open_sources
from quiz.store.readonly import open_readonly

Slot = Hashable
AttemptItem = tuple[Slot, str, float, Sequence[str]]





EXAM = "exam"


class ResponseRow(NamedTuple):
    """One recorded answer, with what the analysis needs of its session."""

    learner: str  # unique across sources (collect prefixes it with the source)
    session: str  # unique across sources and learners
    mode: str  # the session's mode: exam, practice, mistakes...; "" when unknown
    submitted: bool  # for exams: was it submitted? (other modes: True)
    bank_id: str
    position: int | None
    question_id: str
    content_hash: str
    answer: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class ExamLayout:
    """The questions of an exam session in position order, to score unanswered positions 0."""

    session: str
    questions: tuple[str, ...]


@dataclass
class AttemptSet:
    """The attempts of one bank and how they were formed."""

    bank_id: str
    basis: str  # "exam" or "practice"
    which: str  # "first" or "all"
    attempts: list[list[AttemptItem]] = field(default_factory=list)
    hashes: dict[str, dict[str, int]] = field(default_factory=dict)  # question → hash → n
    responses_read: int = 0
    unanswered_filled: int = 0


@dataclass
class _BankRows:
    exams: dict[str, list[ResponseRow]] = field(default_factory=dict)
    exam_learner: dict[str, str] = field(default_factory=dict)
    first: dict[str, dict[str, ResponseRow]] = field(default_factory=dict)
    sessions: dict[str, dict[str, ResponseRow]] = field(default_factory=dict)
    read: int = 0


def build_attempts(
    rows: Iterable[ResponseRow],
    which: str = "first",
    layouts: dict[str, ExamLayout] | None = None,
    bank: str | None = None,
    seen: set[str] | None = None,
) -> dict[str, AttemptSet]:
    """Group ``rows`` (in the order they were recorded) into attempts, one set per bank.

    With ``bank``, only that bank's rows are kept; ``seen`` collects every bank id met.
    """
    if which not in ("first", "all"):
        raise ValueError(f"which must be 'first' or 'all', not {which!r}")
    banks: dict[str, _BankRows] = {}
    for row in rows:
        held = banks.get(row.bank_id)
        if held is None:
            if seen is not None:
                seen.add(row.bank_id)
            if bank is not None and row.bank_id != bank:
                continue
            held = banks[row.bank_id] = _BankRows()
        held.read += 1
        if row.mode == EXAM:
            if row.submitted:
                held.exams.setdefault(row.session, []).append(row)
                held.exam_learner.setdefault(row.session, row.learner)
            continue
        # practice side, kept in both shapes: only one is used, chosen once all rows are in
        per_learner = held.first.setdefault(row.learner, {})
        per_learner.setdefault(row.question_id, row)
        if which == "all":
            held.sessions.setdefault(row.session, {}).setdefault(row.question_id, row)
    return {bank_id: _finish(bank_id, held, which, layouts or {})
            for bank_id, held in banks.items()}


def _finish(bank_id: str, held: _BankRows, which: str, layouts: dict[str, ExamLayout]
            ) -> AttemptSet:
    result = AttemptSet(bank_id, EXAM if held.exams else "practice", which,
                        responses_read=held.read)
    if held.exams:
        chosen = list(held.exams)
        if which == "first":
            seen: set[str] = set()
            chosen = []
            for session, learner in held.exam_learner.items():  # recorded order
                if learner not in seen:
                    seen.add(learner)
                    chosen.append(session)
        for session in chosen:
            result.attempts.append(_exam_attempt(held.exams[session], layouts.get(session),
                                                 result))
    else:
        groups: Sequence[dict[str, ResponseRow]] = list(
            held.first.values() if which == "first" else held.sessions.values())
        for group in groups:
            result.attempts.append([(r.question_id, r.question_id, r.score, r.answer)
                                    for r in group.values()])
            for r in group.values():
                _count_hash(result, r.question_id, r.content_hash)
    return result


def _exam_attempt(rows: list[ResponseRow], layout: ExamLayout | None, into: AttemptSet
                  ) -> list[AttemptItem]:
    items: dict[object, AttemptItem] = {}
    for r in rows:
        slot = r.position if r.position is not None else r.question_id
        if slot not in items:
            items[slot] = (slot, r.question_id, r.score, r.answer)
            _count_hash(into, r.question_id, r.content_hash)
    if layout is not None:
        for position, question_id in enumerate(layout.questions):
            if position not in items:
                items[position] = (position, question_id, 0.0, ())
                into.unanswered_filled += 1
    return list(items.values())


def _count_hash(into: AttemptSet, question_id: str, content_hash: str) -> None:
    if content_hash:
        per = into.hashes.setdefault(question_id, {})
        per[content_hash] = per.get(content_hash, 0) + 1




SUBMITTED = ("submitted", "finished")


class Collector:
    """Streams the rows of several sources; ``layouts`` fills in as they are read."""

    def __init__(self, stores: list[Path], exports: list[Path],
                 facts: QuestionFacts | None = None) -> None:
        self.stores = stores
        self.exports = exports
        self.facts: QuestionFacts = facts or (lambda _question: None)
        self.layouts: dict[str, ExamLayout] = {}

    def rows(self) -> Iterator[ResponseRow]:
        index = 0
        for path in self.stores:
            index += 1
            yield from read_store(path, f"s{index}", self.layouts)
        with ExitStack() as stack:
            # every export is checked and loaded before the first row: a bad line in the last
            # file stops the command before any figure is computed
            sources = open_sources(list(self.exports), stack, self.facts)
            for path, source in zip(self.exports, sources, strict=True):
                index += 1
                yield from _rows(source.conn, path, f"s{index}", self.layouts)


def read_store(path: Path, prefix: str, layouts: dict[str, ExamLayout]
               ) -> Iterator[ResponseRow]:
    """The store's responses in the order they were first recorded."""
    conn = open_readonly(path)
    try:
        yield from _rows(conn, path, prefix, layouts)
    finally:
        conn.close()


def _rows(conn: sqlite3.Connection, path: Path, prefix: str,
          layouts: dict[str, ExamLayout]) -> Iterator[ResponseRow]:
    try:
        yield from _store_rows(conn, path, prefix, layouts)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: reading failed ({exc}); run `quiz doctor` on it") from None


def _store_rows(conn: sqlite3.Connection, path: Path, prefix: str,
                layouts: dict[str, ExamLayout]) -> Iterator[ResponseRow]:
    # per session once: its keys and mode, so the per-row work is a dict lookup
    sessions: dict[int, tuple[str, str, str, bool, str]] = {}
    for sid, lid, mode, status, bank_id, items in conn.execute(
            "SELECT id, learner_id, mode, status, bank_id, items FROM sessions"):
        key = f"{prefix}:{sid}"
        submitted = mode != EXAM or status in SUBMITTED
        sessions[sid] = (key, f"{prefix}:L{lid}", str(mode), submitted, str(bank_id))
        if mode == EXAM and submitted:
            layout = _layout(key, items)
            if layout is not None:
                layouts[key] = layout
    answers: dict[str, tuple[str, ...]] = {}
    for sid, position, question_id, content_hash, answer, score in conn.execute(
            "SELECT session_id, position, question_id, content_hash, answer, score"
            " FROM responses ORDER BY id"):
        session = sessions.get(sid)
        if session is None:  # an orphaned row (quiz doctor reports these); not an attempt
            continue
        picked = answers.get(answer)
        if picked is None:
            picked = answers[answer] = _decode_answer(answer, str(path))
        if not (isinstance(score, (int, float)) and 0.0 <= score <= 1.0):
            raise StoreError(f"{path}: a response to '{question_id}' has score {score!r}, "
                             "outside 0..1; run `quiz doctor` on the store")
        key, learner, mode, submitted, bank_id = session
        yield ResponseRow(learner, key, mode, submitted, bank_id, position, question_id,
                          content_hash, picked, float(score))


def _layout(key: str, items: str) -> ExamLayout | None:
    try:
        parsed = json.loads(items)
        return ExamLayout(key, tuple(str(entry[0]) for entry in parsed))
    except (ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None  # without a layout, unanswered positions are simply absent


def _decode_answer(text: str, where: str) -> tuple[str, ...]:
    try:
        value = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuizError(f"{where}: an answer is not a list of choice ids: {text!r:.60}")
    return tuple(value)

@dataclass
class _Moments:
    """Running count, means and co-moments of a pair of variables (Welford / Chan)."""

    n: int = 0
    mean_x: float = 0.0
    mean_y: float = 0.0
    m2_x: float = 0.0
    m2_y: float = 0.0
    c_xy: float = 0.0

    def add(self, x: float, y: float) -> None:
        self.n += 1
        dx = x - self.mean_x
        dy = y - self.mean_y
        self.mean_x += dx / self.n
        self.mean_y += dy / self.n
        # the co-moment update uses the old deviation of x and the new one of y (exact)
        self.m2_x += dx * (x - self.mean_x)
        self.m2_y += dy * (y - self.mean_y)
        self.c_xy += dx * (y - self.mean_y)


@dataclass
class ItemAccumulator:
    """Everything needed for one question's figures, updated one attempt at a time."""

    question_id: str
    moments: _Moments = field(default_factory=_Moments)
    x_counts: Counter[float] = field(default_factory=Counter)
    r_counts: Counter[float] = field(default_factory=Counter)
    picks: dict[str, list[float]] = field(default_factory=dict)  # choice → [count, Σ rest]

    def add(self, score: float, rest: float, answer: Sequence[str]) -> None:
        self.moments.add(score, rest)
        self.x_counts[score] += 1
        self.r_counts[rest] += 1
        # a choice counts once per attempt, even if an answer lists it twice
        for choice in set(answer) if answer else (NO_ANSWER,):
            entry = self.picks.get(choice)
            if entry is None:
                self.picks[choice] = [1.0, rest]
            else:
                entry[0] += 1.0
                entry[1] += rest

    def result(self, choice_order: Sequence[str] = ()) -> ItemStats:
        """The figures; choices in ``choice_order`` first (even if never picked), then others."""
        m = self.moments
        n = m.n
        facility = m.mean_x if n else None
        sd = math.sqrt(max(m.m2_x, 0.0) / (n - 1)) if n > 1 else None
        discrimination = efficiency = None
        if n > 1:
            if m.m2_x > EPSILON and m.m2_y > EPSILON:
                discrimination = _clamp(m.c_xy / math.sqrt(m.m2_x * m.m2_y))
            largest = _sorted_co_moment(self.x_counts, self.r_counts, m.mean_x, m.mean_y)
            if largest > EPSILON:
                efficiency = min(m.c_xy / largest, 1.0)
        order = list(dict.fromkeys([*choice_order, *sorted(self.picks)]))
        choices = tuple(self._choice(c, n) for c in order)
        return ItemStats(self.question_id, n, tidy(facility), tidy(sd), tidy(discrimination),
                         tidy(efficiency), choices)

    def _choice(self, choice: str, n: int) -> ChoiceStats:
        count, rest_sum = self.picks.get(choice, (0.0, 0.0))
        k = int(count)
        share = k / n if n else 0.0
        pb = None
        ss_rest = self.moments.m2_y
        if 0 < k < n and ss_rest > EPSILON:
            # Σ over pickers of (r − r̄): the other attempts' deviations are its negative
            numerator = rest_sum - k * self.moments.mean_y
            pb = _clamp(numerator / math.sqrt(ss_rest * k * (n - k) / n))
        return ChoiceStats(choice, k, share, tidy(pb))


def _sorted_co_moment(
    xs: Counter[float], rs: Counter[float], mean_x: float, mean_r: float
) -> float:
    """Σ (x₍ᵢ₎ − x̄)(r₍ᵢ₎ − r̄) with both lists sorted ascending, walked through their counts."""
    x_items = sorted(xs.items())
    r_items = sorted(rs.items())
    total = 0.0
    i = j = 0
    x_left = x_items[0][1] if x_items else 0
    r_left = r_items[0][1] if r_items else 0
    while i < len(x_items) and j < len(r_items):
        take = min(x_left, r_left)
        total += take * (x_items[i][0] - mean_x) * (r_items[j][0] - mean_r)
        x_left -= take
        r_left -= take
        if x_left == 0:
            i += 1
            x_left = x_items[i][1] if i < len(x_items) else 0
        if r_left == 0:
            j += 1
            r_left = r_items[j][1] if j < len(r_items) else 0
    return total


def _clamp(value: float) -> float:
    """Correlations can drift past ±1 by rounding; they never do mathematically."""
    return max(-1.0, min(1.0, value))


@dataclass
class _SlotMoments:
    n: int = 0
    mean: float = 0.0
    m2: float = 0.0

    def add(self, x: float) -> None:
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)


@dataclass
class Analysis:
    """Accumulates attempts one at a time; ``items()`` and ``test()`` give the figures."""

    accumulators: dict[str, ItemAccumulator] = field(default_factory=dict)
    totals: list[float] = field(default_factory=list)
    maxima: list[int] = field(default_factory=list)
    slots: dict[Slot, _SlotMoments] = field(default_factory=dict)
    binary: bool = True

    def add_attempt(self, items: Iterable[AttemptItem]) -> None:
        """Add one attempt; its slots must be distinct (the caller keeps one item a slot)."""
        listed = list(items)
        total = math.fsum(score for _, _, score, _ in listed)
        self.totals.append(total)
        self.maxima.append(len(listed))
        for slot, question_id, score, answer in listed:
            accumulator = self.accumulators.get(question_id)
            if accumulator is None:
                accumulator = self.accumulators[question_id] = ItemAccumulator(question_id)
            accumulator.add(score, total - score, answer)
            slot_moments = self.slots.get(slot)
            if slot_moments is None:
                slot_moments = self.slots[slot] = _SlotMoments()
            slot_moments.add(score)
            if self.binary and score not in (0.0, 1.0):
                self.binary = False

    def items(self, choice_orders: Mapping[str, Sequence[str]] | None = None) -> list[ItemStats]:
        orders = choice_orders or {}
        return [acc.result(orders.get(qid, ())) for qid, acc in self.accumulators.items()]

    def test(self) -> TestStats:
        s = len(self.totals)
        percents = [100.0 * t / m if m else 0.0 for t, m in zip(self.totals, self.maxima,
                                                                strict=True)]
        mean = math.fsum(percents) / s if s else None
        median = _median(percents)
        sd = None
        if s > 1 and mean is not None:
            sd = math.sqrt(math.fsum((p - mean) ** 2 for p in percents) / (s - 1))
        p = len(self.slots)
        complete = s > 0 and all(m.n == s for m in self.slots.values()) \
            and all(m == p for m in self.maxima)
        kind = "KR-20" if self.binary else "Cronbach's alpha"
        raw_alpha, note = self._alpha(s, p, complete)
        # derived figures are computed from the rounded alpha, so they cannot differ with the
        # order of the attempts either
        alpha = tidy(raw_alpha)
        error_ratio = standard_error = None
        if alpha is not None:
            error_ratio = tidy(100.0 * math.sqrt(1.0 - alpha))
            if sd is not None and error_ratio is not None:
                standard_error = tidy(error_ratio * sd / 100.0)
        return TestStats(s, tidy(mean), tidy(median), tidy(sd), alpha, kind, error_ratio,
                         standard_error, p, complete, note)

    def _alpha(self, s: int, p: int, complete: bool) -> tuple[float | None, str]:
        if s < 2:
            return None, "needs at least 2 attempts"
        if p < 2:
            return None, "needs at least 2 questions"
        if not complete:
            return None, "the attempts do not all contain the same questions (or positions)"
        mean_total = math.fsum(self.totals) / s
        variance_total = math.fsum((t - mean_total) ** 2 for t in self.totals) / (s - 1)
        if variance_total <= EPSILON:
            return None, "every attempt has the same total"
        slot_variance = math.fsum(m.m2 / (s - 1) for m in self.slots.values())
        alpha = p / (p - 1) * (1.0 - slot_variance / variance_total)
        return min(alpha, 1.0), ""


def _median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2



def analyse_rows(rows: Iterable[ResponseRow], which: str = "first",
                 catalog: Catalog | None = None, bank: str | None = None,
                 layouts: dict[str, ExamLayout] | None = None,
                 sources: Sequence[str] = ()) -> ItemsReport:
    """The report over ``rows`` (see ``attempts`` for how attempts are formed)."""
    seen: set[str] = set()
    sets = build_attempts(rows, which, layouts, bank, seen)
    if bank is not None and bank not in sets:
        known = seen | ({b.id for b in catalog.banks} if catalog is not None else set())
        if bank not in known:
            from quiz.bank.suggest import did_you_mean

            raise QuizError(f"no bank '{bank}' in the responses or the loaded banks"
                            + did_you_mean(bank, sorted(b for b in known if b)))
        sets[bank] = AttemptSet(bank, "practice", which)
    reports = [analyse_set(sets[b], catalog) for b in sorted(sets)]
    return ItemsReport(tuple(sources), which, tuple(reports))


def analyse_set(attempts: AttemptSet, catalog: Catalog | None = None) -> BankReport:
    """The figures of one bank's attempts, joined with the bank's texts when known."""
    found = catalog.bank(attempts.bank_id) if catalog is not None else None
    questions: dict[str, Question] = {}
    if catalog is not None:
        # a response may name a question by id only (no bank): look through every bank
        for question in catalog.questions():
            questions.setdefault(question.id, question)
        if found is not None:
            questions.update({q.id: q for q in found.questions})
    analysis = Analysis()
    for attempt in attempts.attempts:
        analysis.add_attempt(attempt)
    orders = {qid: [c.id for c in q.choices] for qid, q in questions.items()}
    by_id = {item.question_id: item for item in analysis.items(orders)}
    order = [q.id for q in found.questions if q.id in by_id] if found is not None else []
    order += sorted(set(by_id) - set(order))
    items = tuple(_item(by_id[qid], questions.get(qid), attempts.hashes.get(qid, {}))
                  for qid in order)
    title = found.title if found is not None else ""
    return BankReport(attempts.bank_id, title, attempts.basis, attempts.which,
                      analysis.test(), items, attempts.responses_read,
                      attempts.unanswered_filled)


def _item(stats: ItemStats, question: Question | None, hashes: dict[str, int]) -> ItemReport:
    flags = item_flags(stats)
    if question is None:
        choices = tuple(ChoiceReport(c.choice_id, "", None, c, None) for c in stats.choices)
        return ItemReport(stats.question_id, "", "", False, stats, tuple(flags), choices, 0)
    older = sum(n for h, n in hashes.items() if h != question.content_hash)
    if older:
        flags.append("answered in another version")
    reports = []
    if question.type is not QuestionType.ORDERING:  # every step is "picked" in an ordering
        for choice in stats.choices:
            known = question.choice(choice.choice_id)
            if choice.choice_id == NO_ANSWER:
                reports.append(ChoiceReport(NO_ANSWER, "", None, choice, None))
            elif known is None:
                reports.append(ChoiceReport(choice.choice_id, "", None, choice, None))
            else:
                works = None if known.correct else distractor_functions(choice)
                reports.append(ChoiceReport(known.id, known.text, known.correct, choice, works))
    return ItemReport(stats.question_id, question.stem, question.type.value, True, stats,
                      tuple(flags), tuple(reports), older)


def analyse_sources(stores: Sequence[Path], exports: Sequence[Path], which: str = "first",
                    catalog: Catalog | None = None, bank: str | None = None) -> ItemsReport:
    """Read every store and export, then analyse (the library entry point of `quiz items`)."""

    collector = Collector(list(stores), list(exports), catalog_facts(catalog))
    names = [str(p) for p in [*stores, *exports]]
    return analyse_rows(collector.rows(), which, catalog, bank, collector.layouts, names)
