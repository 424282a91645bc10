"""How long item analysis takes, as a ratio to a full scan of the same responses.

Issue 6's measurement, kept for its memory comparison and its tests. Its floor fetches every
row into Python, which SQLite scanning the same columns itself beats by 3.7-5.4 x: the
figures of record (issue 16) are ``python bench/run.py --only report items``, against that
SQL-side scan (``bench/store_figures.py``).

The floor is ``SELECT * FROM responses`` fetched into Python on a fresh connection; the
measured figure is ``analyse_sources`` on the same store (reading, grouping into attempts,
every figure; no bank loaded), and separately that plus rendering JSON. After a warm-up (so
all read from the page cache) they run in turn, several times, and medians are compared.

The store is bench/synthetic_store.py's ``ITEM_ANALYSIS`` shape.

Run it: python bench/items_measure.py [--responses N] [--runs K] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

# Run as a script (python bench/items_measure.py) or imported as bench.items_measure (tests):
# either way the generator is bench.synthetic_store, with the repository root on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic_store import item_shape, write_store
from quiz.reports.items.analysis import analyse_sources
from quiz.reports.items.render import render


@dataclass(frozen=True)
class Measurement:
    """Median times in seconds, and the ratios to the scan."""

    responses: int
    scan: float
    analysis: dict[str, float]
    with_json: dict[str, float]

    def ratio(self, which: str = "first") -> float:
        return self.analysis[which] / self.scan


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def full_scan(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return len(conn.execute("SELECT * FROM responses").fetchall())
    finally:
        conn.close()


def measure(path: Path, runs: int = 5) -> Measurement:
    """Median times of the floor and of item analysis (first and all attempts) at ``path``.

    The runs are interleaved (scan, analyses, scan, analyses...), so a change of machine
    load during the measurement hits the floor and the figures alike.
    """
    actions: dict[str, Callable[[], object]] = {"scan": partial(full_scan, path)}
    for which in ("first", "all"):
        actions[which] = partial(analyse_sources, [path], [], which)
        actions[f"{which}+json"] = partial(_analyse_and_render, path, which)
    for action in actions.values():
        action()  # warm-up: page cache, imports
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(_time(action))
    median = {name: statistics.median(values) for name, values in times.items()}
    return Measurement(
        full_scan(path), median["scan"],
        {w: median[w] for w in ("first", "all")},
        {w: median[f"{w}+json"] for w in ("first", "all")},
    )


def _analyse_and_render(path: Path, which: str) -> str:
    return render(analyse_sources([path], [], which), "json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the store here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quiz-items-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        path = write_store(folder / "synthetic.sqlite3",
                           item_shape(responses=args.responses))
        result = measure(path, args.runs)
    print(f"responses: {result.responses}")
    print(f"floor, SELECT * FROM responses fetched: {result.scan:.3f} s")
    for which in ("first", "all"):
        print(f"item analysis, --attempts {which}: {result.analysis[which]:.3f} s "
              f"= {result.ratio(which):.2f} x the scan (target <= 5); with JSON rendering "
              f"{result.with_json[which]:.3f} s = {result.with_json[which] / result.scan:.2f} x")


if __name__ == "__main__":
    main()
