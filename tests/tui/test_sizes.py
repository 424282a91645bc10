"""Every screen at terminal sizes from 40×12 to 300×100, and through any sequence of resizes.

At each size each screen must keep what a learner needs: the question's number, stem and
every choice (reachable by scrolling, never cut off), the exam's status line, countdown and
navigator, every button's label, a dialog's question and answers, and the footer ending with
the palette key. Below the minimum size only the "Terminal too small" notice shows, keys
still work, and the layout comes back when the terminal grows.

The text checked is what the compositor draws, read from the region of the widget that
holds it (so a navigator beside the question does not interleave with it), scrolled
through from top to bottom.
"""

from __future__ import annotations

import random
import re
from collections.abc import Awaitable, Callable
from itertools import cycle
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer

from quiz.model import QuestionType
from quiz.paths import bundled_banks
from quiz.tui.app import QuizApp, make_app
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.progress import ProgressScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.session_base import SessionScreen
from quiz.tui.sizes import MIN_HEIGHT, MIN_WIDTH
from quiz.tui.widgets.action_bar import ActionBar
from quiz.tui.widgets.navigator import Navigator
from quiz.tui.widgets.too_small import TooSmall
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples
from tests.tui.tui_helpers import WorkspaceFactory, drawn_cells

SIZES = [(40, 12), (41, 13), (60, 20), (80, 24), (120, 40), (200, 60), (300, 100)]
TOO_SMALL = [(39, 12), (40, 11), (10, 5), (39, 100), (300, 11)]
BARS = re.compile("[\u2500-\u259f]")
"""Box drawing and block elements: borders, scroll bars, the feedback panel's bar."""


# --- reading what is drawn ---------------------------------------------------------------


def words(text: str) -> str:
    """Text as single-spaced words, borders and bars removed (wrapping changes nothing)."""
    return " ".join(BARS.sub(" ", text).split())


def drawn_lines(app: QuizApp) -> list[str]:
    """Every row of the terminal as the compositor draws it (dialogs over their screen)."""
    return ["".join(row) for row in drawn_cells(app)]


def region_text(app: QuizApp, widget: Widget) -> list[str]:
    """The rows drawn inside ``widget``'s content (its scroll bars and padding left out)."""
    rows = drawn_cells(app)
    region = widget.scrollable_content_region
    top, bottom = max(region.y, 0), min(region.bottom, len(rows))
    return ["".join(rows[y][region.x:region.right]) for y in range(top, bottom)]


async def reachable_text(pilot: Pilot[None], scroller: Widget) -> str:
    """Everything a learner can bring into ``scroller`` by scrolling it top to bottom."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    rows: dict[int, str] = {}
    target = 0
    while True:
        if round(scroller.scroll_y) != target:  # (pauses are what makes these tests slow)
            scroller.scroll_to(y=target, animate=False, immediate=True)
            await pilot.pause()
        offset = round(scroller.scroll_y)
        for index, row in enumerate(region_text(app, scroller)):
            rows.setdefault(offset + index, row)
        if offset >= scroller.max_scroll_y:
            break
        target = offset + max(1, scroller.scrollable_content_region.height)
    if scroller.scroll_y:
        scroller.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
    return "\n".join(rows[i] for i in sorted(rows))


def top(app: QuizApp) -> Screen[Any]:
    """The screen shown now (a call, so that type checkers do not keep an earlier one)."""
    return app.screen


def too_small(size: tuple[int, int]) -> bool:
    return size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT


# --- what must be there -------------------------------------------------------------------


FOOTER_FRAMES = 40
"""Textual's footer composes its keys one refresh after the screen's bindings settle, so on a
busy machine they can reach the screen a few frames after everything else."""


async def check_footer(pilot: Pilot[None], size: tuple[int, int]) -> None:
    """The footer is the last row, starts with the screen's first key, ends with the palette
    key flush right (nothing of the keys behind it shows through)."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    footer = app.screen.query_one(Footer)
    for _ in range(FOOTER_FRAMES):
        if footer.children and drawn_lines(app)[-1].strip():
            break
        await pilot.pause(0.025)
    assert footer.display and footer.region.y == size[1] - 1
    last = drawn_lines(app)[-1]
    assert last.rstrip().endswith("^p palette"), f"footer row: {last!r}"
    assert last[:3].strip(), f"footer row does not start with a key: {last!r}"


async def check_buttons(pilot: Pilot[None]) -> None:
    """Every button (Textual's, and the session screens' action bar) shows its whole
    label (wrapped inside it, if need be) once scrolled to."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    for bar in app.screen.query(ActionBar):
        assert bar.region.area > 0, f"the buttons have no room at {app.size}"
        drawn = words("\n".join(region_text(app, bar)))
        assert drawn == words(" ".join(bar.labels)), f"buttons {bar.labels} drawn as {drawn!r}"
    for button in app.screen.query(Button):
        if not button.display:
            continue
        assert button.region.area > 0, f"button {button.label} has no room at {app.size}"
        if app.screen.scroll_to_widget(button, animate=False, immediate=True):
            await pilot.pause()
        label = words(str(button.label))
        shown = words("\n".join(region_text(app, button)))
        assert shown == label, f"button {label!r} drawn as {shown!r}"


async def check_question(pilot: Pilot[None], size: tuple[int, int]) -> None:
    """The current question: number, stem and every choice, reachable in the question area."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    session = screen.session
    item = session.items[session.current]
    area = await reachable_text(pilot, screen.area)
    shown = words(area)
    assert f"Question {session.current + 1} of {len(session.items)}" in shown
    assert words(item.question.stem) in shown, f"stem at {size}:\n{area}"
    # a matching item shows its categories and prompts; the others their choices
    texts = [c.text for c in item.question.categories] + [p.text for p in item.prompts] \
        if item.question.type is QuestionType.MATCHING else [t for _, t in item.choices]
    for text in texts:
        assert words(text) in shown, f"choice {text!r} at {size}:\n{area}"
    await check_footer(pilot, size)
    await check_buttons(pilot)


async def check_exam(pilot: Pilot[None], size: tuple[int, int]) -> None:
    app = pilot.app
    assert isinstance(app, QuizApp)
    screen = app.screen
    assert isinstance(screen, ExamScreen)
    await check_question(pilot, size)
    top = drawn_lines(app)[0]
    answered = sum(1 for _ in screen.session.answers)
    assert f"{answered}/{len(screen.session.items)} answered" in top, top
    assert re.search(r"time left \d+:\d\d", top), top
    navigator = screen.query_one(Navigator)
    cells = words(await reachable_text(pilot, screen.query_one("#sidebar")))
    numbers = [int(n) for n in re.findall(r"\d+", cells)]
    assert numbers[:len(screen.session.items)] == list(range(1, len(screen.session.items) + 1))
    assert navigator.region.area > 0
    # the navigator sits beside the question when wide, under it when narrow
    area = screen.area.region
    if size[0] >= 80:
        assert navigator.region.x >= area.right
    else:
        assert navigator.region.y >= area.bottom


async def check_practice_feedback(pilot: Pilot[None], size: tuple[int, int]) -> None:
    app = pilot.app
    assert isinstance(app, QuizApp)
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    panel = screen.query_one("#feedback")
    content = getattr(panel, "content", None)
    text = content.plain if content is not None and hasattr(content, "plain") else ""
    assert text, "the feedback panel is empty"
    shown = words(await reachable_text(pilot, screen.area))
    for line in text.splitlines():
        assert words(line) in shown, f"feedback line {line!r} missing at {size}"
    await check_footer(pilot, size)


async def check_scrolled(pilot: Pilot[None], size: tuple[int, int], selector: str,
                         *needles: str) -> None:
    """Each needle is reachable by scrolling the widget ``selector`` of the screen."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    body = app.screen.query_one(selector)
    assert body.region.area > 0, f"{selector} has no room at {size}"
    shown = words(await reachable_text(pilot, body))
    for needle in needles:
        assert words(needle) in shown, f"{needle!r} not in {selector} at {size}: {shown}"


def check_layout_state(app: QuizApp, size: tuple[int, int]) -> None:
    """Below the minimum only the notice shows; otherwise the notice is hidden."""
    screen = app.screen
    palette = isinstance(screen, CommandPalette)  # Textual's own, drawn over the screen
    if palette:
        screen = app.screen_stack[-2]
    small = too_small(size)
    notices = screen.query(TooSmall)
    # made the first time the terminal is too small, then kept (hidden) for the next time
    assert len(notices) <= 1 and (notices or not small), f"no too-small notice at {size}"
    shown = bool(notices) and notices.first().display
    assert shown is small, f"too-small notice shown={shown} at {size}"
    if small and not palette:
        notice = notices.first()
        assert all(not child.display for child in screen.children if child is not notice)
        message = words("\n".join(region_text(app, notice)))
        assert message.startswith("Terminal too small."), (size, message)
        assert set(words("\n".join(drawn_lines(app))).split()) <= set(
            words(str(notice.content)).split()), "something besides the notice is drawn"


# --- the flows ---------------------------------------------------------------------------

Check = Callable[[Pilot[None], tuple[int, int]], Awaitable[None]]


async def palette_opens_and_closes(pilot: Pilot[None], app: QuizApp,
                                   then: Callable[[], Awaitable[None]]) -> None:
    """ctrl+p opens the command palette, drawn at this size; escape closes it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(top(app), CommandPalette)
    await then()
    assert "Search for commands" in "\n".join(drawn_lines(app))
    await pilot.press("escape")
    await pilot.pause()


async def exam_flow(pilot: Pilot[None], size: tuple[int, int],
                    then: Callable[[], Awaitable[None]]) -> None:
    """An exam through every screen it has, calling ``then`` (a resize) between steps."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    await then()
    await check_scrolled(pilot, app.size, "#area", "Mock exam", "Pass mark", "Keys",
                         "Press Enter to start the exam.")
    await check_footer(pilot, app.size)
    await pilot.press("enter")  # the start page: the clock starts
    await check_exam(pilot, app.size)
    await pilot.press("1", "f", "enter")  # answered, flagged, next
    await then()
    status_row = drawn_lines(app)[0]
    assert "1/6 answered · 1 ⚑" in status_row, status_row
    exam = top(app)
    assert isinstance(exam, ExamScreen)
    assert "Question 2 of 6" in words("\n".join(region_text(app, exam.area)))
    await pilot.press("question_mark")
    assert isinstance(top(app), HelpScreen)
    await then()
    await check_scrolled(pilot, app.size, ".dialog", "ctrl+p", "command palette", "esc")
    await pilot.press("escape")
    await palette_opens_and_closes(pilot, app, then)
    await pilot.press("s")
    review = top(app)
    assert isinstance(review, ExamReviewScreen)
    await then()
    total = len(review.session.items)
    # question 1 (choose two) has one choice: partly answered
    await check_scrolled(pilot, app.size, "#review-list", "1 partly",
                         *[f"{p + 1} unanswered" for p in range(1, total)])
    await check_scrolled(pilot, app.size, "#review-summary", f"1 of {total} answered",
                         "Flagged: 1")
    await check_buttons(pilot)
    await check_footer(pilot, app.size)
    await pilot.press("s")
    assert isinstance(top(app), ConfirmScreen)
    await then()
    await check_scrolled(pilot, app.size, ".dialog", "Submit the exam?", "Submit (y)",
                         "Cancel (n)")
    await check_buttons(pilot)
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(top(app), ResultsScreen)
    await then()
    await check_scrolled(pilot, app.size, "#results-body", "Score", "pass mark", "By phase",
                         "By objective", "Calibration")
    for label in ("1 Review all", "2 Incorrect", "3 Flagged", "4 Retry wrong", "5 Home"):
        assert any(words(str(b.label)) == label and b.region.area
                   for b in app.screen.query(Button)), f"no {label!r} button at {app.size}"
    await check_buttons(pilot)
    await check_footer(pilot, app.size)


async def practice_flow(pilot: Pilot[None], size: tuple[int, int],
                        then: Callable[[], Awaitable[None]]) -> None:
    app = pilot.app
    assert isinstance(app, QuizApp)
    await then()
    await check_question(pilot, app.size)
    await pilot.press("1", "enter")
    assert app.screen.query("#feedback")
    await then()
    await check_practice_feedback(pilot, app.size)


async def home_flow(pilot: Pilot[None], size: tuple[int, int],
                    then: Callable[[], Awaitable[None]]) -> None:
    app = pilot.app
    assert isinstance(app, QuizApp)
    assert isinstance(top(app), HomeScreen)
    await then()
    await check_scrolled(pilot, app.size, "#home-body", "Learner: ana", "Modes")
    for label in ("1 Practice", "2 Exam", "3 Review mistakes", "4 Review due", "5 Progress"):
        assert any(words(str(b.label)) == label for b in app.screen.query(Button))
    await check_buttons(pilot)
    await check_footer(pilot, app.size)
    await pilot.press("5")
    assert isinstance(top(app), ProgressScreen)
    await then()
    await check_scrolled(pilot, app.size, "#progress-body", "Progress report: ana", "Overall",
                         "accuracy", "Mastery by objective")
    await check_footer(pilot, app.size)
    await palette_opens_and_closes(pilot, app, then)
    await pilot.press("escape")
    assert isinstance(top(app), HomeScreen)


FLOWS = {"exam": ("exam", exam_flow), "practice": ("practice", practice_flow),
         "home": (None, home_flow)}


def start_app(workspace: Workspace, flow: str) -> QuizApp:
    start = FLOWS[flow][0]
    return make_app(workspace, start=start, seed=4) if start else make_app(workspace)  # type: ignore[arg-type]


# --- the tests -------------------------------------------------------------------------


# exam flows take about 3-5 s each (a whole exam at every step): slow, the inner loop skips them
SLOW_FLOWS = [pytest.param(flow, marks=pytest.mark.slow) if flow == "exam" else flow
              for flow in FLOWS]


@pytest.mark.parametrize("flow", SLOW_FLOWS)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_screen_keeps_what_matters_at_each_size(
    open_workspace: WorkspaceFactory, flow: str, size: tuple[int, int],
) -> None:
    app = start_app(open_workspace(), flow)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()

        async def stay() -> None:
            check_layout_state(app, size)

        await FLOWS[flow][1](pilot, size, stay)


@pytest.mark.parametrize("flow", [pytest.param(flow, marks=pytest.mark.slow)
                                  if flow in ("exam", "home") else flow for flow in FLOWS])
async def test_every_screen_survives_resizes_through_every_size(
    open_workspace: WorkspaceFactory, flow: str,
) -> None:
    """At each step of the flow the terminal goes through tiny and huge sizes and back."""
    app = start_app(open_workspace(), flow)
    order = random.Random(flow).sample(SIZES, len(SIZES))
    sizes, small = cycle(order), cycle(TOO_SMALL)  # every size comes round in a flow
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def resize_through() -> None:
            # each step: a size, one too small, then the size the step is checked at
            for size in (next(sizes), next(small), next(sizes)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert app.size == size
                check_layout_state(app, size)

        await FLOWS[flow][1](pilot, (80, 24), resize_through)


@pytest.mark.parametrize(("flow", "size"), [
    (flow, size) for i, size in enumerate(TOO_SMALL) for flow in [list(FLOWS)[i % 3]]
    ] + [("exam", (10, 5)), ("home", (39, 12))], ids=str)
async def test_starting_below_the_minimum_shows_the_notice_then_the_layout(
    open_workspace: WorkspaceFactory, flow: str, size: tuple[int, int],
) -> None:
    app = start_app(open_workspace(), flow)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        check_layout_state(app, size)
        if flow == "exam":  # keys still work behind the notice, lists and dialogs too
            await pilot.press("enter", "1", "f", "s", "pagedown", "pageup", "down", "escape")
            await pilot.pause()
            check_layout_state(app, size)
            exam = top(app)
            assert isinstance(exam, ExamScreen)
            assert 0 in exam.session.answers and exam.session.flags == {0}
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await pilot.pause()
        check_layout_state(app, (MIN_WIDTH, MIN_HEIGHT))
        if isinstance(top(app), SessionScreen):
            await check_question(pilot, (MIN_WIDTH, MIN_HEIGHT))
        else:
            await check_footer(pilot, (MIN_WIDTH, MIN_HEIGHT))


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24)], ids=["40x12", "60x20", "80x24"])
async def test_reviewing_a_long_exam_leaves_room_for_the_list(
    open_workspace: WorkspaceFactory, size: tuple[int, int],
) -> None:
    """Thirty unanswered questions make a long summary; the list of them must still show."""
    app = make_app(open_workspace(bundled_banks()), start="exam", seed=7)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "s")
        review = top(app)
        assert isinstance(review, ExamReviewScreen)
        total = len(review.session.items)
        assert total >= 30
        listed = app.screen.query_one("#review-list")
        assert "1 unanswered" in words("\n".join(region_text(app, listed)))
        assert re.search(r"time left \d+:\d\d", drawn_lines(app)[0])
        await check_buttons(pilot)
        await check_footer(pilot, size)
        await pilot.press("pagedown", "pagedown")
        assert (getattr(listed, "highlighted", None) or 0) >= 2  # a page is an option or more
        await pilot.press(*["pagedown"] * 10, "end")
        assert getattr(listed, "highlighted", None) == total - 1
        shown = words("\n".join(region_text(app, listed)))
        assert f"{total} unanswered" in shown


KEYS = ["1", "2", "3", "enter", "n", "p", "f", "s", "y", "escape", "question_mark", "down",
        "space", "]", "pagedown", "5"]
"""Keys interleaved with resizes: answers, moves, dialogs, help, results menus."""


@pytest.mark.slow  # about 1.4 s per random session (10 of them)
@settings(max_examples=examples(10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    flow=st.sampled_from(["exam", "practice"]),
    steps=st.lists(
        st.tuples(st.integers(10, 300), st.integers(5, 100),
                  st.lists(st.sampled_from(KEYS), max_size=3)),
        min_size=1, max_size=6),
)
# found in CI: the results menu squeezed to 2-cell buttons by a resize to 12x5 crashed Rich
@example(flow="practice", steps=[(111, 79, ["s", "1", "1"]), (235, 40, ["1"]), (12, 5, [])])
async def test_random_resizes_and_keys_never_break_the_app(
    open_workspace: WorkspaceFactory, flow: str,
    steps: list[tuple[int, int, list[str]]],
) -> None:
    app = start_app(open_workspace(), flow)
    async with app.run_test(size=(80, 24)) as pilot:
        for width, height, keys in steps:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
            check_layout_state(app, (width, height))
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            check_layout_state(app, (width, height))
        assert app.is_running  # nothing crashed or quit
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        check_layout_state(app, (100, 30))
        if isinstance(app.screen, QuizScreen):  # dialogs have no footer of their own
            await check_footer(pilot, (100, 30))
        if isinstance(app.screen, ExamScreen) and not app.screen.started:
            await check_scrolled(pilot, (100, 30), "#area", "Press Enter to start the exam.")
        elif isinstance(app.screen, SessionScreen):
            await check_question(pilot, (100, 30))
