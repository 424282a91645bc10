"""A learner name that is not text (bytes that are not UTF-8, which Python keeps as
surrogate escapes) is refused with a message where the name comes in, never an internal
UnicodeEncodeError from SQLite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.errors import QuizError
from quiz.store.learners import learner_name
from tests.store.store_builders import many_answers

NOT_TEXT = os.fsdecode(b"\x9b")  # what Python makes of the byte 0x9b in argv


def test_learner_name_refuses_bytes_that_are_not_text() -> None:
    with pytest.raises(QuizError, match="not valid UTF-8"):
        learner_name(NOT_TEXT)
    assert learner_name("Ana María") == "Ana María"


@pytest.mark.parametrize("command", [
    ["review-mistakes"], ["review", "--counts"], ["report"],
    ["export-results", "-o", "-"], ["exam", "--resume"],
])
def test_commands_refuse_such_a_name(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "p.sqlite3"
    many_answers(db, sessions=1, per=3)
    done = CliRunner().invoke(cli, [*command, "--learner", NOT_TEXT, "--db", str(db)])
    error = done.exception
    assert error is None or isinstance(error, SystemExit), repr(error)
    assert done.exit_code == 1, done.output
    assert "not valid UTF-8" in done.output
