"""Small statistics for progress reports: the Wilson score interval and a running tally."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
"""The 97.5th percentile of the standard normal: a two-sided 95% interval."""


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion; (0, 1) when there are no trials.

    Unlike the normal approximation it stays inside [0, 1] and is honest for small counts,
    which is what a learner has per objective (one right answer out of one gives 0.21..1).
    """
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = p + z * z / (2 * trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    low = (centre - margin) / denominator
    high = (centre + margin) / denominator
    return max(0.0, low), min(1.0, high)


@dataclass
class Tally:
    """Questions counted, right, and answers behind them (mutable while aggregating)."""

    questions: int = 0
    correct: int = 0
    answers: int = 0
    stale_answers: int = 0

    def add(self, right: bool, answers: int) -> None:
        self.questions += 1
        self.correct += right
        self.answers += answers
