"""``update_text`` changes a line without a layout pass when its size stays, and with one when
it does not (issue 16: the practice screen's status and instruction lines on an answer)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from quiz.tui.widgets.in_place import same_size, update_text


class Lines(App[None]):
    """A status-like line (auto width) and an instruction-like line (full width, wrapping)."""

    CSS = """
    #status { width: auto; height: 1; }
    #how { width: 20; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("1/10 answered"), id="status")
        yield Static(Content("Choose one (1-4)"), id="how")


async def test_same_size_compares_what_the_text_decides() -> None:
    app = Lines()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        status = app.query_one("#status", Static)
        how = app.query_one("#how", Static)
        old_status, old_how = status.content, how.content
        # auto width: the same length fits the same room, another length does not
        assert same_size(status, old_status, Content("2/10 answered"))
        assert not same_size(status, old_status, Content("10/10 answered"))
        # fixed width, auto height: only the number of rows at that width counts
        assert same_size(how, old_how, Content("Read-only: no keys"))
        assert not same_size(how, old_how, Content("Read-only: no key changes the answer"))
        # anything but text is not compared (a layout pass, as Static.update does)
        assert not same_size(how, "plain str", Content("x"))


async def test_update_text_shows_the_text_at_its_new_size() -> None:
    app = Lines()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        status = app.query_one("#status", Static)
        how = app.query_one("#how", Static)
        update_text(status, Content("2/10 answered"))
        update_text(how, Content("Read-only: no key changes the answer"))
        await pilot.pause()
        assert status.content == Content("2/10 answered") and status.size.width == 13
        assert how.size.height == 2  # wrapped: laid out again
        update_text(status, Content("10/10 answered"))
        await pilot.pause()
        assert status.size.width == 14  # longer: laid out again, nothing cut off
