"""App figures: the first question in a real terminal, and key press to feedback drawn.

First question: ``quiz practice BANK --seed 1`` launched through the installed console script
in a real pseudo-terminal (``pty_launch.py``), timed until the first question's stem is on
the terminal; the floor is a bare Textual app (one line of text) launched in the same kind of
terminal and timed until its text is there, with the cycle collector off and the switch
interval at 0.5 ms from its start, as quiz runs until its first frame (a setting that speeds
any Textual app's first frame, applied only to quiz, would flatter it, as the collector did
the validate figure before issue 16). Both processes are killed
once drawn. Variants: the catalog cache warm (any second start), cold (a new cache folder
every launch: the first start after an edit), and alternating between two bank sets sharing
one cache folder (an instructor switching courses). On a cold start the time until anything
at all is drawn is shown too: a blank terminal is what the learner sees until then.

Key to feedback: ``key_probe.py`` in rounds of fresh processes, quiz's round and the floor's
alternating with the order rotated; the floor mounts a panel as large as quiz's feedback
panel measured in a first, untimed round.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pty_launch import anything_drawn, squeeze, terminal_env, time_until, times_until
from realistic import write_course
from timing import Absolute, Figure, quiz_command, rotated

from quiz.paths import bundled_banks

BARE_TEXTUAL = """
import gc, sys
# as quiz runs until its first frame is on the terminal: same conditions
gc.disable()
sys.setswitchinterval(0.0005)

from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("Question 1 of 1")

Bare().run()
"""
BARE_NAME = "a bare Textual app, same terminal"
_BARE_TEXT = squeeze("Question 1 of 1")


def first_stem(folder: Path) -> str:
    """The start of the stem `quiz practice FOLDER --seed 1` shows first, without spaces."""
    from quiz.bank.load import load_catalog
    from quiz.engine.select import Filters, draw_practice

    catalog = load_catalog([folder])
    question = draw_practice(catalog.banks[0].questions, Filters(), 1)[0]
    return squeeze(question.stem)[:30]


class _Launcher:
    """Launches quiz or the bare app in a fresh terminal, with one store and cache folder."""

    def __init__(self, work: Path, name: str) -> None:
        self.work = work
        self.cache = work / f"cache-{name}"
        self.db = work / f"first-{name}.sqlite3"

    def env(self, cache: Path | None = None) -> dict[str, str]:
        return terminal_env({"QUIZ_CACHE_DIR": str(cache or self.cache),
                             "QUIZ_DB": str(self.db)})

    def quiz(self, folder: Path, stem: str, cache: Path | None = None) -> float:
        argv = [*quiz_command(), "practice", str(folder), "--seed", "1"]
        return time_until(argv, self.env(cache), lambda screen: stem in screen)

    def bare(self) -> float:
        return time_until([sys.executable, "-c", BARE_TEXTUAL], self.env(),
                          lambda screen: _BARE_TEXT in screen)


WARM_LAUNCHES_PER_RUN = 5
"""Launches per run for the warm first-question figures: with 7 each, the medians of
separate full runs ranged from 1.25 to 1.48 × for the same code (the bare app's own median
moved from 124 to 167 ms between runs); with 21 the spread was still 1.27–1.33 on a noisy
morning, so 35. A warm launch takes a fifth of a second."""


def first_question_figures(work: Path, sizes: list[int], runs: int,
                           cold: bool = True) -> list[Figure]:
    """Warm cache: the bundled bank (target 1.3), bundled-shaped banks of ``sizes`` (the
    10,000 one: 1.4; others curve). Cold cache and alternating sets at the largest size."""
    banks: dict[str, tuple[Path, float | None]] = {"bundled bank": (bundled_banks(), 1.3)}
    for size in sizes:
        banks[f"{size:,} questions"] = (write_course(work / f"app-{size}", size),
                                        1.4 if size == 10_000 else None)
    figures = []
    for label, (folder, target) in banks.items():
        launch = _Launcher(work, f"warm-{label.split()[0]}")
        stem = first_stem(folder)
        launch.quiz(folder, stem)  # fills the cache, as the first start did
        measured, floor = rotated(runs * WARM_LAUNCHES_PER_RUN,
                                  partial(launch.quiz, folder, stem), launch.bare)
        figures.append(Figure(f"first question drawn (pty), {label}, cache warm", "16.1",
                              measured, floor, BARE_NAME, target))
    if cold:
        figures += _cold_figures(work, max(sizes), runs)
        figures += _alternating_figures(work, max(sizes), runs)
    return figures


def _cold_figures(work: Path, size: int, runs: int) -> list[Figure]:
    """A new, empty cache folder for every launch: what the first start after an edit costs,
    until anything is drawn and until the question is."""
    folder = work / f"app-{size}" / "question_banks"
    stem = first_stem(folder)
    launch = _Launcher(work, "cold")
    seen: list[float] = []

    def cold() -> float:
        cache = Path(tempfile.mkdtemp(dir=work, prefix="cold-cache-"))
        argv = [*quiz_command(), "practice", str(folder), "--seed", "1"]
        first, drawn = times_until(argv, launch.env(cache),
                                   [anything_drawn, lambda screen: stem in screen])
        seen.append(first)
        return drawn

    stem_time, floor = rotated(runs, cold, launch.bare)
    first_time = statistics.median(seen)
    label = f"{size:,} questions, cache cold"
    return [
        Figure(f"first screen drawn (pty), {label}", "16.3", first_time, floor, BARE_NAME,
               1.4),
        Figure(f"first question drawn (pty), {label}", "16.3", stem_time, floor, BARE_NAME,
               None),
    ]


def _alternating_figures(work: Path, size: int, runs: int) -> list[Figure]:
    """Two bank sets of ``size`` questions in different folders, one cache folder: each
    launch opens the other set from the one before. What item 3 asks is that switching sets
    costs nothing over a warm start of one set (the cache holds both), so the floor of record
    is a warm start of one set, launched in turn with the same cache folder; the bare app is
    shown beside as a point on the curve."""
    folders = [work / f"app-{size}" / "question_banks",
               write_course(work / f"app-{size}-other", size)]
    stems = [first_stem(f) for f in folders]
    launch = _Launcher(work, "alternating")
    same = _Launcher(work, "alternating-same")
    for folder, stem in zip(folders, stems, strict=True):
        launch.quiz(folder, stem)  # both have been opened once before
    same.quiz(folders[0], stems[0])
    turn = itertools.cycle(range(2))

    def alternate() -> float:
        i = next(turn)
        return launch.quiz(folders[i], stems[i])

    # as many launches as the warm figures: with 7, one run in three measured 1.11
    measured, warm, floor = rotated(runs * WARM_LAUNCHES_PER_RUN, alternate,
                                    partial(same.quiz, folders[0], stems[0]), launch.bare)
    name = f"first question drawn (pty), two {size:,}-question sets alternating"
    return [
        Figure(name, "16.3", measured, warm,
               f"one {size:,}-question set launched warm, in turn", 1.1),
        Figure(f"{name}, beside a bare app", "16.3", measured, floor, BARE_NAME, None),
    ]


def _probe(args: list[str], env: dict[str, str]) -> dict[str, list[float]]:
    script = Path(__file__).parent / "key_probe.py"
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True,
                          env=env, check=False, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"key_probe {args[0]}: {done.stderr[-800:]}")
    result: dict[str, list[float]] = json.loads(done.stdout)
    return result


def key_to_feedback(work: Path, questions: int, answers: int, runs: int) -> list[Figure | Absolute]:
    """Median ms from Enter to the feedback drawn ÷ a bare app mounting a panel as large,
    and the same against one frame at 60 Hz; the mounted time (quiz's own work) beside."""
    folder = work / f"app-{questions}" / "question_banks"
    if not folder.exists():
        write_course(folder.parent, questions)
    env = {**os.environ, "QUIZ_CACHE_DIR": str(work / "cache-keys")}
    db = str(work / "keys.sqlite3")
    calibration = _probe(["quiz", str(folder), db, str(min(answers, 10))], env)
    width, height = (int(v) for v in calibration["panel"])
    rounds: dict[str, list[dict[str, list[float]]]] = {"quiz": [], "bare": []}
    actions: list[Callable[[], float]] = [
        lambda: _record(rounds["quiz"], _probe(["quiz", str(folder), db, str(answers)], env)),
        lambda: _record(rounds["bare"], _probe(["bare", str(width), str(height), str(answers)],
                                               env)),
    ]
    rotated(runs, *actions)

    def median(kind: str, what: str) -> float:
        return statistics.median(statistics.median(r[what]) for r in rounds[kind])

    drawn, floor = median("quiz", "drawn"), median("bare", "drawn")
    where = f"{questions:,} questions, {answers} answers × {len(rounds['quiz'])} rounds"
    panel = f"a bare Textual app mounting a {width}×{height} panel"
    return [
        Figure(f"key press to feedback drawn, {where}", "16.1", drawn / 1000, floor / 1000,
               panel, 1.5),
        Absolute(f"key press to feedback drawn, {where}, against one frame at 60 Hz", "16.1",
                 drawn, 16.0),
        Absolute(f"key press to feedback mounted (quiz's own work, before drawing), {where}",
                 "16.1", median("quiz", "mounted"), None),
        # the feedback may be drawn a frame before the rest the key changes (footer, status):
        # the whole screen settled, against the floor's (its panel is all it changes)
        Figure(f"key press to the screen settled (footer and status too), {where}", "16.1",
               median("quiz", "settled") / 1000, median("bare", "settled") / 1000, panel,
               None),
        # CPU time (process_time) to the same drawn update: load on a shared machine
        # stretches the wall figure above much more than it does this one
        Figure(f"key press to feedback drawn, CPU time, {where}", "16.1",
               median("quiz", "cpu") / 1000, median("bare", "cpu") / 1000, panel, 1.5),
    ]


def _record(into: list[dict[str, list[float]]], result: dict[str, list[float]]) -> float:
    into.append(result)
    return statistics.median(result["drawn"])
