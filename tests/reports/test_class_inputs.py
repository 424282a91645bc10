"""`quiz report --class` reads only regular files, and a hostile line is a located error.

The export reader is the one `quiz items --class` uses (quiz.store.exchange); these tests
hold the report's side of it: no hang on a FIFO, no endless read of /dev/zero, no internal
RecursionError on a deeply nested line.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.errors import QuizError
from quiz.model import Catalog
from quiz.reports.class_view import class_report

HANG_GUARD_SECONDS = 120
"""Not a performance bound (a run takes a second): only what turns a hang into a failure."""

MEMORY_CAP = 1 << 30

LINE = json.dumps({"type": "response", "learner": "ana", "session_id": 1,
                   "question_id": "q1", "answer": ["a"], "score": 1.0}) + "\n"


def _report(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QUIZ_CACHE_DIR=str(cwd / "cache"),
               QUIZ_DB=str(cwd / "absent" / "p.sqlite3"))
    try:
        return subprocess.run(
            [sys.executable, "-m", "quiz", "report", "--class", *args], cwd=cwd,
            capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, env=env, check=False,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS,
                                                  (MEMORY_CAP, MEMORY_CAP)))
    except subprocess.TimeoutExpired:
        pytest.fail(f"quiz report --class {' '.join(args)} hung")


def _refused(result: subprocess.CompletedProcess[str], shown: str, kind: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"quiz: error: {shown}" in result.stderr, result.stderr
    assert kind in result.stderr and "not a regular file" in result.stderr, result.stderr


def test_a_deeply_nested_line_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    export = tmp_path / "deep.jsonl"
    export.write_text(LINE + '{"type": "response", "objectives": ' + "[" * 200_000
                      + "]" * 200_000 + "}\n", encoding="utf-8")
    with pytest.raises(QuizError) as caught:
        class_report([export], Catalog((), {}))
    assert str(caught.value).startswith(f"{export}:2:")
    result = _report(str(export), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert f"quiz: error: {export}:2:" in result.stderr, result.stderr


def test_an_export_symlinked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    _refused(_report("zero.jsonl", cwd=tmp_path), "zero.jsonl", "character device")


def test_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    _refused(_report("pipe.jsonl", cwd=tmp_path), "pipe.jsonl", "FIFO")


def test_a_session_split_across_banks_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "mixed.jsonl"
    first = json.loads(LINE)
    export.write_text(json.dumps(dict(first, bank_id="one")) + "\n"
                      + json.dumps(dict(first, question_id="q2", bank_id="two")) + "\n",
                      encoding="utf-8")
    with pytest.raises(QuizError, match=r"mixed\.jsonl:2: .*bank_id 'one'.*not 'two'"):
        class_report([export], Catalog((), {}))
