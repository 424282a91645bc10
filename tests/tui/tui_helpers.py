"""Small helpers for the app's tests: the fixture bank's place, reading what the app shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.widgets import Static

from quiz.workspace import Workspace

DATA = Path(__file__).parent / "data"
BANKS = DATA / "question_banks"
WorkspaceFactory = Callable[..., Workspace]
"""open_workspace(*bank_paths, learner=...) -> Workspace on the test's store and clock."""


def text_of(app: App[None], selector: str) -> str:
    """The plain text of a Static (or a widget with ``content``) on the current screen."""
    widget = app.screen.query_one(selector)
    content = widget.content if isinstance(widget, Static) else getattr(widget, "content", "")
    return content.plain if hasattr(content, "plain") else str(content)


def screen_text(app: App[None]) -> str:
    """Everything on the terminal, as plain text (from the SVG screenshot's text runs)."""
    import html
    import re

    svg = app.export_screenshot()
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape("".join(rows)).replace("\xa0", " ")
