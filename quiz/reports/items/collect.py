"""Reading item analysis's sums from progress stores and JSON Lines exports.

A store is opened with the one read-only opener (``quiz.store.readonly``): item analysis never
migrates, repairs or creates a file. An export goes through the one export reader
(``quiz.store.exchange.open_sources``, which ``quiz report --class`` uses too): it is loaded
into a temporary store and then read exactly as a store is, so an export gives the figures of
the store it was exported from, exam layouts (unanswered positions scored 0) included.

Two passes: every source's sessions first (which bank is analysed on exams depends on all of
them), then each source's attempts of each bank, summed by SQLite
(``quiz.store.items_sums``) and merged here: sums from several sources simply add up.
Learners and sessions are told apart per source, so two learners' stores that both say
"learner" or "session 1" never merge by accident.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from quiz.errors import StoreError
from quiz.reports.items.attempts import BankPlan, plan_attempts
from quiz.store.exchange import QuestionFacts, open_sources
from quiz.store.items_sums import AttemptSums, exam_sums, practice_sums, session_summaries
from quiz.store.readonly import open_readonly


@dataclass
class BankSums:
    """One bank's attempts, summed over every source."""

    bank_id: str
    basis: str
    which: str
    responses_read: int = 0
    unanswered_filled: int = 0
    parts: list[AttemptSums] = field(default_factory=list)
    hashes: dict[str, Counter[str]] = field(default_factory=dict)
    """Question → content hash → responses (unanswered positions have none)."""


def collect(stores: list[Path], exports: list[Path], facts: QuestionFacts, which: str,
            bank: str | None = None, seen: set[str] | None = None) -> dict[str, BankSums]:
    """The sums of every bank (only ``bank`` when given) over the stores, then the exports;
    ``seen`` collects every bank id met."""
    with ExitStack() as stack:
        sources: list[tuple[Path, sqlite3.Connection]] = []
        for path in stores:
            conn = open_readonly(path)
            stack.callback(conn.close)
            sources.append((path, conn))
        # every export is checked and loaded before the first figure: a bad line in the last
        # file stops the command before anything is computed
        opened = open_sources(list(exports), stack, facts)
        sources += [(path, source.conn) for path, source in zip(exports, opened, strict=True)]
        summaries = []
        for path, conn in sources:
            with _reading(path):
                summaries.append(session_summaries(conn))
        plans = plan_attempts(summaries, which, bank, seen)
        return {bank_id: _sums(plan, sources) for bank_id, plan in plans.items()}


def _sums(plan: BankPlan, sources: list[tuple[Path, sqlite3.Connection]]) -> BankSums:
    result = BankSums(plan.bank_id, plan.basis, plan.which, plan.responses_read)
    for index, part in sorted(plan.sources.items()):
        path, conn = sources[index]
        with _reading(path):
            if part.exams:
                sums = exam_sums(conn, part.exams, str(path))
            else:
                sums = practice_sums(conn, part.practice, str(path))
        result.parts.append(sums)
        result.unanswered_filled += sums.filled
        hashes = result.hashes
        for question_id, _, content_hash, _, _, n in sums.groups:
            if content_hash:
                per = hashes.get(question_id)
                if per is None:
                    per = hashes[question_id] = Counter()
                per[content_hash] += n
    return result


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: reading failed ({exc}); run `quiz doctor` on it") from None
