"""A real process on a pseudo-terminal, and a tiny terminal emulator to read its screen.

The app under test is started exactly as a learner starts it, with its terminal on the slave
side of a pty; a thread drains the master side into a character grid. The grid understands
what Textual writes (cursor positioning, erasing, text; colours and modes are ignored), which
is enough to ask "is this text on the screen now?" without tmux or any extra package.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
import unicodedata
from codecs import getincrementaldecoder
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

_CSI = re.compile(r"\x1b\[([0-9;?<>=!$ ]*)([@-~])")


def _cells(char: str) -> int:
    """How many terminal cells a character takes (as Rich, which Textual uses, counts)."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """A character grid fed with a terminal's output stream."""

    def __init__(self, columns: int, lines: int) -> None:
        self.columns = columns
        self.lines = lines
        self.grid = [[" "] * columns for _ in range(lines)]
        self.row = 0
        self.col = 0
        self._pending = ""
        self._decoder = getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, data: bytes) -> None:
        self._pending += self._decoder.decode(data)
        text, self._pending = self._pending, ""
        i = 0
        while i < len(text):
            char = text[i]
            if char == "\x1b":
                used = self._escape(text, i)
                if used == 0:  # an incomplete sequence: wait for the rest
                    self._pending = text[i:]
                    return
                i += used
                continue
            self._put(char)
            i += 1

    def _escape(self, text: str, start: int) -> int:
        """Apply the escape sequence at ``start``; its length, or 0 if it is incomplete."""
        if start + 1 >= len(text):
            return 0
        kind = text[start + 1]
        if kind == "[":
            match = _CSI.match(text, start)
            if match is None:
                # incomplete unless something impossible follows; give up after a while
                return 0 if len(text) - start < 64 else 2
            self._csi(match.group(1), match.group(2))
            return match.end() - start
        if kind in "]PX^_":  # OSC, DCS...: skip to BEL or ST
            for end in range(start + 2, len(text)):
                if text[end] == "\x07":
                    return end + 1 - start
                if text[end] == "\x1b" and end + 1 < len(text) and text[end + 1] == "\\":
                    return end + 2 - start
            return 0
        if kind in "()#%":
            return 3 if start + 2 < len(text) else 0
        return 2  # ESC 7, ESC 8, ESC =, ESC >...

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")) or "$" in params:
            return  # private modes and queries change nothing on the grid
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(index: int, default: int) -> int:
            return numbers[index] if len(numbers) > index and numbers[index] else default

        if final in "Hf":
            self.row = min(max(arg(0, 1) - 1, 0), self.lines - 1)
            self.col = min(max(arg(1, 1) - 1, 0), self.columns - 1)
        elif final == "J":
            mode = numbers[0] if numbers else 0
            if mode in (2, 3):
                self.grid = [[" "] * self.columns for _ in range(self.lines)]
            elif mode == 0:
                self._erase_line(self.col, self.columns)
                for r in range(self.row + 1, self.lines):
                    self.grid[r] = [" "] * self.columns
        elif final == "K":
            mode = numbers[0] if numbers else 0
            start, end = {0: (self.col, self.columns), 1: (0, self.col + 1)}.get(
                mode, (0, self.columns))
            self._erase_line(start, end)
        elif final == "A":
            self.row = max(self.row - arg(0, 1), 0)
        elif final == "B":
            self.row = min(self.row + arg(0, 1), self.lines - 1)
        elif final == "C":
            self.col = min(self.col + arg(0, 1), self.columns - 1)
        elif final == "D":
            self.col = max(self.col - arg(0, 1), 0)
        elif final == "G":
            self.col = min(max(arg(0, 1) - 1, 0), self.columns - 1)
        elif final == "d":
            self.row = min(max(arg(0, 1) - 1, 0), self.lines - 1)

    def _erase_line(self, start: int, end: int) -> None:
        for c in range(max(start, 0), min(end, self.columns)):
            self.grid[self.row][c] = " "

    def _put(self, char: str) -> None:
        if char == "\r":
            self.col = 0
        elif char == "\n":
            self.row = min(self.row + 1, self.lines - 1)
        elif char == "\b":
            self.col = max(self.col - 1, 0)
        elif char >= " " and char != "\x7f":
            width = _cells(char)
            if width == 0 or self.col >= self.columns:
                return
            self.grid[self.row][self.col] = char
            if width == 2 and self.col + 1 < self.columns:
                self.grid[self.row][self.col + 1] = ""
            self.col += width

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.grid)


class PtyProcess:
    """A command running on its own pseudo-terminal of a fixed size."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], columns: int, lines: int,
                 cwd: Path | None = None) -> None:
        self.screen = Screen(columns, lines)
        self.raw = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = {**env, "COLUMNS": str(columns), "LINES": str(lines)}
        try:
            self.process = subprocess.Popen(
                list(argv), stdin=slave, stdout=slave, stderr=slave, env=environment,
                cwd=cwd, start_new_session=True, close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.master = master
        self.started = time.monotonic()
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        # keep draining: a child whose terminal buffer fills up would block on its writes
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self.master, 65536)
            except OSError:  # EIO once the child and every slave fd are gone
                return
            if not data:
                return
            with self._lock:
                self.raw += data
                self.screen.feed(data)

    def text(self) -> str:
        with self._lock:
            return self.screen.text()

    def send(self, *keys: str) -> None:
        """Type keys: each string is written as it is (``\\r`` is Enter)."""
        for key in keys:
            os.write(self.master, key.encode())

    def wait_for(self, condition: Callable[[str], bool], what: str,
                 timeout: float = 30.0) -> str:
        """Poll the screen until ``condition(text)``; fail with the screen shown if it never is."""
        # a hang guard, not a speed ceiling: only an app that never shows it fails
        deadline = time.monotonic() + timeout
        while True:
            shown = self.text()
            if condition(shown):
                return shown
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited ({self.process.returncode}) while "
                                     f"waiting for {what}; screen:\n{shown}\nraw tail: "
                                     f"{bytes(self.raw[-2000:])!r}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}; "
                                     f"screen:\n{shown}")
            time.sleep(0.05)

    def wait_for_text(self, needle: str, timeout: float = 30.0) -> str:
        return self.wait_for(lambda shown: needle in shown, repr(needle), timeout)

    def kill(self) -> int:
        """SIGKILL the process (no handler can run) and reap it; its exit status."""
        os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=30)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self._stop.set()
        self._reader.join(timeout=5)
        os.close(self.master)

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
