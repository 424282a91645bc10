"""Practice: answer with the keyboard or the mouse, read the feedback panel, go on, finish."""

from __future__ import annotations

from quiz.engine.select import Filters
from quiz.engine.session import Mode
from quiz.tui.app import make_app
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.widgets.choices import ChoiceList
from quiz.tui.widgets.feedback_panel import FeedbackPanel
from quiz.workspace import Workspace
from tests.tui.tui_helpers import click_button, notices, screen_text, text_of, until


def _practice(workspace: Workspace, *ids: str, certainty: bool = False):  # type: ignore[no-untyped-def]
    session = workspace.practice(Filters(question_ids=ids) if ids else None, seed=3)
    return make_app(workspace, session, certainty=certainty), session


async def test_wrong_answer_shows_every_part_of_the_feedback(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-single")
    async with app.run_test() as pilot:
        assert isinstance(app.screen, PracticeScreen)
        assert not app.screen.query("#feedback")
        await pilot.press("2", "enter")  # pinned order: b, "Fitting its weights..."
        panel = app.screen.query_one("#feedback", FeedbackPanel)
        text = panel.content.plain
        title, context = text_of(app, "#context-title"), text_of(app, "#context-text")
    assert "✘ Incorrect" in text
    # numbered as on screen (issue 15 item 4): the pinned order puts it first
    assert "Right answer:\n  1 Using its fitted weights on a new message" in text
    assert "✗ Fitting its weights to the message" in text
    assert "Drafting a reply reads the weights; nothing is refitted." in text
    assert "a fitted model answers a new input while someone waits" in text
    assert "Rule: Training builds. Inference applies." in text
    assert "This question tests: Inference applies" in text
    assert "LO1  Tell the building phase from the using phase." in text
    assert "LO3  Name what answering live requests demands." in text
    # the scenario is named once, in the context panel above the question, with its context
    assert "Scenario:" not in text
    assert "Scenario: Help desk chatbot" in title
    assert "A company answers customer messages with a chatbot" in context
    assert session.answers[0].choice_ids == ("b",)
    assert session.answers[0].score == 0.0


async def test_the_tested_side_of_the_rule_is_highlighted(workspace: Workspace) -> None:
    app, _ = _practice(workspace, "fx-phase")
    async with app.run_test() as pilot:
        await pilot.press("1", "enter")
        content = app.screen.query_one("#feedback", FeedbackPanel).content
        plain = content.plain
        start = plain.index("Training builds. Inference applies.")
        spans = [s for s in content.spans
                 if s.start == start and s.end == start + len("Training builds")]
    assert spans and "reverse" in str(spans[0].style)
    assert "✔ Correct" in plain


async def test_multiple_choice_says_how_many_and_gives_partial_credit(
    workspace: Workspace,
) -> None:
    app, session = _practice(workspace, "fx-multiple")
    async with app.run_test() as pilot:
        assert "Choose 2" in text_of(app, "#how")
        await pilot.press("1", "3", "3", "3", "enter")  # a, then c on, off, on again
        text = app.screen.query_one("#feedback", FeedbackPanel).content.plain
    assert session.answers[0].choice_ids == ("a", "c")
    assert session.answers[0].score == 0.0  # one right, one wrong: (1 - 1) / 2
    assert "Deadlines belong to serving." in text
    assert "✓ Many labelled examples" in text


async def test_ordering_is_solved_with_the_keyboard(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-ordering")
    async with app.run_test() as pilot:
        choices = app.screen.query_one(ChoiceList)
        right = list(session.items[0].question.correct_ids)
        # selection sort by keys: select the step by number, move it up with shift+up / [
        for target, step in enumerate(right):
            here = choices.order.index(step)
            await pilot.press(str(here + 1))
            for _ in range(here - target):
                await pilot.press("shift+up" if target % 2 else "left_square_bracket")
        assert choices.order == right
        await pilot.press("enter")
        text = app.screen.query_one("#feedback", FeedbackPanel).content.plain
    assert session.answers[0].score == 1.0
    assert "✔ Correct" in text and "Right order:" in text


async def test_enter_without_an_answer_asks_for_one(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-single")
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("enter")
        assert not app.screen.query("#feedback")
        assert any("Pick an answer first" in n for n in notices(app))
    assert session.answers == {}


async def test_enter_continues_and_the_last_answer_leads_to_results(
    workspace: Workspace,
) -> None:
    app, session = _practice(workspace, "fx-single", "fx-truefalse")
    async with app.run_test() as pilot:
        await pilot.press("1", "enter")
        first = app.screen.view.item.question.id
        await pilot.press("enter")
        assert not app.screen.query("#feedback")
        second = app.screen.view.item.question.id
        assert {first, second} == {"fx-single", "fx-truefalse"}
        await pilot.press("1", "enter", "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert "answered" in text_of(app, "#summary")
    assert len(session.answers) == 2


async def test_clicking_a_choice_picks_it(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-latency")
    async with app.run_test() as pilot:
        await pilot.click(ChoiceList, offset=(12, 0))
        await click_button(pilot, "submit")
        assert app.screen.query("#feedback")
    assert session.answers[0].choice_ids == ("a",)


async def test_certainty_asks_for_a_rating_before_submitting(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-single", certainty=True)
    async with app.run_test() as pilot:
        await pilot.press("1", "enter")
        assert not app.screen.query("#feedback") and 0 not in session.answers
        await pilot.press("3")
        assert app.screen.query("#feedback")
    assert session.answers[0].confidence == 3


async def test_cancelling_the_rating_submits_nothing(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-single")
    async with app.run_test() as pilot:
        await pilot.press("c", "1", "enter", "escape")
        assert isinstance(app.screen, PracticeScreen)
        assert not app.screen.query("#feedback")
    assert session.answers == {}


async def test_retry_incorrect_starts_a_practice_over_the_wrong_ones(
    workspace: Workspace,
) -> None:
    app, _ = _practice(workspace, "fx-single", "fx-latency")
    async with app.run_test() as pilot:
        for _ in range(2):  # both wrong
            await pilot.press("2", "enter", "enter")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("4")
        assert isinstance(app.screen, PracticeScreen)
        retry = app.screen.session
    assert retry.mode is Mode.PRACTICE
    assert {it.question.id for it in retry.items} == {"fx-single", "fx-latency"}


async def test_the_context_panel_fills_when_a_question_first_has_a_context(
        workspace: Workspace) -> None:
    """A question without a context composes the panel empty and hidden; the first question
    with one fills it (title and text), and one without hides it again."""
    session = workspace.practice(Filters(question_ids=("fx-multiple", "fx-single")), seed=1)
    assert [q.id for q in session.items.questions] == ["fx-multiple", "fx-single"]
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.screen.query_one("#context")

        def shown() -> bool:
            return panel.display

        assert not shown() and not panel.children
        await pilot.press("n")
        await until(pilot, lambda: app.screen.query("#context-text"), "the context's text")
        assert shown()
        assert "Scenario: Help desk chatbot" in text_of(app, "#context-title")
        assert "A company answers customer messages" in text_of(app, "#context-text")
        assert "Help desk chatbot" in screen_text(app)
        await pilot.press("p")
        assert not shown()
        assert "Help desk chatbot" not in screen_text(app)
