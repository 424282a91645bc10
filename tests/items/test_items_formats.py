"""Item analysis renders one fixed report the same in every format (issue 14 item 5).

The expected outputs in tests/items/data/ were written once by the single-module renderer
(quiz/reports/items/render.py before it was split into one module per format, as progress
reports are), so the split is checked byte for byte. The report is built by hand to reach
every branch: two banks (one with nothing answered), alpha missing with its note, a tiny
negative figure (printed as 0, never -0.0), an unanswered choice, a question no longer in
the bank, choices of unknown correctness, and bank text that is hostile to each format
(terminal escapes, Markdown and HTML punctuation, cells a spreadsheet would run as a formula,
tabs and carriage returns at the start of a cell).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.reports.items.analysis import BankReport, ChoiceReport, ItemReport, ItemsReport
from quiz.reports.items.render import FORMATS, render
from quiz.reports.items.stats import NO_ANSWER, ChoiceStats, ItemStats, TestStats
from tests.hypothesis_budget import examples

DATA = Path(__file__).parent / "data"
WIDTHS = {"text": (None, 40, 72)}
"""The text format is checked unwrapped and at two widths; the others ignore the width."""


def _choice(cid: str, text: str, correct: bool | None, picked: int, share: float,
            r: float | None, functions: bool | None) -> ChoiceReport:
    return ChoiceReport(cid, text, correct, ChoiceStats(cid, picked, share, r), functions)


def _item(qid: str, stem: str, in_bank: bool, stats: tuple[int, float | None, float | None,
          float | None, float | None], flags: tuple[str, ...],
          choices: tuple[ChoiceReport, ...], older: int = 0) -> ItemReport:
    attempts, facility, sd, disc, eff = stats
    item_stats = ItemStats(qid, attempts, facility, sd, disc, eff,
                           tuple(c.stats for c in choices))
    return ItemReport(qid, stem, "single" if in_bank else "", in_bank, item_stats, flags,
                      choices, older)


def fixed_report() -> ItemsReport:
    """One report that reaches every renderer branch; its figures are arbitrary."""
    q1 = _item("q1", "Which *phase* | uses `weights`?\nA <b>second</b> line\twith a tab",
               True, (40, 0.625, 0.484, 0.41234, 0.7), (),
               (_choice("a", "=SUM(A1:A9) is the right one", True, 25, 0.625, 0.41234, None),
                _choice("b", "-1 learns [a link](http://x)", False, 8, 0.2, -0.2, True),
                _choice("c", "\t@tab first, then a formula", False, 0, 0.0, None, False),
                _choice("d", "\r+carriage return first", False, 5, 0.125, -0.00001, True),
                _choice(NO_ANSWER, "", None, 2, 0.05, -0.1, None)))
    q2 = _item("q2|\x1b[31mred", "A stem that is long enough to be cut at a word when it is "
               "shown as a Markdown heading, since headings hold at most a hundred characters "
               "and captions two hundred", True, (40, 0.975, 0.156, -0.0004, None),
               ("too easy", "low discrimination"),
               (_choice("a", "Right & <true>", True, 39, 0.975, None, None),
                _choice("b", "Wrong", False, 1, 0.025, None, False)), older=3)
    gone = _item("gone-1", "", False, (12, 0.5, 0.5, None, 0.25),
                 ("negative discrimination",),
                 (_choice("x", "", None, 6, 0.5, 0.3, None),
                  _choice("y", "", None, 6, 0.5, -0.3, None)))
    nothing = _item("q3", "Never answered", True, (0, None, None, None, None), (), ())
    first = BankReport("fixed|bank", "A *fixed* bank & <its> title\x07", "exam", "first",
                       TestStats(40, 71.25, 75.0, 18.3, None, "KR-20", None, None, 4, True,
                                 "every attempt has the same score"),
                       (q1, q2, gone, nothing), 160, 2)
    empty = BankReport("", "", "practice", "all",
                       TestStats(0, None, None, None, 0.8123, "alpha", 44.4, -0.00001, 0,
                                 False),
                       (), 0, 0)
    return ItemsReport(("store.sqlite3", "ana.jsonl"), "first", (first, empty))


def _cases() -> list[tuple[str, int | None]]:
    return [(fmt, width) for fmt in FORMATS for width in WIDTHS.get(fmt, (None,))]


def expected_path(fmt: str, width: int | None) -> Path:
    suffix = {"text": "txt", "md": "md", "html": "html", "csv": "csv", "json": "json"}[fmt]
    name = "fixed" if width is None else f"fixed-w{width}"
    return DATA / f"{name}.{suffix}"


@pytest.mark.parametrize(("fmt", "width"), _cases())
def test_each_format_renders_the_fixed_report_as_recorded(fmt: str, width: int | None) -> None:
    # bytes, not read_text: universal newlines would hide a stray carriage return
    expected = expected_path(fmt, width).read_bytes().decode("utf-8")
    assert render(fixed_report(), fmt, width=width) == expected


def test_no_csv_cell_would_run_as_a_formula() -> None:
    cells = [cell for row in csv.reader(io.StringIO(render(fixed_report(), "csv")))
             for cell in row]
    # the fixture's texts start with = - @ + and, before them, a tab or a carriage return
    assert any(cell.startswith("'=") for cell in cells)
    assert not [cell for cell in cells
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(cell)]


LEADS = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", " ", "\n", "\x1b", "\x85"])


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(LEADS, LEADS, st.text(max_size=12)), min_size=1, max_size=4))
def test_any_bank_text_reaches_the_csv_as_one_cell_no_spreadsheet_runs(
        texts: list[tuple[str, str, str]]) -> None:
    # texts open with formula characters, whitespace and controls in any order, as ids,
    # stems and choice texts (the guard is quiz.text.spreadsheet_safe, as progress uses)
    report = fixed_report()
    bank = report.banks[0]
    choices = tuple(_choice(a + b + text, b + a + text, False, 1, 0.5, None, None)
                    for a, b, text in texts)
    item = _item("".join(t for _, _, t in texts), texts[0][0] + texts[0][2], True,
                 (2, 0.5, 0.5, None, None), (), choices)
    wide = ItemsReport((), "first", (BankReport(texts[-1][1] + "b", "", "exam", "first",
                                                bank.test, (item,), 2, 0),))
    rows = list(csv.reader(io.StringIO(render(wide, "csv"))))
    assert {len(row) for row in rows} == {len(rows[0])}
    assert len(rows) == 3 + len(choices)
    risky = [cell for row in rows for cell in row
             if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(cell)]
    assert not risky


def _number(cell: str) -> bool:
    """A figure such as ``-0.2`` or ``-1e-05`` (a spreadsheet reads it as the number)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True
