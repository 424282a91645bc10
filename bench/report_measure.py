"""How long a progress report takes and how much memory it holds, against a full scan.

Issue 6's measurement, kept for its memory comparison and its tests. Its floor fetches every
row into Python, which SQLite scanning the same columns itself beats by 3.7-5.4 x: the
figures of record (issue 16) are ``python bench/run.py --only report items``, against that
SQL-side scan (``bench/store_figures.py``).

The floor is ``SELECT * FROM responses`` fetched into Python on a fresh connection. Measured
on the same store in the same run, interleaved, medians compared (after a warm-up, so all
read from the page cache):

- ``class``: the whole store as a class view (every learner, class mastery, hardest
  questions), rendered as JSON: the figure the issue asks for (≤ 5 × the scan);
- ``class+html``: the same rendered as HTML with its charts;
- ``learner``: one learner's report as ``quiz report`` makes it (due reviews included),
  rendered as text.

Memory: the peak of Python allocations (tracemalloc) while making the class report, at
several store sizes; it should stay flat as responses grow, while the scan's grows with them.

Run it: python bench/report_measure.py [--responses N] [--runs K] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from synthetic_store import Shape, default_questions, questions_from_bank, write_store

from quiz.model import Catalog
from quiz.reports.class_view import class_report
from quiz.reports.progress.render import render

TARGET = 5.0


@dataclass(frozen=True)
class Measurement:
    """Median seconds per action, and peak memory in bytes per store size."""

    responses: int
    seconds: dict[str, float]
    memory: dict[int, tuple[int, int]]
    """responses → (report peak, scan peak)."""

    def ratio(self, name: str) -> float:
        return self.seconds[name] / self.seconds["scan"]


def full_scan(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return len(conn.execute("SELECT * FROM responses").fetchall())
    finally:
        conn.close()


def _class(path: Path, catalog: Catalog, fmt: str) -> str:
    return render(class_report([path], catalog), fmt)


def _learner(path: Path, learner: str) -> str:
    from quiz.reports.progress.build import build_report

    made, _notes = build_report(learner, path, None, (), (), ())
    return render(made, "text")


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def make_store(path: Path, responses: int, catalog: Catalog) -> Path:
    """The benchmark's store: 50 learners, 2,000 sessions (scaled for smaller sizes), the
    bundled bank's questions plus 300 removed ones."""
    scale = responses / 100_000
    shape = Shape(responses=responses, learners=50,
                  sessions=max(50, round(2_000 * scale)))
    pool = default_questions()
    if catalog.banks:
        pool = questions_from_bank(catalog.banks[0]) + pool
    return write_store(path, shape, questions=pool)


def measure(path: Path, catalog: Catalog, runs: int = 5) -> dict[str, float]:
    actions: dict[str, Callable[[], object]] = {
        "scan": partial(full_scan, path),
        "class": partial(_class, path, catalog, "json"),
        "class+html": partial(_class, path, catalog, "html"),
        "learner": partial(_learner, path, "learner-001"),
    }
    for action in actions.values():
        action()  # warm-up: page cache, imports, the learner's cards
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(_time(action))
    return {name: statistics.median(values) for name, values in times.items()}


def run(folder: Path, responses: int, runs: int) -> Measurement:
    from quiz.bank.cache import load_cached

    catalog = load_cached().catalog
    memory = {}
    for size in sorted({responses // 4, responses // 2, responses}):
        path = make_store(folder / f"store-{size}.sqlite3", size, catalog)
        memory[size] = (_peak(partial(_class, path, catalog, "json")),
                        _peak(partial(full_scan, path)))
    path = folder / f"store-{responses}.sqlite3"
    return Measurement(responses, measure(path, catalog, runs), memory)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the stores here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quiz-progress-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        result = run(folder, args.responses, args.runs)
    s = result.seconds
    print(f"responses: {result.responses} (50 learners)")
    print(f"floor, SELECT * FROM responses fetched: {s['scan']:.3f} s")
    for name, what in (("class", "class report over the store, JSON"),
                       ("class+html", "class report over the store, HTML"),
                       ("learner", "one learner's report as `quiz report` makes it, text")):
        print(f"{what}: {s[name]:.3f} s = {result.ratio(name):.2f} x the scan "
              f"(target <= {TARGET:g})")
    print("peak Python memory, class report vs scan:")
    for size, (report, scan) in result.memory.items():
        print(f"  {size:>7} responses: report {report / 1e6:6.1f} MB, scan {scan / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
