"""Small helpers for the app's tests: the fixture bank's place, reading what the app shows."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from quiz.tui.widgets.action_bar import ActionBar
from quiz.tui.widgets.top_bar import TopBar
from quiz.workspace import Workspace

DATA = Path(__file__).parent / "data"
BANKS = DATA / "question_banks"
WorkspaceFactory = Callable[..., Workspace]
"""open_workspace(*bank_paths, learner=...) -> Workspace on the test's store and clock."""


def text_of(app: App[Any], selector: str) -> str:
    """The plain text of a Static (or a widget with ``content``) on the current screen."""
    widget = app.screen.query_one(selector)
    content = widget.content if isinstance(widget, Static) else getattr(widget, "content", "")
    return content.plain if hasattr(content, "plain") else str(content)


def screen_text(app: App[None]) -> str:
    """Everything on the terminal, as plain text (from the SVG screenshot's text runs)."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape("".join(rows)).replace("\xa0", " ")


# --- notifications, through the public App.notify ------------------------------------------

_NOTICES: WeakKeyDictionary[App[Any], list[str]] = WeakKeyDictionary()


def record_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each app's notifications (App.notify, App.clear_notifications) for notices().

    Textual keeps what it shows in a private attribute; recording at the public methods
    every screen goes through (Widget.notify calls App.notify) needs nothing private.
    """
    notify, clear = App.notify, App.clear_notifications

    def notifying(self: App[Any], message: str, **options: Any) -> None:
        _NOTICES.setdefault(self, []).append(str(message))
        notify(self, message, **options)

    def clearing(self: App[Any]) -> None:
        _NOTICES.pop(self, None)
        clear(self)

    monkeypatch.setattr(App, "notify", notifying)
    monkeypatch.setattr(App, "clear_notifications", clearing)


def notices(app: App[Any]) -> list[str]:
    """The messages ``app`` notified since it last cleared its notifications."""
    return list(_NOTICES.get(app, []))


# --- the screen's buttons and top row ---------------------------------------------------------


async def click_button(pilot: Pilot[Any], name: str) -> None:
    """Click the middle of the current screen's button ``name`` (``ActionBar``), as a
    learner's mouse would."""
    bar = pilot.app.screen.query_one(ActionBar)
    await pilot.click(ActionBar, offset=bar.offset_of(name))


def button_shown(app: App[Any], name: str) -> bool:
    """Whether the current screen's button ``name`` is in its row."""
    return app.screen.query_one(ActionBar).shown(name)


def status_of(app: App[Any]) -> str:
    """The status the current screen's top row shows."""
    return app.screen.query_one(TopBar).status.plain


# --- the footer, as drawn ---------------------------------------------------------------------


def footer_entries(app: App[Any]) -> list[tuple[str, str]]:
    """(key, description) of each key the current screen's footer draws, palette key left out.

    The footer's key widgets are not public in Textual, so they are found by their CSS type
    name and read through what they render (``key description``, padded with spaces).
    """
    entries = []
    for key in app.screen.query("Footer FooterKey"):
        if "-command-palette" in key.classes:
            continue
        drawn = key.render()
        text = drawn.plain if isinstance(drawn, Text) else str(drawn)
        shown, _, description = text.strip().partition(" ")
        entries.append((shown, description.strip()))
    return entries


# --- the terminal, cell by cell ---------------------------------------------------------------

_TEXT_RUN = re.compile(r"<text ([^>]*)>(.*?)</text>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def drawn_cells(app: App[Any]) -> list[list[str]]:
    """The terminal as rows of cells, dialogs over their screen, from the public screenshot.

    Each SVG text run names its row (its clip path, ``…-line-<row>``) and starts at
    x = column × cell width; a wide character takes two cells (the second is ``""``).
    """
    width, height = app.size
    svg = app.export_screenshot()
    first_row = re.search(r'-line-0">\s*<rect [^>]*width="([\d.]+)"', svg)
    assert first_row, "the screenshot's layout changed: no clip path for row 0"
    cell_width = float(first_row.group(1)) / width
    rows = [[" "] * width for _ in range(height)]
    for run in _TEXT_RUN.finditer(svg):
        attributes = dict(_ATTRIBUTE.findall(run.group(1)))
        row = re.search(r"-line-(\d+)\)", attributes.get("clip-path", ""))
        if row is None or int(row.group(1)) >= height:
            continue
        cells = rows[int(row.group(1))]
        column = round(float(attributes["x"]) / cell_width)
        for char in html.unescape(run.group(2)).replace("\xa0", " "):
            size = cell_len(char)
            for offset in range(size):
                if column + offset < width:
                    cells[column + offset] = "" if offset else char
            column += size
    return rows


async def until(pilot: Pilot[Any], ready: Callable[[], object], what: str) -> None:
    """Let the app work until ``ready()`` holds (at most 500 rounds of its message queues).

    ``pilot.press`` waits for the app through a CPU-idle guess that a loaded machine fools,
    so a key can arrive before the screen it is meant for has mounted; each round here waits
    for the current screen to process what is queued (``pilot.pause``), not for a time.
    """
    for _ in range(500):
        if ready():
            return
        await pilot.pause()
    raise AssertionError(f"the app never got to: {what}")


def current(app: App[Any]) -> Screen[Any]:
    """The app's screen now: a call, so a type checker keeps no narrowing of ``app.screen``
    from before a key press changed it."""
    return app.screen
