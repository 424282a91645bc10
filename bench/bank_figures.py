"""Validation figures: `quiz validate` ÷ a parse of the same bytes under the same conditions.

The floor is PyYAML's C loader (``yaml.load(text, Loader=yaml.CSafeLoader)``) of exactly the
files quiz reads (found by quiz's own discovery: banks, lesson, scenarios), each read and
decoded as quiz reads it, in a fresh process, with the cycle collector switched off and the
interpreter's objects frozen first (``gc.disable()``, ``gc.freeze()``), as quiz runs its load.
A floor that leaves the collector on spends 40–60 % of its time in it and flatters quiz.

Beside it, rapidyaml's parse of the same bytes (``ryml.parse_in_arena``) is the physical
floor: a C++ parser building its own tree, no Python object per value. It is optional
(``pip install rapidyaml``); without it the row says so.

Banks: the bundled bank's own questions repeated (``realistic.py``), as one file of 10,000
and as 1,000 files of 10; the synthetic bank (``synthetic.py``) as a point of comparison.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import partial
from pathlib import Path

from realistic import write_course
from synthetic import write_bank
from timing import Figure, interleaved, run_python, run_quiz

from quiz.bank.discover import discover

PYYAML_FLOOR = (
    "import gc, sys\n"
    "gc.disable(); gc.freeze()\n"
    "import yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        yaml.load(f.read().decode('utf-8'), Loader=yaml.CSafeLoader)\n"
)
PYYAML_NAME = "yaml.load, CSafeLoader, gc off + frozen, same files"

RYML_FLOOR = (
    "import gc, sys\n"
    "gc.disable(); gc.freeze()\n"
    "import ryml\n"
    "tree = ryml.Tree()\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        tree.clear(); tree.clear_arena()\n"
    "        ryml.parse_in_arena(f.read(), tree=tree)\n"
)
RYML_NAME = "rapidyaml parse_in_arena, same files"


def has_ryml() -> bool:
    return importlib.util.find_spec("ryml") is not None


def files_read(folder: Path) -> list[str]:
    """The files `quiz validate FOLDER` reads, in its order."""
    files, problems = discover([str(folder)])
    if problems:
        raise RuntimeError(f"bench bank {folder}: {problems}")
    return files


def validate_figures(folder: Path, label: str, runs: int, target: float | None,
                     env: dict[str, str]) -> list[Figure]:
    """`quiz validate FOLDER` ÷ the PyYAML floor, and ÷ rapidyaml's parse beside it."""
    files = files_read(folder)
    actions = [
        lambda: run_quiz(["validate", str(folder)], env),
        lambda: run_python(["-c", PYYAML_FLOOR, *files]),
    ]
    ryml = has_ryml()
    if ryml:
        actions.append(lambda: run_python(["-c", RYML_FLOOR, *files]))
    measured, pyyaml, *rest = interleaved(runs, *actions)
    figures = [Figure(f"quiz validate, {label}", "16.1", measured, pyyaml, PYYAML_NAME, target)]
    if rest:
        figures.append(Figure(f"quiz validate, {label}, beside the physical floor", "16.5",
                              measured, rest[0], RYML_NAME, None))
    else:
        figures.append(Figure(f"quiz validate, {label}: rapidyaml not installed", "16.5",
                              measured, 0.0, "rapidyaml not installed", None))
    return figures


def bank_figures(work: Path, size: int, runs: int, curve: list[int]) -> list[Figure]:
    """Validation of bundled-shaped banks (one file; 1,000 files of 10) and the synthetic
    bank, at ``size`` questions (the target) and at the ``curve`` sizes (no target)."""
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    figures: list[Figure] = []
    for n in [*curve, size]:
        target = 1.1 if n == size else None
        one = write_course(work / f"real-{n}", n)
        figures += validate_figures(one, f"{n:,} bundled-shaped questions, "
                                    f"{'one file' if n <= 10_000 else f'{n // 10_000} files'}",
                                    runs, target, env)
    small = write_course(work / f"real-{size}-small", size, per_file=10)
    figures += validate_figures(small, f"{size:,} bundled-shaped questions, "
                                f"{size // 10:,} files of 10", runs, 1.1, env)
    synthetic = write_bank(work / f"bank-{size}", size).parent
    figures += validate_figures(synthetic, f"{size:,} synthetic questions", runs, None, env)[:1]
    return figures


EXIT_FROZEN = "import atexit, gc; atexit.register(gc.freeze); "
"""What quiz's ``main()`` does first: the interpreter's collections at exit find nothing to
walk. The floors do the same, so that skipping them is not counted as quiz's gain."""
CLICK_HELD = "gc.disable(); import click; gc.freeze(); gc.enable(); "
"""How quiz's console script loads click (``quiz/cli/entry.py``): with the collector held,
what it made frozen, the collector given back. The floors load it the same way."""
EXIT_FROZEN_NAME = ", click loaded with the collector held, frozen at exit, as quiz does"


STARTUP_LAUNCHES_PER_RUN = 9
"""Launches per run for the start-up figures: a launch takes 30–50 ms, and on this machine
one in ten is 15 % slower than the median, so with 21 launches each the same code measured
1.27–1.35 × its floor across runs of one morning; 80 launches each gave 1.28. With 63 the
spread is about a hundredth, for a quarter of a minute."""


def cold_start_figures(runs: int, work: Path) -> list[Figure]:
    """`quiz --help` ÷ `python -c "import click"` (all --help loads); `quiz validate` of a
    starter bank (15 questions, 2 scenarios, the lesson) ÷ `python -c "import yaml, click"`;
    the whole bundled course as a curve point against the same."""
    from starter import write_starter

    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    starter = write_starter(work / "starter")
    helps, click_floor, validates, bundled, yaml_floor = interleaved(
        runs * STARTUP_LAUNCHES_PER_RUN,
        lambda: run_quiz(["--help"], env),
        lambda: run_python(["-c", EXIT_FROZEN + CLICK_HELD]),
        lambda: run_quiz(["validate", str(starter)], env),
        lambda: run_quiz(["validate"], env),
        lambda: run_python(["-c", EXIT_FROZEN + CLICK_HELD + "import yaml"]),
    )
    both = 'python -c "import yaml, click"' + EXIT_FROZEN_NAME
    return [
        Figure("cold start: quiz --help", "16.1", helps, click_floor,
               'python -c "import click"' + EXIT_FROZEN_NAME, 1.3),
        Figure("cold start: quiz validate, starter bank (15 questions, 2 scenarios)", "16.1",
               validates, yaml_floor, both, 1.3),
        Figure("cold start: quiz validate, the bundled course", "16.1", bundled, yaml_floor,
               both, None),
    ]


def fastpath_figures(work: Path, size: int, runs: int) -> list[Figure]:
    """Item 5's prototype (``ryml_fastpath.py``, bench only) ÷ rapidyaml's parse, beside
    `quiz validate` ÷ the same, on the one-file and the 1,000-file bank."""
    if not has_ryml():
        return [Figure("rapidyaml fast path: rapidyaml not installed", "16.5", 0.0, 0.0,
                       "rapidyaml not installed", None)]
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    script = str(Path(__file__).parent / "ryml_fastpath.py")
    figures = []
    for folder, label in ((write_course(work / f"real-{size}", size), "one file"),
                          (write_course(work / f"real-{size}-small", size, per_file=10),
                           f"{size // 10:,} files of 10")):
        files = files_read(folder)
        fast, quiz, ryml = interleaved(
            runs,
            partial(run_python, [script, str(folder)]),
            partial(run_quiz, ["validate", str(folder)], env),
            partial(run_python, ["-c", RYML_FLOOR, *files]),
        )
        where = f"{size:,} bundled-shaped questions, {label}"
        figures.append(Figure(f"prototype: rapidyaml fast path, {where}", "16.5", fast, ryml,
                              RYML_NAME, 3.0))
        figures.append(Figure(f"prototype: rapidyaml fast path ÷ quiz validate, {where}",
                              "16.5", fast, quiz, "quiz validate, same files", None))
    return figures


if __name__ == "__main__":
    sys.exit("run bench/run.py --only bank")
