"""Measure lint against validation on a 10,000-question bank (run by hand, not by pytest).

    .venv/bin/python tests/authoring/measure_lint.py [QUESTIONS]

Prints the median time of `load` (what `quiz validate` does) and of `lint_paths` (load plus
every rule), interleaved so both see the same machine state, and their ratio; also the rules
alone, and the near-duplicate search alone on the benchmarks' templated bank, whose stems are
all alike (the worst case for it).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from quiz.bank.load import load
from quiz.lint import lint_catalog, lint_paths
from quiz.lint.duplicates import near_duplicates
from tests.authoring.synthetic_bank import write_bank


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    questions = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = 3
    with tempfile.TemporaryDirectory() as work:
        bank = write_bank(Path(work) / "varied", questions)
        validate, lint = [], []
        for _ in range(runs):
            validate.append(_time(lambda: load([bank])))
            lint.append(_time(lambda: lint_paths([bank])))
        catalog = load([bank]).catalog
        rules = statistics.median(_time(lambda: lint_catalog(catalog)) for _ in range(runs))
        warnings = lint_catalog(catalog)
        v, li = statistics.median(validate), statistics.median(lint)
        print(f"{questions} questions, {bank.stat().st_size / 1e6:.1f} MB")
        print(f"validate (load)   {v:6.2f} s")
        print(f"lint (load+rules) {li:6.2f} s   ratio {li / v:.2f} x validate (floor: < 2)")
        print(f"rules alone       {rules:6.2f} s   {rules / v:.2f} x validate")
        by_rule: dict[str, int] = {}
        for w in warnings:
            by_rule[w.rule or "?"] = by_rule.get(w.rule or "?", 0) + 1
        print("warnings:", dict(sorted(by_rule.items())))
        from bench.synthetic import write_bank as templated

        same = load([templated(Path(work) / "templated", questions)]).catalog
        stems = [q.stem for q in same.questions()]
        alike = statistics.median(_time(lambda: near_duplicates(stems)) for _ in range(runs))
        print(f"near-duplicates on {len(stems)} templated stems: {alike:.2f} s, "
              f"{len(near_duplicates(stems))} pairs")


if __name__ == "__main__":
    main()
