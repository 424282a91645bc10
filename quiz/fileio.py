"""Reading and writing files safely: only regular files in, atomic regular files out.

Every reader of outside files (banks, lessons, scenarios, imports, class exports) goes through
``read_regular``, and every command that writes a file through ``write_atomic`` (or
``write_output``, which also takes ``-`` for standard output). ``stat`` cannot be trusted to
bound a read: ``/dev/zero`` and a FIFO both report a size of 0, so the kind of file is checked
on the opened descriptor and the read itself is capped.

Kept to ``os`` and ``stat`` so that ``quiz validate``'s cold start pays nothing for it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from quiz.errors import QuizError

_CHUNK = 1 << 20


class FileKindError(QuizError):
    """A path names something that is not a regular file (a directory, a FIFO, a device…)."""


class FileTooLargeError(QuizError):
    """A file holds more bytes than its reader accepts."""


def kind_of(mode: int) -> str:
    """A reader's word for what a ``st_mode`` describes ("a directory", "a FIFO", …)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _mib(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MiB"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (a symlink is followed), at most ``limit``.

    Raises ``FileKindError`` for anything that is not a regular file, ``FileTooLargeError``
    past ``limit`` (counted while reading, not trusted from ``stat``), and lets ``OSError``
    through for the caller to word (missing file, permission).
    """
    name = os.fspath(path)
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileKindError(
                f"{name}: {kind_of(info.st_mode)}, not a regular file; name a file instead")
        if info.st_size > limit:
            raise FileTooLargeError(
                f"{name}: larger than {_mib(limit)}; split it into smaller files")
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLargeError(
                    f"{name}: larger than {_mib(limit)}; split it into smaller files")
        return b"".join(parts)
    finally:
        os.close(fd)


def read_regular_lines(path: str | os.PathLike[str], limit: int) -> Iterator[bytes]:
    """``read_regular`` line by line, for files read as a stream (JSON Lines exports).

    The same checks on the opened descriptor and the same cap, counted over every line read
    (a single endless line stops at the cap too); the lines keep their ``\\n``. The file is
    opened when the first line is asked for and closed when the iteration ends.
    """
    name = os.fspath(path)
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb", buffering=_CHUNK) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileKindError(
                f"{name}: {kind_of(info.st_mode)}, not a regular file; name a file instead")
        total = 0
        while True:
            if info.st_size > limit or total > limit:
                raise FileTooLargeError(
                    f"{name}: larger than {_mib(limit)}; split it into smaller files")
            line = handle.readline(limit + 1 - total)
            if not line:
                return
            total += len(line)
            if total <= limit:  # else the cut-off part is not handed on: the check above
                yield line


def _target(name: str) -> str:
    """Where a write to ``name`` lands: a symlink is written through to what it points at."""
    return os.path.realpath(name) if os.path.islink(name) else name


def _checked_target(name: str) -> tuple[str, os.stat_result | None]:
    """The file a write to ``name`` replaces, and its ``stat`` if it exists; refuses a path
    that is (or points at) anything but a regular file."""
    if name.endswith(("/", os.sep)) or os.path.basename(name) in ("", ".", ".."):
        raise FileKindError(f"cannot write {name}: it names a folder; name a regular file")
    target = _target(name)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise QuizError(f"cannot write {name}: {exc.strerror or exc}") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise FileKindError(
            f"cannot write {name}: it is {kind_of(existing.st_mode)}; name a regular file")
    return target, existing


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` with, replacing it only when the block ends without an
    error (``write_atomic`` for output produced piece by piece, e.g. a streamed export).

    The same rules as ``write_atomic``: the target is checked before anything is written, a
    symlink is written through, and an error inside the block leaves the old file as it was.
    """
    name = os.fspath(path)
    target, existing = _checked_target(name)
    folder = os.path.dirname(target) or "."
    temporary = ""
    try:
        os.makedirs(folder, exist_ok=True)
        import tempfile  # only commands that write pay for it

        fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", dir=folder)
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if existing is not None:
            mode = stat.S_IMODE(existing.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # mkstemp makes the file private; an output is not
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = ""
        _sync_folder(folder)
    except OSError as exc:
        raise QuizError(f"cannot write {name}: {exc.strerror or exc}") from None
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> str:
    """Write ``data`` to ``path`` as a regular file, all at once; returns the path written.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace the
    target in one rename, so a reader never sees half a file and a failed write leaves the old
    one. A symlink is written through to its target. A directory, FIFO, device or socket is
    refused with ``FileKindError``; other failures raise ``QuizError`` naming the path.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_file(path) as out:
        out.write(payload)
    return os.fspath(path)


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether an output path is ``-``, which means standard output."""
    return path is not None and os.fspath(path) == "-"


def write_output(path: str | os.PathLike[str], data: bytes | str) -> str | None:
    """``write_atomic``, except that ``-`` writes to standard output (and returns ``None``).

    If the reader of standard output has gone (``| head``), standard output is pointed at the
    null device, so that nothing fails again at exit, and ``BrokenPipeError`` is raised for
    the caller to stop on: the command line then ends quietly, as a Unix filter does.
    """
    if not is_stdout(path):
        return write_atomic(path, data)
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stand-in for standard output
            sys.stdout.write(data.decode("utf-8") if isinstance(data, bytes) else data)
            sys.stdout.flush()
        else:
            buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
            buffer.flush()
    except BrokenPipeError:
        silence_stdout()
        raise
    return None


@contextlib.contextmanager
def output_stream(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A UTF-8 text stream for an output path: ``-`` is standard output, anything else a
    file written as by ``atomic_file`` (checked first, replaced when the block ends)."""
    if is_stdout(path):
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
            raise
        return
    import io

    with atomic_file(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # atomic_file closes the file itself


def silence_stdout() -> None:
    """Point standard output at the null device: its reader is gone, and the interpreter
    would otherwise fail again flushing it at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)


STDIN = "<stdin>"
"""How diagnostics name standard input read in place of a file (``quiz validate -``)."""


def read_stdin(limit: int) -> bytes:
    """Standard input, read to its end but never past ``limit`` bytes (``FileTooLargeError``)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stand-in for standard input
        data = sys.stdin.read(limit + 1).encode("utf-8", "surrogateescape")
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(f"{STDIN}: larger than {_mib(limit)}; split it into smaller "
                                "files")
    return data


@contextlib.contextmanager
def stdin_as_file(limit: int, name: str) -> Iterator[str]:
    """Standard input (capped as by ``read_stdin``) saved in a private temporary folder as
    ``name``, for readers that take a path; the folder is removed when the block ends.

    The file sits one folder down, so that nothing beside that folder (a ``scenarios/``
    folder left in the system's temporary folder) is taken for its context.
    """
    import shutil
    import tempfile

    data = read_stdin(limit)
    folder = tempfile.mkdtemp(prefix="quiz-stdin-")
    try:
        inner = os.path.join(folder, "stdin")
        os.mkdir(inner)
        path = os.path.join(inner, name)
        write_atomic(path, data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
