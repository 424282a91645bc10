"""Item analysis figures, computed the way Moodle's quiz statistics report computes them.

Pure math over plain data: no SQL, no files, no bank. An *attempt* is a sequence of
``(slot, question_id, score, answer)``; its total is the sum of its scores and its maximum the
number of its items (every item is worth 1). For each question we keep running sums over the
attempts that contain it: the item score ``x`` and the *rest score* ``r`` (the attempt's total
minus ``x``), then report, following Moodle's ``core_question\\statistics\\questions\\calculator``:

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

Sums are kept with Welford-style updates, so they stay exact enough over long streams without
a second pass; only value *counts* are kept for the efficiency's sorted pairing, since scores
and rest scores take few distinct values.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

EPSILON = 1e-12
"""Variances and covariances below this are treated as zero (rounding, not signal)."""

DIGITS = 12
"""Figures are rounded to this many decimals when reported. Running sums differ in their last
bits with the order attempts are added in (a covariance of exactly 0 comes out as ±1e-17), so
the unrounded figures would change, and even change sign, with the order of the input."""

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


def tidy(value: float | None) -> float | None:
    """``value`` rounded to ``DIGITS`` decimals, and never negative zero (``+ 0.0``)."""
    return None if value is None else round(value, DIGITS) + 0.0


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
