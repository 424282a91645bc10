"""What a default mock exam on the bundled bank is made of, over 100 seeds.

Issue 12's targets: "which phase is this?" classification items at most 35 % of an exam, and
items with only two options (a guess scores 50 %) at most 15 %. Exams draw hand-written
items to the bank's blueprint, so the shares follow from the bank's content and the engine's
draw together; this test measures them the way a learner meets them, through draw_exam.
Run this file as a script to print the figures.
"""

from __future__ import annotations

from statistics import mean

from quiz.bank.load import load_catalog
from quiz.engine.select import draw_exam
from quiz.lint.coverage import two_options
from quiz.model import Bank, Question
from quiz.paths import bundled_banks

SEEDS = range(100)
MAX_CLASSIFICATION = 0.35
MAX_TWO_OPTION = 0.15

def is_classification(question: Question) -> bool:
    """A "which phase is this?" item: the phase type, a stem asking for the phase, or
    choices that are mostly phase names (with or without a reason); the rule the exam draw
    caps (``Question.asks_phase``)."""
    return question.asks_phase


def _bank() -> Bank:
    return load_catalog([bundled_banks()]).banks[0]


def shares(bank: Bank) -> tuple[list[float], list[float]]:
    """Per seed: the share of classification items and of two-option items in the exam."""
    questions = list(bank.questions)
    classification, two = [], []
    for seed in SEEDS:
        drawn = draw_exam(questions, bank.exam, seed)
        classification.append(sum(map(is_classification, drawn)) / len(drawn))
        two.append(sum(map(two_options, drawn)) / len(drawn))
    return classification, two


def test_the_classifier_sees_the_kinds_it_should() -> None:
    bank = _bank()
    by_id = {q.id: q for q in bank.questions}
    assert is_classification(by_id["tvi-002"])  # a phase item
    assert is_classification(by_id["tvi-032"])  # two options per phase, with reasons
    assert not is_classification(by_id["tvi-097"])  # a constraint question


def test_default_exams_stay_within_the_shares() -> None:
    """In every one of the 100 exams, not only on average."""
    classification, two = shares(_bank())
    assert max(classification) <= MAX_CLASSIFICATION, max(classification)
    assert max(two) <= MAX_TWO_OPTION, max(two)


if __name__ == "__main__":
    bank = _bank()
    authored = [q for q in bank.questions if not q.generated]
    print(f"hand-written: {len(authored)}; classification "
          f"{sum(map(is_classification, authored))}, two-option {sum(map(two_options, authored))}")
    classification, two = shares(bank)
    for name, values in (("classification", classification), ("two-option", two)):
        print(f"{name}: mean {mean(values):.1%}, min {min(values):.1%}, max {max(values):.1%} "
              f"over {len(values)} exams of {bank.exam.questions}")
