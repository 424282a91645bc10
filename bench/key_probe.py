"""One round of the key-to-feedback figure, in its own process; prints JSON.

    python bench/key_probe.py quiz BANK_FOLDER DB ANSWERS
    python bench/key_probe.py bare WIDTH HEIGHT ANSWERS

``quiz``: the practice screen over the bank; for each of ANSWERS questions the choices are
picked, Enter is sent as the terminal driver sends it, and the clock stops at the first screen
update written after the feedback panel exists (the headless driver hands each rendered
update to ``App._display``; a terminal would be written then). The panel's size is reported,
so that the floor can mount one as large. A matching item is answered prompt by prompt ("1"
for each), so that every kind of question in the bank reaches its feedback.

``bare``: the floor. A bare Textual app with one line of text in a scrolling area; Enter
mounts a panel (one ``Static``) of WIDTH × HEIGHT cells of text into that area and the clock
stops the same way; the next Enter removes it, as quiz goes on to the next question.

Both sides find the panel the same way: the scrolling area (``#area`` in both apps) is looked
up once, and each turn of the event loop checks only that area's children for the panel's id.
(Polling ``query`` over the whole screen, as before, cost quiz's deeper screen 0.6 ms per
answer against the floor's 0.2 ms: the probe's own work, not the app's.) Each answer's CPU
time (``time.process_time``) to the same drawn update is reported beside the wall time: a
shared machine's load disturbs it less. So is the time to the last update the key caused
(``settled``: quiz may draw the feedback first and the footer and status a frame later).
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static

SIZE = (100, 30)


async def _answer(app: App[Any], pilot: Pilot[Any], pick: Callable[[], Awaitable[None]],
                  panel_id: str, answers: int,
                  drawn: Callable[[], None] = lambda: None,
                  ) -> list[tuple[float, float, float, float]]:
    """(ms to the panel mounted, ms to the next update drawn, CPU ms to that update, ms to the
    last update the key caused) for each answer; ``drawn`` is called once the panel is on
    screen (off the clock of the first three)."""
    writes: list[float] = []
    cpu: list[float] = []
    display = app._display
    area = app.screen.query_one("#area")  # once: the same cheap check on both sides

    def mounted() -> bool:
        return any(child.id == panel_id for child in area.children)

    def timed_display(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            writes.append(time.perf_counter())
            cpu.append(time.process_time())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    driver = app._driver
    assert driver is not None
    out = []
    for _ in range(answers):
        await pick()
        await pilot.pause()
        enter = events.Key("enter", "\r")
        enter.set_sender(app)
        start, cpu_start = time.perf_counter(), time.process_time()
        driver.send_message(enter)
        at: float | None = None
        while at is None or not writes or writes[-1] < at:
            await asyncio.sleep(0)
            if time.perf_counter() - start > 10:
                raise RuntimeError("no panel drawn within 10 s")
            if at is None and mounted():
                at = time.perf_counter()
        first = ((at - start) * 1000, (writes[-1] - start) * 1000, (cpu[-1] - cpu_start) * 1000)
        drawn()
        await pilot.pause()  # whatever the key still changes (footer, status) is drawn too
        out.append((*first, (writes[-1] - start) * 1000))
        await pilot.press("enter")  # on to the next question / remove the panel
        await pilot.pause()
    return out


def probe_quiz(folder: str, db: str, answers: int) -> dict[str, Any]:
    from quiz.cli.study_cmds import open_workspace
    from quiz.tui.app import make_app

    workspace = open_workspace((Path(folder),), "bench", Path(db))  # as quiz does
    app = make_app(workspace, start="practice", seed=1)
    sizes: list[tuple[int, int]] = []
    result: list[tuple[float, float, float, float]] = []

    async def drive() -> None:
        async with app.run_test(size=SIZE) as pilot:
            async def pick() -> None:
                session = app.screen.session  # type: ignore[attr-defined]
                item = session.items[session.current]
                kind = item.question.type.value
                if kind == "matching":  # each prompt its first category, then the next
                    keys = ["1"] * len(item.prompts)
                else:
                    picks = len(item.question.correct_ids) if kind == "multiple" else 1
                    keys = [str(i + 1) for i in range(picks)]
                await pilot.press(*keys)

            def measure() -> None:
                size = app.screen.query_one("#feedback").outer_size
                sizes.append((size.width, size.height))

            result.extend(await _answer(app, pilot, pick, "feedback", answers, measure))

    asyncio.run(drive())
    widths = [w for w, _ in sizes]
    heights = [h for _, h in sizes]
    return {**_columns(result),
            "panel": [int(statistics.median(widths)), int(statistics.median(heights))]}


def _columns(result: list[tuple[float, float, float, float]]) -> dict[str, list[float]]:
    return {"mounted": [r[0] for r in result], "drawn": [r[1] for r in result],
            "cpu": [r[2] for r in result], "settled": [r[3] for r in result]}


class _Bare(App[None]):
    """A bare app: one line in a scrolling area; Enter mounts or removes the panel."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.panel_size = (width, height)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="area"):
            yield Static("Question 1 of 1")

    async def on_key(self, event: events.Key) -> None:
        if event.key != "enter":
            return
        found = self.query("#panel")
        if found:
            await found.remove()
            return
        width, height = self.panel_size
        line = ("The panel's text, as long as a line of feedback is. " * 4)[: max(1, width - 2)]
        panel = Static("\n".join([line] * height), id="panel")
        panel.styles.width = width
        panel.styles.height = height
        await self.query_one("#area").mount(panel)


def probe_bare(width: int, height: int, answers: int) -> dict[str, Any]:
    app = _Bare(width, height)
    result: list[tuple[float, float, float, float]] = []

    async def drive() -> None:
        async with app.run_test(size=SIZE) as pilot:
            async def pick() -> None:
                await pilot.press("1")  # a key press, as quiz's pick is

            result.extend(await _answer(app, pilot, pick, "panel", answers))

    asyncio.run(drive())
    return {**_columns(result), "panel": [width, height]}


def main() -> None:
    # quiz's CLI freezes the catalog out of the collector's sight; the floor gets the same
    gc.freeze()
    kind, *args = sys.argv[1:]
    if kind == "quiz":
        out = probe_quiz(args[0], args[1], int(args[2]))
    else:
        out = probe_bare(int(args[0]), int(args[1]), int(args[2]))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
