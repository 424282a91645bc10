"""The feedback panel drawn fast (issue 16, item 2) must look exactly as before.

Rows are drawn one at a time (``widgets/lines``) instead of through Textual's text path, and
the part of the feedback the answer does not change is built while the question is read.
These tests hold both to what Textual itself would draw and to the panel built at once.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from quiz.engine.feedback import build_feedback
from quiz.engine.select import Filters
from quiz.tui.app import make_app
from quiz.tui.screens.practice import CONTINUE_HINT, PracticeScreen
from quiz.tui.widgets.feedback_panel import FeedbackPanel, feedback_tail
from quiz.tui.widgets.indented import Indented
from quiz.tui.widgets.lines import LineStatic
from quiz.tui.widgets.question_view import LOCKED_HOW
from quiz.workspace import Workspace
from tests.tui.tui_helpers import button_shown, footer_entries, status_of, text_of, until

ROWS: list[tuple[int, Content]] = [
    (0, Content.styled("✘ Incorrect", "bold $error")),
    (0, Content("")),
    (2, Content.styled("✓ ", "$success") + Content("a long note about the pick, " * 6)),
    (4, Content.styled("italic words under it, which wrap as well " * 3, "italic")),
    (0, Content.assemble(("LO1", "bold"), "  ", ("reversed", "bold reverse"), " tail")),
    (0, Content.styled("Enter: next question", "$text-muted")),
]


class _Both(App[None]):
    """The same rows drawn by ``Indented`` and, pre-wrapped, by Textual's own ``Static``."""

    CSS = "Indented, Static { width: 50; height: auto; }"

    def compose(self) -> ComposeResult:
        indented = Indented(ROWS, hanging=2, id="ours")
        yield indented
        yield Static(Content("\n").join(indented._wrap(50)), id="textual")


def _drawn(widget: Any) -> list[list[tuple[str, Any]]]:
    return [[(s.text, s.style) for s in widget.render_line(y)]
            for y in range(widget.size.height)]


async def test_rows_are_drawn_as_textual_draws_them() -> None:
    app = _Both()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        ours, textual = app.query_one("#ours"), app.query_one("#textual")
        assert ours.size == textual.size and ours.size.height > len(ROWS)  # rows wrapped
        for mine, theirs in zip(_drawn(ours), _drawn(textual), strict=True):
            # same cells and styles; Textual pads the short rows later, as it pads ours
            assert "".join(t for t, _ in mine).rstrip() == "".join(t for t, _ in theirs).rstrip()
            assert [(t, s) for t, s in mine if t.strip()] == \
                [(t, s) for t, s in theirs if t.strip()]


def test_a_tail_built_before_the_answer_gives_the_same_panel(workspace: Workspace) -> None:
    session = workspace.practice(Filters(), seed=5)
    for position, item in enumerate(session.items):
        question = item.question
        unanswered = session.feedback(position)  # what the screen builds the tail from
        for picks in ((), (question.choices[0].id,), tuple(question.correct_ids)):
            given = build_feedback(question, picks, 0.5, session.bank.lesson, session.scenarios)
            prepared = feedback_tail(unanswered, CONTINUE_HINT)
            for width in (30, 71):
                prepared.rows(width)  # wrapped ahead, as while the question is read
            at_once = FeedbackPanel(given, question.type, CONTINUE_HINT)
            ahead = FeedbackPanel(given, question.type, CONTINUE_HINT, tail=prepared)
            assert ahead.lines == at_once.lines
            assert ahead.content.plain == at_once.content.plain
            for width in (30, 71, 44):
                assert ahead._wrap(width) == at_once._wrap(width)


async def test_enter_uses_the_tail_built_while_the_question_was_read(
    workspace: Workspace,
) -> None:
    session = workspace.practice(Filters(question_ids=("fx-single",)), seed=3)
    app = make_app(workspace, session)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        prepared = screen._tail
        assert prepared is not None and prepared[0] == session.current
        await pilot.press("2", "enter")
        panel = screen.query_one("#feedback", FeedbackPanel)
        assert panel.blocks[-1] is prepared[1]
        assert "Rule: Training builds. Inference applies." in panel.content.plain


class _Lines(App[None]):
    """One line drawn by ``LineStatic`` and by Textual's own ``Static``, styled alike."""

    CSS = "LineStatic, Static { width: 40; height: auto; color: $text-muted; text-style: italic; }"

    def compose(self) -> ComposeResult:
        line = Content("Choose 2 (toggle with 1-4), then Enter · ") \
            + Content.styled("1 of 2 chosen", "bold")
        yield LineStatic(line, id="ours")
        yield Static(line, id="textual")


async def test_a_line_static_draws_its_line_as_textual_does() -> None:
    app = _Lines()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        ours, textual = app.query_one("#ours", LineStatic), app.query_one("#textual", Static)
        assert ours.size == textual.size and ours.size.height == 2  # too long: wraps
        assert _drawn(ours) == _drawn(textual)  # more than one row: Static's own path
        for widget in (ours, textual):
            widget.update(Content.styled("1 of 2 chosen", "bold"))
        await pilot.pause()
        assert ours.size.height == 1  # one row that fits: drawn through RowStrips
        for mine, theirs in zip(_drawn(ours), _drawn(textual), strict=True):
            assert "".join(t for t, _ in mine).rstrip() == "".join(t for t, _ in theirs).rstrip()
            assert [(t, s) for t, s in mine if t.strip()] == \
                [(t, s) for t, s in theirs if t.strip()]


async def test_the_status_instruction_button_and_footer_follow_the_feedback(
    workspace: Workspace,
) -> None:
    """They are drawn the frame after the feedback's (issue 16), and they do get there."""
    session = workspace.practice(Filters(question_ids=("fx-single",)), seed=3)
    app = make_app(workspace, session)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert status_of(app).startswith("0/1 answered")
        await pilot.press("2", "enter")
        await until(pilot, lambda: ("enter", "Next") in footer_entries(app),
                    "the footer after feedback")
        assert screen.query_one("#feedback", FeedbackPanel)
        assert status_of(app).startswith("1/1 answered")
        assert text_of(app, "#how") == LOCKED_HOW
        assert not button_shown(app, "submit")
        assert ("enter", "Submit") not in footer_entries(app)
