"""The learner's workspace: loaded banks, the progress store, and sessions made from them.

Both faces of the product use it: the CLI builds one from its options, the TUI receives one
and asks it for sessions. Nothing here draws anything, so tests drive every flow through it.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quiz.bank.cache import load_cached
from quiz.engine.clock import Clock, monotonic
from quiz.engine.recorder import MemoryRecorder, Recorder
from quiz.engine.select import Filters, draw_exam, draw_practice, make_items
from quiz.engine.session import Mode, Session
from quiz.errors import BankError, QuizError, StoreError
from quiz.model import Bank, Catalog
from quiz.store.db import connect
from quiz.store.recorder import SqliteRecorder
from quiz.store.resume import Unfinished, abandon, find_unfinished, mistake_ids, rebuild_items


@dataclass
class Workspace:
    """Everything a study session needs; ``store_problem`` says why progress is not saved."""

    catalog: Catalog
    learner: str
    db_path: Path | None
    conn: sqlite3.Connection | None = None
    store_problem: str | None = None
    clock: Clock = monotonic
    recorders: list[Recorder] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        bank_paths: Sequence[Path] = (),
        learner: str | None = None,
        db_path: Path | None = None,
        *,
        record: bool = True,
    ) -> Workspace:
        """Load the banks (raising ``BankError`` on errors) and open the store.

        A store that cannot be opened does not stop study: the workspace runs in memory and
        ``store_problem`` says so, for the app to show.
        """
        from quiz.paths import default_db
        from quiz.store.learners import default_learner

        result = load_cached(list(bank_paths))
        if result.errors:
            raise BankError(result.errors)
        if not result.catalog.banks:
            raise QuizError("no banks found; pass a bank file or folder, e.g. quiz practice "
                            "question_banks/")
        workspace = cls(result.catalog, learner or default_learner(), None)
        if record:
            workspace.db_path = db_path or default_db()
            try:
                workspace.conn = connect(workspace.db_path)
            except StoreError as exc:
                workspace.store_problem = f"{exc} Progress is not being saved."
        return workspace

    # --- banks ---------------------------------------------------------------------------

    def bank(self, bank_id: str | None = None) -> Bank:
        if bank_id is None:
            return self.catalog.banks[0]
        bank = self.catalog.bank(bank_id)
        if bank is None:
            from quiz.bank.suggest import did_you_mean

            raise QuizError(f"no bank '{bank_id}'" + did_you_mean(
                bank_id, [b.id for b in self.catalog.banks]))
        return bank

    # --- sessions ------------------------------------------------------------------------

    def recorder(self) -> Recorder:
        if self.conn is None:
            made: Recorder = MemoryRecorder()
        else:
            made = SqliteRecorder(self.conn, self.learner)
        self.recorders.append(made)
        return made

    def practice(
        self, filters: Filters | None = None, seed: int | None = None,
        bank_id: str | None = None, mode: Mode = Mode.PRACTICE,
    ) -> Session:
        bank = self.bank(bank_id)
        chosen_seed = _seed(seed)
        wanted = filters or Filters()
        questions = draw_practice(bank.questions, wanted, chosen_seed)
        return Session(
            bank, make_items(questions, chosen_seed), mode, seed=chosen_seed, filters=wanted,
            scenarios=self.catalog.scenarios, recorder=self.recorder(), clock=self.clock,
        )

    def exam(self, seed: int | None = None, bank_id: str | None = None) -> Session:
        bank = self.bank(bank_id)
        chosen_seed = _seed(seed)
        questions = draw_exam(bank.questions, bank.exam, chosen_seed)
        return Session(
            bank, make_items(questions, chosen_seed), Mode.EXAM, seed=chosen_seed,
            time_limit=bank.exam.minutes * 60.0, scenarios=self.catalog.scenarios,
            recorder=self.recorder(), clock=self.clock,
        )

    def mistakes(self, seed: int | None = None, bank_id: str | None = None) -> Session:
        ids = mistake_ids(self.conn, self.learner) if self.conn else []
        bank = self.bank(bank_id)
        if not any(bank.question(q) for q in ids):
            raise QuizError("no mistakes to review yet: every question you answered was right")
        return self.practice(Filters(question_ids=tuple(ids)), seed, bank.id, Mode.MISTAKES)

    def retry(self, session: Session, positions: Sequence[int]) -> Session:
        """A practice session over some items of another (e.g. an exam's incorrect ones)."""
        ids = tuple(session.items[p].question.id for p in positions)
        return self.practice(Filters(question_ids=ids), session.seed, session.bank.id)

    def unfinished_exam(self) -> Unfinished | None:
        if self.conn is None:
            return None
        return find_unfinished(self.conn, self.learner, Mode.EXAM)

    def resume(self, unfinished: Unfinished) -> Session:
        items = rebuild_items(unfinished, self.catalog)
        bank = self.bank(unfinished.bank_id)
        return Session(
            bank, items, unfinished.mode, seed=unfinished.seed,
            time_limit=unfinished.time_limit, scenarios=self.catalog.scenarios,
            recorder=self.recorder(), clock=self.clock, resume=unfinished.state,
        )

    def discard(self, unfinished: Unfinished) -> None:
        if self.conn is not None:
            abandon(self.conn, unfinished.session_id)

    def problems(self) -> list[str]:
        """Why progress is not (or no longer) being saved, for the app to show."""
        found = [self.store_problem] if self.store_problem else []
        found += [p for r in self.recorders if (p := getattr(r, "problem", None))]
        return list(dict.fromkeys(found))


def _seed(seed: int | None) -> int:
    return seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
