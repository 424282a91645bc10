"""Reading the learner's lines and writing ours: wrapped to the terminal, flushed at once.

``Input`` is what the runner reads from: ``read(timeout)`` gives one line without its line
break, None at the end of input, and raises ``TimeoutError`` when an exam's time runs out
while it waits. ``StreamInput`` reads any text stream (tests, Windows); ``FdInput`` reads a
file descriptor with ``select``, so a learner who stops typing is still stopped when the
exam's time is up. ``Output`` writes whole lines only: no cursor movement, no redraws, no
colour, so a screen reader reads each line once and a pipe gets plain text.
"""

from __future__ import annotations

import codecs
import os
import shutil
import textwrap
from collections.abc import Iterable
from typing import Protocol, TextIO

from quiz.fields import Fields

READ_BYTES = 4096
MAX_LINE_BYTES = 64 * 1024
"""A longer line is cut there: a pasted file cannot make one answer use unbounded memory."""


class Line(Fields):
    """One logical line; continuation lines of a wrapped one are indented ``indent + hang``."""

    text: str
    indent: int = 0
    hang: int = 0


class Input(Protocol):
    """Where answers come from."""

    def read(self, timeout: float | None = None) -> str | None:
        """The next line (no line break), None at end of input; ``TimeoutError`` if
        ``timeout`` seconds pass first (sources that cannot wait may ignore it)."""
        ...


class StreamInput:
    """Lines from a text stream; the timeout is not enforced (the runner checks the clock
    after each line)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, timeout: float | None = None) -> str | None:
        line = self.stream.readline(MAX_LINE_BYTES)
        if not line:
            return None
        if not line.endswith("\n"):  # cut at the limit: drop the rest of that line
            while (rest := self.stream.readline(MAX_LINE_BYTES)) and not rest.endswith("\n"):
                pass
        return line.rstrip("\r\n")


class FdInput:
    """Lines from a file descriptor (standard input), waiting at most ``timeout`` seconds.

    It reads the descriptor itself rather than through ``sys.stdin``'s buffer, so that
    ``select`` tells the truth about whether a line is waiting. Bytes that are not UTF-8
    become U+FFFD rather than an error.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.ended = False
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def read(self, timeout: float | None = None) -> str | None:
        import select
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buffer and not self.ended:
            if len(self.buffer) > MAX_LINE_BYTES:
                break
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                raise TimeoutError
            chunk = os.read(self.fd, READ_BYTES)
            if chunk:
                self.buffer += chunk
            else:
                self.ended = True
        if not self.buffer and self.ended:
            return None
        line, sep, rest = self.buffer.partition(b"\n")
        self.buffer = rest
        if not sep and not self.ended:  # an over-long line: give what fits, drop the rest
            line = line[:MAX_LINE_BYTES]
            self._skip_line()
        return self.decoder.decode(line, final=True).rstrip("\r")

    def _skip_line(self) -> None:
        """Read on to the end of the current line (it blocks, as reading that line would)."""
        while not self.ended:
            chunk = os.read(self.fd, READ_BYTES)
            if not chunk:
                self.ended = True
            elif b"\n" in chunk:
                self.buffer = chunk.partition(b"\n")[2]
                return


def input_for(stream: TextIO) -> Input:
    """Read ``stream`` through its descriptor when it has one and ``select`` works on it
    (POSIX); otherwise line by line from the stream itself."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return StreamInput(stream)
    return FdInput(fd) if os.name == "posix" else StreamInput(stream)


class Output:
    """Writes lines to a stream, wrapped without cutting words when it is a terminal.

    ``width`` None means: the terminal's width (fallback 80) if the stream is a terminal,
    no wrapping otherwise (a pipe or a file keeps each line whole).
    """

    def __init__(self, stream: TextIO, width: int | None = None) -> None:
        self.stream = stream
        self.fixed_width = width
        self.terminal = _isatty(stream)

    def width(self) -> int | None:
        if self.fixed_width is not None:
            return self.fixed_width
        if not self.terminal:
            return None
        return shutil.get_terminal_size((80, 24)).columns  # asked each time: it may change

    def lines(self, lines: Iterable[Line | str]) -> None:
        width = self.width()
        out = []
        for line in lines:
            item = Line(line) if isinstance(line, str) else line
            out.extend(wrap(item, width))
        self._write("".join(f"{text}\n" for text in out))

    def line(self, text: str = "") -> None:
        self.lines([text])

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:  # a stream that cannot show every character: show '?'
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(text.encode(encoding, "replace").decode(encoding))
        self.stream.flush()


def wrap(line: Line, width: int | None) -> list[str]:
    """``line`` as printed lines: whole when ``width`` is None, else wrapped at spaces
    (a word longer than the width stays whole on its own line)."""
    first = " " * line.indent
    if width is None or not line.text:
        return [first + line.text]
    return textwrap.wrap(
        # one column spare: a line that fills the width makes some terminals add a blank
        # line; and never so narrow that the indent leaves no room for a word
        line.text, width=usable_width(line, width), initial_indent=first,
        subsequent_indent=" " * (line.indent + line.hang), break_long_words=False,
        break_on_hyphens=False,
    ) or [first]


def usable_width(line: Line, width: int) -> int:
    return max(width - 1, line.indent + line.hang + 10)


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
