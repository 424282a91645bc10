"""The first screen is drawn in the app's first frame (issue 16): it is the base of the screen
stack, not pushed over Textual's blank default screen; later main screens go over a blank
base as before. The CLI's start-up settings (collector paused, short switch interval) end
once that frame has been drawn."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.dom import DOMNode
from textual.events import ScreenResume
from textual.screen import Screen

import quiz.tui.screens
from quiz.bank.cache import stored_questions
from quiz.cli.study_cmds import _started
from quiz.tui.app import SCREEN_STYLES, QuizApp, Start, make_app
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.modal import QuizModal
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.workspace import Workspace
from tests.tui.tui_helpers import BANKS, WorkspaceFactory, screen_text, text_of, until


async def test_the_first_question_is_the_base_screen_and_is_drawn_first(
        workspace: Workspace) -> None:
    seen: list[tuple[type, str]] = []
    app = make_app(workspace, start="practice", seed=1,
                   after_first_frame=lambda: seen.append(
                       (type(app.screen), text_of(app, "#stem"))))
    async with app.run_test() as pilot:
        await until(pilot, lambda: seen, "the first frame")
        session = app.screen.session  # type: ignore[attr-defined]
        stem = session.items[0].question.stem
        assert app.screen_stack == [app.screen] and isinstance(app.screen, PracticeScreen)
        # called once, after the question was on the screen
        assert seen == [(PracticeScreen, text_of(app, "#stem"))]
        assert " ".join(stem.split())[:40] in " ".join(screen_text(app).split())
        await pilot.pause()
        assert len(seen) == 1


async def test_the_next_main_screen_goes_over_a_blank_base(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=1)
    async with app.run_test() as pilot:
        first = app.screen
        app.go_home()
        await until(pilot, lambda: isinstance(app.screen, HomeScreen)
                    and app.screen.query("#practice"), "the home screen mounted")
        assert len(app.screen_stack) == 2
        assert type(app.screen_stack[0]).__name__ == "Screen"  # Textual's blank one
        assert first not in app.screen_stack
        app.show_results(app.sessions[0])
        await until(pilot, lambda: isinstance(app.screen, ResultsScreen), "the results")
        assert len(app.screen_stack) == 2  # replaced, not stacked


async def test_home_is_the_base_screen_when_the_app_starts_there(
        workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test():
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)


def test_the_collector_and_switch_interval_come_back_after_the_first_frame() -> None:
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    switch = sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(0.0005)
    try:
        _started(switch)
        assert gc.isenabled() and sys.getswitchinterval() == switch
        assert gc.get_freeze_count() > frozen  # what start-up made is out of its sight
    finally:
        sys.setswitchinterval(switch)
        gc.unfreeze()  # the test process had nothing frozen (checked below)
        (gc.enable if enabled else gc.disable)()
    assert frozen == 0


async def test_home_reads_no_question_of_a_cached_catalog(
        open_workspace: WorkspaceFactory) -> None:
    open_workspace().close()  # the first open fills the catalog cache
    workspace = open_workspace()
    stored = [stored_questions(bank) for bank in workspace.catalog.banks]
    assert stored and all(s is not None for s in stored)
    app = make_app(workspace)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen.query("#practice"), "the home screen")
        assert "written" in screen_text(app)  # the banks' lines, counted on the outline
        assert [s.chunks_read for s in stored if s is not None] == [0] * len(stored)


# --- the first screen is styled once before its first frame (issue 16) ----------------------


def _rules(screen: Screen[Any]) -> dict[DOMNode, object]:
    """Every node's rules from the stylesheet, as Textual applied them."""
    return {node: node.styles.base.get_rules() for node in screen.walk_children(with_self=True)}


@pytest.mark.parametrize(("start", "size"), [
    ("practice", (100, 30)), ("practice", (80, 24)), ("practice", (30, 8)),
    ("exam", (100, 30)), ("home", (100, 30)), ("home", (60, 14))])
async def test_the_first_screen_holds_the_styles_a_restyle_gives(
        workspace: Workspace, start: Start, size: tuple[int, int]) -> None:
    """The first resume's restyle is left out (``QuizScreen.on_screen_resume``): every node
    holds what restyling the whole screen now gives."""
    app = make_app(workspace, start=start, seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        styled = _rules(screen)
        app.stylesheet.update(screen)
        assert _rules(screen) == styled


async def test_the_first_screen_is_not_restyled_before_its_first_frame(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    restyled: list[tuple[bool, DOMNode]] = []
    drawn: list[bool] = []
    app = make_app(workspace, start="practice", seed=1,
                   after_first_frame=lambda: drawn.append(True))
    update_styles = app.update_styles

    def counted(node: DOMNode, animate: bool = True) -> None:
        if isinstance(node, Screen):
            restyled.append((bool(drawn), node))
        update_styles(node, animate=animate)

    monkeypatch.setattr(app, "update_styles", counted)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: drawn, "the first frame")
        assert isinstance(app.screen, PracticeScreen)
        assert restyled == []
        # a later resume restyles as Textual does
        first = app.screen
        first.post_message(ScreenResume())
        await until(pilot, lambda: restyled, "the next resume")
        assert restyled == [(True, first)]


# --- each screen's styles in its own file (issue 16) -----------------------------------------


def _screen_classes() -> list[type[Screen[Any]]]:
    import importlib
    import pkgutil

    import quiz.tui.screens as screens

    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"quiz.tui.screens.{module.name}")
    found: list[type[Screen[Any]]] = []
    todo: list[type[Screen[Any]]] = [QuizScreen, QuizModal]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _style_files(app: QuizApp) -> set[str]:
    return {Path(path).name for path, _ in app.stylesheet.source
            if path.endswith(".tcss") and Path(path).parent.name == "screens"}


def test_every_screen_s_style_file_is_read_after_the_first_frame() -> None:
    for cls in _screen_classes():
        paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH or ""]
        for path in paths:
            assert path == "" or str(path) in SCREEN_STYLES, (cls, path)
            assert path == "" or (Path(quiz.tui.screens.__file__).parent / path).is_file()


@pytest.mark.parametrize(("start", "files"), [
    ("practice", set()), ("exam", {"exam.tcss"}),
    ("home", {"home.tcss"})])
async def test_the_first_screen_reads_only_its_own_styles_then_every_screen_s(
        workspace: Workspace, start: Start, files: set[str]) -> None:
    app = make_app(workspace, start=start, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _style_files(app) == files
        screen = app.screen
        styled = _rules(screen)
        app.read_every_style()
        assert _style_files(app) == set(SCREEN_STYLES)
        # no rule of the other screens' files touches this one's widgets
        app.stylesheet.update(screen)
        assert _rules(screen) == styled
        # a screen pushed now finds its styles read: Textual reads no file again
        read = {path: css for path, css in app.stylesheet.source.items()
                 if path[0].endswith(".tcss")}
        app.action_help()
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        assert {path: css for path, css in app.stylesheet.source.items()
                if path[0].endswith(".tcss")} == read


FIRST_QUESTION = """
import asyncio, json, sys
from pathlib import Path
from quiz.tui.app import make_app
from quiz.tui.screens.practice import PracticeScreen
from quiz.workspace import Workspace

seen = []
shown = PracticeScreen.item_shown

def item_shown(self):
    seen.append(sorted(sys.modules))
    shown(self)

PracticeScreen.item_shown = item_shown

async def main():
    app = make_app(Workspace.open([Path(sys.argv[1])], "ana", None), start="practice", seed=1)
    async with app.run_test() as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.screen._tail is not None:  # the feedback's tail, built after the frame
                break
        seen.append(sorted(sys.modules))

asyncio.run(main())
print(json.dumps(seen))
"""


def test_the_first_question_is_shown_before_the_feedback_modules_load(tmp_path: Path) -> None:
    env = dict(os.environ, QUIZ_CACHE_DIR=str(tmp_path / "cache"),
               QUIZ_DB=str(tmp_path / "p.sqlite3"))
    done = subprocess.run([sys.executable, "-c", FIRST_QUESTION, str(BANKS)],
                          capture_output=True, text=True, env=env, check=True)
    shown, later = (set(modules) for modules in json.loads(done.stdout))
    deferred = {"quiz.tui.widgets.feedback_panel", "quiz.engine.feedback",
                "quiz.tui.widgets.countdown"}
    assert not shown & deferred, sorted(shown & deferred)
    assert {"quiz.tui.widgets.feedback_panel", "quiz.engine.feedback"} <= later
