"""Item analysis end to end: sources → attempts → figures, joined with the bank's texts.

The bank is optional. With it, questions come in bank order with their stems, choices carry
their texts and whether they are right (so distractors can be judged), and responses given
to an older version of a question (another content hash) are counted. Without it, or for a
question no longer in the bank, the figures are still reported, by id.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.errors import QuizError
from quiz.model import Catalog, Question, QuestionType
from quiz.reports.items.stats import (
    NO_ANSWER,
    Analysis,
    ChoiceStats,
    ItemStats,
    TestStats,
    distractor_functions,
    item_flags,
)

if TYPE_CHECKING:
    from quiz.reports.items.collect import BankSums


@dataclass(frozen=True)
class ChoiceReport:
    """One choice's figures; ``correct`` and ``functions`` are None when not known."""

    choice_id: str
    text: str
    correct: bool | None
    stats: ChoiceStats
    functions: bool | None


@dataclass(frozen=True)
class ItemReport:
    """One question's figures, flags and choices."""

    question_id: str
    stem: str
    type: str
    in_bank: bool
    stats: ItemStats
    flags: tuple[str, ...]
    choices: tuple[ChoiceReport, ...]
    older_version: int  # responses given to another version of the question


@dataclass(frozen=True)
class BankReport:
    """The analysis of one bank."""

    bank_id: str
    title: str
    basis: str
    which: str
    test: TestStats
    items: tuple[ItemReport, ...]
    responses_read: int
    unanswered_filled: int


@dataclass(frozen=True)
class ItemsReport:
    """Everything ``quiz items`` shows."""

    sources: tuple[str, ...]
    which: str
    banks: tuple[BankReport, ...]


def analyse_sums(sums: dict[str, BankSums], which: str = "first",
                 catalog: Catalog | None = None, bank: str | None = None,
                 seen: set[str] | None = None, sources: Sequence[str] = ()) -> ItemsReport:
    """The report over every bank's sums (see ``attempts`` for how attempts are formed)."""
    if bank is not None and bank not in sums:
        known = (seen or set()) | ({b.id for b in catalog.banks} if catalog is not None
                                   else set())
        if bank not in known:
            from quiz.bank.suggest import did_you_mean

            raise QuizError(f"no bank '{bank}' in the responses or the loaded banks"
                            + did_you_mean(bank, sorted(b for b in known if b)))
        from quiz.reports.items.collect import BankSums

        sums = {**sums, bank: BankSums(bank, "practice", which)}
    reports = [analyse_bank(sums[b], catalog) for b in sorted(sums)]
    return ItemsReport(tuple(sources), which, tuple(reports))


def analyse_bank(sums: BankSums, catalog: Catalog | None = None) -> BankReport:
    """The figures of one bank's attempts, joined with the bank's texts when known."""
    found = catalog.bank(sums.bank_id) if catalog is not None else None
    questions: dict[str, Question] = {}
    if catalog is not None:
        # a response may name a question by id only (no bank): look through every bank
        for question in catalog.questions():
            questions.setdefault(question.id, question)
        if found is not None:
            questions.update({q.id: q for q in found.questions})
    analysis = Analysis()
    for part in sums.parts:
        for total, size in part.totals:
            analysis.add_total(total, size)
        analysis.add_groups(part.groups)
        for (slot, score), count in part.slots.items():
            analysis.add_slot(slot, score, count)
    orders = {qid: [c.id for c in q.choices] for qid, q in questions.items()}
    by_id = {item.question_id: item for item in analysis.items(orders)}
    order = [q.id for q in found.questions if q.id in by_id] if found is not None else []
    order += sorted(set(by_id) - set(order))
    items = tuple(_item(by_id[qid], questions.get(qid), sums.hashes.get(qid, Counter()))
                  for qid in order)
    title = found.title if found is not None else ""
    return BankReport(sums.bank_id, title, sums.basis, sums.which, analysis.test(), items,
                      sums.responses_read, sums.unanswered_filled)


def _item(stats: ItemStats, question: Question | None, hashes: Counter[str]) -> ItemReport:
    flags = item_flags(stats)
    if question is None:
        choices = tuple(ChoiceReport(c.choice_id, "", None, c, None) for c in stats.choices)
        return ItemReport(stats.question_id, "", "", False, stats, tuple(flags), choices, 0)
    older = sum(n for h, n in hashes.items() if h != question.content_hash)
    if older:
        flags.append("answered in another version")
    reports = []
    if question.type is not QuestionType.ORDERING:  # every step is "picked" in an ordering
        for choice in stats.choices:
            known = question.choice(choice.choice_id)
            if choice.choice_id == NO_ANSWER:
                reports.append(ChoiceReport(NO_ANSWER, "", None, choice, None))
            elif known is None:
                reports.append(ChoiceReport(choice.choice_id, "", None, choice, None))
            else:
                works = None if known.correct else distractor_functions(choice)
                reports.append(ChoiceReport(known.id, known.text, known.correct, choice, works))
    return ItemReport(stats.question_id, question.stem, question.type.value, True, stats,
                      tuple(flags), tuple(reports), older)


def analyse_sources(stores: Sequence[Path], exports: Sequence[Path], which: str = "first",
                    catalog: Catalog | None = None, bank: str | None = None) -> ItemsReport:
    """Read every store and export, then analyse (the library entry point of `quiz items`)."""
    from quiz.reports.items.collect import collect
    from quiz.store.exchange import catalog_facts

    seen: set[str] = set()
    names = [str(p) for p in [*stores, *exports]]
    # the sums and figures made here hold no cycles; tens of thousands of groups would start
    # collections that walk everything the process holds (~4 % of the analysis at a million
    # responses), so the collector waits, as it does while a progress report folds a store
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        sums = collect(list(stores), list(exports), catalog_facts(catalog), which, bank, seen)
        return analyse_sums(sums, which, catalog, bank, seen, names)
    finally:
        if was_enabled:
            gc.enable()
