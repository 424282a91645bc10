"""Properties of the item-analysis figures over generated attempts, and degenerate cases.

The streaming figures are checked against a direct two-pass recomputation written here from
the definitions (Moodle's), over any data hypothesis finds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.reports.items.stats import EPSILON, Analysis, AttemptItem, ItemStats, TestStats, tidy
from tests.hypothesis_budget import examples

Attempts = list[list[AttemptItem]]

SCORES = st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.0, 0.0])


@st.composite
def attempts(draw: st.DrawFn, complete: bool | None = None) -> Attempts:
    n_items = draw(st.integers(1, 5))
    n_attempts = draw(st.integers(0, 8))
    full = draw(st.booleans()) if complete is None else complete
    result: Attempts = []
    for _ in range(n_attempts):
        items: list[AttemptItem] = []
        for i in range(n_items):
            if not full and draw(st.booleans()):
                continue
            answer = draw(st.lists(st.sampled_from("abcd"), max_size=2))
            items.append((f"q{i}", f"q{i}", draw(SCORES), answer))
        result.append(items)
    return result


def _run(data: Sequence[Sequence[AttemptItem]]) -> tuple[dict[str, ItemStats], TestStats]:
    analysis = Analysis()
    for attempt in data:
        analysis.add_attempt(attempt)
    return {i.question_id: i for i in analysis.items()}, analysis.test()


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@given(attempts())
@settings(max_examples=examples(300), deadline=None)
def test_figures_stay_in_range(data: Attempts) -> None:
    items, test = _run(data)
    for item in items.values():
        assert item.facility is not None and 0.0 <= item.facility <= 1.0
        assert item.discrimination is None or -1.0 <= item.discrimination <= 1.0
        assert item.efficiency is None or item.efficiency <= 1.0 + 1e-12
        assert item.sd is None or item.sd >= 0.0
        for choice in item.choices:
            assert 0.0 <= choice.share <= 1.0
            assert choice.point_biserial is None or -1.0 <= choice.point_biserial <= 1.0
    assert test.alpha is None or test.alpha <= 1.0
    for value in (test.mean, test.median):
        assert value is None or 0.0 <= value <= 100.0
    if test.error_ratio is not None:
        assert test.error_ratio >= 0.0


@given(attempts(), st.randoms(use_true_random=False))
@settings(max_examples=examples(200), deadline=None)
def test_order_of_attempts_does_not_change_results(data: Attempts, rnd: random.Random) -> None:
    items, test = _run(data)
    shuffled = list(data)
    rnd.shuffle(shuffled)
    items2, test2 = _run(shuffled)
    assert items.keys() == items2.keys()
    for qid, item in items.items():
        other = items2[qid]
        assert item.attempts == other.attempts
        for a, b in [(item.facility, other.facility), (item.sd, other.sd),
                     (item.discrimination, other.discrimination),
                     (item.efficiency, other.efficiency)]:
            assert _close(a, b), (qid, a, b)
        assert [(c.choice_id, c.picked) for c in item.choices] == \
            [(c.choice_id, c.picked) for c in other.choices]
        for c1, c2 in zip(item.choices, other.choices, strict=True):
            assert _close(c1.point_biserial, c2.point_biserial)
    for a, b in [(test.mean, test2.mean), (test.median, test2.median), (test.sd, test2.sd),
                 (test.alpha, test2.alpha), (test.standard_error, test2.standard_error)]:
        assert _close(a, b)


@given(attempts())
@settings(max_examples=examples(300), deadline=None)
def test_streaming_matches_a_direct_recomputation(data: Attempts) -> None:
    items, test = _run(data)
    for qid, item in items.items():
        pairs = [(score, sum(s for _, _, s, _ in attempt) - score)
                 for attempt in data for (_, q, score, _) in attempt if q == qid]
        xs = [x for x, _ in pairs]
        rs = [r for _, r in pairs]
        n = len(xs)
        assert item.attempts == n
        assert _close(item.facility, sum(xs) / n)
        assert _close(item.discrimination, _pearson(xs, rs))
        if n > 1:
            mx, mr = sum(xs) / n, sum(rs) / n
            sd = math.sqrt(sum((x - mx) ** 2 for x in xs) / (n - 1))
            assert _close(item.sd, sd)
            cov = sum((x - mx) * (r - mr) for x, r in pairs)
            cov_max = sum((x - mx) * (r - mr)
                          for x, r in zip(sorted(xs), sorted(rs), strict=True))
            assert _close(item.efficiency, cov / cov_max if cov_max > 1e-12 else None)
        for choice in item.choices:
            picked = [1.0 if choice.choice_id in answer or (not answer and choice.choice_id == "")
                      else 0.0
                      for attempt in data for (_, q, _, answer) in attempt if q == qid]
            assert choice.picked == sum(picked)
            assert _close(choice.point_biserial, _pearson(picked, rs))
    assert test.attempts == len(data)


@given(attempts(complete=True))
@settings(max_examples=examples(200), deadline=None)
def test_alpha_matches_its_definition_on_complete_data(data: Attempts) -> None:
    _, test = _run(data)
    s = len(data)
    p = len(data[0]) if data else 0
    if s < 2 or p < 2:
        assert test.alpha is None
        return
    totals = [sum(score for _, _, score, _ in a) for a in data]
    mt = sum(totals) / s
    vt = sum((t - mt) ** 2 for t in totals) / (s - 1)
    columns = [[a[i][2] for a in data] for i in range(p)]
    vi = sum(sum((x - sum(c) / s) ** 2 for x in c) / (s - 1) for c in columns)
    expected = None if vt <= 1e-12 else p / (p - 1) * (1 - vi / vt)
    assert _close(test.alpha, expected)


# --- degenerate cases: n/a, never a division by zero ---------------------------------------

def test_no_attempts() -> None:
    items, test = _run([])
    assert items == {}
    assert (test.attempts, test.mean, test.median, test.sd, test.alpha, test.error_ratio,
            test.standard_error) == (0, None, None, None, None, None, None)


def test_one_attempt() -> None:
    items, test = _run([[("q1", "q1", 1.0, ["a"]), ("q2", "q2", 0.0, ["b"])]])
    assert test.mean == 50.0 and test.median == 50.0
    assert test.sd is None and test.alpha is None and test.standard_error is None
    assert "2 attempts" in test.alpha_note
    q1 = items["q1"]
    assert q1.facility == 1.0
    assert q1.sd is None and q1.discrimination is None and q1.efficiency is None
    assert q1.choices[0].point_biserial is None


def test_zero_variance() -> None:
    # everyone right on everything: every variance is 0
    data = [[("q1", "q1", 1.0, ["a"]), ("q2", "q2", 1.0, ["a"])] for _ in range(4)]
    items, test = _run(data)
    assert test.sd == 0.0
    assert test.alpha is None and test.error_ratio is None
    assert "same total" in test.alpha_note
    assert items["q1"].sd == 0.0
    assert items["q1"].discrimination is None and items["q1"].efficiency is None


def test_item_varies_but_rest_does_not() -> None:
    # a single-question test: the rest score is always 0
    data = [[("q1", "q1", float(i % 2), ["a" if i % 2 else "b"])] for i in range(4)]
    items, test = _run(data)
    assert items["q1"].facility == 0.5
    assert items["q1"].discrimination is None
    assert test.alpha is None and "2 questions" in test.alpha_note


def _exactly(value: Fraction) -> float:
    return float(value)


def _root_ratio(numerator: Fraction, squared: Fraction) -> float:
    return math.copysign(math.sqrt(float(numerator * numerator / squared)), numerator)


@given(attempts(), st.sampled_from([(0.0, 0.5, 1.0), (0.0, 1 / 3, 2 / 3, 1.0, 0.1)]))
@settings(max_examples=examples(300), deadline=None)
def test_each_figure_is_its_exact_value_rounded(data: Attempts, values: tuple[float, ...]
                                                ) -> None:
    # the sums behind every figure are taken exactly: a figure is its exact value (from
    # fractions, here) rounded once, then to 12 decimals; a square root rounds once more
    data = [[(slot, qid, values[int(score * 4) % len(values)], answer)
             for slot, qid, score, answer in attempt] for attempt in data]
    items, _ = _run(data)
    for qid, item in items.items():
        pairs = [(Fraction(score), Fraction(math.fsum(s for _, _, s, _ in attempt) - score),
                  answer)
                 for attempt in data for (_, q, score, answer) in attempt if q == qid]
        n = len(pairs)
        mx = sum((x for x, _, _ in pairs), Fraction(0)) / n
        mr = sum((r for _, r, _ in pairs), Fraction(0)) / n
        ssx = sum(((x - mx) ** 2 for x, _, _ in pairs), Fraction(0))
        ssr = sum(((r - mr) ** 2 for _, r, _ in pairs), Fraction(0))
        co = sum(((x - mx) * (r - mr) for x, r, _ in pairs), Fraction(0))
        assert item.facility == tidy(_exactly(mx))
        assert item.sd == (tidy(math.sqrt(_exactly(ssx / (n - 1)))) if n > 1 else None)
        varies = n > 1 and ssx / n > EPSILON and ssr / n > EPSILON
        assert item.discrimination == (tidy(_root_ratio(co, ssx * ssr)) if varies else None)
        xs = sorted(x for x, _, _ in pairs)
        rs = sorted(r for _, r, _ in pairs)
        largest = sum(((x - mx) * (r - mr) for x, r in zip(xs, rs, strict=True)), Fraction(0))
        assert item.efficiency == (tidy(min(_exactly(co / largest), 1.0))
                                   if n > 1 and largest > EPSILON else None)
        for choice in item.choices:
            picked = [r for _, r, answer in pairs
                      if (choice.choice_id in answer if answer else choice.choice_id == "")]
            k = len(picked)
            assert choice.picked == k
            expected = None
            if 0 < k < n and ssr / n > EPSILON:
                expected = tidy(_root_ratio(sum(picked, Fraction(0)) - k * mr,
                                            ssr * k * (n - k) / n))
            assert choice.point_biserial == expected
