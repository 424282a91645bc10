"""The app shows each nasty text literally: home, practice feedback, exam results, Progress.

A course carries the text in every learner-facing field (bank title, stem, choices, feedback,
explanation, objective, lesson sides, scenario) and the learner is named with it. On every
screen the test reads what the terminal would receive — the compositor's strips, segment by
segment — and the plain text of every Static, and checks: no raw control character, markup
left as text (the literal ``[bold red]`` is on screen), and no crash.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from quiz.engine.clock import FakeClock
from quiz.text import safe_line
from quiz.tui.app import make_app
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.progress import ProgressScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.workspace import Workspace
from tests.hostile.checks import unsafe
from tests.hostile.corpus import NASTY_TEXTS, write_course

NAMES = sorted(NASTY_TEXTS)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


def open_course(folder: Path, text: str) -> Workspace:
    workspace = Workspace.open([write_course(folder, text)], text, folder / "p.sqlite3")
    workspace.clock = FakeClock()
    return workspace


_RUN = re.compile(r'<text[^>]*clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>', re.DOTALL)


def on_screen(app: App[None]) -> str:
    """Every cell the terminal shows, line by line, as text: read from the public SVG
    screenshot (its text runs carry their line), not from Textual's private compositor."""
    lines: dict[int, list[str]] = {}
    for line, run in _RUN.findall(app.export_screenshot()):
        lines.setdefault(int(line), []).append(run)
    return "\n".join(html.unescape("".join(lines[n])).replace("\xa0", " ") for n in sorted(lines))


def in_widgets(app: App[None]) -> str:
    """The whole text of every widget with content (Statics, the feedback panel...) on the
    screen, scrolled out of view or not."""
    parts = []
    for widget in app.screen.query("*"):
        content = widget.content if isinstance(widget, Static) else getattr(
            widget, "content", None)
        if content is not None:
            parts.append(content.plain if hasattr(content, "plain") else str(content))
    return "\n".join(parts)


def check(app: App[None], where: str, text: str) -> str:
    shown = on_screen(app)
    full = in_widgets(app)
    assert not unsafe(shown), f"{where}: raw control characters on screen: {unsafe(shown)}"
    assert not unsafe(full.replace("\n", "")), f"{where}: in a widget: {unsafe(full)}"
    if text.startswith("[bold red]"):
        assert "[bold red]not bold[/]" in shown + full, f"{where}: Rich markup used"
    if text.startswith("$accent"):
        assert "[@click=app.quit]quit[/]" in shown + full, f"{where}: Textual markup used"
    return full


@pytest.mark.parametrize("name", NAMES)
async def test_home_shows_bank_title_and_learner_literally(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    app = make_app(open_course(tmp_path, text))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        full = check(app, f"{name}: home", text)
        assert safe_line(" ".join(text.split()))[:30] in full


@pytest.mark.parametrize("name", NAMES)
async def test_practice_question_and_feedback(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    app = make_app(open_course(tmp_path, text), start="practice", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        check(app, f"{name}: practice question", text)
        for key in ("1", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen.query("#feedback"), f"{name}: no feedback after answering"
        full = check(app, f"{name}: practice feedback", text)
        assert "Inference applies." in full
        for key in ("end", "pagedown"):  # the rest of a long feedback, scrolled into view
            await pilot.press(key)
        check(app, f"{name}: practice feedback, scrolled", text)


@pytest.mark.parametrize("name", NAMES)
async def test_exam_results(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    app = make_app(open_course(tmp_path, text), start="exam", seed=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check(app, f"{name}: exam start page", text)
        await pilot.press("enter")  # the start page holds the clock until Enter
        await pilot.pause()
        check(app, f"{name}: exam question", text)
        await pilot.press("1", "s")
        await pilot.pause()
        check(app, f"{name}: exam review", text)
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen), f"{name}: no results screen"
        check(app, f"{name}: exam results", text)


@pytest.mark.parametrize("name", NAMES)
async def test_progress_screen_with_a_hostile_learner(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    workspace = open_course(tmp_path, text)
    session = workspace.practice(seed=1)
    session.answer(["b"])
    session.submit()
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        full = check(app, f"{name}: progress", text)
        assert safe_line(" ".join(text.split()))[:25] in full or safe_line(text)[:25] in full
        await pilot.press("end")
        check(app, f"{name}: progress, scrolled", text)
