"""`quiz validate` runs in bounded memory: at most 120 MB at 10,000 questions, growing slowly.

Before the loader streamed a bank's questions (issue 16, item 4) the whole node tree of a file
and then all of its records were alive at once: 258-300 MB at 10,000 questions in one file,
9-17 kB more for each added question. The banks are the bench's (bench/realistic.py): the
bundled bank's own questions repeated, with per-choice feedback, in one file, as the bench
measures them.

Peak resident memory comes from the kernel's accounting of the validating process (wait4).
It runs under a small launcher process, not forked from pytest: the high-water mark survives
``exec``, so a child forked from this process would start at pytest's own size.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.realistic import write_course

pytestmark = pytest.mark.slow

PEAK_MB_AT_10K = 120
KB_PER_QUESTION = 6
"""Most the peak may grow for each question added between 1,000 and 10,000 (measured: about
4.8 kB, of which the file's own bytes are 1.3 kB and the catalog's questions 2.9 kB)."""

_LAUNCHER = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    out = os.open(os.devnull, os.O_WRONLY)\n"
    "    os.dup2(out, 1)\n"
    "    os.execv(sys.argv[1], sys.argv[1:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
)


def _quiz() -> list[str]:
    script = Path(sys.executable).parent / "quiz"
    return [str(script)] if script.exists() else [sys.executable, "-m", "quiz"]


def _peak_mb(folder: Path) -> float:
    """Peak RSS of `quiz validate FOLDER`, which must find no errors."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *_quiz(), "validate", str(folder)],
                          capture_output=True, text=True, check=True, env=dict(os.environ))
    kilobytes, code = done.stdout.split()
    assert code == "0", done.stderr
    return int(kilobytes) / 1024


@pytest.fixture(scope="module")
def courses(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("memory")
    return {n: write_course(root / f"real-{n}", n) for n in (1_000, 10_000)}


def test_the_bench_bank_is_what_it_claims(courses: dict[int, Path]) -> None:
    """10,000 questions in one file, valid: the measurement is of a full, clean run."""
    folder = courses[10_000]
    assert sorted(p.name for p in folder.glob("*.yaml")) == [
        "real.yaml", "training-vs-inference.lesson.yaml"]
    done = subprocess.run([*_quiz(), "validate", str(folder)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert " 10000 question(s)" in done.stdout and done.stdout.rstrip().endswith("no errors")


def test_validating_10000_questions_peaks_under_120_mb(courses: dict[int, Path]) -> None:
    peak = _peak_mb(courses[10_000])
    assert peak <= PEAK_MB_AT_10K, f"peak RSS {peak:.1f} MB at 10,000 questions"


def test_the_peak_grows_slower_than_the_bank(courses: dict[int, Path]) -> None:
    small, large = _peak_mb(courses[1_000]), _peak_mb(courses[10_000])
    per_question_kb = (large - small) * 1024 / 9_000
    assert per_question_kb <= KB_PER_QUESTION, (
        f"{small:.1f} MB at 1,000, {large:.1f} MB at 10,000: {per_question_kb:.1f} kB a question")
    assert large <= 10 * small
