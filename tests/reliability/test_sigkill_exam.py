"""The real app, killed with SIGKILL in the middle of an exam, loses nothing the learner saw.

`quiz exam` runs as a learner runs it, on a pseudo-terminal. The test types answers (one of
them changed before it settled, one left without Enter), flags a question, moves on, waits
for the app's periodic save of the time used, and kills the process: no handler, no
`finally`, no flush can run. Then the store must hold every answer as typed, the flag, the
position and a time used between what the app last saved and the wall time it ran; the
exam must be resumable from the right question with the right time left; and the real
`quiz exam --resume` must show that question and a countdown.
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.engine.select import Item
from quiz.engine.session import Status
from quiz.model import QuestionType
from quiz.workspace import Workspace
from tests.reliability.pty_terminal import PtyProcess

SEED = 7
LEARNER = "ana"
COLUMNS, LINES = 100, 30
SAVE_EVERY_SECONDS = 15.0
"""quiz.tui.app.SAVE_EVERY_SECONDS, restated: importing the app module would load Textual."""
ANSWERED = 6
"""Questions answered before the kill (positions 0–5); position 5 without Enter."""
FLAGGED = 2
KILLED_AT = 6
"""The position shown when the process dies (reached with `n`, left unanswered)."""


@dataclass(frozen=True)
class Step:
    """The keys typed on one question and the answer they leave."""

    keys: tuple[str, ...]
    answer: tuple[str, ...]


def plan(item: Item, position: int) -> Step:
    """Keys that change their mind once, then settle on an answer that depends on
    ``position`` (so that answers differ from question to question)."""
    ids = list(item.order)
    n = len(ids)
    kind = item.question.type
    if kind is QuestionType.ORDERING:
        # select step 1, move it down, back up, down again: steps 1 and 2 swapped
        return Step(("1", "]", "[", "]"), (ids[1], ids[0], *ids[2:]))
    if kind is QuestionType.MATCHING:
        # a category number per prompt (each moves on to the next prompt), varied by position
        categories = [c.id for c in item.question.categories]
        picks = [(position + k) % len(categories) for k in range(len(item.prompts))]
        return Step(tuple(str(i + 1) for i in picks),
                    tuple(f"{p.id}={categories[i]}" for p, i in zip(item.prompts, picks,
                                                                     strict=True)))
    if kind is QuestionType.MULTIPLE:
        wanted = sorted({(position + j) % n for j in range(len(item.question.correct_ids))})
        extra = next(i for i in range(n) if i not in wanted)
        keys = (str(extra + 1), *(str(i + 1) for i in wanted), str(extra + 1))
        return Step(keys, tuple(ids[i] for i in wanted))
    final = position % n
    other = (final + 1) % n
    return Step((str(other + 1), str(final + 1)), (ids[final],))


def _row(db: Path) -> tuple[str, int, float, str | None]:
    """The exam's (status, current, elapsed, ended_at) as another process sees it now."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        found = conn.execute("SELECT status, current, elapsed, ended_at FROM sessions"
                             " WHERE mode = 'exam' ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    assert found is not None, "the exam was never written to the store"
    return found[0], found[1], found[2], found[3]


START = "Press Enter to start the exam"


def _wait_for_saved_elapsed(db: Path, above: float, app: PtyProcess, timeout: float) -> float:
    """Poll the store until the running app has written a time used above ``above``."""
    # a hang guard (three save periods): only an app that stops saving fails
    deadline = time.monotonic() + timeout
    while True:
        elapsed = _row(db)[2]
        if elapsed > above:
            return elapsed
        assert app.process.poll() is None, "the app died before its periodic save"
        assert time.monotonic() < deadline, (
            f"no periodic save of the time used within {timeout:.0f}s (still {elapsed}); "
            f"the app promises one every {SAVE_EVERY_SECONDS:.0f}s")
        time.sleep(0.2)


def _clock_seconds(shown: str) -> int:
    match = re.search(r"time left (?:(\d+):)?(\d+):(\d\d)", shown)
    assert match, f"no countdown on the screen:\n{shown}"
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _mark(kind: QuestionType, index: int) -> str:
    """How the choice list draws a picked row (number ``index`` + 1)."""
    box = "[x]" if kind is QuestionType.MULTIPLE else "(•)"
    return f"{box} {index + 1:>2}"


@pytest.mark.slow
def test_sigkill_mid_exam_keeps_answers_flags_place_and_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    db = tmp_path / "p.sqlite3"
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(cache))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "unused.sqlite3"))
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")}
    env.update(QUIZ_CACHE_DIR=str(cache), TERM="xterm-256color", PYTHONUNBUFFERED="1")
    common = ["--learner", LEARNER, "--db", str(db)]

    # The same exam the app will draw (same banks, same seed), made in memory
    expected = Workspace.open(learner="planner", record=False).exam(seed=SEED)
    items = expected.items
    total = len(items)
    assert total > KILLED_AT
    steps = [plan(items[p], p) for p in range(ANSWERED)]

    command = [sys.executable, "-m", "quiz", "exam", "--seed", str(SEED), *common]
    with PtyProcess(command, env, COLUMNS, LINES, cwd=tmp_path) as app:
        shown = app.wait_for(lambda s: f"Question 1 of {total}" in s or START in s,
                             "the exam or its start page")
        if START in shown:  # an exam not yet begun opens on its start page: Enter starts it
            app.send("\r")
            app.wait_for_text(f"Question 1 of {total}")
        first_seen = time.monotonic()
        for position, step in enumerate(steps):
            app.send(*step.keys)
            if position == FLAGGED:
                app.send("f")
            if position < ANSWERED - 1:
                app.send("\r")  # save and go on
                app.wait_for_text(f"Question {position + 2} of {total}")
        # the last answer is left without Enter: every change is saved as it happens
        app.wait_for_text(f"{ANSWERED}/{total} answered · 1 ⚑")
        sent_next = time.monotonic()
        app.send("n")
        app.wait_for_text(f"Question {KILLED_AT + 1} of {total}")
        after_next = time.monotonic()
        _, _, saved_on_move, _ = _row(db)
        assert sent_next - first_seen <= saved_on_move <= after_next - app.started

        # let the app save its clock on its own, then kill it straight after
        saved = _wait_for_saved_elapsed(db, saved_on_move + 0.5, app,
                                         timeout=SAVE_EVERY_SECONDS * 3)
        before_kill = time.monotonic()
        status = app.kill()
        killed = time.monotonic()
        assert status == -signal.SIGKILL
        ran_for = killed - app.started

    # --- what the store kept ------------------------------------------------------------
    state, current, elapsed, ended_at = _row(db)
    assert (state, ended_at) == ("active", None), "a killed exam must stay unfinished"
    assert current == KILLED_AT
    assert elapsed == saved
    # the periodic save (after the one made on moving), never over wall time; its phase is
    # the screen's timer, which may have started before the clock (on a start page)
    assert saved_on_move < elapsed <= ran_for
    assert elapsed >= before_kill - first_seen - SAVE_EVERY_SECONDS - 2.0  # at most one
    # save period (and a tick) is lost
    conn = sqlite3.connect(db)
    try:
        stored_items = json.loads(conn.execute("SELECT items FROM sessions").fetchone()[0])
        rows = conn.execute("SELECT position, question_id, answer FROM responses"
                            " ORDER BY position").fetchall()
        flags = [p for (p,) in conn.execute("SELECT position FROM flags")]
    finally:
        conn.close()
    assert stored_items == [[it.question.id, list(it.order)] for it in items]
    assert [(p, qid, tuple(json.loads(a))) for p, qid, a in rows] == [
        (p, items[p].question.id, steps[p].answer) for p in range(ANSWERED)]
    assert flags == [FLAGGED]

    # --- resuming it: the same answers, flag, question and time left ----------------------
    workspace = Workspace.open((), LEARNER, db)
    workspace.clock = FakeClock()  # the resumed clock stands still: remaining is exact
    unfinished = workspace.unfinished_exam()
    assert unfinished is not None
    session = workspace.resume(unfinished)
    assert session.status is Status.ACTIVE
    assert session.current == KILLED_AT
    assert {p: a.choice_ids for p, a in session.answers.items()} == {
        p: steps[p].answer for p in range(ANSWERED)}
    assert session.flags == {FLAGGED}
    assert session.time_limit == workspace.bank().exam.minutes * 60.0
    remaining = session.remaining()
    assert remaining is not None
    assert remaining == pytest.approx(session.time_limit - saved)
    workspace.close()  # gives the exam up again (its lease), as quitting a window does

    # --- and the real app resumes there, with the countdown going on from that time ---------
    command = [sys.executable, "-m", "quiz", "exam", "--resume", *common]
    with PtyProcess(command, env, COLUMNS, LINES, cwd=tmp_path) as again:
        shown = again.wait_for(
            lambda s: f"Question {KILLED_AT + 1} of {total}" in s and "time left" in s
            and f"{ANSWERED}/{total} answered · 1 ⚑" in s, "the resumed exam")
        opened_for = time.monotonic() - again.started
        left = _clock_seconds(shown)
        assert left <= math.ceil(remaining)
        assert left >= remaining - opened_for - 2, "the countdown did not go on from the save"
        assert f"{FLAGGED + 1:>2}✓⚑" in shown  # the navigator: answered and flagged
        # back to the answer given without Enter: it is shown as picked
        again.send("p")
        last = ANSWERED - 1
        shown = again.wait_for_text(f"Question {last + 1} of {total}")
        item = items[last]
        if item.question.type is not QuestionType.ORDERING:
            for choice in steps[last].answer:
                mark = _mark(item.question.type, item.order.index(choice))
                again.wait_for_text(mark)
        # quitting asks first and leaves the exam resumable where the learner was
        again.send("q")
        again.wait_for_text("Quit the exam?")
        again.send("y")
        assert again.process.wait(timeout=30) == 0
    state, current, elapsed_after, ended_at = _row(db)
    assert (state, current, ended_at) == ("active", last, None)
    assert elapsed_after >= saved
