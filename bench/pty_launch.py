"""Launch a program in a real pseudo-terminal and time it until given text is drawn.

What a learner waits for is the text on their screen, so the clock runs from just before the
fork until the program has written the text to its terminal; escape sequences (colours,
cursor moves) are stripped and spaces ignored before looking, since a terminal app draws a
line as styled pieces placed by cursor moves. The program is then killed: what it does after
drawing is not part of the figure. The terminal has a fixed size, and nothing answers the
program's terminal queries, as in a terminal that does not support them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import pwd
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence

COLUMNS, LINES = 100, 30

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor moves, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: title, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"             # DCS
    rb"|\x1b[@-Z\\-_()#][0-9A-Za-z]?"     # the rest: two- and three-byte sequences
)


def visible(output: bytes) -> str:
    """The text ``output`` draws, escapes removed, without whitespace."""
    text = _ESCAPES.sub(b"", output).decode("utf-8", "replace")
    return "".join(text.split())


def squeeze(text: str) -> str:
    """``text`` without whitespace, to look for in ``visible`` output."""
    return "".join(text.split())


def anything_drawn(screen: str) -> bool:
    """Any letter or digit on the screen: the first frame that shows something."""
    return any(c.isalnum() for c in screen)


def time_until(argv: Sequence[str], env: dict[str, str],
               done: Callable[[str], bool], timeout: float = 120.0) -> float:
    """Seconds from launching ``argv`` in a fresh terminal until ``done(visible output)``."""
    return times_until(argv, env, [done], timeout)[0]


def times_until(argv: Sequence[str], env: dict[str, str],
                checks: Sequence[Callable[[str], bool]], timeout: float = 120.0
                ) -> list[float]:
    """Seconds from launching ``argv`` until each of ``checks`` first holds of the visible
    output; the program runs until all have held."""
    times: list[float | None] = [None] * len(checks)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a real terminal of a fixed size, then the program
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            os.execve(argv[0], list(argv), env)
        finally:
            os._exit(127)
    output = bytearray()
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise RuntimeError(f"{argv[:3]}: nothing matching drawn within {timeout:.0f} s;"
                                   f" screen: {visible(bytes(output))[-300:]!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal: it exited
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[:3]} exited before drawing; screen: "
                                   f"{visible(bytes(output))[-300:]!r}")
            output += chunk
            screen, now = visible(bytes(output)), time.perf_counter() - start
            for i, check in enumerate(checks):
                if times[i] is None and check(screen):
                    times[i] = now
            if all(t is not None for t in times):
                return [t for t in times if t is not None]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def terminal_env(extra: dict[str, str]) -> dict[str, str]:
    """This environment as a terminal app sees it: a colour terminal, no size overrides, and
    the account's name in ``USER`` and ``LOGNAME``, which a login session sets (a sandbox may
    set neither, and then quiz looks the learner's name up through ``getpass``, a cost no
    learner's start pays)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    account = pwd.getpwuid(os.getuid()).pw_name
    env.setdefault("USER", account)
    env.setdefault("LOGNAME", account)
    env.update(TERM="xterm-256color", COLORTERM="truecolor", **extra)
    return env
