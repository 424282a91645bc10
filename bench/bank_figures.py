"""Issue 2 figures: validating a large bank, and the cold start of commands that draw nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from synthetic import write_bank
from timing import Figure, interleaved, run_python, run_quiz

from quiz.paths import bundled_banks, bundled_scenarios

_RAW_PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def validate_figure(work: Path, questions: int, runs: int, target: float | None = 1.5
                    ) -> Figure:
    """`quiz validate` on a synthetic bank ÷ a raw CSafeLoader parse of the same files."""
    folder = work / f"bank-{questions}"
    write_bank(folder, questions)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    measured, floor = interleaved(
        runs,
        lambda: run_quiz(["validate", str(folder)], env),
        lambda: run_python(["-c", _RAW_PARSE, *files]),
    )
    return Figure(f"quiz validate, {questions:,} questions", 2, measured, floor,
                  "raw yaml.load (CSafeLoader) of the same files", target)


def write_starter(folder: Path, questions: int = 15, scenarios: int = 2) -> Path:
    """The starter bank issue 2 names: the lesson, the first ``questions`` questions of the
    bundled bank that set no scenario, and ``scenarios`` scenarios, in ``folder``."""
    banks = folder / "question_banks"
    banks.mkdir(parents=True, exist_ok=True)
    for lesson in bundled_banks().glob("*.lesson.yaml"):
        shutil.copy(lesson, banks / lesson.name)
    bank = yaml.safe_load(
        (bundled_banks() / "training-vs-inference.yaml").read_text(encoding="utf-8"))
    kept = [q for q in bank["questions"] if "scenario" not in q][:questions]
    bank["questions"] = kept
    bank.pop("generate", None)
    (banks / "starter.yaml").write_text(yaml.safe_dump(bank, sort_keys=False),
                                        encoding="utf-8")
    (folder / "scenarios").mkdir(exist_ok=True)
    for path in sorted(bundled_scenarios().glob("*.yaml"))[:scenarios]:
        shutil.copy(path, folder / "scenarios" / path.name)
    return banks


def cold_start_figures(work: Path, runs: int) -> list[Figure]:
    """`quiz --help`, `quiz validate` of the starter bank and of the bundled course, each
    ÷ `python -c "import yaml, click"`."""
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    starter = write_starter(work / "starter")
    floor_name = 'python -c "import yaml, click"'
    helps, validates, bundled, floor = interleaved(
        runs,
        lambda: run_quiz(["--help"], env),
        lambda: run_quiz(["validate", str(starter)], env),
        lambda: run_quiz(["validate"], env),
        lambda: run_python(["-c", "import yaml, click"]),
    )
    return [
        Figure("cold start: quiz --help", 2, helps, floor, floor_name, 1.3),
        Figure("cold start: quiz validate, starter bank (15 questions, 2 scenarios)", 2,
               validates, floor, floor_name, 1.3),
        Figure("cold start: quiz validate, the bundled course (96 written + 127 generated "
               "questions, 9 scenarios)", 2, bundled, floor, floor_name, None),
    ]
