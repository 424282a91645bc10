"""The study commands from a shell: ``--plain`` through a pipe, and no app without a terminal."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plain.plain_helpers import BANKS

QUIZ = [sys.executable, "-m", "quiz"]


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QUIZ_CACHE_DIR": str(tmp_path / "cache"),
            "QUIZ_DB": str(tmp_path / "p.sqlite3"), "COLUMNS": "", "LINES": ""}


def _answers(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question_id, answer FROM responses").fetchall()


def test_practice_plain_answers_one_question_from_a_pipe(tmp_path: Path) -> None:
    """The issue's own example: printf '1\\n\\n' | quiz practice --plain --count 1."""
    done = subprocess.run([*QUIZ, "practice", str(BANKS), "--plain", "--count", "1",
                           "--seed", "3", "--learner", "ana"],
                          input="1\n\n", capture_output=True, text=True, env=_env(tmp_path),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "\x1b" not in done.stdout
    assert "Question 1 of 1" in done.stdout
    stored = _answers(tmp_path / "p.sqlite3")
    assert len(stored) == 1, stored


@pytest.mark.parametrize("command", [["practice"], ["exam"], ["review-mistakes"], ["home"]])
def test_without_a_terminal_the_app_says_how_to_use_plain(command: list[str],
                                                          tmp_path: Path) -> None:
    """`quiz practice < /dev/null` used to wait forever; `| cat` drew the app on stderr."""
    with open(os.devnull) as nothing:
        done = subprocess.run([*QUIZ, *command, str(BANKS), "--learner", "ana"],
                              stdin=nothing, capture_output=True, text=True,
                              env=_env(tmp_path), timeout=120)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "not a terminal" in done.stderr
    assert "--plain" in done.stderr
    assert "Traceback" not in done.stderr
    assert "\x1b" not in done.stdout + done.stderr  # nothing was drawn
