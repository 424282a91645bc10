"""`quiz items` text output fits the width it is given and never cuts a word (issue 15 item 2).

As for the progress report (tests/reports/test_reports_width.py): for any width from 40 and
any item analysis, no line is longer than the width, and every run of letters in the wrapped
output is one the unwrapped output has (a word cut in two would leave its halves).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic_store import item_shape, write_store
from quiz.cli.main import cli
from quiz.reports.items.analysis import BankReport, ChoiceReport, ItemReport, ItemsReport
from quiz.reports.items.render import render
from quiz.reports.items.stats import ChoiceStats, ItemStats, TestStats
from tests.hypothesis_budget import examples

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzKLMNOPQRST", min_size=1, max_size=25)
PROSE = st.lists(WORD, max_size=30).map(" ".join)
SHARE = st.one_of(st.none(), st.floats(0, 1))
CORRELATION = st.one_of(st.none(), st.floats(-1, 1))


@st.composite
def items(draw: st.DrawFn) -> ItemReport:
    qid = draw(WORD)
    choices = tuple(
        ChoiceReport(cid, draw(PROSE), draw(st.sampled_from([True, False, None])),
                     ChoiceStats(cid, draw(st.integers(0, 99)), draw(st.floats(0, 1)),
                                 draw(CORRELATION)), draw(st.sampled_from([True, False, None])))
        for cid in draw(st.lists(WORD, max_size=6)))
    stats = ItemStats(qid, draw(st.integers(0, 999)), draw(SHARE), draw(SHARE),
                      draw(CORRELATION), draw(CORRELATION), tuple(c.stats for c in choices))
    flags = tuple(draw(st.lists(st.sampled_from(["too easy", "too hard", "low discrimination",
                                                 "negative discrimination"]), max_size=2)))
    return ItemReport(qid, draw(PROSE), "single", draw(st.booleans()), stats, flags, choices,
                      draw(st.integers(0, 9)))


@st.composite
def reports(draw: st.DrawFn) -> ItemsReport:
    banks = tuple(
        BankReport(draw(WORD), draw(PROSE), draw(st.sampled_from(["exam", "practice"])),
                   draw(st.sampled_from(["first", "all"])),
                   TestStats(draw(st.integers(0, 999)), draw(SHARE), draw(SHARE), draw(SHARE),
                             draw(CORRELATION), "KR-20", draw(SHARE), draw(SHARE), 30,
                             draw(st.booleans()), draw(PROSE)),
                   tuple(draw(st.lists(items(), max_size=6))), draw(st.integers(0, 10**6)),
                   draw(st.integers(0, 99)))
        for _ in range(draw(st.integers(0, 2))))
    return ItemsReport((), "first", banks)


def _runs(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


@pytest.mark.slow  # measured at 2.3 s under the ci profile
@settings(max_examples=examples(150), deadline=None)
@given(reports(), st.integers(min_value=40, max_value=180))
def test_item_analysis_fits_any_width_and_cuts_no_word(report: ItemsReport, width: int) -> None:
    text = render(report, "text", width=width)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert not too_long, f"{len(too_long)} line(s) over {width}: {too_long[:3]}"
    # a stacked choice row names its pieces by the headers the unwrapped rows leave out
    cut = _runs(text) - _runs(render(report, "text")) - {"choice", "picked", "text"}
    assert not cut, f"words cut at width {width}: {sorted(cut)[:5]}"


def test_quiz_items_takes_width_and_writes_unwrapped_to_a_pipe(tmp_path: Path) -> None:
    store = write_store(tmp_path / "s.sqlite3", item_shape(responses=600, sessions=12,
                                                           questions=30))
    narrow = CliRunner().invoke(cli, ["items", "--db", str(store), "--width", "40"])
    assert narrow.exit_code == 0, narrow.output
    assert max(map(len, narrow.stdout.splitlines())) <= 40
    piped = CliRunner().invoke(cli, ["items", "--db", str(store)])
    assert piped.exit_code == 0 and max(map(len, piped.stdout.splitlines())) > 40
