"""Reading lines (with an exam's deadline) and writing wrapped, escape-free lines."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.select import Filters
from quiz.errors import QuizError
from quiz.plain.console import (
    MAX_LINE_BYTES,
    FdInput,
    Line,
    Output,
    StreamInput,
    usable_width,
    wrap,
)
from quiz.plain.entry import run_plain
from quiz.plain.terminal import require_terminal, terminal_problem
from tests.plain.plain_helpers import BANKS, WorkspaceFactory, plain_of


def test_fd_input_splits_lines_replaces_bad_bytes_and_ends() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"1 3\r\ncaf\xc3\xa9\n\xff\xfe\nlast")
    os.close(write_end)
    source = FdInput(read_end)
    assert [source.read(), source.read(), source.read(), source.read(), source.read()] == [
        "1 3", "café", "\ufffd\ufffd", "last", None]
    os.close(read_end)


def test_fd_input_gives_up_waiting_when_the_time_is_over() -> None:
    read_end, write_end = os.pipe()
    try:
        with pytest.raises(TimeoutError):
            FdInput(read_end).read(timeout=0.01)
    finally:
        os.close(read_end)
        os.close(write_end)


def test_an_over_long_line_is_cut_and_the_next_line_still_read(tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes(b"9" * (MAX_LINE_BYTES * 3) + b"\n2\n")
    fd = os.open(pasted, os.O_RDONLY)
    try:
        source = FdInput(fd)
        first = source.read()
        assert first is not None and MAX_LINE_BYTES <= len(first) <= MAX_LINE_BYTES + 4096
        assert source.read() == "2"
        assert source.read() is None
    finally:
        os.close(fd)


def test_stream_input_cuts_over_long_lines_too() -> None:
    source = StreamInput(io.StringIO("x" * (MAX_LINE_BYTES * 2) + "\n2\n"))
    assert len(source.read() or "") == MAX_LINE_BYTES
    assert source.read() == "2"
    assert source.read() is None


@given(words=st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=30), max_size=40),
       width=st.integers(min_value=1, max_value=120), indent=st.integers(0, 6),
       hang=st.integers(0, 6))
def test_wrapping_never_cuts_a_word_and_fits_the_width(
    words: list[str], width: int, indent: int, hang: int,
) -> None:
    lines = wrap(Line(" ".join(words), indent, hang), width)
    assert " ".join(" ".join(lines).split()) == " ".join(words)
    for line in lines:
        assert len(line) <= usable_width(Line("", indent, hang), width) or \
            " " not in line.strip()
    if width > indent + hang + 12:
        assert all(len(line) < width or " " not in line.strip() for line in lines)


def test_output_is_not_wrapped_in_a_pipe() -> None:
    stream = io.StringIO()
    Output(stream).lines([Line("word " * 100)])
    assert stream.getvalue().count("\n") == 1


def test_bank_text_with_terminal_escapes_is_printed_visibly(
    open_workspace: WorkspaceFactory, tmp_path: Path,
) -> None:
    banks = tmp_path / "question_banks"
    shutil.copytree(BANKS, banks)
    shutil.copytree(BANKS.parent / "scenarios", tmp_path / "scenarios")
    bank = banks / "fixture.yaml"
    text = bank.read_text(encoding="utf-8").replace(
        "Which need is this?", 'Which need is this? \\e]0;owned\\a \\e[31mred')
    text = text.replace("stem: A photo app", 'stem: "A photo app').replace(
        "\\e[31mred", '\\e[31mred"')
    bank.write_text(text, encoding="utf-8")
    workspace = open_workspace(banks)
    session = workspace.practice(Filters(question_ids=("fx-latency",)), seed=1)
    assert "\x1b" in session.items[0].question.stem
    out = io.StringIO()
    run_plain(workspace, False, session=session, stdin=io.StringIO("1\n\n"), stdout=out)
    text = plain_of(out)
    assert "\\x1b]0;owned\\x07" in text and "\\x1b[31mred" in text


def test_the_app_refuses_a_missing_terminal_and_names_plain() -> None:
    pipe = io.StringIO()
    message = terminal_problem("practice", False, pipe, pipe)
    assert message is not None
    assert message.startswith("standard input and standard output are not terminals") or \
        "not a terminal" in message
    assert "quiz practice --plain" in message and "printf '1\\n\\n'" in message
    assert terminal_problem("practice", True, pipe, pipe) is None
    assert "quiz practice --plain" in (terminal_problem("home", False, pipe, pipe) or "")
    assert "quiz exam --plain" in (terminal_problem("exam", False, pipe, pipe) or "")


def test_require_terminal_raises_a_quiz_error_under_pytest() -> None:
    # pytest captures standard output, so it is not a terminal here
    with pytest.raises(QuizError, match="--plain"):
        require_terminal("review", False)
    require_terminal("review", True)
