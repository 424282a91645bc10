"""The classification convention is written once and the shipped files follow it.

docs/classification.md and the lesson file's ``conventions:`` must agree case by case, and
the scenario statements that generate "which phase is this?" items must keep the seam cases
(deployment preparation, feedback collection) out of the inference pool, where they had a
second defensible key (issue 12).
"""

from __future__ import annotations

import re
from pathlib import Path

from quiz.bank.load import load_catalog
from quiz.lint.scenarios import contested_topic
from quiz.model import Phase

DOC = Path(__file__).resolve().parents[2] / "docs" / "classification.md"
CASES = ("labelling", "data preparation", "held-out evaluation", "hyperparameter search",
         "deployment preparation", "feedback", "monitoring", "a/b test", "batch scoring",
         "caching")


def _doc_rows() -> list[tuple[str, str]]:
    rows = re.findall(r"^\| ([^|]+?) \| (training|inference|neither) \|", DOC.read_text(
        encoding="utf-8"), re.MULTILINE)
    assert rows, "no convention table in docs/classification.md"
    return rows


def test_the_lesson_and_the_doc_agree_case_by_case() -> None:
    lesson = load_catalog().lessons["training-vs-inference"]
    written = [(c.case, c.side) for c in lesson.conventions]
    rows = _doc_rows()
    assert len(written) == len(rows)
    for (case, side), (doc_case, doc_side) in zip(written, rows, strict=True):
        first = doc_case.split()[0].casefold()
        assert case.casefold().startswith(first), (case, doc_case)
        assert side == doc_side, (case, side, doc_side)


def test_every_case_the_issue_names_is_settled() -> None:
    cases = " ".join(c.case.casefold()
                     for c in load_catalog().lessons["training-vs-inference"].conventions)
    assert [c for c in CASES if c not in cases] == []


def test_seam_cases_are_not_in_the_inference_pool() -> None:
    for scenario in load_catalog().scenarios.values():
        for statement in scenario.statements:
            if statement.phase is Phase.INFERENCE:
                topic = contested_topic(statement.text)
                assert topic not in ("deployment preparation", "feedback collection"), (
                    scenario.id, statement.text)
