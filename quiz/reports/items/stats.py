"""Item analysis figures, computed the way Moodle's quiz statistics report computes them.

Pure math over plain data: no SQL, no files, no bank. An *attempt* is a sequence of
``(slot, question_id, score, answer)``; its total is the sum of its scores and its maximum the
number of its items (every item is worth 1). For each question we keep, over the attempts that
contain it, the item score ``x`` and the *rest score* ``r`` (the attempt's total minus ``x``),
grouped with their counts, then report, following Moodle's
``core_question\\statistics\\questions\\calculator``:

- facility: mean ``x`` ÷ maximum (1);
- standard deviation: sample SD of ``x`` (divisor n − 1);
- discrimination index: Pearson correlation of ``x`` with ``r`` (corrected item–rest);
- discriminative efficiency: cov(x, r) ÷ the largest covariance the same values could reach,
  that is with both lists sorted in the same order;
- per choice: the share of attempts that picked it and the point-biserial correlation of
  "picked it" with ``r``.

Test-level figures follow ``quiz_statistics\\calculator``: mean, median and sample SD of the
attempts' scores (as percentages of their maximum), the coefficient of internal consistency
(Cronbach's alpha; KR-20 when every score is 0 or 1) from the slot variances, error ratio
100·√(1 − α) and standard error = error ratio × SD. A figure that cannot be computed (too few
attempts, zero variance, attempts that do not share their slots) is ``None``: "n/a".

The groups come from SQLite (``quiz.store.items_sums`` groups the responses; no row per
response reaches Python), or from ``Analysis.add_attempt`` for attempts given as lists. Every
sum behind a figure is taken exactly, in integers: a float score is a binary fraction, so the
values of one question are whole multiples of a common power of two. A figure is then its
exact value rounded once (those with a square root within one unit in the last place), the
same in any order; the rounding to ``DIGITS`` decimals only has to absorb that last unit.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

EPSILON = 1e-12
"""Variances and covariances below this are treated as zero (rounding, not signal)."""

DIGITS = 12
"""Figures are rounded to this many decimals when reported. Running sums differed in their
last bits with the order attempts were added in (a covariance of exactly 0 came out as
±1e-17); the sums are exact now, and the rounding keeps the figures as the formats show them."""

TOLERANCE = 1e-9
"""Figures are compared with the flag thresholds with this margin: a facility of exactly 0.9
is not "too easy" because its sum came out as 0.9000000000000001."""

NO_ANSWER = ""
"""The choice key under which attempts with an empty answer (unanswered) are counted."""

Slot = Hashable
AttemptItem = tuple[Slot, str, float, Sequence[str]]
"""One item of an attempt: slot (exam position or question id), question id, score, answer."""


@dataclass(frozen=True)
class ChoiceStats:
    """How often one choice was picked and how picking it goes with the rest score."""

    choice_id: str
    picked: int
    share: float
    point_biserial: float | None


@dataclass(frozen=True)
class ItemStats:
    """The figures of one question over the attempts that contain it."""

    question_id: str
    attempts: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    choices: tuple[ChoiceStats, ...]


@dataclass(frozen=True)
class TestStats:
    """The figures of the whole test; scores are percentages of each attempt's maximum."""

    __test__ = False  # not a pytest test class, despite the name

    attempts: int
    mean: float | None
    median: float | None
    sd: float | None
    alpha: float | None
    alpha_kind: str
    error_ratio: float | None
    standard_error: float | None
    slots: int
    complete: bool
    alpha_note: str = ""


@dataclass
class ItemAccumulator:
    """Everything needed for one question's figures: the attempts that contain it, as groups
    of (answer, score, rest score, how many).

    Groups, not running sums: scores and rest scores take few distinct values (SQLite groups
    them, ``quiz.store.items_sums``), and every sum behind a figure is then taken exactly, in
    integers (each score is a binary fraction, so all of them are whole multiples of the
    smallest power of two among them). A figure is its exact value rounded once (those with
    a square root, to within one unit in the last place), whatever order the attempts came in.
    """

    question_id: str
    rows: list[tuple[tuple[str, ...], float, float, int]] = field(default_factory=list)

    def add(self, score: float, rest: float, answer: Sequence[str], count: int = 1) -> None:
        """``count`` attempts that scored ``score`` with rest score ``rest``, answering
        ``answer``."""
        self.rows.append((tuple(answer), score, rest, count))

    def result(self, choice_order: Sequence[str] = (),
               ratios: dict[float, tuple[int, int]] | None = None) -> ItemStats:
        """The figures; choices in ``choice_order`` first (even if never picked), then others.
        ``ratios`` caches ``float.as_integer_ratio`` across questions."""
        cache = {} if ratios is None else ratios
        xs, dx = _scaled({x for _, x, _, _ in self.rows}, cache)
        rs, dr = _scaled({r for _, _, r, _ in self.rows}, cache)
        n = sx = sr = sxx = srr = sxr = 0
        x_counts: dict[int, int] = {}
        r_counts: dict[int, int] = {}
        answers: dict[tuple[str, ...], list[int]] = {}  # answer → [attempts, Σ R]
        for answer, score, rest, k in self.rows:  # the hot loop: kept plain
            x = xs[score]
            r = rs[rest]
            n += k
            kx = k * x
            kr = k * r
            sx += kx
            sr += kr
            sxx += kx * x
            srr += kr * r
            sxr += kx * r
            x_counts[x] = x_counts.get(x, 0) + k
            r_counts[r] = r_counts.get(r, 0) + k
            entry = answers.get(answer)
            if entry is None:
                answers[answer] = [k, kr]
            else:
                entry[0] += k
                entry[1] += kr
        # n times the sums of squares and products of deviations, in scaled units
        ss_x = n * sxx - sx * sx
        ss_r = n * srr - sr * sr
        co = n * sxr - sx * sr
        facility = sx / (n * dx) if n else None
        sd = math.sqrt(ss_x / (n * (n - 1) * dx * dx)) if n > 1 else None
        varies_x = n > 0 and ss_x / (n * dx * dx) > EPSILON
        varies_r = n > 0 and ss_r / (n * dr * dr) > EPSILON
        discrimination = efficiency = None
        if n > 1:
            if varies_x and varies_r:
                discrimination = _ratio_of_root(co, ss_x * ss_r)
            largest = n * _sorted_products(x_counts, r_counts) - sx * sr
            if largest / (n * dx * dr) > EPSILON:
                efficiency = min(co / largest, 1.0)
        picks: dict[str, list[int]] = {}  # choice → [attempts, Σ R]
        for answer, (k, rest_sum) in answers.items():
            # a choice counts once per attempt, even if an answer lists it twice
            for choice in set(answer) if answer else (NO_ANSWER,):
                entry = picks.setdefault(choice, [0, 0])
                entry[0] += k
                entry[1] += rest_sum
        order = list(dict.fromkeys([*choice_order, *sorted(picks)]))
        choices = []
        for choice in order:
            k, rest_sum = picks.get(choice, (0, 0))
            pb = None
            if 0 < k < n and varies_r:
                # Σ over pickers of (r − r̄), against the spread of r and of "picked it"
                pb = _ratio_of_root(n * rest_sum - k * sr, ss_r * k * (n - k))
            choices.append(ChoiceStats(choice, k, k / n if n else 0.0, tidy(pb)))
        return ItemStats(self.question_id, n, tidy(facility), tidy(sd), tidy(discrimination),
                         tidy(efficiency), tuple(choices))


def _scaled(values: Iterable[float], cache: dict[float, tuple[int, int]] | None = None
            ) -> tuple[dict[float, int], int]:
    """Each value as a whole multiple of a common power of two, and that power's inverse
    (``cache`` keeps each float's ratio for the next call)."""
    known = {} if cache is None else cache
    ratios = {}
    for v in values:
        ratio = known.get(v)
        if ratio is None:
            ratio = known[v] = v.as_integer_ratio()
        ratios[v] = ratio
    den = max((d for _, d in ratios.values()), default=1)
    return {v: num * (den // d) for v, (num, d) in ratios.items()}, den


def _ratio_of_root(numerator: int, squared: int) -> float:
    """numerator ÷ √squared, from whole numbers: the square is divided exactly (Python's
    integer division rounds once), so only the square root rounds again."""
    return math.copysign(math.sqrt(numerator * numerator / squared), numerator)


def _sorted_products(xs: Mapping[int, int], rs: Mapping[int, int]) -> int:
    """Σ x₍ᵢ₎ · r₍ᵢ₎ with both lists sorted ascending, walked through their counts: the
    largest Σ x·r the same values can give (for the discriminative efficiency)."""
    x_items = sorted(xs.items())
    r_items = sorted(rs.items())
    total = 0
    i = j = 0
    x_left = x_items[0][1] if x_items else 0
    r_left = r_items[0][1] if r_items else 0
    while i < len(x_items) and j < len(r_items):
        take = min(x_left, r_left)
        total += take * x_items[i][0] * r_items[j][0]
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


def tidy(value: float | None) -> float | None:
    """``value`` rounded to ``DIGITS`` decimals, and never negative zero (``+ 0.0``)."""
    return None if value is None else round(value, DIGITS) + 0.0


def _sum_of_squares(scores: Counter[float]) -> float:
    """Σ (x − x̄)² of the counted values, taken exactly and rounded once."""
    xs, den = _scaled(scores)
    n = sum(scores.values())
    sx = sum(k * xs[x] for x, k in scores.items())
    sxx = sum(k * xs[x] * xs[x] for x, k in scores.items())
    return (n * sxx - sx * sx) / (n * den * den) if n else 0.0


@dataclass
class Analysis:
    """Attempts' sums: each attempt's total and maximum, every item's (score, rest, answer)
    per question, and the scores per slot; ``items()`` and ``test()`` give the figures.

    SQLite hands them over already grouped (``add_total``, ``add_response`` and ``add_slot``
    with counts); ``add_attempt`` adds one attempt given as a list of items.
    """

    accumulators: dict[str, ItemAccumulator] = field(default_factory=dict)
    totals: list[float] = field(default_factory=list)
    maxima: list[int] = field(default_factory=list)
    slots: dict[Slot, Counter[float]] = field(default_factory=dict)

    def add_attempt(self, items: Iterable[AttemptItem]) -> None:
        """Add one attempt; its slots must be distinct (the caller keeps one item a slot)."""
        listed = list(items)
        total = math.fsum(score for _, _, score, _ in listed)
        self.add_total(total, len(listed))
        for slot, question_id, score, answer in listed:
            self.add_response(question_id, score, total - score, answer)
            self.add_slot(slot, score)

    def add_total(self, total: float, items: int) -> None:
        """One attempt's total score and its number of items."""
        self.totals.append(total)
        self.maxima.append(items)

    def add_response(self, question_id: str, score: float, rest: float,
                     answer: Sequence[str], count: int = 1) -> None:
        """``count`` items of ``question_id`` with this score, rest score and answer."""
        accumulator = self.accumulators.get(question_id)
        if accumulator is None:
            accumulator = self.accumulators[question_id] = ItemAccumulator(question_id)
        accumulator.add(score, rest, answer, count)

    def add_groups(self, groups: Iterable[tuple[str, tuple[str, ...], object, float, float, int]]
                   ) -> None:
        """Grouped items: (question, answer, version, score, rest score, how many)."""
        accumulators = self.accumulators
        for question_id, answer, _, score, rest, count in groups:
            accumulator = accumulators.get(question_id)
            if accumulator is None:
                accumulator = accumulators[question_id] = ItemAccumulator(question_id)
            accumulator.rows.append((answer, score, rest, count))

    def add_slot(self, slot: Slot, score: float, count: int = 1) -> None:
        """``count`` items in ``slot`` (exam position, or question) that scored ``score``."""
        scores = self.slots.get(slot)
        if scores is None:
            scores = self.slots[slot] = Counter()
        scores[score] += count

    def items(self, choice_orders: Mapping[str, Sequence[str]] | None = None) -> list[ItemStats]:
        orders = choice_orders or {}
        ratios: dict[float, tuple[int, int]] = {}
        return [acc.result(orders.get(qid, ()), ratios)
                for qid, acc in self.accumulators.items()]

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
        complete = s > 0 and all(sum(c.values()) == s for c in self.slots.values()) \
            and all(m == p for m in self.maxima)
        binary = all(x in (0.0, 1.0) for c in self.slots.values() for x in c)
        kind = "KR-20" if binary else "Cronbach's alpha"
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
        slot_variance = math.fsum(_sum_of_squares(c) / (s - 1) for c in self.slots.values())
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


# --- reading the figures --------------------------------------------------------------

TOO_EASY = 0.9
TOO_HARD = 0.2
LOW_DISCRIMINATION = 0.2
FUNCTIONING_SHARE = 0.05


SHOWN_DIGITS = 3
"""Reports show a discrimination with three decimals."""


def item_flags(item: ItemStats) -> list[str]:
    """Moodle-style warnings: too easy, too hard, weak or negative discrimination.

    Thresholds are compared with ``TOLERANCE``. A discrimination is called negative only
    when it shows as negative: one that rounds to 0.000 is low, not negative, so the flag
    never contradicts the figure printed beside it.
    """
    flags = []
    if item.facility is not None:
        if item.facility > TOO_EASY + TOLERANCE:
            flags.append("too easy")
        elif item.facility < TOO_HARD - TOLERANCE:
            flags.append("too hard")
    if item.discrimination is not None:
        if round(item.discrimination, SHOWN_DIGITS) < 0:
            flags.append("negative discrimination")
        elif item.discrimination < LOW_DISCRIMINATION - TOLERANCE:
            flags.append("low discrimination")
    return flags


def distractor_functions(choice: ChoiceStats) -> bool | None:
    """A wrong choice works when at least 5% pick it and picking it goes with a lower rest
    score; None when its correlation cannot be computed."""
    if choice.share < FUNCTIONING_SHARE:
        return False
    if choice.point_biserial is None:
        return None
    return round(choice.point_biserial, SHOWN_DIGITS) < 0  # as shown: see ``item_flags``
