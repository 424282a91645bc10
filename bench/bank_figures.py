"""Issue 2 figures: validating a large bank, and the cold start of commands that draw nothing."""

from __future__ import annotations

from pathlib import Path

from synthetic import write_bank
from timing import Figure, interleaved, run_python

from quiz.paths import bundled_banks

_RAW_PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def validate_figure(work: Path, questions: int, runs: int) -> Figure:
    """`quiz validate` on a synthetic bank ÷ a raw CSafeLoader parse of the same files."""
    folder = work / f"bank-{questions}"
    write_bank(folder, questions)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    measured, floor = interleaved(
        runs,
        lambda: run_python(["-m", "quiz", "validate", str(folder)], env),
        lambda: run_python(["-c", _RAW_PARSE, *files]),
    )
    return Figure(f"quiz validate, {questions:,} questions", 2, measured, floor,
                  "raw yaml.load (CSafeLoader) of the same files", 1.5)


def cold_start_figures(work: Path, runs: int) -> list[Figure]:
    """`quiz --help` and `quiz validate` (starter bank) ÷ `python -c "import yaml, click"`."""
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    floor_name = 'python -c "import yaml, click"'
    helps, validates, floor = interleaved(
        runs,
        lambda: run_python(["-m", "quiz", "--help"], env),
        lambda: run_python(["-m", "quiz", "validate", str(bundled_banks())], env),
        lambda: run_python(["-c", "import yaml, click"]),
    )
    return [
        Figure("cold start: quiz --help", 2, helps, floor, floor_name, 1.3),
        Figure("cold start: quiz validate (bundled bank)", 2, validates, floor, floor_name, 1.3),
    ]
