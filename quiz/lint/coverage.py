"""Bank-level checks: the balance of a whole bank rather than the wording of one question.

``position-bias``: if the correct answer is written first far more often than chance allows,
a learner who notices can score without knowing the topic (exports to paper, Aiken or GIFT
keep the written order). ``thin-coverage``: an objective with few questions is tested by luck
of the draw, and a phase far under half of the bank cannot fill a 50/50 exam blueprint.
Both count hand-written questions: generated items all come from one kind of template.
"""

from __future__ import annotations

from collections.abc import Iterator

from quiz.bank.stats import position_spread
from quiz.lint.items import Finding
from quiz.lint.rules import MIN_PHASE_SHARE, POSITION_MIN_QUESTIONS, POSITION_P_VALUE
from quiz.model import Bank, Phase

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
    for objective in bank.lesson.objectives:
        count = sum(objective.id in q.objectives for q in authored)
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
