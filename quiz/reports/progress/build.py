"""From ``quiz report``'s options to a ``Report``: banks, store, scope, due reviews.

The library half of the command (the click half is quiz/cli/report_cmd.py), so tests and the
benchmark make the same report the command prints.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from quiz.bank.cache import load_cached
from quiz.errors import QuizError
from quiz.model import Catalog
from quiz.paths import default_db
from quiz.reports.progress.aggregate import learner_report
from quiz.reports.progress.model import Due, Report
from quiz.store.cards import due_counts
from quiz.store.history import Scope
from quiz.store.learners import default_learner, find_learner, learner_name, some_learners
from quiz.store.readonly import open_readonly
from quiz.text import safe_line


def parse_since(text: str | None) -> str | None:
    """A date (local midnight) or ISO time, as the stored UTC text to compare with."""
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise QuizError(f"--since: {safe_line(repr(text))} is not a date; use YYYY-MM-DD, "
                        "e.g. --since 2025-03-01") from None
    local = parsed.astimezone() if parsed.tzinfo is None else parsed
    return local.astimezone(UTC).isoformat()


def load_catalog(bank_files: Sequence[Path]) -> tuple[Catalog, list[str]]:
    """The banks for texts; a bank with errors is skipped with a note, not a failure."""
    loaded = load_cached(list(bank_files))
    notes = []
    if loaded.errors:
        notes.append(f"{len(loaded.errors)} error(s) in the banks; objectives and questions "
                     "from files that failed are shown by id (run `quiz validate`)")
    return loaded.catalog, notes


def _due(conn: sqlite3.Connection, learner: str) -> Due:
    """Due reviews, computed without writing (a report is a reader: stale cards are
    replayed in memory, never stored)."""
    counts = due_counts(conn, learner, datetime.now().astimezone(), sync=False)
    return Due(counts.today, counts.week)


def build_report(learner: str | None, db: Path | None, since: str | None,
                 banks: Sequence[str], bank_files: Sequence[Path],
                 sources: Sequence[Path], *, due: bool = True) -> tuple[Report, list[str]]:
    """The report the options ask for, and notes for standard error."""
    # only --class reads exports: their reader (quiz.store.exchange) loads only then
    from quiz.reports.class_view import class_report

    learner = learner_name(learner) if learner else None
    catalog, notes = load_catalog(bank_files)
    scope = Scope((learner,) if learner else (), parse_since(since), tuple(banks))
    if sources:
        return class_report(sources, catalog, scope), notes
    name = learner or default_learner()
    extra: list[str] = ["--learner", name] if learner else []
    if db is not None:
        extra += ["--db", str(db)]
    if len(banks) == 1:
        extra += ["--bank", banks[0]]
    store = db or default_db()
    if not store.exists():
        notes.append(f"{store}: no progress store yet, so no answers; practise first "
                     "(quiz practice), or pass --db PATH")
        return learner_report(None, catalog, name, scope, extra=extra), notes
    conn = open_readonly(store)
    try:
        known = find_learner(conn, name) is not None
        if not known:
            others = some_learners(conn)
            hint = f" (learners here: {', '.join(others)})" if others else ""
            notes.append(f"{store}: no answers by '{name}' yet{hint}; pass --learner NAME")
        made = learner_report(conn, catalog, name, scope, extra=extra,
                              due=_due(conn, name) if due and known else None)
    except sqlite3.DatabaseError as exc:
        raise QuizError(f"{store}: reading failed ({exc}); run `quiz doctor` on it") from None
    finally:
        conn.close()
    return made, notes
