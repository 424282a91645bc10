"""Lint on matching items and case studies: what the learner reads counts toward a hard
item's length (a case's context, a matching item's prompts), and every prompt needs its
feedback."""

from __future__ import annotations

from quiz.lint import lint_catalog
from quiz.lint.items import check_question
from quiz.model import (
    Bank,
    CaseRef,
    CaseStudy,
    Catalog,
    Category,
    Choice,
    Lesson,
    Objective,
    Phase,
    Prompt,
    Question,
    QuestionType,
    Scenario,
    matching_choices,
)

LESSON = Lesson("l", "L", "Training builds. Inference applies.",
                {Phase.TRAINING: "Training builds", Phase.INFERENCE: "Inference applies"},
                (Objective("LO1", "One"),))


def _hard(qid: str, stem: str) -> Question:
    return Question(qid, QuestionType.SINGLE, Phase.TRAINING, ("LO1",), stem,
                    (Choice("a", "Refit", True), Choice("b", "Wait", False, "No."),
                     Choice("c", "Buy servers", False, "No.")),
                    "Training builds. Serves LO1.", difficulty=3)


def _rules(question: Question, context: str = "") -> set[str]:
    return {rule for rule, _ in check_question(question, LESSON, context)}


def test_a_case_question_counts_its_case_context() -> None:
    short = _hard("c1", "What should the team do first?")
    assert "hard-short-stem" in _rules(short)
    facts = " ".join(["fact"] * 20)
    assert "hard-short-stem" not in _rules(short, facts)


def test_lint_reads_a_case_question_with_its_case_and_else_its_scenario() -> None:
    stem = "What should the team do first?"
    questions = tuple(_hard(f"c{n}", stem)._replace(case=CaseRef("cs", n, 3), scenario="s")
                      for n in (1, 2, 3))
    alone = _hard("solo", stem)
    for case_context, scenario_context, fires in (
            (" ".join(["fact"] * 20), "short", False),
            ("", " ".join(["word"] * 20), False),
            ("", "short", True)):
        case = CaseStudy("cs", "s", "Case", case_context, questions)
        catalog = Catalog(
            (Bank("b", "B", LESSON, (alone, *questions), case_studies=(case,)),),
            {"l": LESSON}, {"s": Scenario("s", "S", scenario_context, ())}, {"cs": case})
        flagged = {d.question_id for d in lint_catalog(catalog) if d.rule == "hard-short-stem"}
        assert "solo" in flagged
        assert ({"c1", "c2", "c3"} <= flagged) is fires


def _matching(feedback: str, difficulty: int | None = None) -> Question:
    categories = (Category("training", "Training"), Category("inference", "Inference"))
    prompts = tuple(Prompt(f"p{n}", f"A statement of several words, number {n}",
                           ("training", "inference")[n % 2], feedback) for n in range(4))
    return Question("m", QuestionType.MATCHING, Phase.TRAINING, ("LO1",), "Match each step.",
                    matching_choices(categories, prompts), "Training builds. Serves LO1.",
                    difficulty=difficulty, categories=categories, prompts=prompts)


def test_a_matching_item_counts_its_prompts_and_needs_feedback_on_each() -> None:
    assert "hard-short-stem" not in _rules(_matching("Why.", 3))  # 3 + 4 x 7 words
    rules = _rules(_matching(""))
    assert "distractor-no-feedback" in rules
    message = next(m for r, m in check_question(_matching(""), LESSON)
                   if r == "distractor-no-feedback")
    assert message.startswith("prompts p0, p1, p2, p3 carry no feedback")
    assert _rules(_matching("Why.")) == set()
