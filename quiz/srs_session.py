"""Workspace-level helpers for spaced-repetition review, adaptive practice and progress.

They take a ``Workspace`` and give back what its own methods give back (a ``Session``, or
plain data for the home and Progress screens), so the CLI and the TUI call them the same way.
They live beside ``quiz/workspace.py`` rather than in it while that file has another owner;
each is a candidate to become a ``Workspace`` method (see docs/reports.md).
"""

from __future__ import annotations

from datetime import datetime

from quiz.engine.adaptive import draw_adaptive
from quiz.engine.select import Filters, make_items
from quiz.engine.session import Mode, Session
from quiz.engine.srs import DueCounts, due_counts, due_question_ids
from quiz.errors import QuizError
from quiz.model import Bank
from quiz.reports.model import Due, Report
from quiz.reports.progress import history_summary, learner_report
from quiz.store.history import Scope
from quiz.workspace import Workspace, choose_seed


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def due_summary(workspace: Workspace, now: datetime | None = None) -> DueCounts | None:
    """Reviews due now, today and this week, for the home screen (None without a store)."""
    if workspace.conn is None:
        return None
    return due_counts(workspace.conn, workspace.learner, _now(now))


def review_session(workspace: Workspace, *, now: datetime | None = None,
                   seed: int | None = None, bank_id: str | None = None,
                   limit: int | None = None) -> Session:
    """A review session over the learner's questions due by the end of today, most overdue
    first, from ``bank_id`` (default: the loaded bank with the most due questions)."""
    if workspace.conn is None:
        raise QuizError("no progress store, so nothing is due for review"
                        + (f" ({workspace.store_problem})" if workspace.store_problem else ""))
    due = due_question_ids(workspace.conn, workspace.learner, _now(now))
    bank = _bank_for(workspace, due, bank_id)
    questions = [q for qid in due if (q := bank.question(qid)) is not None]
    if limit:
        questions = questions[:limit]
    if not questions:
        raise QuizError("nothing is due for review today; practise to add questions, or come "
                        "back later (`quiz report` shows what is due this week)")
    chosen = choose_seed(seed)
    return Session(
        bank, make_items(questions, chosen), Mode.REVIEW, seed=chosen,
        filters=Filters(question_ids=tuple(q.id for q in questions)),
        scenarios=workspace.catalog.scenarios, recorder=workspace.recorder(),
        clock=workspace.clock,
    )


def _bank_for(workspace: Workspace, due: list[str], bank_id: str | None) -> Bank:
    if bank_id is not None or len(workspace.catalog.banks) == 1:
        return workspace.bank(bank_id)
    wanted = set(due)
    return max(workspace.catalog.banks,
               key=lambda b: sum(q.id in wanted for q in b.questions))


def adaptive_session(workspace: Workspace, filters: Filters | None = None,
                     seed: int | None = None, bank_id: str | None = None) -> Session:
    """Practice drawn toward the learner's weakest objectives and phase and unseen questions
    (``quiz practice --adaptive``); the filters still restrict what may be drawn."""
    bank = workspace.bank(bank_id)
    chosen = choose_seed(seed)
    wanted = filters or Filters()
    summary = history_summary(workspace.conn, workspace.catalog, workspace.learner, bank.id)
    questions = draw_adaptive(bank.questions, wanted, summary, chosen)
    return Session(
        bank, make_items(questions, chosen), Mode.PRACTICE, seed=chosen, filters=wanted,
        scenarios=workspace.catalog.scenarios, recorder=workspace.recorder(),
        clock=workspace.clock,
    )


def progress(workspace: Workspace, *, since: str | None = None, bank_id: str | None = None,
             now: datetime | None = None) -> Report:
    """The learner's progress report, for the Progress screen (due counts included)."""
    due = due_summary(workspace, now)
    return learner_report(
        workspace.conn, workspace.catalog, workspace.learner,
        Scope((workspace.learner,), since, (bank_id,) if bank_id else ()),
        extra=practice_args(workspace), due=Due(due.today, due.week) if due else None)


def practice_args(workspace: Workspace) -> tuple[str, ...]:
    """The options a suggested ``quiz practice`` command needs to reach this learner and
    store (none when they are the defaults)."""
    from quiz.paths import default_db
    from quiz.store.learners import default_learner

    args: tuple[str, ...] = ()
    if workspace.learner != default_learner():
        args += ("--learner", workspace.learner)
    if workspace.db_path is not None and workspace.db_path != default_db():
        args += ("--db", str(workspace.db_path))
    return args
