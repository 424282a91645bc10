"""Secondary text drawn inside a ``Content`` (``MUTED``) looks like text muted by the CSS
variable ``$text-muted``, on several themes and backgrounds (``"$text-muted"`` itself, as a
Content style, was drawn at full strength: brighter than the text it should sit behind)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.widgets import Static

from quiz.tui.text import MUTED

THEMES = ["textual-dark", "textual-light", "nord", "gruvbox", "solarized-light"]


class Muted(App[None]):
    """The same word muted by CSS and by ``MUTED``, on the screen and on a boosted bar."""

    CSS = """
    .css { color: $text-muted; }
    .bar { background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield Static("word", classes="css", id="css")
        yield Static(Content.styled("word", MUTED), id="content")
        yield Static("word", id="plain")
        yield Static("word", classes="css bar", id="css-bar")
        yield Static(Content.styled("word", MUTED), classes="bar", id="content-bar")


def colour_of(app: App[None], selector: str) -> Color:
    """The colour ``selector``'s word is drawn in."""
    widget = app.query_one(selector, Static)
    segment = next(s for s in widget.render_line(0) if s.text.strip())
    assert segment.style is not None and segment.style.color is not None
    return Color.from_rich_color(segment.style.color)


@pytest.mark.parametrize("theme", THEMES)
async def test_muted_content_matches_the_css_variable(theme: str) -> None:
    app = Muted()
    async with app.run_test() as pilot:
        app.theme = theme
        await pilot.pause()
        css = colour_of(app, "#css")
        assert colour_of(app, "#content") == css
        assert colour_of(app, "#content-bar") == colour_of(app, "#css-bar")
        assert css != colour_of(app, "#plain")  # muted: not the colour of the text around it
