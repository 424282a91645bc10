"""The session screens tell the truth (issue 15 items 1 and 4): the footer after feedback and
on results, the help's keys, finishing practice early, read-only review, notices that belong
to one question, the right answer as numbered on screen, a learner with no answers yet."""

from __future__ import annotations

import asyncio

from textual.binding import Binding

from quiz.engine.select import Filters
from quiz.engine.session import Mode, Session
from quiz.tui.app import QuizApp, make_app
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.help import KEYS
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.review import ReviewScreen
from quiz.tui.screens.session_base import SessionScreen
from quiz.workspace import Workspace
from tests.tui.exam_keys import right_keys, wrong_key
from tests.tui.tui_helpers import button_shown, current, footer_entries, notices, text_of


async def footer(app: QuizApp) -> list[tuple[str, str]]:
    """(key, description) of each key the current footer shows, once it has caught up."""
    await app.workers.wait_for_complete()
    for _ in range(3):
        await asyncio.sleep(0.05)
    return footer_entries(app)


async def answer_right(app: QuizApp, pilot: object) -> None:
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    await pilot.press(*right_keys(screen.session.item), "enter")  # type: ignore[attr-defined]


# --- the footer --------------------------------------------------------------------------


async def test_after_feedback_enter_means_next_and_submit_goes(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        before = await footer(app)
        offered = len(app.screen.view.item.question.choices)  # type: ignore[attr-defined]
        # the footer names the number keys that work: 1 to this question's choice count
        assert ("enter", "Submit") in before and (f"1-{offered}", "Pick") in before
        assert button_shown(app, "submit")
        await answer_right(app, pilot)
        assert app.screen.query("#feedback")
        after = await footer(app)
        assert after[0] == ("enter", "Next")
        assert ("enter", "Submit") not in after
        assert not any(key.startswith("1-") for key, _ in after)  # the answer is locked
        assert not button_shown(app, "submit")
        await pilot.press("enter")  # and Enter goes on, to question 2
        assert app.screen.session.current == 1  # type: ignore[attr-defined]
        assert ("enter", "Submit") in (await footer(app))
        assert button_shown(app, "submit")


async def test_results_footer_lists_only_picks_that_exist(workspace: Workspace) -> None:
    session = workspace.exam(seed=1)
    session.submit()
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        app.show_results(session)
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        keys = [key for key, _ in await footer(app)]
        assert "1-5" in keys and "1-9" not in keys


async def test_practice_results_have_no_flags(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_right(app, pilot)
        await pilot.press("s", "y")
        assert isinstance(app.screen, ResultsScreen)
        assert not app.screen.query("#review-flagged")
        assert "flagged" not in text_of(app, "#summary")
        keys = [key for key, _ in await footer(app)]
        assert "1-5" not in keys and "1,2,4,5" in keys
        await pilot.press("3")  # no flags in practice: 3 does nothing
        assert isinstance(app.screen, ResultsScreen)
        titles = {c.title for c in app.get_system_commands(current(app))}
        assert "Review flagged" not in titles and "Review all" in titles


# --- the help ----------------------------------------------------------------------------


def help_words() -> set[str]:
    words: set[str] = set()
    for _, rows in KEYS:
        for cell, _text in rows:
            words |= set(cell.replace(",", " ").split())
    return words


def test_help_names_every_key_of_the_session_screens() -> None:
    shown = {"escape": "esc", "question_mark": "?", "left": "←", "right": "→", "up": "↑",
             "down": "↓", "shift+up": "shift+↑", "shift+down": "↓",
             "less_than_sign": "<", "greater_than_sign": ">"}
    named = help_words() | {str(i) for i in range(1, 10)}  # 1–9
    for screen in (SessionScreen, PracticeScreen, ExamScreen, ReviewScreen, ResultsScreen):
        for cls in [c for c in screen.__mro__ if c.__module__.startswith("quiz.")]:
            for binding in cls.__dict__.get("BINDINGS", ()):
                assert isinstance(binding, Binding)
                for key in binding.key.split(","):
                    assert shown.get(key, key) in named, (screen.__name__, key)


def test_help_explains_the_new_keys_and_the_start_page() -> None:
    rows = {key: text for _, section in KEYS for key, text in section}
    assert "strike" in rows["x"]
    assert "go to question" in rows["g"]
    assert "context" in rows["v"] and "scroll" in rows["< >"]
    assert any("start page" in text and "start" in text.lower()
               for key, text in rows.items() if key.startswith("enter"))


# --- finishing practice early ------------------------------------------------------------


async def test_s_asks_first_then_scores_only_what_was_answered(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=2)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        drawn = len(screen.session.items)
        for _ in range(2):
            await answer_right(app, pilot)
            await pilot.press("enter")
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmScreen)  # it asks first
        await pilot.press("n")
        assert screen.is_current and screen.session.status.value == "active"
        await pilot.press("s", "y")
        assert isinstance(app.screen, ResultsScreen)
        assert "Score 100%" in text_of(app, "#headline")
        assert f"2 of 2 answered · {drawn} drawn" in text_of(app, "#summary")
        objectives = text_of(app, "#by-objective")
        # the two answered questions serve LO1 and LO3; LO2 was never reached: no 0 % bar
        assert "LO1" in objectives and "LO3" in objectives and "LO2" not in objectives


async def test_practice_answered_through_finishes_without_asking(workspace: Workspace) -> None:
    session = workspace.practice(Filters(question_ids=("fx-single",)), seed=1)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_right(app, pilot)
        await pilot.press("enter")  # the last one: on to the results, nothing to ask
        assert isinstance(app.screen, ResultsScreen)


# --- review, notices, the right answer ---------------------------------------------------


async def test_read_only_review_says_it_is_read_only(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_right(app, pilot)
        await pilot.press("s", "y", "1")
        assert isinstance(app.screen, ReviewScreen)
        how = text_of(app, "#how")
        assert "read-only" in how.lower() and "then Enter" not in how and "Choose" not in how


async def test_a_pick_first_notice_goes_with_its_question(workspace: Workspace) -> None:
    app = make_app(workspace, start="practice", seed=2)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert any("Pick an answer first" in n for n in notices(app))
        await pilot.press("n")
        await pilot.pause()
        assert not any("Pick an answer first" in n for n in notices(app))


async def test_the_right_answers_are_numbered_in_screen_order(workspace: Workspace) -> None:
    drawn = workspace.practice(Filters(question_ids=("fx-multiple",)), seed=1)
    # shown in the reverse of the bank's order (the fixture pins this one's order): the
    # right ones are then 3 and 4, listed 3 before 4
    item = drawn.items[0]._replace(order=tuple(reversed(drawn.items[0].order)))
    session = Session(drawn.bank, [item], Mode.PRACTICE)
    shown = [(n, text) for n, (cid, text) in enumerate(item.choices, 1)
             if cid in item.question.correct_ids]
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(wrong_key(item), "enter")
        feedback = text_of(app, "#feedback")
        block = feedback.split("Right answer:")[1].split("You picked:")[0]
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        assert lines == [f"{n} {text}" for n, text in shown]
        assert [n for n, _ in shown] == [3, 4]


# --- a learner with no answers yet -------------------------------------------------------


async def test_a_new_learner_is_told_there_are_no_answers_yet(workspace: Workspace) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        said = " ".join(notices(app))
        assert "no answers yet" in said
        assert "every question you answered was right" not in said
