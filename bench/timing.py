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
    issue: int | str
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
    issue: int | str
    measured: float
    target: float | None
    """None for a figure shown for scale, with no target of its own."""
    unit: str = "ms"

    @property
    def ok(self) -> bool:
        return self.target is None or self.measured <= self.target


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
    command = quiz_command()
    merged = {**os.environ, **(env or {})}
    done = subprocess.run([*command, *args], capture_output=True, env=merged, check=False)
    if done.returncode not in ok:
        raise RuntimeError(f"quiz {args} exited {done.returncode}: {done.stderr.decode()[-500:]}")


MIN_RUNS = 5
"""Every figure is the median of at least this many runs of it and of its floor."""


def interleaved(runs: int, *actions: Callable[[], object]) -> list[float]:
    """Medians of several actions timed in turn (measure, floor, measure, floor...), the
    order rotated each run, so that drifts in machine load, and whatever one action leaves
    warm for the next, fall on all of them alike. At least ``MIN_RUNS`` runs."""
    return [statistics.median(t) for t in interleaved_samples(runs, *actions)]


def interleaved_samples(runs: int, *actions: Callable[[], object]) -> list[list[float]]:
    """Every time of every action, timed as ``interleaved`` times them."""
    times: list[list[float]] = [[] for _ in actions]
    for run in range(max(runs, MIN_RUNS)):
        for step in range(len(actions)):
            i = (run + step) % len(actions)
            start = time.perf_counter()
            actions[i]()
            times[i].append(time.perf_counter() - start)
    return times


def rotated(runs: int, *actions: Callable[[], float]) -> list[float]:
    """Like ``interleaved``, for actions that measure themselves and return a number (a time
    taken inside a child process, a peak memory): medians of what they return."""
    values: list[list[float]] = [[] for _ in actions]
    for run in range(max(runs, MIN_RUNS)):
        for step in range(len(actions)):
            i = (run + step) % len(actions)
            values[i].append(actions[i]())
    return [statistics.median(v) for v in values]


_PEAK = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execv(sys.argv[1], sys.argv[1:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "print(usage.ru_maxrss)\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def peak_rss_mb(command: Sequence[str], env: dict[str, str] | None = None,
                ok: Sequence[int] = (0,)) -> float:
    """Run ``command`` and return its peak resident memory in MB.

    The peak comes from ``wait4``'s accounting of the command's own process. It is forked
    from a small launcher process, not from this one: the kernel's high-water mark survives
    ``exec``, so a command forked straight from the bench (which holds whole catalogs)
    would report the bench's size.
    """
    merged = {**os.environ, **(env or {})}
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], env=merged,
                          capture_output=True, check=False)
    if done.returncode not in ok:
        raise RuntimeError(f"{command} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return int(done.stdout.split()[-1]) / 1024  # kilobytes on Linux


def quiz_command() -> list[str]:
    """The installed ``quiz`` console script of this environment (``python -m quiz`` if
    there is none)."""
    script = Path(sys.executable).parent / "quiz"
    return [str(script)] if script.exists() else [sys.executable, "-m", "quiz"]
