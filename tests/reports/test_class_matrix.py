"""The class view's learner × objective table lines each learner up with the class's columns.

A learner's own objectives are the lesson's plus those only their answers brought in (an
objective of a removed question); the class's are the lesson's plus every learner's. The
table used to take each learner's list by position: a learner without the extra objective
had a row too short (the text renderer failed with an IndexError) and one with another
extra objective had its figures under the wrong columns.
"""

from __future__ import annotations

from pathlib import Path

from quiz.reports.class_view import class_report
from quiz.reports.progress.fmt import per_objective
from quiz.reports.progress.render import render
from tests.reports.reports_data import AnswerSpec, SessionSpec, catalog, write_history


def test_each_learner_is_lined_up_with_the_class_objectives(tmp_path: Path) -> None:
    sessions = [SessionSpec("ana", "practice", "finished", "bank", 0),
                SessionSpec("ben", "practice", "finished", "bank", 0)]
    answers = [AnswerSpec(0, "gone2", False, 1.0, None, 10, 1),  # LO3 and LO9 (not in lesson)
               AnswerSpec(0, "q1", False, 0.0, None, 10, 2),
               AnswerSpec(1, "q3", False, 1.0, None, 10, 3)]
    path = write_history(tmp_path / "s.sqlite3", sessions, answers)
    report = class_report([path], catalog())
    columns = [m.objective for m in report.class_objectives]
    assert columns == ["LO1", "LO2", "LO3", "LO4", "LO9"]
    ana, ben = report.learners
    assert [m.objective if m else None for m in per_objective(ana, report.class_objectives)] \
        == columns
    assert [m.objective if m else None for m in per_objective(ben, report.class_objectives)] \
        == ["LO1", "LO2", "LO3", "LO4", None]
    text = render(report, "text", 200)
    row = next(line for line in text.splitlines() if line.strip().startswith("ben")
               and "%" in line and line.rstrip().endswith("–"))
    assert row.split()[1:] == ["–", "–", "100%", "–", "–"]
    markdown = render(report, "md")
    header = next(line for line in markdown.splitlines() if line.startswith("| learner")
                  and "LO9" in line)
    rows = [line for line in markdown.splitlines() if line.startswith(("| ana", "| ben"))
            and line.count("|") == header.count("|")]
    assert len(rows) == 2
    for fmt in ("html", "json", "csv"):
        assert render(report, fmt)
