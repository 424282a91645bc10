"""Report figures: the class progress report and item analysis ÷ SQLite scanning the same
columns itself, on the same store, in the same run.

The floor is one aggregate query over every response, reading each column the figure reads
(text columns through ``length()``, so each value is really read) and returning one row: the
cost of SQLite visiting the data, with no row handed to Python. An earlier floor fetched every
row into Python (``SELECT *``), 3.7–5.4 × slower than this, which let a report that does the
same hide its cost behind the floor's.

The stores are synthetic (50 learners, a share of exams, of confidence ratings and of answers
to questions since edited or removed), written by one generator (bench/synthetic_store.py);
``python bench/report_measure.py`` and ``python bench/items_measure.py`` give more detail,
memory included.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

from timing import Figure, interleaved

TARGET_AT = 1_000_000
"""The store size the target is set at; smaller sizes are points on the curve."""

REPORT_SCAN = (
    "SELECT count(*), sum(r.learner_id), sum(r.session_id), sum(length(r.question_id)),"
    " sum(length(r.content_hash)), sum(length(r.phase)), sum(length(r.objectives)),"
    " sum(length(r.answered_at)), sum(r.score), sum(r.time_ms), sum(r.confidence), sum(r.id)"
    " FROM responses r"
)
"""The columns the class report's grouped queries read (quiz/store/report_answers.py,
report_totals.py and history.py)."""

ITEMS_SCAN = (
    "SELECT count(*), sum(session_id), sum(position), sum(length(question_id)),"
    " sum(length(content_hash)), sum(length(answer)), sum(score) FROM responses"
)
"""The columns item analysis reads (quiz/store/items_sums.py)."""

FLOOR_NAME = "SQLite scanning the same columns itself"


def sql_scan(path: Path, query: str) -> None:
    """The floor: a fresh connection, one aggregate over every row, one row back."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(query).fetchall()
    finally:
        conn.close()


def _target(size: int) -> float | None:
    return 5.0 if size >= TARGET_AT else None


def report_figures(work: Path, sizes: list[int], runs: int) -> list[Figure]:
    """The class report (every learner, JSON) at each store size; one learner's text report
    as a curve beside it."""
    from report_measure import _class, _learner, make_store

    from quiz.bank.load import load_catalog

    catalog = load_catalog()
    figures = []
    for size in sizes:
        path = make_store(work / f"report-{size}.sqlite3", size, catalog)
        for action in (partial(_class, path, catalog, "json"),
                       partial(sql_scan, path, REPORT_SCAN)):
            action()  # warm-up: page cache, imports
        class_s, learner_s, scan = interleaved(
            runs,
            partial(_class, path, catalog, "json"),
            partial(_learner, path, "learner-001"),
            partial(sql_scan, path, REPORT_SCAN),
        )
        figures.append(Figure(f"progress report, class view, {size:,} responses", "16.1",
                              class_s, scan, FLOOR_NAME, _target(size)))
        figures.append(Figure(f"progress report, one learner, {size:,} responses", "16.1",
                              learner_s, scan, FLOOR_NAME, None))
    return figures


def item_figures(work: Path, sizes: list[int], runs: int) -> list[Figure]:
    """Item analysis (first attempts; all attempts) at each store size."""
    from synthetic_store import item_shape, write_store

    from quiz.reports.items.analysis import analyse_sources

    figures = []
    for size in sizes:
        sessions = max(50, round(2_000 * size / 100_000))
        path = write_store(work / f"items-{size}.sqlite3",
                           item_shape(responses=size, sessions=sessions))
        for action in (partial(analyse_sources, [path], [], "first"),
                       partial(sql_scan, path, ITEMS_SCAN)):
            action()
        first, every, scan = interleaved(
            runs,
            partial(analyse_sources, [path], [], "first"),
            partial(analyse_sources, [path], [], "all"),
            partial(sql_scan, path, ITEMS_SCAN),
        )
        for which, seconds in (("first", first), ("all", every)):
            figures.append(Figure(f"item analysis, {which} attempts, {size:,} responses",
                                  "16.1", seconds, scan, FLOOR_NAME, _target(size)))
    return figures
