"""An exam never pairs a case study with a stand-alone question on the same scenario.

A content review found that most case-study questions share facts and a key with a
stand-alone constraint question on the same scenario (tvi-097 and tvi-148, …): drawn
together, one answers the other."""

from __future__ import annotations

import pytest

from quiz.bank.load import load
from quiz.engine.select import draw_exam
from quiz.model import Bank
from quiz.paths import bundled_dir


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load([bundled_dir("question_banks")])
    assert not result.errors
    return result.catalog.banks[0]


def test_no_stand_alone_question_shares_a_drawn_case_studys_scenario(bank: Bank) -> None:
    assert bank.exam.case_studies > 0, "the bundled exam draws case studies"
    for seed in range(60):
        exam = draw_exam(bank.questions, bank.exam, seed)
        in_cases = {q.scenario for q in exam if q.case is not None}
        assert in_cases, seed
        alone = [q.id for q in exam if q.case is None and q.scenario in in_cases]
        assert alone == [], (seed, alone)
        assert len(exam) == bank.exam.questions, seed
