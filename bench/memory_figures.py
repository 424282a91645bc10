"""Memory figures: peak resident memory of `quiz validate` on bundled-shaped banks.

Peak RSS is read from the kernel's accounting of each child process (``wait4``), so it covers
everything the process held at its worst moment: Python objects, the YAML parser's buffers,
the interpreter itself. Targets (issue 16, item 4): at most 120 MB at 10,000 questions, and
growing no faster than the bank: the peak at ten times the questions at most ten times the
peak (the second figure's floor is the first figure's measurement). The interpreter with
yaml and click imported is shown for scale.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from realistic import write_course
from timing import Absolute, Figure, peak_rss_mb, quiz_command, rotated


def memory_figures(work: Path, sizes: list[int], runs: int) -> list[Figure | Absolute]:
    """Peak RSS of `quiz validate` at each size (the first is the target's 10,000)."""
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    folders = []
    for size in sizes:
        folder = work / f"real-{size}" / "question_banks"
        if not folder.exists():
            write_course(folder.parent, size)
        folders.append(folder)
    actions: list[Callable[[], float]] = [
        partial(peak_rss_mb, [*quiz_command(), "validate", str(f)], env) for f in folders]
    actions.append(partial(peak_rss_mb, [sys.executable, "-c", "import yaml, click"]))
    *peaks, base = rotated(max(3, runs // 2), *actions)
    rows: list[Figure | Absolute] = [
        Absolute("peak RSS, python -c 'import yaml, click' (for scale)", "16.4", base, None,
                 "MB"),
    ]
    for size, peak in zip(sizes, peaks, strict=True):
        rows.append(Absolute(f"peak RSS, quiz validate, {size:,} bundled-shaped questions",
                             "16.4", peak, 120.0 if size == sizes[0] else None, "MB"))
    for size, peak in zip(sizes[1:], peaks[1:], strict=True):
        growth = size / sizes[0]
        per_question = (peak - peaks[0]) * 1024 / (size - sizes[0])
        rows.append(Figure(f"peak RSS growth, {sizes[0]:,} → {size:,} questions "
                           f"({per_question:.1f} kB per added question)", "16.4", peak,
                           peaks[0], f"peak RSS at {sizes[0]:,}", growth, unit="MB"))
    return rows
