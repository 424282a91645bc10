"""The study commands: errors are messages printed before any screen, Textual loads late."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from tests.tui.tui_helpers import BANKS

PROBE = """
import runpy, sys
sys.argv = ["quiz", *{args!r}]
try:
    runpy.run_module("quiz", run_name="__main__")
except SystemExit:
    pass
print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-ABSENT", file=sys.stderr)
"""


def _quiz(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"QUIZ_CACHE_DIR": str(tmp_path / "cache"), "QUIZ_DB": str(tmp_path / "p.sqlite3"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", PROBE.format(args=args)],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("args", [
    ["--help"], ["practice", "--help"], ["exam", "--help"], ["review-mistakes", "--help"],
    ["home", "--help"],
], ids=" ".join)
def test_help_of_study_commands_does_not_load_textual(args: list[str], tmp_path: Path) -> None:
    done = _quiz(args, tmp_path)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "TEXTUAL-ABSENT"
    if args != ["--help"]:
        assert "Example: quiz" in done.stdout


def test_a_broken_bank_is_reported_before_any_screen(tmp_path: Path) -> None:
    bad = tmp_path / "bank.yaml"
    bad.write_text("bank: x\ntitle: X\nlesson: nowhere\nquestions: [1, 2]\n", encoding="utf-8")
    done = _quiz(["practice", str(bad)], tmp_path)
    assert "Traceback" not in done.stderr
    assert f"{bad}:" in done.stderr and "quiz: error:" in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "TEXTUAL-ABSENT"


@pytest.mark.parametrize(("args", "message"), [
    (["practice", str(BANKS), "--objective", "LO7"], "no objective 'LO7'"),
    (["practice", str(BANKS), "--scenario", "help-dsk"], "did you mean 'help-desk'"),
    (["practice", str(BANKS), "--phase", "inference", "--objective", "LO2"],
     "no questions match"),
    (["exam", str(BANKS), "--resume"], "no unfinished exam to resume"),
    (["review-mistakes", str(BANKS)], "no answers yet, so no mistakes to review"),
    (["practice", str(BANKS), "--count", "0"], "--count"),
    (["practice", str(BANKS), "--bank", "nope"], "no bank 'nope'"),
])
def test_impossible_requests_are_clear_messages(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "p.sqlite3"))
    # what is checked is the request, not the terminal CliRunner lacks
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    done = CliRunner().invoke(cli, [*args, "--learner", "ana"])
    assert done.exit_code != 0
    assert message in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


def _fake_app(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import quiz.tui.app as tui_app

    seen: dict[str, Any] = {}

    class FakeApp:
        def __init__(self, workspace, session=None, **start):  # type: ignore[no-untyped-def]
            seen["workspace"], seen["session"], seen["start"] = workspace, session, start

        def run(self) -> None:
            seen["ran"] = True

        def close_sessions(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    monkeypatch.setattr(tui_app, "make_app", FakeApp)
    # the fake app needs no terminal (CliRunner gives the command none)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    return seen


def test_learner_and_db_options_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workspace a command builds uses --learner and --db (checked without drawing)."""
    seen: dict[str, Any] = _fake_app(monkeypatch)
    db = tmp_path / "mine.sqlite3"
    done = CliRunner().invoke(cli, ["practice", str(BANKS), "--learner", "zoe", "--db", str(db),
                                    "--phase", "training", "--count", "2", "--seed", "5",
                                    "--no-generated", "--objective", "LO1"])
    assert done.exit_code == 0, done.output
    assert seen["ran"] and seen["workspace"].learner == "zoe"
    assert seen["workspace"].db_path == db  # the file itself is made by the first answer
    filters = seen["start"]["filters"]
    assert (filters.phase.value, filters.count, filters.include_generated,
            filters.objectives) == ("training", 2, False, ("LO1",))
    assert seen["start"]["seed"] == 5 and seen["start"]["start"] == "practice"


def test_adaptive_practice_opens_on_an_adaptive_session_within_the_filters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _fake_app(monkeypatch)
    done = CliRunner().invoke(cli, ["practice", str(BANKS), "--adaptive", "--phase", "inference",
                                    "--count", "3", "--seed", "2", "--learner", "zoe",
                                    "--db", str(tmp_path / "a.sqlite3")])
    assert done.exit_code == 0, done.output
    session = seen["session"]
    from quiz.engine.session import Mode, Session

    assert isinstance(session, Session) and session.mode is Mode.PRACTICE
    assert 0 < len(session.items) <= 3
    assert all(it.question.phase.value == "inference" for it in session.items)
