"""Whether the app has a terminal to draw on: the check every study command makes first.

The app needs a terminal on both standard input and output (without one, ``quiz practice <
/dev/null`` waited for keys forever and ``quiz practice | cat`` drew the app on stderr). This
module imports nothing but the standard library and ``quiz.errors``, so the check costs the
app's start nothing more than the check itself (the ``--plain`` runner, 4 ms to import, stays
out of it).
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from quiz.errors import QuizError

PLAIN_COMMANDS = ("practice", "exam", "review", "review-mistakes")
"""The commands that take ``--plain``."""


def terminal_problem(command: str, plain: bool, stdin: TextIO | None = None,
                     stdout: TextIO | None = None) -> str | None:
    """Why the app cannot run for ``quiz COMMAND`` here (None when it can, or ``plain``)."""
    if plain or os.environ.get("TEXTUAL_DRIVER"):
        # a driver other than the terminal's draws the app (textual-serve's web driver):
        # its standard streams are pipes to the server, not a learner's terminal
        return None
    missing = [name for name, stream in (("input", sys.stdin if stdin is None else stdin),
                                         ("output", sys.stdout if stdout is None else stdout))
               if not _isatty(stream)]
    if not missing:
        return None
    which = " and ".join(f"standard {name}" for name in missing)
    verb = "are" if len(missing) > 1 else "is"
    suggested = command if command in PLAIN_COMMANDS else "practice"
    return (f"{which} {verb} not a terminal, so the app cannot be drawn; `quiz {suggested} "
            f"--plain` asks its questions as lines of text and reads answers from standard "
            f"input (also for screen readers), e.g. printf '1\\n\\n' | quiz practice --plain "
            f"--count 1")


def require_terminal(command: str, plain: bool) -> None:
    """Raise ``QuizError`` (exit status 1, the message says how to use ``--plain``) when the
    app would have no terminal; called by the study commands before anything else."""
    problem = terminal_problem(command, plain)
    if problem is not None:
        raise QuizError(problem)


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
