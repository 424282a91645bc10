"""The app's part of the classroom work (issue 13): background sending with a quiet status,
the learner's name asked first when served; and never a blank screen (issue 16 item 3): a
slow bank read shows a loading screen with progress, then the first question."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input, ProgressBar

from quiz.bank.cache import load_cached
from quiz.bank.result import LoadResult
from quiz.config import LrsConfig, Setting
from quiz.tui import app as tui_app
from quiz.tui.app import make_app
from quiz.tui.loading import LoadingApp, LoadingScreen, Progress
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.name_prompt import NamePrompt, name_problem
from quiz.tui.screens.practice import PracticeScreen
from quiz.workspace import Workspace
from quiz.xapi.sender import SyncResult
from tests.tui.tui_helpers import BANKS, current, text_of

LRS = LrsConfig(endpoint=Setting("http://127.0.0.1:9/xAPI/", "env"))


class CountingJournal:
    """A journal that queues nothing but counts what the recorder asked."""

    def __init__(self) -> None:
        self.calls = 0

    def session_started(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.calls += 1

    def answered(self, conn: sqlite3.Connection, session_id: int, position: int,
                 question_type: str) -> None:
        self.calls += 1

    def session_ended(self, conn: sqlite3.Connection, session_id: int,
                      pass_mark: float | None) -> None:
        self.calls += 1


async def _until(condition: object, pilot: object, tries: int = 100) -> None:
    for _ in range(tries):
        if callable(condition) and condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition never held")


async def test_pending_statements_go_in_the_background_with_a_quiet_status(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch,
) -> None:
    rounds: list[Path] = []
    releases = [threading.Event(), threading.Event()]

    def send_pending(db_path: Path, lrs: LrsConfig, timeout: float = 10.0) -> SyncResult:
        rounds.append(db_path)
        sent = len(rounds) * 3
        # an LRS that takes its time: keys must still be answered meanwhile
        releases[len(rounds) - 1].wait(5)
        return SyncResult(sent, 0, 1, 0, "LRS answered 503")

    monkeypatch.setattr("quiz.xapi.background.send_pending", send_pending)
    monkeypatch.setattr(tui_app, "SYNC_AFTER_ANSWER_SECONDS", 0.05)
    workspace.journal = CountingJournal()
    app = make_app(workspace, start="practice", seed=1, lrs=LRS)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(lambda: rounds, pilot)  # the first round starts with the app
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("1", "enter")  # answered while the first round is still out
        assert screen.session.answers
        releases[0].set()
        await _until(lambda: "3 sent" in text_of(app, "#lrs-status"), pilot)
        assert text_of(app, "#lrs-status") == "LRS: 3 sent · 1 pending · LRS answered 503"
        # the answer's round waited for the first to come back, then went
        await _until(lambda: len(rounds) == 2, pilot)
        releases[1].set()
        await _until(lambda: "6 sent" in text_of(app, "#lrs-status"), pilot)
        assert len(rounds) == 2
    assert rounds[0] == workspace.db_path


async def test_without_an_lrs_there_is_no_status_line(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=1, lrs=LRS)  # no journal: not configured
    async with app.run_test(size=(100, 30)):
        assert not app.screen.query("#lrs-status")


def test_names_are_checked() -> None:
    assert name_problem("") and name_problem("   ")
    assert name_problem("x" * 65) and not name_problem("x" * 64)
    assert name_problem("ana\x1b[31m") and name_problem("a\u202eb") and name_problem("a\tb")
    assert name_problem("Zoé Ndiaye-O'Brien") is None


async def test_a_served_app_asks_the_learners_name_first(workspace: Workspace) -> None:
    app = make_app(workspace, ask_learner=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, NamePrompt)
        assert not app.sessions and not workspace.recorders  # nothing made before the name
        await pilot.press("enter")  # empty: refused, says why
        assert isinstance(app.screen, NamePrompt)
        assert "Type your name" in text_of(app, "#name-problem")
        app.screen.query_one("#name", Input).value = "  Zoé  "
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert workspace.learner == "Zoé"
        await pilot.press("1")
        assert isinstance(current(app), PracticeScreen)
    with sqlite3.connect(workspace.db_path or ":memory:") as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM learners")]
    assert names == ["Zoé"]


async def test_a_slow_bank_read_shows_progress_then_the_first_question(
    workspace: Workspace, tmp_path: Path,
) -> None:
    """The loader (injected, slowed) runs in a worker while the loading screen shows its
    progress; its result then opens the store and the first question."""
    step = threading.Event()
    done = threading.Event()

    def slow_loader(progress: Progress) -> LoadResult:
        progress(1, 4)
        step.wait(5)
        progress(3, 4)
        done.wait(5)
        return load_cached([str(BANKS)])

    loading: LoadingApp[LoadResult] = LoadingApp(slow_loader, "1 file, 0.1 MB")
    async with loading.run_test(size=(80, 24)) as pilot:
        screen = loading.screen
        assert isinstance(screen, LoadingScreen)
        bar = screen.query_one("#loading-bar", ProgressBar)
        await _until(lambda: bar.progress == 1, pilot)
        assert bar.total == 4
        assert "Reading the question banks" in text_of(loading, "#loading-title")
        step.set()
        await _until(lambda: bar.progress == 3, pilot)
        done.set()
        await _until(lambda: loading.return_value is not None, pilot)
    result = loading.return_value
    assert isinstance(result, LoadResult) and not result.errors
    app = make_app(Workspace.open([BANKS], "ana", tmp_path / "s.sqlite3"), start="practice",
                   seed=1)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query("#stem")


async def test_a_loader_error_is_handed_back(tmp_path: Path) -> None:
    def failing(progress: Progress) -> LoadResult:
        raise OSError("disk gone")

    loading: LoadingApp[LoadResult] = LoadingApp(failing)
    async with loading.run_test(size=(80, 24)) as pilot:
        await _until(lambda: loading.error is not None, pilot)
    assert isinstance(loading.error, OSError)


def _draw_path(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], int, int]]:
    """Run the CLI with a terminal (stubbed), every bank set 'large', a fake app, and a
    loading screen that records its call and reads without drawing."""
    import quiz.cli.study_cmds as study
    import quiz.tui.loading as loading

    calls: list[tuple[list[str], int, int]] = []

    def read(paths: list[str], files: int, size: int) -> LoadResult:
        calls.append((paths, files, size))
        return load_cached(paths)

    class FakeApp:
        def __init__(self, workspace: Workspace, session: object = None, **_: object):
            pass

        def run(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    monkeypatch.setattr(study, "LARGE_BANKS", 0)
    monkeypatch.setattr(loading, "read_banks_with_screen", read)
    monkeypatch.setattr(tui_app, "make_app", FakeApp)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    return calls


def test_only_a_cache_miss_reads_behind_the_loading_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quiz.cli.main import cli

    calls = _draw_path(monkeypatch)
    args = ["practice", str(BANKS), "--db", str(tmp_path / "p.sqlite3")]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert len(calls) == 1 and calls[0][1] > 0  # cold: behind the screen
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert len(calls) == 1  # warm: straight on, as before
    plain = CliRunner().invoke(cli, [*args, "--plain", "--count", "1"], input="\n")
    assert len(calls) == 1, plain.output  # no screen for plain text


def test_bank_errors_behind_the_loading_screen_are_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quiz.cli.main import cli

    calls = _draw_path(monkeypatch)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nquestions: [1, 2\n")
    done = CliRunner().invoke(cli, ["home", str(broken), "--db", str(tmp_path / "p.sqlite3")])
    assert len(calls) == 1
    assert done.exit_code == 1
    assert "broken.yaml:" in done.output and "error(s) in the banks" in done.output
