"""A figure of exactly zero: never shown as ``-0.000``, never flagged by the order of attempts.

Running sums gave a covariance of ±1e-17 where the exact value is 0, with the sign decided by
the order the attempts were added in (the sums are exact now). The report must not depend on
that order.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quiz.reports.items.analysis import ItemsReport, analyse_bank
from quiz.reports.items.render import FORMATS, render
from quiz.reports.items.render_text import render as render_text
from quiz.reports.items.stats import AttemptItem, item_flags
from tests.hypothesis_budget import examples
from tests.items.items_data import bank_sums

Attempts = list[list[AttemptItem]]

# item A's scores are uncorrelated with its rest score (item B): discrimination exactly 0
ZERO: Attempts = [[("A", "A", float(a), ["a" if a else "b"]),
                   ("B", "B", float(b), ["a" if b else "b"])]
                  for a, b in ((1, 1), (1, 0), (0, 1), (0, 0))]


def _report(attempts: Attempts) -> ItemsReport:
    made = analyse_bank(bank_sums(attempts))
    return ItemsReport((), "all", (made,))


def _every_format(attempts: Attempts) -> dict[str, str]:
    report = _report(attempts)
    return {fmt: render(report, fmt) for fmt in FORMATS}


def test_a_zero_discrimination_prints_the_same_in_every_order() -> None:
    outputs = [_every_format(list(order)) for order in itertools.permutations(ZERO)]
    for output in outputs:
        assert output == outputs[0]
        assert "-0.000" not in output["text"] and "-0.000" not in output["md"]
        assert "-0.000" not in output["html"]
    for bank in _report(ZERO).banks:
        for item in bank.items:
            assert item.stats.discrimination == 0.0
            assert "negative discrimination" not in item.flags
            assert "low discrimination" in item.flags
    data = json.loads(outputs[0]["json"])
    for question in data["banks"][0]["questions"]:
        assert json.dumps(question["discrimination_index"]) == "0.0"


def test_a_tiny_negative_figure_is_not_printed_as_negative_zero() -> None:
    bank = _report(ZERO).banks[0]
    item = bank.items[0]
    stats = replace(item.stats, discrimination=-0.0004, efficiency=-0.0)
    # a value that shows as 0.000 is not called negative: the flag agrees with the figure
    assert "negative discrimination" not in item_flags(stats)
    assert "negative discrimination" in item_flags(replace(stats, discrimination=-0.0006))
    changed = replace(item, stats=stats, flags=tuple(item_flags(stats)))
    text = render_text(ItemsReport((), "all", (replace(bank, items=(changed,)),)))
    assert "-0.000" not in text and "-0.0%" not in text


SCORES = st.sampled_from([0.0, 1.0, 0.0, 1.0, 0.5])


@st.composite
def attempts_and_order(draw: st.DrawFn) -> tuple[Attempts, list[int]]:
    n_items = draw(st.integers(2, 4))
    n_attempts = draw(st.integers(2, 7))
    attempts: Attempts = []
    for _ in range(n_attempts):
        attempts.append([(f"q{i}", f"q{i}", (score := draw(SCORES)),
                          ["a"] if score == 1.0 else [draw(st.sampled_from("bcd"))])
                         for i in range(n_items)])
    order = draw(st.permutations(range(n_attempts)))
    return attempts, list(order)


@settings(max_examples=examples(150), deadline=None)
@given(attempts_and_order())
@example((ZERO, [3, 2, 1, 0]))
@example((ZERO, [1, 0, 2, 3]))
def test_the_report_does_not_depend_on_the_order_of_attempts(
        case: tuple[Attempts, list[int]]) -> None:
    attempts, order = case
    before = _every_format(attempts)
    after = _every_format([attempts[i] for i in order])
    assert after == before
    for text in before.values():
        assert "-0.000" not in text and "-0.0%" not in text
