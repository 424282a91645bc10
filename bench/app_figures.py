"""Issue 3 figures: time to the first question, and key press to rendered feedback.

First question: a fresh process that opens the store, loads the bank (from the cache, as a
second run of `quiz` does), makes a practice session over all its questions and draws the
first question, headless; the floor is a fresh process that starts a bare Textual app with one
line of text, headless too. Both exit once their first screen has been drawn and the app is
idle, so the ratio is what quiz adds to Textual's own start.

Key to feedback: in one process, on the practice screen of the large bank, the time from
pressing Enter on a picked choice until the feedback panel is mounted and the screen is idle
again (drawn); median of many answers.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import Any

from synthetic import write_bank
from textual import events
from timing import Absolute, Figure, interleaved, run_python

from quiz.paths import bundled_banks

_FIRST_QUESTION = """
import sys
from pathlib import Path
from quiz.cli.study_cmds import open_workspace
from quiz.tui.app import make_app

async def drawn(pilot):
    await pilot.pause()
    if not pilot.app.screen.query("#stem"):
        raise SystemExit("no question on screen")
    pilot.app.exit()

workspace = open_workspace((Path(sys.argv[1]),), "bench", Path(sys.argv[2]))  # as quiz does
make_app(workspace, start="practice", seed=1).run(headless=True, size=(100, 30),
                                                    auto_pilot=drawn)
"""

_BARE_TEXTUAL = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("Question 1 of 1")

async def drawn(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(100, 30), auto_pilot=drawn)
"""


def first_question_figures(work: Path, sizes: list[int], runs: int) -> list[Figure]:
    """First question shown, bundled bank and synthetic banks, ÷ a bare Textual app."""
    env = {"QUIZ_CACHE_DIR": str(work / "cache")}
    banks = {"bundled bank": bundled_banks()}
    for size in sizes:
        banks[f"{size:,} questions"] = write_bank(work / f"bank-{size}", size).parent
    figures = []
    for label, path in banks.items():
        db = work / f"first-{abs(hash(label))}.sqlite3"

        def app(path: Path = path, db: Path = db) -> None:
            run_python(["-c", _FIRST_QUESTION, str(path), str(db)], env)

        app()  # warm the catalog cache, as any second start finds it
        measured, floor = interleaved(runs, app, lambda: run_python(["-c", _BARE_TEXTUAL]))
        figures.append(Figure(f"first question shown, {label}", 3, measured, floor,
                              "a bare Textual app, headless", 1.5))
    return figures


def key_to_feedback(work: Path, questions: int, answers: int) -> list[Absolute]:
    """Median ms from Enter on a picked choice to the feedback panel mounted (quiz's own
    work), and to the next screen update drawn (adding Textual's 60 fps frame pacing)."""
    from quiz.tui.app import make_app
    from quiz.workspace import Workspace

    folder = write_bank(work / f"bank-{questions}", questions).parent
    workspace = Workspace.open([folder], "bench", work / "feedback.sqlite3")
    app = make_app(workspace, start="practice", seed=1)
    times: list[float] = []
    ready: list[float] = []

    async def drive() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            driver = app._driver
            assert driver is not None
            # a headless app renders each update and hands it to _display, which skips
            # writing it; the time of that hand-over is when a terminal would be drawn
            writes: list[float] = []
            display = app._display

            def timed_display(screen: Any, renderable: Any) -> None:
                if renderable is not None:
                    writes.append(time.perf_counter())
                display(screen, renderable)

            app._display = timed_display  # type: ignore[method-assign]
            for _ in range(answers):
                session = app.screen.session  # type: ignore[attr-defined]
                question = session.items[session.current].question
                # pick as many as the question asks for (two for most multiple choice)
                picks = len(question.correct_ids) if question.type.value == "multiple" else 1
                await pilot.press(*[str(i + 1) for i in range(picks)])
                # Enter goes in as the terminal driver would send it; the clock stops at the
                # first screen update written after the feedback panel exists
                enter = events.Key("enter", "\r")
                enter.set_sender(app)
                start = time.perf_counter()
                driver.send_message(enter)
                mounted = None
                while mounted is None or not writes or writes[-1] < mounted:
                    await asyncio.sleep(0)
                    if time.perf_counter() - start > 10:
                        raise RuntimeError("no feedback drawn within 10 s")
                    if mounted is None and app.screen.query("#feedback"):
                        mounted = time.perf_counter()
                times.append(writes[-1] - start)
                ready.append(mounted - start)
                await pilot.press("enter")  # on to the next question

    asyncio.run(drive())
    where = f"{questions:,} questions, median of {answers}"
    return [
        Absolute(f"key press to feedback mounted, {where}", 3,
                 statistics.median(ready) * 1000, 16.0),
        Absolute(f"key press to feedback drawn, {where}", 3,
                 statistics.median(times) * 1000, 16.0),
    ]
