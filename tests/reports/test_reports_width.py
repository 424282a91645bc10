"""Text reports fit the width they are given and never cut a word (issue 15 item 2).

The property: for any width from 40 and any report (made directly from the model, so every
shape is reached: long labels, many objectives, a class, long learner names), no line of the
text output is longer than the width, and every word of the unwrapped output is still whole:
each run of letters in the wrapped output is one that the unwrapped output has (a word cut in
two would leave its halves, which it has not). Words are at most 25 letters: a word longer
than a whole line is the one thing that must be cut.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.cli.main import cli
from quiz.reports.layout import command, flow, table, wrap
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
from quiz.reports.progress.render import render
from tests.hypothesis_budget import examples
from tests.reports.reports_data import AnswerSpec, SessionSpec, write_history

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=25)
SHORT = st.text(alphabet="abcdefghij", min_size=1, max_size=8)
PROSE = st.lists(WORD, min_size=0, max_size=14).map(" ".join)
WIDTHS = st.integers(min_value=40, max_value=180)


@st.composite
def masteries(draw: st.DrawFn) -> Mastery:
    questions = draw(st.integers(0, 60))
    return Mastery(draw(WORD), draw(WORD), draw(PROSE), questions,
                   draw(st.integers(0, questions)), draw(st.integers(questions, 200)),
                   draw(st.integers(0, 30)), draw(st.integers(0, 300)), 0.7)


@st.composite
def exams(draw: st.DrawFn) -> ExamResult:
    items = draw(st.integers(1, 60))
    answered = draw(st.integers(0, items))
    return ExamResult(draw(st.integers(1, 999)), draw(WORD),
                      f"2025-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}T10:00:00+00:00",
                      items, answered, float(draw(st.integers(0, answered))),
                      draw(st.sampled_from([70, None])))


@st.composite
def learners(draw: st.DrawFn) -> LearnerProgress:
    name = draw(st.lists(WORD, min_size=1, max_size=4).map(" ".join))
    objectives = tuple(draw(st.lists(masteries(), max_size=12)))
    answers = draw(st.integers(0, 5000))
    weakest = tuple(
        Suggestion(m.key, m.objective, m.label, Status.WEAK, m.accuracy,
                   f"quiz practice --objective {shlex.quote(m.objective)} --learner "
                   f"{shlex.quote(name)} --db {draw(SHORT)}/{draw(SHORT)}.sqlite3")
        for m in objectives[:3])
    levels = tuple(Level(c, n, draw(st.integers(0, n)))
                   for c, n in zip((1, 2, 3), draw(st.lists(st.integers(1, 50), max_size=3)),
                                   strict=False))
    return LearnerProgress(
        name, Overall(draw(st.integers(0, 99)), answers, draw(st.integers(0, 500)),
                      draw(st.integers(0, answers)), 0.0, draw(st.integers(0, 10**8)),
                      float(draw(st.integers(0, 10**6)))),
        tuple(draw(st.lists(exams(), max_size=25))), objectives,
        tuple(draw(st.lists(masteries(), max_size=3))), Calibration(levels, 1, 2),
        Edits(*draw(st.tuples(*[st.integers(0, 40)] * 4))), weakest)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    class_view = draw(st.booleans())
    people = tuple(draw(st.lists(learners(), min_size=0 if class_view else 1,
                                 max_size=5 if class_view else 1)))
    hardest = tuple(QuestionStat(draw(WORD), draw(PROSE), draw(st.booleans()), n,
                                 draw(st.integers(0, n)))
                    for n in draw(st.lists(st.integers(1, 30), max_size=10)))
    objectives = tuple(draw(st.lists(masteries(), max_size=12)))
    if class_view:  # every learner has a figure for each of the class's objectives
        people = tuple(replace(p, objectives=tuple(
            replace(m, key=c.key) for m, c in zip(
                draw(st.lists(masteries(), min_size=len(objectives),
                              max_size=len(objectives))), objectives, strict=True)))
            for p in people)
    return Report(
        "2025-06-01T10:00:00+00:00", 70, people, class_view,
        tuple(draw(st.lists(WORD, max_size=4))), draw(st.sampled_from([None, "2025-03-01"])),
        tuple(draw(st.lists(WORD, max_size=3))), Overall(), objectives,
        tuple(draw(st.lists(masteries(), max_size=3))), hardest,
        draw(st.sampled_from([None, Due(3, 12)])), tuple(draw(st.lists(PROSE, max_size=2))))


def _runs(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


def _fits(text: str, width: int, unwrapped: str) -> None:
    lines = text.splitlines()
    too_long = [line for line in lines if len(line) > width]
    assert not too_long, f"{len(too_long)} line(s) over {width}: {too_long[:3]}"
    cut = _runs(text) - _runs(unwrapped)
    assert not cut, f"words cut at width {width}: {sorted(cut)[:5]}"


@pytest.mark.slow  # measured at 3.2 s under the ci profile
@settings(max_examples=examples(150), deadline=None)
@given(reports(), WIDTHS)
def test_a_progress_report_fits_any_width_and_cuts_no_word(report: Report, width: int) -> None:
    _fits(render(report, "text", width=width), width, render(report, "text"))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(WORD, min_size=1, max_size=6),
       st.lists(st.lists(PROSE, min_size=6, max_size=6), max_size=6), WIDTHS,
       st.sampled_from([None, 0, -1, 2]))
def test_a_table_fits_any_width_and_cuts_no_word(headers: list[str], rows: list[list[str]],
                                                 width: int, text: int | None) -> None:
    rows = [row[:len(headers)] for row in rows]
    shown = table(headers, rows, right=(1,), width=width, text=text % len(headers)
                  if text is not None else None)
    _fits("\n".join(shown), width, "\n".join(table(headers, rows, right=(1,))))


@given(PROSE, WIDTHS)
def test_paragraphs_and_pieces_wrap_at_spaces(prose: str, width: int) -> None:
    _fits("\n".join(wrap(prose, width, "  ", "      ")), width, prose)
    _fits("\n".join(flow(prose.split(), width, "    ")), width, prose)
    _fits("\n".join(command(prose, width, "      ")), width, prose)


def test_an_unlimited_width_keeps_each_row_on_one_line_and_texts_in_full() -> None:
    long = "word " * 40
    lines = table(["id", "text"], [("LO1", long.strip())])
    assert lines[1] == "  LO1  " + long.strip()


def test_below_the_table_width_a_text_column_wraps_inside_its_column() -> None:
    lines = table(["id", "n", "text"], [("LO1", "12", "alpha beta gamma delta epsilon zeta")],
                  right=(1,), width=30)
    assert lines == ["  id    n  text",
                     "  LO1  12  alpha beta gamma",
                     "           delta epsilon zeta"]


def test_too_narrow_for_the_columns_a_table_is_stacked() -> None:
    lines = table(["id", "status", "accuracy", "answers", "objective"],
                  [("LO1", "developing", "75%", "12", "Tell the two phases apart")],
                  right=(2, 3), width=40)
    assert lines == ["  LO1: Tell the two phases apart",
                     "      status developing · accuracy 75%",
                     "      answers 12"]


def test_a_wrapped_command_still_pastes_as_one() -> None:
    lines = command("quiz practice --objective LO7 --learner 'Ben O'\"'\"'Neil' --db ana.sqlite3",
                    40, "  ")
    assert all(line.endswith(" \\") for line in lines[:-1]) and len(lines) > 1
    joined = " ".join(line.removesuffix(" \\").strip() for line in lines)
    assert shlex.split(joined) == ["quiz", "practice", "--objective", "LO7", "--learner",
                                   "Ben O'Neil", "--db", "ana.sqlite3"]


def test_quiz_report_wraps_to_width_and_to_the_terminal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil
    import sys

    from quiz.cli import report_cmd

    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    db = tmp_path / "ana.sqlite3"
    write_history(db, [SessionSpec("ana", "practice", "finished", "bank", 2)],
                  [AnswerSpec(0, "q1", False, 1.0, 3, 4000, 1),
                   AnswerSpec(0, "q2", False, 0.0, None, 5000, 2)])
    narrow = CliRunner().invoke(cli, ["report", "--learner", "ana", "--db", str(db),
                                      "--width", "44"])
    assert narrow.exit_code == 0, narrow.output
    assert max(map(len, narrow.stdout.splitlines())) <= 44
    unlimited = CliRunner().invoke(cli, ["report", "--learner", "ana", "--db", str(db)])
    assert max(map(len, unlimited.stdout.splitlines())) > 44  # a pipe: rows kept whole
    # on a terminal, its width; in a pipe, none; --width wins over both
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *_a: os.terminal_size((72, 24)))
    assert report_cmd.text_width(None) == 72 and report_cmd.text_width(50) == 50
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert report_cmd.text_width(None) is None
