"""The session screens' top row and button row, each one widget (issue 16): what they draw at
any width, and that the mouse reaches every button and only the buttons."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.content import Content

from quiz.tui.widgets.action_bar import Action, ActionBar
from quiz.tui.widgets.top_bar import TopBar


class Bars(App[None]):
    """A top row and a button row whose actions note what ran."""

    def __init__(self, title: str = "Practice · A bank") -> None:
        super().__init__()
        self.ran: list[str] = []
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield TopBar(Content(self.title_text), Content("0/3 answered"), id="topbar")
        yield ActionBar(Action("Submit", "app.note('submit')", "submit"),
                        Action("◀ Prev", "app.note('prev')", "prev"),
                        Action("Back to results", "app.note('back')", "back"), id="actions")

    def action_note(self, what: str) -> None:
        self.ran.append(what)


def row(app: App[None], widget: type[TopBar] | type[ActionBar]) -> str:
    """The text ``widget`` draws (its padding included)."""
    found = app.query_one(widget)
    strip = found.render_line(0)
    pad = found.styles.padding
    return " " * pad.left + strip.text + " " * pad.right


async def test_the_top_row_keeps_the_status_whole_and_cuts_the_title() -> None:
    app = Bars("Practice · " + "a very long bank title " * 4)
    async with app.run_test(size=(50, 5)) as pilot:
        await pilot.pause()
        drawn = row(app, TopBar)
        assert len(drawn) == 50
        assert drawn.endswith(" 0/3 answered ")
        assert drawn.startswith(" Practice · a very long")
        assert "…" in drawn  # cut short, and says so
        app.query_one(TopBar).set_status(Content("1/3 answered"))
        await pilot.pause()
        assert row(app, TopBar).endswith(" 1/3 answered ")


async def test_a_short_title_is_not_cut() -> None:
    app = Bars()
    async with app.run_test(size=(50, 5)) as pilot:
        await pilot.pause()
        drawn = row(app, TopBar)
        assert drawn.startswith(" Practice · A bank ") and "…" not in drawn


async def test_every_button_is_drawn_and_each_click_runs_its_action() -> None:
    app = Bars()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(ActionBar)
        drawn = row(app, ActionBar)
        # a short label is centred in a button 8 wide, a longer one sized to it
        assert drawn.startswith("  Submit   ◀ Prev   Back to results  ")
        assert bar.labels == ["Submit", "◀ Prev", "Back to results"]
        for name in ("back", "submit", "prev"):
            await pilot.click(ActionBar, offset=bar.offset_of(name))
        assert app.ran == ["back", "submit", "prev"]


async def test_a_click_between_or_after_the_buttons_runs_nothing() -> None:
    app = Bars()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        gap = app.query_one(ActionBar).offset_of("submit").x + 4  # the space after Submit
        assert row(app, ActionBar)[gap - 1] == " " and row(app, ActionBar)[gap + 1] == " "
        assert row(app, ActionBar)[gap] == " "
        await pilot.click(ActionBar, offset=(gap, 0))
        await pilot.click(ActionBar, offset=(0, 0))  # the bar's own margin
        await pilot.click(ActionBar, offset=(58, 0))
        assert app.ran == []


async def test_a_hidden_button_leaves_no_gap_and_cannot_be_clicked() -> None:
    app = Bars()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(ActionBar)
        where = bar.offset_of("submit")
        bar.show("submit", False)
        await pilot.pause()
        assert not bar.shown("submit") and bar.shown("prev")
        assert row(app, ActionBar).startswith("  ◀ Prev  ")
        await pilot.click(ActionBar, offset=where)  # Prev is there now
        assert app.ran == ["prev"]
        bar.show("submit")
        await pilot.pause()
        assert row(app, ActionBar).startswith("  Submit  ")
        with pytest.raises(KeyError):  # a name no button has is a mistake, not a no-op
            bar.show("sumbit", False)


async def test_the_button_under_the_mouse_is_darker() -> None:
    app = Bars()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(ActionBar)

        def background(name: str) -> object:
            x = bar.offset_of(name).x - bar.styles.padding.left
            cells = [(seg.style, len(seg.text)) for seg in bar.render_line(0)]
            column = 0
            for style, width in cells:
                if column <= x < column + width:
                    return style.bgcolor if style else None
                column += width
            raise AssertionError("no cell there")

        before = background("prev")
        assert before == background("submit")
        await pilot.hover(ActionBar, offset=bar.offset_of("prev"))
        await pilot.pause()
        assert background("prev") != before
        assert background("submit") == before


class WideLabels(App[None]):
    """A button whose label holds double-width characters, then another."""

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield ActionBar(Action("漢字漢字漢字", "app.note('wide')", "wide"),
                        Action("Next", "app.note('next')", "next"))

    def action_note(self, what: str) -> None:
        self.ran.append(what)


async def test_clicks_find_buttons_by_cells_not_characters() -> None:
    app = WideLabels()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(ActionBar)
        column, drawn_at = 0, None
        for segment in bar.render_line(0):
            if "Next" in segment.text:
                drawn_at = column + cell_len(segment.text[:segment.text.index("Next")])
            column += cell_len(segment.text)
        assert drawn_at is not None
        middle = bar.offset_of("next").x - bar.styles.padding.left
        assert drawn_at <= middle < drawn_at + len("Next")  # the click lands on the label
        await pilot.click(ActionBar, offset=bar.offset_of("next"))
        await pilot.click(ActionBar, offset=bar.offset_of("wide"))
        assert app.ran == ["next", "wide"]
