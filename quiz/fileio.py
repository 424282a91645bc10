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


def _target(name: str) -> str:
    """Where a write to ``name`` lands: a symlink is written through to what it points at."""
    return os.path.realpath(name) if os.path.islink(name) else name


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> str:
    """Write ``data`` to ``path`` as a regular file, all at once; returns the path written.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace the
    target in one rename, so a reader never sees half a file and a failed write leaves the old
    one. A symlink is written through to its target. A directory, FIFO, device or socket is
    refused with ``FileKindError``; other failures raise ``QuizError`` naming the path.
    """
    name = os.fspath(path)
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
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = os.path.dirname(target) or "."
    temporary = ""
    try:
        os.makedirs(folder, exist_ok=True)
        import tempfile  # only commands that write pay for it

        fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", dir=folder)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
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
    except OSError as exc:
        raise QuizError(f"cannot write {name}: {exc.strerror or exc}") from None
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return name


def write_output(path: str | os.PathLike[str], data: bytes | str) -> str | None:
    """``write_atomic``, except that ``-`` writes to standard output (and returns ``None``)."""
    if os.fspath(path) == "-":
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, as a Unix filter does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return None
    return write_atomic(path, data)
