"""What the CLI calls for ``--plain``.

``run_plain`` takes the same arguments as ``quiz.cli.study_cmds.run_app``, so a command
chooses its face with one call: ``(run_plain if plain else run_app)(workspace, certainty,
...)``. The check that the app has a terminal is in ``quiz.plain.terminal``.
"""

from __future__ import annotations

import sys
from typing import Literal, TextIO

from quiz.engine.select import Filters
from quiz.engine.session import Session
from quiz.errors import QuizError
from quiz.plain.console import Input, Output, StreamInput, input_for
from quiz.plain.runner import Runner
from quiz.plain.text import one_line
from quiz.workspace import Workspace

Start = Literal["home", "practice", "exam", "resume", "mistakes"]


def run_plain(
    workspace: Workspace, certainty: bool, *, session: Session | None = None,
    start: Start | None = None, filters: Filters | None = None, seed: int | None = None,
    bank_id: str | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None,
    width: int | None = None, source: Input | None = None,
) -> None:
    """Run ``session`` (or the one ``start`` asks for, as ``make_app`` does) as plain text.

    Reads answers from ``stdin`` (or ``source``, a test's) and writes to ``stdout`` (the
    process's by default); ``width`` wraps output (default: the terminal's width, no
    wrapping in a pipe). ``home`` starts practice (there is no home screen in text). Closes
    the workspace afterwards, as ``run_app`` does. Raises ``QuizError`` when the session
    cannot be made (no questions match, nothing to resume...).
    """
    out = Output(sys.stdout if stdout is None else stdout, width)
    if source is None:
        source = input_for(sys.stdin) if stdin is None else StreamInput(stdin)
    try:
        if session is None:
            session = first_session(workspace, start or "practice", filters, seed, bank_id)
        for problem in workspace.problems():
            out.line(f"Warning: {one_line(problem)}")
        Runner(session, source, out, certainty=certainty, resumed=start == "resume").run()
    finally:
        if session is not None and session.mode.value != "exam":
            session.submit()  # ends it in the store, as quitting the app does (no-op if done)
        workspace.close()
    for problem in workspace.problems():
        out.line(f"Warning: {one_line(problem)}")


def first_session(workspace: Workspace, start: Start, filters: Filters | None,
                  seed: int | None, bank_id: str | None) -> Session:
    """The session a command asks for (the same choice as the app's ``first_session``)."""
    if start == "exam":
        return workspace.exam(seed, bank_id)
    if start == "mistakes":
        return workspace.mistakes(seed, bank_id)
    if start == "resume":
        unfinished = workspace.unfinished_exam()
        if unfinished is None and workspace.store_problem:
            raise QuizError(f"cannot look for an unfinished exam: {workspace.store_problem}")
        if unfinished is None:
            raise QuizError(f"no unfinished exam to resume for learner '{workspace.learner}'; "
                            "start one with `quiz exam --plain`")
        return workspace.resume(unfinished)
    return workspace.practice(filters, seed, bank_id)
