"""Workspace-level helpers for spaced-repetition review, adaptive practice and progress.

They take a ``Workspace`` and give back what its own methods give back (a ``Session``, or
plain data for the home and Progress screens), so the CLI and the TUI call them the same way.
A store fault on the way (cards that cannot be written to a read-only file, a full disk or a
locked store; a damaged page) never escapes: the cards are read as they are when possible,
and the workspace goes on in memory with its "not being saved" notice.
They live beside ``quiz/workspace.py`` rather than in it while that file has another owner;
each is a candidate to become a ``Workspace`` method (see docs/reports.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

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

T = TypeVar("T")


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def _synced(workspace: Workspace, read: Callable[[sqlite3.Connection, bool], T]) -> T | None:
    """``read(conn, sync=True)``; when the cards cannot be brought up to date, read them as
    they are and turn the workspace to memory. None when the store cannot be read at all."""
    conn = workspace.conn
    if conn is None:
        return None
    try:
        return read(conn, True)
    except sqlite3.Error as exc:
        failed = exc
    try:
        found: T | None = read(conn, False)
    except sqlite3.Error:
        found = None
    workspace.fail_store(failed)
    return found


def due_summary(workspace: Workspace, now: datetime | None = None) -> DueCounts | None:
    """Reviews due now, today and this week, for the home screen (None without a store)."""
    at = _now(now)
    return _synced(workspace, lambda conn, sync: due_counts(conn, workspace.learner, at,
                                                            sync=sync))


def review_session(workspace: Workspace, *, now: datetime | None = None,
                   seed: int | None = None, bank_id: str | None = None,
                   limit: int | None = None) -> Session:
    """A review session over the learner's questions due by the end of today, most overdue
    first, from ``bank_id`` (default: the loaded bank with the most due questions)."""
    at = _now(now)
    due = _synced(workspace, lambda conn, sync: due_question_ids(conn, workspace.learner, at,
                                                                 sync=sync))
    if due is None:
        raise QuizError("no progress store, so nothing is due for review"
                        + (f" ({workspace.store_problem})" if workspace.store_problem else ""))
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
    summary = workspace.guarded(
        lambda conn: history_summary(conn, workspace.catalog, workspace.learner, bank.id),
        None)
    if summary is None:
        summary = history_summary(None, workspace.catalog, workspace.learner, bank.id)
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
    scope = Scope((workspace.learner,), since, (bank_id,) if bank_id else ())
    return workspace.guarded(
        lambda conn: learner_report(conn, workspace.catalog, workspace.learner, scope,
                                    extra=practice_args(workspace),
                                    due=Due(due.today, due.week) if due else None),
        None) or learner_report(None, workspace.catalog, workspace.learner, scope,
                                extra=practice_args(workspace))


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
