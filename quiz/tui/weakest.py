"""Practise weakest (``w`` on home and on Progress): a short session that starts with the
weakest objective.

The session is drawn from the objectives the progress report suggests (weakest first), cut
to ``SHORT`` questions. A practice draw is a seeded shuffle, so the first question may serve
any of those objectives; the seed is chosen so that it serves the weakest one: seeds are
tried in a fixed sequence from a random start (each try is one draw over the filtered pool,
a few milliseconds even at 10,000 questions) and the seed kept is the session's own, so
the session can be redone exactly like any other.
"""

from __future__ import annotations

from quiz.engine.select import Filters, draw_practice
from quiz.engine.session import Session
from quiz.errors import QuizError
from quiz.workspace import Workspace, choose_seed

SHORT = 15
"""Questions in a practise-weakest session (the issue asks for 10–20)."""
TRIES = 64
"""Seeds tried for a first question on the weakest objective before taking any."""


def weakest_objectives(workspace: Workspace) -> tuple[str, ...]:
    """The objective ids the learner's progress report suggests, weakest first."""
    report = workspace.progress()
    learners = report.learners
    return tuple(s.objective for s in learners[0].weakest) if learners else ()


def weakest_session(workspace: Workspace, objectives: tuple[str, ...],
                    seed: int | None = None) -> Session:
    """A practice session of at most ``SHORT`` questions on ``objectives`` whose first
    question serves ``objectives[0]``; ``QuizError`` when none is suggested."""
    if not objectives:
        raise QuizError("nothing to suggest yet: answer some questions first")
    filters = Filters(objectives=objectives, count=SHORT)
    bank = workspace.bank()
    start = choose_seed(seed)
    chosen = start
    for offset in range(TRIES):
        candidate = start + offset
        drawn = draw_practice(bank.questions, filters, candidate)
        if not drawn:
            break
        if objectives[0] in drawn[0].objectives:
            chosen = candidate
            break
    return workspace.practice(filters, chosen)
