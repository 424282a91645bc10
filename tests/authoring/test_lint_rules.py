"""Each lint rule fires on a minimal bad question and stays quiet on the good one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quiz.errors import Diagnostic, Severity
from quiz.lint import RULES, LintOptions, lint_catalog, lint_paths
from quiz.model import Bank, Catalog, Choice, Lesson, Objective, Phase, Question, QuestionType
from tests.authoring.authoring_helpers import good, write_bank

QUESTION_RULES = [r.id for r in RULES.values() if r.scope == "question"]


def warnings(tmp_path: Path, questions: list[dict[str, Any]], rule: str) -> list[Diagnostic]:
    report = lint_paths([write_bank(tmp_path, questions)])
    assert report.errors == [], report.errors
    assert all(w.severity is Severity.WARNING and w.rule in RULES for w in report.warnings)
    return [w for w in report.warnings if w.rule == rule]


def test_the_good_question_raises_no_question_level_warning(tmp_path: Path) -> None:
    report = lint_paths([write_bank(tmp_path, [good()])])
    assert [w for w in report.warnings if w.rule in QUESTION_RULES] == []


LONG = "Inference, because a finished model is applied to one brand-new photo from a user"


@pytest.mark.parametrize(
    ("rule", "bad", "fine"),
    [
        (
            "correct-longest",
            good(choices=[{"id": "a", "text": LONG, "correct": True},
                          {"id": "b", "text": "Training", "feedback": "f"},
                          {"id": "c", "text": "Labelling", "feedback": "f"}]),
            good(choices=[{"id": "a", "text": LONG, "correct": True},
                          {"id": "b", "text": LONG.replace("Inference", "Training"),
                           "feedback": "f"},
                          {"id": "c", "text": "Labelling", "feedback": "f"}]),
        ),
        (
            "all-none-of-above",
            good(choices=[{"id": "a", "text": "Inference", "correct": True},
                          {"id": "b", "text": "Training", "feedback": "f"},
                          {"id": "c", "text": "None of the above", "feedback": "f"}]),
            good(choices=[{"id": "a", "text": "Inference", "correct": True},
                          {"id": "b", "text": "Training", "feedback": "f"},
                          {"id": "c", "text": "Evaluation above a threshold", "feedback": "f"}]),
        ),
        (
            "negative-stem",
            good(stem="Which of these does not happen while a deployed model serves requests?"),
            good(stem="Which of these does NOT happen while a deployed model serves requests?"),
        ),
        (
            "duplicate-choice-text",
            good(choices=[{"id": "a", "text": "Inference", "correct": True},
                          {"id": "b", "text": "Training", "feedback": "f"},
                          {"id": "c", "text": " training. ", "feedback": "f"}]),
            good(choices=[{"id": "a", "text": "Inference", "correct": True},
                          {"id": "b", "text": "Training", "feedback": "f"},
                          {"id": "c", "text": "Retraining", "feedback": "f"}]),
        ),
        (
            "explanation-no-side",
            good(explanation="The finished model is used on a new photo. Serves LO3."),
            good(explanation="This is inference: the model is used on a new photo. LO3."),
        ),
        (
            "explanation-no-objective",
            good(explanation="Inference applies: a finished model is used on a new photo."),
            good(explanation="Inference applies: a model is used on a new photo (lo3)."),
        ),
        (
            "distractor-no-feedback",
            good(choices=[{"id": "a", "text": "Inference", "correct": True},
                          {"id": "b", "text": "Training"},
                          {"id": "c", "text": "Labelling", "feedback": "f"}]),
            good(choices=[{"id": "a", "text": "Inference", "correct": True},
                          {"id": "b", "text": "Training", "feedback": "f"},
                          {"id": "c", "text": "Labelling", "feedback": "f"}]),
        ),
        (
            "same-phase-distractors",
            good(choices=[{"id": "a", "text": "Inference: the model answers", "correct": True},
                          {"id": "b", "text": "Training: it learns per photo", "feedback": "f"},
                          {"id": "c", "text": "It is training, on new data", "feedback": "f"},
                          {"id": "d", "text": "Evaluation of the model", "feedback": "f"}]),
            good(choices=[{"id": "a", "text": "Inference: the model answers", "correct": True},
                          {"id": "b", "text": "Training: it learns per photo", "feedback": "f"},
                          {"id": "c", "text": "It is training, on new data", "feedback": "f"},
                          {"id": "d", "text": "Inference: it is being tested", "feedback": "f"}]),
        ),
        (
            "hard-short-stem",
            good(difficulty=3),
            good(difficulty=3, stem="A shop's app sends each photo a shopper takes to a vision "
                 "model deployed last month on two GPUs, and the shopper waits for the answer "
                 "on screen. Which phase is the model in?"),
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_rule_fires_on_bad_and_not_on_fine(
    tmp_path: Path, rule: str, bad: dict[str, Any], fine: dict[str, Any]
) -> None:
    found = warnings(tmp_path, [bad], rule)
    assert len(found) == 1, found
    assert found[0].question_id == "t-001"
    assert found[0].line == 5 and found[0].column == 3  # the question's "- id:" line
    assert warnings(tmp_path, [fine], rule) == []


def test_correct_longest_on_multiple_needs_every_correct_choice_long(tmp_path: Path) -> None:
    choices = [{"id": "a", "text": LONG, "correct": True},
               {"id": "b", "text": LONG + " again", "correct": True},
               {"id": "c", "text": "Training", "feedback": "f"},
               {"id": "d", "text": "Labelling", "feedback": "f"}]
    assert warnings(tmp_path, [good(type="multiple", choices=choices)], "correct-longest")
    choices[1] = {"id": "b", "text": "Serving", "correct": True}
    assert not warnings(tmp_path, [good(type="multiple", choices=choices)], "correct-longest")


@pytest.mark.parametrize(
    ("stem", "fires"),
    [
        ("Which step is NOT part of serving a model?", False),
        ("Which step is **not** part of serving a model?", False),
        ("Which step is never part of serving a model?", True),
        ("All of these are part of inference EXCEPT which one?", False),
        ("All of these are part of inference except which one?", True),
        ("Which statement about serving is false?", True),
        ("Which statement about serving is FALSE?", False),
        ("Which statement about serving isn't true?", True),
        ("Which change reduces false positives in serving?", False),
        # the negative sets the scene; the question itself is positive
        ("A team does not own any GPUs. Which phase needs them most?", False),
    ],
)
def test_negative_stem_looks_at_the_question_sentence(
    tmp_path: Path, stem: str, fires: bool
) -> None:
    assert bool(warnings(tmp_path, [good(stem=stem)], "negative-stem")) is fires


def test_negative_true_false_statement_needs_capitals(tmp_path: Path) -> None:
    tf = good(type="true_false", choices=None, answer=False, feedback="It does not.",
              stem="A deployed model does not change its weights per request.")
    assert warnings(tmp_path, [tf], "negative-stem")
    tf["stem"] = tf["stem"].replace("does not", "does NOT")
    assert not warnings(tmp_path, [tf], "negative-stem")


def test_explanation_naming_another_objective_says_so(tmp_path: Path) -> None:
    found = warnings(tmp_path, [good(explanation="Inference applies. Serves LO4.")],
                     "explanation-no-objective")
    assert len(found) == 1 and "LO3" in found[0].message and "names LO4" in found[0].message


@pytest.mark.parametrize("kind", ["true_false", "phase"])
def test_true_false_and_phase_need_wrong_answer_feedback(tmp_path: Path, kind: str) -> None:
    extra: dict[str, Any] = {"answer": True} if kind == "true_false" else {}
    bare = good(type=kind, choices=None, **extra)
    assert warnings(tmp_path, [bare], "distractor-no-feedback")
    with_feedback = good(type=kind, choices=None, feedback="Why that is wrong.", **extra)
    assert not warnings(tmp_path, [with_feedback], "distractor-no-feedback")


def test_ordering_has_no_distractors_to_check(tmp_path: Path) -> None:
    steps = [{"id": "a", "text": "Collect data"}, {"id": "b", "text": "Train"},
             {"id": "c", "text": "Serve"}]
    ordering = good(type="ordering", phase="training", choices=steps,
                    explanation="Training builds first, serving comes after. LO3.")
    assert not warnings(tmp_path, [ordering], "distractor-no-feedback")


def test_near_duplicate_stem_names_the_earlier_question(tmp_path: Path) -> None:
    stem = ("A bank's fraud model scores each card payment before the shop's terminal times "
            "out. Which phase is the model in?")
    twin = stem.replace("each card payment", "every card payment")
    other = "A research team fits a model for three weeks on a GPU cluster. Which phase is it?"
    found = warnings(tmp_path, [good("t-001", stem=stem), good("t-002", stem=other),
                                good("t-003", stem=twin)], "near-duplicate-stem")
    assert [w.question_id for w in found] == ["t-003"]
    assert "t-001" in found[0].message
    assert not warnings(tmp_path, [good("t-001", stem=stem), good("t-002", stem=other)],
                        "near-duplicate-stem")


def test_near_duplicates_are_found_across_banks(tmp_path: Path) -> None:
    stem = "A chatbot answers a customer's question about a parcel using a deployed model."
    write_bank(tmp_path, [good("a-001", stem=stem)], "first.yaml", "first")
    write_bank(tmp_path, [good("b-001", stem=stem + " Which phase?")], "second.yaml", "second")
    report = lint_paths([tmp_path / "question_banks"])
    found = [w for w in report.warnings if w.rule == "near-duplicate-stem"]
    assert len(found) == 1 and found[0].path.endswith("second.yaml")


def _single(qid: str, correct_at: int, phase: str = "inference") -> dict[str, Any]:
    choices: list[dict[str, object]] = [
        {"id": c, "text": f"Option {c} of {qid}", "feedback": "f"} for c in "abcd"]
    choices[correct_at] = {"id": "abcd"[correct_at], "text": f"Option right of {qid}",
                           "correct": True}
    return good(qid, phase=phase, choices=choices,
                stem=f"Case {qid}: which of these fits the situation described here?")


def test_position_bias_fires_when_answers_cluster(tmp_path: Path) -> None:
    skewed = [_single(f"t-{i:03d}", 0 if i % 5 else 1) for i in range(30)]
    found = warnings(tmp_path, skewed, "position-bias")
    assert len(found) == 1 and found[0].question_id is None
    assert found[0].line == 1  # placed at the bank's first key
    assert "a: 24" in found[0].message and "p = " in found[0].message


def test_position_bias_is_quiet_when_spread_or_too_few(tmp_path: Path) -> None:
    even = [_single(f"t-{i:03d}", i % 4) for i in range(32)]
    assert warnings(tmp_path, even, "position-bias") == []
    few = [_single(f"t-{i:03d}", 0) for i in range(10)]
    assert warnings(tmp_path, few, "position-bias") == []


def test_thin_coverage_names_thin_objectives_and_phases(tmp_path: Path) -> None:
    items = [good(f"t-{i:03d}", stem=f"Case {i}: a deployed model answers a request. Which?")
             for i in range(8)]
    found = warnings(tmp_path, items, "thin-coverage")
    messages = " | ".join(w.message for w in found)
    assert "objective LO3" not in messages  # 8 questions serve LO3
    assert "objective LO1 has 0" in messages and "objective LO9 has 0" in messages
    assert "training questions are 0%" in messages
    assert "inference questions" not in messages
    report = lint_paths([write_bank(tmp_path, items)], LintOptions(min_per_objective=0))
    assert [w.message for w in report.warnings if w.rule == "thin-coverage"] == [
        "training questions are 0% of the bank (0 of 8); aim for at least 40%"]


def test_unknown_rule_in_lint_ignore_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    found = warnings(tmp_path, [good(lint_ignore=["correct-longst"])], "unknown-lint-rule")
    assert len(found) == 1 and "did you mean 'correct-longest'" in found[0].message


def test_disabled_rules_are_not_reported(tmp_path: Path) -> None:
    bad = good(explanation="No side, no objective here.")
    report = lint_paths([write_bank(tmp_path, [bad])],
                        LintOptions(disabled=frozenset({"explanation-no-side"})))
    rules = {w.rule for w in report.warnings}
    assert "explanation-no-side" not in rules and "explanation-no-objective" in rules


def test_generated_questions_are_not_linted_for_wording() -> None:
    lesson = Lesson("l", "L", "Training builds. Inference applies.",
                    {Phase.TRAINING: "Training builds", Phase.INFERENCE: "Inference applies"},
                    (Objective("LO1", "x"),))
    sloppy = [
        Question(f"gen.s.{i}", QuestionType.SINGLE, Phase.TRAINING, ("LO1",),
                 "Which of these is not the same question as the one before it?",
                 (Choice("a", "Inference: a very long correct answer that keeps going on", True),
                  Choice("b", "Training: all of the above"),
                  Choice("c", "Training: all of the above")),
                 explanation="", difficulty=3, generated=True)
        for i in range(3)
    ]
    catalog = Catalog((Bank("b", "B", lesson, tuple(sloppy)),), {"l": lesson}, {})
    assert [w for w in lint_catalog(catalog) if w.rule in QUESTION_RULES] == []
    made_by_hand = [q._replace(generated=False) for q in sloppy]
    catalog = Catalog((Bank("b", "B", lesson, tuple(made_by_hand)),), {"l": lesson}, {})
    fired = {w.rule for w in lint_catalog(catalog)}
    assert set(QUESTION_RULES) - {"unknown-lint-rule"} <= fired


def test_same_phase_distractors_allows_each_phase_twice_and_other_types(tmp_path: Path) -> None:
    """tvi-032's pattern (two options per phase, each with a reason) is the fix, not a flaw;
    a key that names no phase, and multiple-answer items, are left alone."""
    pattern: list[dict[str, object]] = [
        {"id": "a", "text": "Training: evaluation is building", "correct": True},
               {"id": "b", "text": "Inference: predictions are made", "feedback": "f"},
               {"id": "c", "text": "Inference: the data was held out", "feedback": "f"},
               {"id": "d", "text": "Training: labels update weights", "feedback": "f"}]
    assert not warnings(tmp_path, [good(phase="training", choices=pattern)],
                        "same-phase-distractors")
    unnamed = [dict(c) for c in pattern]
    unnamed[0]["text"] = "Neither: it is the hand-over between the phases"
    unnamed[3]["text"] = "Deployment: labels update weights"
    assert not warnings(tmp_path, [good(choices=unnamed)], "same-phase-distractors")
    several = [{"id": "a", "text": "Inference: a", "correct": True},
               {"id": "b", "text": "Inference: b", "correct": True},
               {"id": "c", "text": "Training: c", "feedback": "f"},
               {"id": "d", "text": "Training: d", "feedback": "f"}]
    assert not warnings(tmp_path, [good(type="multiple", choices=several)],
                        "same-phase-distractors")


@pytest.mark.parametrize(("difficulty", "words", "fires"),
                         [(3, 24, True), (3, 25, False), (2, 5, False), (None, 5, False)])
def test_hard_short_stem_counts_words_of_hard_items_only(
    tmp_path: Path, difficulty: int | None, words: int, fires: bool
) -> None:
    stem = " ".join(["word"] * (words - 1) + ["phase?"])
    found = warnings(tmp_path, [good(difficulty=difficulty, stem=stem)], "hard-short-stem")
    assert bool(found) is fires
    if fires:
        assert f"{words}-word stem" in found[0].message


def _two_option(qid: str) -> dict[str, Any]:
    return good(qid, type="phase", choices=None, feedback="Nothing is learned here.",
                stem=f"Case {qid}: a deployed model labels one new photo for a waiting user.")


@pytest.mark.parametrize(("total", "two", "fires"),
                         [(20, 4, True), (20, 3, False), (19, 10, False), (40, 7, True)])
def test_two_option_share_fires_above_the_ceiling_on_enough_questions(
    tmp_path: Path, total: int, two: int, fires: bool
) -> None:
    items = [_two_option(f"t-{i:03d}") if i < two else
             _single(f"t-{i:03d}", i % 4) for i in range(total)]
    found = warnings(tmp_path, items, "two-option-share")
    assert len(found) == int(fires)
    if fires:
        assert found[0].question_id is None and found[0].line == 1
        assert f"{two} of {total} hand-written questions" in found[0].message


def test_two_option_share_counts_true_false_and_two_choice_items(tmp_path: Path) -> None:
    tf = good("t-000", type="true_false", choices=None, answer=True, feedback="f",
              stem="A deployed model reads its weights without changing them on each request.")
    pair = good("t-001", choices=[{"id": "a", "text": "Inference on a new input",
                                   "correct": True},
                                  {"id": "b", "text": "Training on a new batch",
                                   "feedback": "f"}])
    items = [tf, pair] + [_single(f"t-{i:03d}", i % 4) for i in range(2, 12)]
    found = warnings(tmp_path, items, "two-option-share")
    assert len(found) == 0  # 12 questions: too few to judge
    items += [_single(f"t-{i:03d}", i % 4) for i in range(12, 20)]
    found = warnings(tmp_path, items, "two-option-share")
    assert found == []  # 2 of 20 = 10 %
    items += [_two_option("t-020"), _two_option("t-021")]
    found = warnings(tmp_path, items, "two-option-share")
    assert len(found) == 1 and "4 of 22" in found[0].message
