"""Plain mode as a real process: through a pipe, and through a pseudo-terminal 40 columns
wide (as a screen reader's terminal sees it). Neither output may hold an escape sequence
or a box-drawing character, and the answer must be in the store afterwards."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.plain.plain_helpers import BANKS, BOX_DRAWING, stored_answers

SCRIPT = """
import sys
from quiz.engine.select import Filters
from quiz.plain.entry import run_plain
from quiz.workspace import Workspace
workspace = Workspace.open([{banks!r}], "ana", __import__("pathlib").Path({db!r}))
session = workspace.practice(Filters(question_ids=("fx-single",)), seed=1)
print("SESSION", session.id, file=sys.stderr)
run_plain(workspace, False, session=session)
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QUIZ_CACHE_DIR": str(tmp_path / "cache"),
            "QUIZ_DB": str(tmp_path / "default.sqlite3"), "COLUMNS": "", "LINES": ""}


def _check_plain(text: str) -> None:
    assert "\x1b" not in text
    assert not any(ord(ch) in BOX_DRAWING for ch in text)


def test_through_a_pipe(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(banks=str(BANKS), db=str(db))],
        input="1\n\n", capture_output=True, text=True, env=_env(tmp_path), timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _check_plain(done.stdout + done.stderr)
    assert "Correct." in done.stdout and "Practice results: Fixture bank." in done.stdout
    # a pipe is not wrapped: the long stem is one line
    assert ("A support chatbot drafts a reply to a customer's message within a second. "
            "What is it doing?\n") in done.stdout
    session_id = int(done.stderr.split("SESSION")[1].split()[0])
    assert stored_answers(db, session_id) == {0: ("a",)}


def test_end_of_input_at_once_ends_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(banks=str(BANKS), db=str(db))],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=_env(tmp_path),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "End of input: the session ends here. 0 answer(s) saved." in done.stdout


def _read_all(fd: int, budget: float) -> bytes:
    """Everything the child writes until it closes the terminal (CPU-free waiting)."""
    chunks = []
    end = time.monotonic() + budget  # hang guard: a child that never closes fails the test
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_through_a_pty_40_columns_wide(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    env = _env(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:  # the child: a learner's terminal, 40 columns, sized before it starts
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
        os.execve(sys.executable,
                  [sys.executable, "-c", SCRIPT.format(banks=str(BANKS), db=str(db))], env)
    os.write(fd, b"1\n\n")
    output = _read_all(fd, budget=120).decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, output
    _check_plain(output)
    text = output.replace("\r\n", "\n")
    assert "Correct." in text and "Practice results: Fixture bank." in text
    for line in text.splitlines():
        if line.startswith("SESSION"):
            continue
        assert len(line) < 40 or " " not in line.strip(), line
    assert "A support chatbot drafts a reply to a\n" in text  # wrapped at a space
    session_id = int(text.split("SESSION")[1].split()[0])
    assert stored_answers(db, session_id) == {0: ("a",)}
