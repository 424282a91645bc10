"""Matching banks survive dump → load unchanged; the bundled case studies load whole."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.dump import dump_bank
from quiz.bank.load import load_catalog, load_text
from quiz.bank.shapes import NON_BLANK
from quiz.bank.spec import CASE_SIZE
from quiz.model import (
    Bank,
    Category,
    ExamSpec,
    Lesson,
    MultipleScoring,
    Objective,
    Phase,
    Prompt,
    Question,
    QuestionType,
    ScaledScore,
    ScoringSpec,
    matching_choices,
)
from quiz.paths import bundled_banks
from tests.hypothesis_budget import examples

IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,6}", fullmatch=True)
TEXT = st.one_of(
    # non-blank as the format counts it (str.strip keeps U+FEFF, which the format calls blank)
    st.text(min_size=1, max_size=30).filter(lambda s: re.search(NON_BLANK, s) is not None),
    st.sampled_from(["yes", "a: b", "#x", "line\nbreak", "→ arrow", "=eq", "'q'", "[x]"]),
)
LESSON = Lesson("x-lesson", "X", "Training builds. Inference applies.",
                {Phase.TRAINING: "Training builds", Phase.INFERENCE: "Inference applies"},
                (Objective("LO1", "One"), Objective("LO2", "Two")))


@st.composite
def matching_question(draw: st.DrawFn, qid: str) -> Question:
    category_ids = draw(st.lists(IDS, min_size=2, max_size=4, unique=True))
    prompt_ids = draw(st.lists(IDS, min_size=3, max_size=6, unique=True))
    matches = [draw(st.sampled_from(category_ids)) for _ in prompt_ids]
    categories = tuple(Category(c, draw(TEXT), c not in matches) for c in category_ids)
    prompts = tuple(Prompt(p, draw(TEXT), m, draw(st.just("") | TEXT))
                    for p, m in zip(prompt_ids, matches, strict=True))
    return Question(
        id=qid, type=QuestionType.MATCHING, phase=draw(st.sampled_from(list(Phase))),
        objectives=tuple(draw(st.lists(st.sampled_from(["LO1", "LO2"]), min_size=1,
                                       unique=True))),
        stem=draw(TEXT), choices=matching_choices(categories, prompts),
        explanation=draw(TEXT), difficulty=draw(st.none() | st.integers(1, 3)),
        shuffle=draw(st.booleans()), categories=categories, prompts=prompts)


@st.composite
def matching_banks(draw: st.DrawFn) -> Bank:
    count = draw(st.integers(1, 3))
    questions = tuple(draw(matching_question(f"m{i}")) for i in range(count))
    rules = st.sampled_from(list(MultipleScoring))
    scaled = draw(st.none() | st.just(ScaledScore(100, 1000, 720)))
    return Bank("x-bank", "X", LESSON, questions,
                exam=ExamSpec(case_studies=draw(st.integers(0, 3)), scaled=scaled),
                scoring=ScoringSpec(draw(rules), draw(rules), draw(rules), draw(rules)))


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(bank=matching_banks())
def test_any_valid_matching_bank_round_trips(bank: Bank) -> None:
    (loaded,) = load_text(dump_bank(bank, lesson_ref=False)).banks
    assert loaded == bank
    for mine, back in zip(bank.questions, loaded.questions, strict=True):
        assert (back.categories, back.prompts, back.choices) == (
            mine.categories, mine.prompts, mine.choices)


def test_the_bundled_case_studies_load_whole_and_in_order() -> None:
    catalog = load_catalog([bundled_banks()])
    (bank,) = catalog.banks
    assert len(catalog.case_studies) == 8
    assert bank.case_studies == tuple(catalog.case_studies[c] for c in
                                      sorted(catalog.case_studies))
    low, high = CASE_SIZE
    for case in bank.case_studies:
        assert low <= len(case.questions) <= high
        assert case.scenario in catalog.scenarios and case.context.strip()
        for n, q in enumerate(case.questions, 1):
            assert q.case is not None and (q.case.id, q.case.position, q.case.size) == (
                case.id, n, len(case.questions))
            assert q.scenario == case.scenario
            assert bank.question(q.id) == q  # reachable like any other question
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    assert sum(q.type is QuestionType.MATCHING for q in bank.questions) == 12
    assert bank.exam.case_studies == 2 and bank.exam.scaled == ScaledScore(100, 1000, 720)


def test_a_dumped_bank_names_its_case_studies_and_leaves_their_questions_out() -> None:
    (bank,) = load_catalog([bundled_banks()]).banks
    text = dump_bank(bank)
    assert "case_studies: [cs-" in text
    assert all(f"id: {q.id}\n" not in text for c in bank.case_studies for q in c.questions)
