"""Every number on an export line is checked before it reaches the scratch store: a
position, a time or an elapsed time out of range is `file:LINE: 'name' must be ...`, never
an internal error (a CHECK constraint or an integer too large for SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli

GOOD = {"type": "response", "learner": "ana", "session_id": 1, "question_id": "q1",
        "score": 1, "answer": ["a"]}
BAD = [
    ("position", -1), ("position", 99999999999999999999), ("position", 1.5),
    ("position", True), ("time_ms", -1), ("time_ms", 99999999999999999999),
    ("time_ms", 1e300), ("time_ms", "12"),
]
BAD_SESSION = [("elapsed", -100), ("elapsed", 1e300), ("elapsed", "x")]


def _run(tmp_path: Path, lines: list[dict[str, object]], command: str) -> tuple[int, str]:
    export = tmp_path / "f.jsonl"
    export.write_text("".join(json.dumps(line) + "\n" for line in lines))
    done = CliRunner().invoke(cli, [command, "--class", str(export)])
    error = done.exception
    assert error is None or isinstance(error, SystemExit), repr(error)
    assert "internal error" not in done.output
    return done.exit_code, done.output


@pytest.mark.parametrize("command", ["report", "items"])
@pytest.mark.parametrize(("name", "value"), BAD)
def test_a_response_number_out_of_range_is_refused_with_its_line(
        tmp_path: Path, command: str, name: str, value: object) -> None:
    code, said = _run(tmp_path, [GOOD, {**GOOD, "question_id": "q2", name: value}], command)
    assert code == 1, said
    assert f"f.jsonl:2: '{name}' must be a whole number from 0 to" in said


@pytest.mark.parametrize("command", ["report", "items"])
@pytest.mark.parametrize(("name", "value"), BAD_SESSION)
def test_a_session_number_out_of_range_is_refused_with_its_line(
        tmp_path: Path, command: str, name: str, value: object) -> None:
    session = {"type": "session", "learner": "ana", "session_id": 1, "mode": "practice",
               "status": "finished", name: value}
    code, said = _run(tmp_path, [session, GOOD], command)
    assert code == 1, said
    assert f"f.jsonl:1: '{name}' must be a number of seconds from 0 to" in said


def test_numbers_in_range_still_load(tmp_path: Path) -> None:
    session = {"type": "session", "learner": "ana", "session_id": 1, "mode": "practice",
               "status": "finished", "elapsed": 12.5}
    lines = [session, {**GOOD, "position": 0, "time_ms": 1500},
             {**GOOD, "question_id": "q2", "position": 3, "time_ms": 0.0}]
    code, said = _run(tmp_path, lines, "report")
    assert code == 0, said
