"""Bank-level checks: the balance of a whole bank rather than the wording of one question.

``position-bias``: if the correct answer is written first far more often than chance allows,
a learner who notices can score without knowing the topic (exports to paper, Aiken or GIFT
keep the written order). ``thin-coverage``: an objective with few questions is tested by luck
of the draw, and a phase far under half of the bank cannot fill a 50/50 exam blueprint.
``two-option-share``: on a true/false, phase or two-choice item a guess scores 50 %, so a bank
full of them makes a mock exam easier than the real one. All three count hand-written
questions: generated items all come from one kind of template, and exams never draw them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from quiz.bank.stats import position_spread
from quiz.lint.items import Finding
from quiz.lint.rules import (
    MAX_TWO_OPTION_SHARE,
    MIN_PHASE_SHARE,
    POSITION_MIN_QUESTIONS,
    POSITION_P_VALUE,
    TWO_OPTION_MIN_QUESTIONS,
)
from quiz.model import Bank, Phase, Question

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def position_bias(bank: Bank) -> Iterator[Finding]:
    """Warn when the correct positions of single-choice questions are far from even."""
    spread = position_spread(q for q in bank.questions if not q.generated)
    if spread.questions < POSITION_MIN_QUESTIONS or spread.p_value is None:
        return
    if spread.p_value >= POSITION_P_VALUE:
        return
    shown = ", ".join(
        f"{_LETTERS[i] if i < len(_LETTERS) else i + 1}: {count} (about {expected:.1f})"
        for i, (count, expected) in enumerate(zip(spread.counts, spread.expected, strict=True))
    )
    yield ("position-bias",
           f"the correct answers of {spread.questions} single-choice questions are unevenly "
           f"placed, {shown} expected (chi-square {spread.chi_square:.1f}, "
           f"p = {spread.p_value:.4f}); move some correct answers to other positions")


def thin_coverage(
    bank: Bank, min_per_objective: int, min_phase_share: float = MIN_PHASE_SHARE
) -> Iterator[Finding]:
    """Warn about objectives served by too few questions and phases with too small a share."""
    authored = [q for q in bank.questions if not q.generated]
    serving = Counter(oid for q in authored for oid in set(q.objectives))
    for objective in bank.lesson.objectives:
        count = serving[objective.id]
        if count < min_per_objective:
            yield ("thin-coverage",
                   f"objective {objective.id} has {count} hand-written question(s); aim for at "
                   f"least {min_per_objective}")
    if not authored:
        return
    for phase in Phase:
        count = sum(q.phase is phase for q in authored)
        share = count / len(authored)
        if share < min_phase_share:
            yield ("thin-coverage",
                   f"{phase.value} questions are {share:.0%} of the bank ({count} of "
                   f"{len(authored)}); aim for at least {min_phase_share:.0%}")


def two_options(question: Question) -> bool:
    """Whether the learner chooses between only two answers (a guess scores 50 %); the
    model's rule, which the exam draw's cap uses too."""
    return question.two_options


def two_option_share(
    bank: Bank, max_share: float = MAX_TWO_OPTION_SHARE
) -> Iterator[Finding]:
    """Warn when two-option items are more than ``max_share`` of the hand-written questions."""
    authored = [q for q in bank.questions if not q.generated]
    if len(authored) < TWO_OPTION_MIN_QUESTIONS:
        return
    count = sum(two_options(q) for q in authored)
    share = count / len(authored)
    if share > max_share:
        yield ("two-option-share",
               f"{count} of {len(authored)} hand-written questions ({share:.0%}) offer only two "
               f"options, where a guess scores 50 %; keep it at most {max_share:.0%}: turn some "
               "true/false and phase items into four-option questions")
