"""Timing helpers for the benchmarks: medians of repeated runs, subprocess and in-process."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One benchmark figure: a measurement, its floor measured in the same run, a target."""

    name: str
    issue: int
    measured: float
    floor: float
    floor_name: str
    target: float | None
    """None for a point on a scale curve that the issue sets no target for."""
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.measured / self.floor if self.floor else float("inf")

    def as_curve_point(self) -> Figure:
        """This figure as a point on a scale curve (no target of its own)."""
        return replace(self, target=None)

    @property
    def ok(self) -> bool:
        return self.target is None or self.ratio <= self.target


@dataclass(frozen=True)
class Absolute:
    """A figure with an absolute target (e.g. 16 ms per key press)."""

    name: str
    issue: int
    measured: float
    target: float
    unit: str = "ms"

    @property
    def ok(self) -> bool:
        return self.measured <= self.target


def median_of(runs: int, action: Callable[[], object]) -> float:
    """Median wall time of ``runs`` calls of ``action``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_python(args: Sequence[str], env: dict[str, str] | None = None,
               ok: Sequence[int] = (0,)) -> None:
    """Run ``python ARGS`` with this interpreter; fail loudly on an exit code not in ``ok``."""
    merged = {**os.environ, **(env or {})}
    done = subprocess.run([sys.executable, *args], capture_output=True, env=merged, check=False)
    if done.returncode not in ok:
        raise RuntimeError(f"{args} exited {done.returncode}: {done.stderr.decode()[-500:]}")


def run_quiz(args: Sequence[str], env: dict[str, str] | None = None,
             ok: Sequence[int] = (0,)) -> None:
    """Run the installed ``quiz`` command, as a user does (``python -m quiz`` would add the
    cost of runpy, which the console script does not pay), with this environment's Python."""
    script = Path(sys.executable).parent / "quiz"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "quiz"]
    merged = {**os.environ, **(env or {})}
    done = subprocess.run([*command, *args], capture_output=True, env=merged, check=False)
    if done.returncode not in ok:
        raise RuntimeError(f"quiz {args} exited {done.returncode}: {done.stderr.decode()[-500:]}")


def interleaved(runs: int, *actions: Callable[[], object]) -> list[float]:
    """Medians of several actions timed in turn, so drifts in machine load hit all alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for i, action in enumerate(actions):
            start = time.perf_counter()
            action()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]
