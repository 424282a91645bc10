"""Progress fits the screen (issue 15 item 2), the theme is kept (item 8), screenshots land in
a folder that exists and say where (item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.config import ConfigError, load, save_setting
from quiz.errors import QuizError
from quiz.tui.app import make_app
from quiz.tui.screens.progress import ProgressScreen, wrap_report
from quiz.workspace import Workspace
from tests.tui.tui_helpers import BANKS, notices, screen_text


@pytest.fixture(autouse=True)
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("QUIZ_CONFIG", str(path))
    return path


def _answer_some(workspace: Workspace) -> None:
    session = workspace.practice(seed=2)
    for position, item in enumerate(session.items):
        question = item.question
        picked = list(question.correct_ids) if position % 2 else [question.choices[0].id]
        session.answer(picked, position=position)
    session.submit()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_progress_wraps_to_the_screen_without_cutting_words(
    workspace: Workspace, size: tuple[int, int],
) -> None:
    _answer_some(workspace)
    app = make_app(workspace)
    async with app.run_test(size=size) as pilot:
        await pilot.press("5")
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        report = screen.query_one("#progress-report")
        assert report.region.right <= size[0]
        shown = str(report.render())
        body = screen.query_one("#progress-body")
        width = body.content_region.width
        for line in shown.splitlines():
            assert len(line) <= width
        # every word that fits a line is shown whole (only the spaces between them moved);
        # a longer one (a store's path) is folded
        words = shown.split()
        for word in screen.text.split():
            assert word in words or len(word) > width - 10, word


def test_wrapping_keeps_table_text_under_its_column() -> None:
    row = ("  LO2  untested  –  0  [.......|..]  Describe what training contributes to the AI "
           "lifecycle - learning parameters from data to produce a model.")
    lines = wrap_report(row, 80).splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(row.split())
    column = row.index("Describe")
    assert all(line.startswith(" " * column) for line in lines[1:])


async def test_theme_from_the_option_is_used_and_kept(
    workspace: Workspace, config_file: Path,
) -> None:
    config_file.write_text('# mine\nlearner = "ana"\n\n[lrs]\ncourse = "https://x.org/c"\n')
    app = make_app(workspace, theme="nord")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "nord"
        await pilot.pause()
    text = config_file.read_text()
    assert load(config_file).theme.value == "nord"
    assert text.startswith('# mine\nlearner = "ana"\ntheme = "nord"\n') and "[lrs]" in text


async def test_theme_chosen_in_the_app_is_kept(workspace: Workspace, config_file: Path) -> None:
    app = make_app(workspace, saved_theme="nord")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "nord"
        assert not config_file.exists()  # nothing changed: nothing written
        app.theme = "gruvbox"  # what the palette's Theme command does
        await pilot.pause()
    assert load(config_file).theme.value == "gruvbox"


def test_an_unknown_theme_is_an_error_naming_the_themes(workspace: Workspace) -> None:
    with pytest.raises(QuizError, match=r"no theme 'nope'; choose one of: .*nord"):
        make_app(workspace, theme="nope")
    assert make_app(workspace, saved_theme="nope").theme != "nope"  # the file's: ignored


def test_save_setting_refuses_what_it_cannot_edit_safely(config_file: Path) -> None:
    config_file.write_text('theme = """\nnord"""\n')
    with pytest.raises(ConfigError):
        save_setting("theme", "gruvbox")
    assert config_file.read_text() == 'theme = """\nnord"""\n'
    with pytest.raises(ConfigError):
        save_setting("lrs", "x")


def test_the_commands_take_theme(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import quiz.tui.app as tui_app

    seen: dict[str, object] = {}

    class FakeApp:
        def __init__(self, workspace: Workspace, session: object = None, **start: object):
            seen.update(start)

        def run(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    monkeypatch.setattr(tui_app, "make_app", FakeApp)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    for command in (["home"], ["practice"], ["exam"]):
        seen.clear()
        done = CliRunner().invoke(cli, [*command, str(BANKS), "--theme", "nord",
                                        "--db", str(tmp_path / "p.sqlite3")])
        assert done.exit_code == 0, done.output
        assert seen["theme"] == "nord"


async def test_screenshot_goes_to_an_existing_folder_and_says_where(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    here = tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_PICTURES_DIR", raising=False)
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(here)  # neither ~/Pictures nor ~/Downloads exists: the current folder
    app = make_app(workspace)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        saved = app.save_screenshot_here()
        assert saved is not None and saved.parent == here and saved.exists()
        assert "<svg" in saved.read_text() and "Home" in saved.read_text()
        await pilot.pause()
        assert any(str(saved) in n for n in notices(app))
        (home / "Pictures").mkdir()
        second = app.save_screenshot_here()
        assert second is not None and second.parent == home / "Pictures"
        assert "Screenshot saved" in screen_text(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Screenshot") == 1
