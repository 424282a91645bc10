"""quiz.fileio: only regular files are read, capped; outputs are regular files written atomically.

The special files are made in the test's own folder (a FIFO; a character device made with
``os.mknod`` when the tests run as root, else a symlink to the null device, which a non-root
writer could not replace anyway): no real /dev entry is ever a target.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.errors import QuizError
from quiz.fileio import (
    FileKindError,
    FileTooLargeError,
    atomic_file,
    is_stdout,
    output_stream,
    read_regular,
    write_atomic,
    write_output,
)
from tests.hypothesis_budget import examples


def char_device(path: Path) -> Path:
    """A character device at ``path`` (a twin of /dev/null), or a symlink to the null device
    when this process may not make device nodes."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        path.symlink_to(os.devnull)
    return path


def directory(path: Path) -> Path:
    path.mkdir()
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# --- read_regular ----------------------------------------------------------------------------

def test_reads_a_regular_file_and_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"hello")
    (tmp_path / "link").symlink_to(tmp_path / "a.txt")
    assert read_regular(tmp_path / "a.txt", 10) == b"hello"
    assert read_regular(tmp_path / "link", 10) == b"hello"


def test_read_refuses_special_files_without_hanging(tmp_path: Path) -> None:
    targets = [fifo(tmp_path / "fifo"), char_device(tmp_path / "dev"), tmp_path]
    (tmp_path / "to-fifo").symlink_to(tmp_path / "fifo")
    targets.append(tmp_path / "to-fifo")
    for target in targets:
        with pytest.raises((FileKindError, IsADirectoryError)):
            read_regular(target, 100)


def test_read_refuses_a_fifo_with_a_clear_word(tmp_path: Path) -> None:
    with pytest.raises(FileKindError, match="FIFO"):
        read_regular(fifo(tmp_path / "f"), 100)


def test_read_caps_what_it_reads(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 101)
    assert read_regular(tmp_path / "big", 101) == b"x" * 101
    with pytest.raises(FileTooLargeError, match="larger than"):
        read_regular(tmp_path / "big", 100)


def test_read_lets_a_missing_file_through_as_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "nope", 10)


# --- write_atomic ----------------------------------------------------------------------------

def test_writes_a_new_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    assert write_atomic(target, "héllo") == str(target)
    assert target.read_bytes() == "héllo".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]  # no temporary


def test_replacing_keeps_the_mode_of_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink(), "the symlink was replaced by a file"
    assert real.read_text() == "new"


def test_writes_through_a_dangling_symlink_creating_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "later.txt")
    write_atomic(link, "made")
    assert link.is_symlink()
    assert (tmp_path / "later.txt").read_text() == "made"


@pytest.mark.parametrize("kind", ["fifo", "device", "directory", "link-to-device",
                                  "link-to-fifo", "link-to-directory"])
def test_refuses_special_targets_and_leaves_them_alone(tmp_path: Path, kind: str) -> None:
    made: dict[str, Callable[[Path], Path]] = {
        "fifo": fifo, "device": char_device, "directory": directory}
    base = kind.removeprefix("link-to-")
    special = made[base](tmp_path / f"special-{base}")
    before = os.lstat(special)
    target = special
    if kind.startswith("link-to-"):
        target = tmp_path / "link"
        target.symlink_to(special)
    with pytest.raises(FileKindError, match=r"cannot write .*name a regular file"):
        write_atomic(target, "data")
    after = os.lstat(special)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if kind.startswith("link-to-"):
        assert target.is_symlink()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a temporary stayed"


def test_a_trailing_separator_names_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileKindError, match="names a folder"):
        write_atomic(str(tmp_path / "new") + "/", "data")
    assert not (tmp_path / "new").exists()


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(QuizError, match="cannot write"):
        write_atomic(tmp_path / "a", "data")


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(QuizError, match="cannot write"):
        write_atomic(tmp_path / "file" / "out.txt", "data")  # a file where a folder should be


def test_a_failed_stream_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target) as out:
        out.write(b"half")
        raise RuntimeError("the producer failed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@settings(max_examples=examples(30), deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_come_back(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out"
        write_atomic(target, data)
        assert read_regular(target, len(data)) == data


# --- standard output -------------------------------------------------------------------------

class _Stdout(io.TextIOWrapper):
    """A standard output whose bytes can be read back."""


def _fake_stdout(monkeypatch: pytest.MonkeyPatch) -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", _Stdout(raw, encoding="utf-8", write_through=True))
    return raw


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    raw = _fake_stdout(monkeypatch)
    assert is_stdout("-") and not is_stdout("./-") and not is_stdout(None)
    assert write_output("-", "text é\n") is None
    assert raw.getvalue() == "text é\n".encode()
    assert write_output(Path("-"), b"\x00bytes") is None
    assert raw.getvalue().endswith(b"\x00bytes")
    assert not (tmp_path / "-").exists()
    with output_stream("-") as out:
        out.write("streamed\n")
    assert raw.getvalue().endswith(b"streamed\n")
    assert list(tmp_path.iterdir()) == []


def test_dash_works_with_a_text_only_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    write_output("-", b"caf\xc3\xa9")
    assert out.getvalue() == "café"


def test_other_paths_are_files(tmp_path: Path) -> None:
    assert write_output(tmp_path / "o.txt", "x") == str(tmp_path / "o.txt")
    with output_stream(tmp_path / "s.txt") as out:
        out.write("line é\n")
    assert (tmp_path / "s.txt").read_bytes() == "line é\n".encode()
    with pytest.raises(FileKindError):
        write_output(tmp_path, "x")
    with pytest.raises(FileKindError), output_stream(tmp_path) as out:
        out.write("never")


def test_a_closed_pipe_is_raised_once_and_stdout_silenced(tmp_path: Path) -> None:
    """In a child process: stdout is a pipe whose reader has gone."""
    import subprocess

    probe = (
        "import os, sys\n"
        "from quiz.fileio import write_output\n"
        "try:\n"
        "    write_output('-', 'x' * 200000)\n"
        "except BrokenPipeError:\n"
        "    print('raised', file=sys.stderr)\n"
        "print('more', flush=True)\n"  # would fail again without the null device
    )
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-c", probe], stdout=write,
                              capture_output=False, stderr=subprocess.PIPE, text=True,
                              timeout=60)
    finally:
        os.close(write)
    assert done.stderr.strip() == "raised"
    assert done.returncode == 0
