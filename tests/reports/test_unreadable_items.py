"""An exam whose stored item list cannot be read counts only the items it answered.

A tampered store may hold anything in ``sessions.items``; the report reads the list's length
(how many items the exam drew) and must not fail on it. A list nested a hundred thousand
deep made Python's JSON reader raise RecursionError, which the report did not expect: the
command stopped with an internal error instead of reporting.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quiz.reports.class_view import class_report
from tests.reports.reports_data import AnswerSpec, SessionSpec, catalog, write_history


@pytest.mark.parametrize("items", ["[" * 100_000 + "]" * 100_000, "[NaN, 1, 2]", "{}", "x"],
                         ids=["nested-deep", "nan", "object", "not-json"])
def test_an_unreadable_item_list_counts_the_answered_items(tmp_path: Path,
                                                            items: str) -> None:
    path = write_history(tmp_path / "s.sqlite3",
                         [SessionSpec("ana", "exam", "submitted", "bank", 2)],
                         [AnswerSpec(0, "q1", False, 1.0, None, 5, 1)])
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER sessions_closed_are_final")  # tampering, as a store may be
    conn.execute("UPDATE sessions SET items = ?", (items,))
    conn.commit()
    conn.close()
    (learner,) = class_report([path], catalog()).learners
    (exam,) = learner.exams
    expected = 3 if items.startswith("[NaN") else 1  # Python reads NaN; SQLite does not
    assert (exam.items, exam.answered) == (expected, 1)


def test_objectives_nested_too_deep_count_as_none(tmp_path: Path) -> None:
    """The objectives recorded with a removed question's answer are read as JSON too."""
    path = write_history(tmp_path / "s.sqlite3",
                         [SessionSpec("ana", "practice", "finished", "bank", 0)],
                         [AnswerSpec(0, "gone1", False, 1.0, None, 5, 1)])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE responses SET objectives = ?", ("[" * 100_000 + "]" * 100_000,))
    conn.commit()
    conn.close()
    (learner,) = class_report([path], catalog()).learners
    assert learner.edits.removed_questions == 1
    assert all(m.questions == 0 for m in learner.objectives)
