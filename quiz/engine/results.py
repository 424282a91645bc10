"""The result of a session: score, pass or fail, breakdowns, calibration, review lists."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.engine.scoring import is_correct
from quiz.engine.session import Mode, Session
from quiz.model import Phase


@dataclass(frozen=True)
class Breakdown:
    """Score over a group of items (a phase or an objective)."""

    key: str
    label: str
    items: int
    earned: float

    @property
    def percent(self) -> float:
        return 100.0 * self.earned / self.items if self.items else 0.0


@dataclass(frozen=True)
class Calibration:
    """Certainty-based marking: how confidence matched correctness (confidence 1..3)."""

    rated: int
    sure_but_wrong: int
    unsure_but_right: int
    by_level: dict[int, tuple[int, int]]
    """confidence level → (answers, correct answers)."""


@dataclass(frozen=True)
class Result:
    """How a finished session went."""

    mode: Mode
    items: int
    answered: int
    earned: float
    percent: float
    pass_percent: int | None
    seconds: float
    by_phase: tuple[Breakdown, ...]
    by_objective: tuple[Breakdown, ...]
    calibration: Calibration
    incorrect: tuple[int, ...]
    """Positions not fully right, answered or not: what "retry incorrect" and the review of
    incorrect items take. Counted apart: ``wrong`` + ``unanswered``."""
    flagged: tuple[int, ...]
    wrong: tuple[int, ...] = ()
    """Positions answered but not fully right (partly right included)."""
    unanswered: tuple[int, ...] = ()
    """Positions never answered (they score 0, but are not counted as wrong)."""
    scaled: int | None = None
    """The scaled score, when the bank's exam asks for one (``ExamSpec.scaled``)."""
    scale: tuple[int, int, int] | None = None
    """(min, max, pass score) of the scaled score, to show beside it."""
    drawn: int | None = None
    """Questions drawn, when the result is over the answered ones only (``items`` then
    counts those); None when every drawn question counts."""

    @property
    def passed(self) -> bool | None:
        return None if self.pass_percent is None else self.percent >= self.pass_percent


def summarize(session: Session, *, answered_only: bool = False) -> Result:
    """Compute the result from the session's items and answers.

    ``answered_only``: score the answered questions only, with no breakdown row for a phase
    or objective none of them served (a practice session ended early: the questions never
    reached were not got wrong). ``incorrect`` and ``wrong`` are then the answered ones not
    fully right; ``unanswered`` still lists the questions not reached.
    """
    earned = {i: a.score for i, a in session.answers.items()}
    total = sum(earned.values())
    questions = session.items.questions  # not the items: no need to draw their orders
    drawn = len(questions)
    scope = sorted(earned) if answered_only else range(drawn)
    n = len(scope)
    phases, objectives = [], []
    for phase in Phase:
        where = [i for i in scope if questions[i].phase is phase]
        if where:
            phases.append(Breakdown(phase.value, session.bank.lesson.sides[phase], len(where),
                                    sum(earned.get(i, 0.0) for i in where)))
    for objective in session.bank.lesson.objectives:
        where = [i for i in scope if objective.id in questions[i].objectives]
        if where:
            objectives.append(Breakdown(objective.id, objective.text, len(where),
                                        sum(earned.get(i, 0.0) for i in where)))
    percent = 100.0 * total / n if n else 0.0
    exam = session.mode is Mode.EXAM
    spec = session.bank.exam
    scale = spec.scaled if exam else None
    return Result(
        mode=session.mode,
        items=n,
        answered=len(session.answers),
        earned=total,
        percent=percent,
        pass_percent=spec.pass_percent if exam else None,
        seconds=session.elapsed(),
        by_phase=tuple(phases),
        by_objective=tuple(objectives),
        calibration=calibrate(session),
        incorrect=tuple(i for i in scope if not is_correct(earned.get(i, 0.0))),
        flagged=tuple(sorted(session.flags)),
        wrong=tuple(i for i in scope if i in earned and not is_correct(earned[i])),
        unanswered=tuple(i for i in range(drawn) if i not in earned),
        scaled=scale.of(percent, spec.pass_percent) if scale else None,
        scale=(scale.min, scale.max, scale.pass_score) if scale else None,
        drawn=drawn if answered_only else None,
    )


def calibrate(session: Session) -> Calibration:
    levels: dict[int, tuple[int, int]] = {}
    sure_wrong = unsure_right = 0
    for answer in session.answers.values():
        if answer.confidence is None:
            continue
        right = is_correct(answer.score)
        count, good = levels.get(answer.confidence, (0, 0))
        levels[answer.confidence] = (count + 1, good + right)
        sure_wrong += answer.confidence == 3 and not right
        unsure_right += answer.confidence == 1 and right
    return Calibration(sum(c for c, _ in levels.values()), sure_wrong, unsure_right, levels)
