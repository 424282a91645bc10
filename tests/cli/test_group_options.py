"""`quiz` itself takes --learner, --db and --theme: for the app, and as the defaults of the
command that follows; QUIZ_LEARNER sets the default learner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli


def _fake_app(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import quiz.tui.app as tui_app

    seen: dict[str, Any] = {}

    class FakeApp:
        def __init__(self, workspace: Any, session: Any = None, **start: Any) -> None:
            seen["workspace"], seen["start"] = workspace, start

        def run(self) -> None:
            seen["ran"] = True

        def close_sessions(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    monkeypatch.setattr(tui_app, "make_app", FakeApp)
    # the fake app needs no terminal (CliRunner gives the command none)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    return seen


def test_bare_quiz_opens_home_for_the_learner_and_store_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_app(monkeypatch)
    db = tmp_path / "mine.sqlite3"
    done = CliRunner().invoke(cli, ["--learner", "zoe", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert seen["ran"] and seen["start"]["start"] == "home"
    assert seen["workspace"].learner == "zoe" and seen["workspace"].db_path == db


def test_group_options_are_the_defaults_of_the_command_that_follows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_app(monkeypatch)
    db = tmp_path / "mine.sqlite3"
    done = CliRunner().invoke(cli, ["--learner", "zoe", "--db", str(db), "practice",
                                    "--count", "2"])
    assert done.exit_code == 0, done.output
    assert seen["workspace"].learner == "zoe" and seen["workspace"].db_path == db
    # the command's own option wins over the group's
    done = CliRunner().invoke(cli, ["--learner", "zoe", "practice", "--learner", "ana",
                                    "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert seen["workspace"].learner == "ana"


def test_quiz_learner_sets_the_default_learner(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_app(monkeypatch)
    monkeypatch.setenv("QUIZ_LEARNER", "kim")
    done = CliRunner().invoke(cli, ["practice", "--db", str(tmp_path / "p.sqlite3")])
    assert done.exit_code == 0, done.output
    assert seen["workspace"].learner == "kim"


def test_group_learner_reaches_reports(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["--learner", "zed", "--db", str(tmp_path / "p.sqlite3"),
                                    "report"])
    assert "Progress report: zed" in done.output


def test_shell_completion_lists_commands_as_readme_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """README documents click's completion (`_QUIZ_COMPLETE=bash_source quiz`)."""
    monkeypatch.setenv("_QUIZ_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "quiz pra")
    monkeypatch.setenv("COMP_CWORD", "1")
    done = CliRunner().invoke(cli, [], prog_name="quiz")
    assert "plain,practice" in done.output
