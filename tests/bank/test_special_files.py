"""Only regular files are read: a device, a FIFO or a folder named like a bank is an error.

``stat`` says 0 bytes for ``/dev/zero`` and for a FIFO, so a size check alone let a lesson
symlinked to ``/dev/zero`` read until memory ran out, and a FIFO wait for a writer forever.
Each case runs in its own process with its address space capped, so a regression fails the
test (out of memory, or the hang guard below) instead of taking the machine down.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.discover import discover, shown_path
from quiz.bank.load import load
from tests.bank.bank_cases import FIXTURES

LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace(
    "    scenario: spam-filter\n", "")

HANG_GUARD_SECONDS = 120
"""Not a performance bound (a run takes well under a second): only what turns a hang into a
failure. A read that never returns is the defect tested here."""

MEMORY_CAP = 1 << 30


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _course(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "x.lesson.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "valid.yaml").write_text(VALID, encoding="utf-8")
    return folder


def _validate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "quiz", "validate", *args], cwd=cwd, capture_output=True,
            text=True, timeout=HANG_GUARD_SECONDS, preexec_fn=_cap_memory, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"quiz validate {' '.join(args)} hung")


def _refused(result: subprocess.CompletedProcess[str], shown: str, kind: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{shown}:1:1: error: ") and kind in line
               and "not a regular file" in line for line in lines), result.stdout


def test_a_lesson_symlinked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    (folder / "zero.lesson.yaml").symlink_to("/dev/zero")
    _refused(_validate("banks", cwd=tmp_path), "banks/zero.lesson.yaml", "character device")


def test_a_bank_symlinked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    _refused(_validate("banks", cwd=tmp_path), "banks/zero.yaml", "character device")


def test_dev_zero_named_directly_is_refused(tmp_path: Path) -> None:
    _refused(_validate("/dev/zero", cwd=tmp_path), "/dev/zero", "character device")


def test_a_fifo_lesson_in_a_folder_does_not_hang(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    os.mkfifo(folder / "pipe.lesson.yaml")
    _refused(_validate("banks", cwd=tmp_path), "banks/pipe.lesson.yaml", "FIFO")


def test_a_fifo_bank_in_a_folder_is_reported(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    _refused(_validate("banks", cwd=tmp_path), "banks/pipe.yaml", "FIFO")


def test_a_fifo_named_directly_does_not_hang(tmp_path: Path) -> None:
    _course(tmp_path)
    os.mkfifo(tmp_path / "pipe.yaml")
    _refused(_validate("pipe.yaml", cwd=tmp_path), "pipe.yaml", "FIFO")


def test_the_cached_loader_practice_uses_refuses_them_too(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    (folder / "zero.lesson.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.yaml")
    script = ("from quiz.bank.cache import load_cached\n"
              "r = load_cached(['banks'])\n"
              "print('\\n'.join(str(d) for d in r.errors))\n")
    try:
        result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, text=True,
                                capture_output=True, timeout=HANG_GUARD_SECONDS,
                                preexec_fn=_cap_memory, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("load_cached hung")
    assert result.returncode == 0, result.stderr
    assert {line.split(": error: ")[0] for line in result.stdout.splitlines()} == {
        "banks/pipe.yaml:1:1", "banks/zero.lesson.yaml:1:1"}


def test_the_other_files_still_load_beside_a_refused_one(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    result = load([folder])
    assert [d.path for d in result.errors] == [shown_path(folder / "pipe.yaml")]
    assert [b.id for b in result.catalog.banks] == ["x-bank"]


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    folder = _course(tmp_path)
    (folder / "valid.yaml").rename(tmp_path / "elsewhere.yaml")
    (folder / "valid.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = load([folder])
    assert result.errors == []
    assert [b.id for b in result.catalog.banks] == ["x-bank"]


def test_a_dangling_symlink_in_a_folder_is_skipped(tmp_path: Path) -> None:
    """Editors leave these (Emacs' ``.#bank.yaml`` lock files): not the author's files."""
    folder = _course(tmp_path)
    (folder / ".#valid.yaml").symlink_to(tmp_path / "nowhere")
    files, problems = discover([folder])
    assert problems == []
    assert sorted(os.path.basename(f) for f in files) == ["valid.yaml", "x.lesson.yaml"]


def test_adding_a_question_to_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    from quiz.bank.scaffold import add_question, make_question
    from quiz.errors import QuizError
    from quiz.model import Phase, QuestionType

    os.mkfifo(tmp_path / "pipe.yaml")
    question = make_question(qid="n-1", kind=QuestionType.PHASE, phase=Phase.TRAINING,
                             objectives=("LO1",), stem="Fitting weights.",
                             explanation="Training builds.")
    with pytest.raises(QuizError, match="not a regular file"):
        add_question(tmp_path / "pipe.yaml", question)
