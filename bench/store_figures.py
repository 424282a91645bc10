"""Issue 5 and 6 figures: a progress report and item analysis over a store of responses,
each ÷ a full scan of the responses table (``SELECT *`` fetched into Python) in the same run.

The stores are synthetic (50 learners, sessions scaled with the size, a share of exams and of
answers to questions since edited or removed), written by the report and item-analysis
measurement modules, whose own ``python -m`` entry points give more detail (memory too).
"""

from __future__ import annotations

from pathlib import Path

from timing import Figure

from quiz.bank.load import load_catalog

TARGET_AT = 100_000
"""The store size the issues set their targets at; smaller sizes are points on the curve."""


def _target(size: int) -> float | None:
    return 5.0 if size >= TARGET_AT else None


def report_figures(work: Path, sizes: list[int], runs: int) -> list[Figure]:
    """The class report (every learner, JSON) at each store size."""
    from quiz.reports.measure import make_store, measure

    catalog = load_catalog()
    figures = []
    for size in sizes:
        path = make_store(work / f"report-{size}.sqlite3", size, catalog)
        seconds = measure(path, catalog, runs)
        figures.append(Figure(f"progress report, class view, {size:,} responses", 5,
                              seconds["class"], seconds["scan"], "full scan of responses",
                              _target(size)))
        figures.append(Figure(f"progress report, one learner, {size:,} responses", 5,
                              seconds["learner"], seconds["scan"], "full scan of responses",
                              None))
    return figures


def item_figures(work: Path, sizes: list[int], runs: int) -> list[Figure]:
    """Item analysis (first attempts, every figure) at each store size."""
    from quiz.reports.items.measure import measure
    from quiz.reports.items.synthetic import Shape, write_store

    figures = []
    for size in sizes:
        path = write_store(work / f"items-{size}.sqlite3", Shape(responses=size))
        result = measure(path, runs)
        for which in ("first", "all"):
            figures.append(Figure(f"item analysis, {which} attempts, {size:,} responses", 6,
                                  result.analysis[which], result.scan,
                                  "full scan of responses", _target(size)))
    return figures
