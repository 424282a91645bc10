"""Issue 12 in the app: matching items, case studies, the scenario context, the exam's start
page and clock, strike-out, go to N, "k of n chosen", partly answered, scaled results,
retry reshuffling, and preview recording nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.engine.clock import FakeClock
from quiz.engine.recorder import MemoryRecorder
from quiz.engine.select import Filters, draw_exam, make_items, with_case_sets
from quiz.engine.session import Mode, Session, Status
from quiz.model import QuestionType
from quiz.tui.app import make_app
from quiz.tui.screens.exam import ExamScreen
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.jump import JumpScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.preview import PreviewScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.widgets.choices import ChoiceList
from quiz.tui.widgets.feedback_panel import FeedbackPanel
from quiz.tui.widgets.matching import MatchingList
from quiz.tui.widgets.navigator import Navigator
from quiz.workspace import Workspace
from tests.tui.exam_keys import right_keys
from tests.tui.tui_helpers import BANKS, current, notices, screen_text, text_of


def _practice(workspace: Workspace, *ids: str, seed: int = 3):  # type: ignore[no-untyped-def]
    session = workspace.practice(Filters(question_ids=ids), seed=seed)
    return make_app(workspace, session), session


def _case_exam(workspace: Workspace, seed: int = 1) -> Session:
    """An exam of the fixture bank holding its case study (the default spec has none)."""
    bank = workspace.bank()
    spec = bank.exam._replace(case_studies=1)
    drawn = draw_exam(bank.questions, spec, seed)
    return Session(bank, make_items(drawn, seed), Mode.EXAM, seed=seed,
                   time_limit=spec.minutes * 60.0, scenarios=workspace.catalog.scenarios,
                   recorder=workspace.recorder(), clock=workspace.clock)


# --- matching ----------------------------------------------------------------------------


async def test_matching_in_practice_by_keys_with_feedback_prompt_by_prompt(
    workspace: Workspace,
) -> None:
    app, session = _practice(workspace, "fx-match")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        matching = app.screen.query_one(MatchingList)
        item = session.items[0]
        assert "0 of 3 matched" in text_of(app, "#how")
        await pilot.press("1", "enter")  # one prompt only: refused in practice
        assert not app.screen.query("#feedback") and session.answers == {}
        assert any("Match every prompt first: B and C are not matched" in n
                   for n in notices(app))
        assert "1 of 3 matched" in text_of(app, "#how")
        # B right, then C wrong (up to it with ↓: the cursor moved on after each number)
        keys = right_keys(item)
        wrong_c = "2" if keys[2] == "1" else "1"
        await pilot.press(keys[1], wrong_c)
        assert matching.cursor == 2
        await pilot.press("up", "up", keys[0], "enter")  # A right as well
        text = app.screen.query_one("#feedback", FeedbackPanel).content.plain
    answer = session.answers[0]
    assert answer.score == 2 / 3  # partial credit in practice: two of three prompts
    assert "◐ Partly correct" in text
    assert "Prompt by prompt:" in text
    wrong = item.prompts[2]
    right_text = next(c.text for c in item.question.categories if c.id == wrong.category)
    assert f"✗ C  {wrong.text}" in text
    assert f"wrong. It belongs to {keys[2]} {right_text}." in text
    assert f"✓ A  {item.prompts[0].text}" in text
    assert "You chose" in text and ": right." in text
    assert item.prompts[0].feedback in text  # each prompt's own feedback


async def test_matching_in_an_exam_is_saved_partly_and_marked_partly_answered(
    workspace: Workspace,
) -> None:
    session = workspace.exam(seed=3)
    position = next(p for p in range(len(session.items))
                    if session.items[p].question.type is QuestionType.MATCHING)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        for _ in range(position):
            await pilot.press("n")
        await pilot.press("1")  # one prompt of three: saved at once, all-or-nothing scores 0
        assert len(session.answers[position].choice_ids) == 1
        assert session.answers[position].score == 0.0
        cells = app.screen.query_one(Navigator).render().plain
        assert f"{position + 1}◐" in cells
        await pilot.press("s")
        assert isinstance(app.screen, ExamReviewScreen)
        assert f"Partly answered: {position + 1}" in text_of(app, "#review-summary")
        await pilot.press("escape")
        keys = right_keys(session.items[position])
        await pilot.press("up", *keys)  # back to prompt A, all three right
        assert session.answers[position].score == 1.0
        assert f"{position + 1}✓" in app.screen.query_one(Navigator).render().plain


# --- scenario context and case studies ----------------------------------------------------


async def test_a_case_study_keeps_its_context_above_each_of_its_questions(
    workspace: Workspace,
) -> None:
    session = _case_exam(workspace)
    first = next(p for p in range(len(session.items))
                 if session.items.questions[p].case is not None)
    app = make_app(workspace, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "g")
        assert isinstance(app.screen, JumpScreen)
        await pilot.press(*str(first + 1), "enter")
        assert session.current == first
        for k in (1, 2, 3):
            title = text_of(app, "#context-title")
            assert f"Case study: The January rush — question {k} of 3" in title
            context = text_of(app, "#context-text")
            assert "A company answers customer messages" in context  # the scenario's
            assert "messages double to 2,000 an hour" in context  # the case's own facts
            shown = screen_text(app)
            assert shown.count("Help desk chatbot") == 1  # the scenario's title, once
            # the stem stays visible under the context at 80x24
            assert session.item.question.stem.split()[0] in shown
            await pilot.press("n")
        await pilot.press("p", "v")  # hide the context: the title line stays
        assert not app.screen.query_one("#context-body").display
        assert "v shows the context" in text_of(app, "#context-title")
        await pilot.press("p")  # still hidden on the case's next question
        assert not app.screen.query_one("#context-body").display
        await pilot.press("v")
        assert app.screen.query_one("#context-body").display


async def test_a_scenario_question_shows_its_context_in_review_too(
    workspace: Workspace,
) -> None:
    app, _ = _practice(workspace, "fx-single")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter", "enter")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("1")
        assert "Scenario: Help desk chatbot" in text_of(app, "#context-title")
        assert "fitted on past support tickets" in text_of(app, "#context-text")


# --- exam realism ------------------------------------------------------------------------


async def test_the_start_page_holds_the_clock_until_enter(
    workspace: Workspace, clock: FakeClock,
) -> None:
    session = workspace.exam(seed=3)
    app = make_app(workspace, session, tick_seconds=0.02)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExamScreen) and not screen.started
        page = text_of(app, "#exam-start")
        for fact in ("Questions    6", "Time         10:00", "Pass mark    60%",
                     "scaled score 720 on a scale of 100 to 1000", "Case studies none",
                     "Press Enter to start the exam."):
            assert fact in page
        await pilot.press("1", "f", "n")  # nothing works before the start
        assert session.answers == {} and session.flags == set() and session.current == 0
        clock.advance(300)  # five minutes on the start page
        await pilot.pause(0.2)  # the app ticks meanwhile (every 0.02 s here)
        assert session.remaining() == 600.0  # the clock is held
        await pilot.press("enter")
        assert (screen.started, screen.view is not None) == (True, True)  # (not narrowed)
        clock.advance(30)
        await pilot.pause(0.1)
        assert session.remaining() == 570.0  # and runs from Enter
        assert "time left 9:30" in text_of(app, "#countdown")


async def test_strike_out_toggles_and_is_not_an_answer(workspace: Workspace) -> None:
    session = workspace.exam(seed=3)
    position = next(p for p in range(len(session.items))
                    if session.items.questions[p].type is QuestionType.SINGLE)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "g", *str(position + 1), "enter")
        choices = app.screen.query_one(ChoiceList)
        await pilot.press("down", "down", "x")  # the second choice struck out
        struck = choices.order[1]
        assert choices.struck == {struck}
        assert position not in session.answers  # striking is no answer
        row = choices.render().plain.splitlines()[1]
        assert row.startswith("›( )  2 -")
        spans = [str(s.style) for s in choices.render().spans]
        assert any("strike" in style for style in spans)
        await pilot.press("n", "p")  # kept while moving around
        assert app.screen.query_one(ChoiceList).struck == {struck}
        await pilot.press("down", "down", "x")  # x again restores it
        assert app.screen.query_one(ChoiceList).struck == set()
        await pilot.press("x", "2")  # struck, then picked: still selectable
        assert session.answers[position].choice_ids == (struck,)


async def test_go_to_question_n_and_a_bad_number(workspace: Workspace) -> None:
    app, session = _practice(workspace, "fx-single", "fx-latency", "fx-truefalse")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("g", "9", "enter")
        assert isinstance(app.screen, JumpScreen)  # refused, still asking
        assert any("from 1 to 3" in n for n in notices(app))
        await pilot.press("backspace", "3", "enter")
        assert isinstance(current(app), PracticeScreen)
        assert session.current == 2
        await pilot.press("g", "escape")
        assert session.current == 2


async def test_choose_two_says_how_many_are_chosen(workspace: Workspace) -> None:
    app, _ = _practice(workspace, "fx-multiple")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "0 of 2 chosen" in text_of(app, "#how")
        await pilot.press("1")
        assert "1 of 2 chosen" in text_of(app, "#how")
        await pilot.press("2")
        assert "2 of 2 chosen" in text_of(app, "#how")
        await pilot.press("2")
        assert "1 of 2 chosen" in text_of(app, "#how")


async def test_results_show_the_scaled_score_and_unanswered_apart(
    workspace: Workspace,
) -> None:
    session = workspace.exam(seed=3)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        for position in range(3):  # the first three right, the rest left
            await pilot.press(*right_keys(session.items[position]), "enter")
        await pilot.press("s", "s", "y")
        assert isinstance(app.screen, ResultsScreen)
        headline, summary = text_of(app, "#headline"), text_of(app, "#summary")
        result = app.screen.result
    assert result.scaled is not None
    assert f"scaled {result.scaled} (100–1000, pass 720)" in headline
    wrong = len(result.wrong)
    assert f"{wrong} wrong" in summary and "3 unanswered" in summary
    assert f"6 questions: {3 - wrong} right" in summary


async def test_retry_incorrect_shows_the_choices_in_a_new_order(workspace: Workspace) -> None:
    session = workspace.exam(seed=3)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "s", "s", "y", "4")  # nothing answered: retry them all
        assert isinstance(app.screen, PracticeScreen)
        retry = app.screen.session
    assert retry.seed != session.seed
    before = {it.question.id: it.order for it in session.items}
    after = {it.question.id: it.order for it in retry.items}
    shuffled = [qid for qid in after if before[qid] != after[qid]]
    assert "fx-match" in shuffled  # its prompts come in another order
    assert set(after) == set(before)


# --- preview -----------------------------------------------------------------------------


async def test_preview_shows_answers_and_feedback_and_records_nothing(
    tmp_path: Path, db: Path,
) -> None:
    workspace = Workspace.open([BANKS], "ana", db, record=False)
    bank = workspace.bank()
    questions = with_case_sets(list(bank.questions), ())
    recorder = MemoryRecorder()
    session = Session(bank, make_items(questions, 0), Mode.PREVIEW,
                      scenarios=workspace.catalog.scenarios, recorder=recorder)
    app = make_app(workspace, session)
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, PreviewScreen)
        first = text_of(app, "#feedback")
        assert "Each choice:" in first and "✓ right" in first and "✗ wrong" in first
        assert "Drafting a reply reads the weights" in first  # a wrong choice's feedback
        await pilot.press("g", *"fx-case-match", "enter")
        assert session.items.questions[session.current].id == "fx-case-match"
        assert "Case study: The January rush — question 3 of 3" in \
            text_of(app, "#context-title")
        assert "Prompt by prompt:" in text_of(app, "#feedback")
        await pilot.press("p", "1", "space", "enter")
    assert session.answers == {}
    assert session.status is Status.FINISHED  # ended on quitting, in memory
    assert workspace.db_path is None and not db.exists()  # the store is untouched


def test_preview_command_records_nothing(tmp_path: Path, db: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """``quiz preview`` through the CLI, the app's run replaced: a preview session on the
    fixture's matching items, and no store file."""
    from click.testing import CliRunner

    import quiz.tui.app as tui_app
    from quiz.cli.main import cli

    seen: dict[str, object] = {}

    def fake_run(self) -> None:  # type: ignore[no-untyped-def]
        seen["session"] = self.first_session

    monkeypatch.setattr(tui_app.QuizApp, "run", fake_run)
    monkeypatch.setenv("QUIZ_DB", str(db))
    done = CliRunner().invoke(cli, ["preview", str(BANKS), "--type", "matching",
                                    "--question", "fx-case-match"])
    assert done.exit_code == 0, done.output
    session = seen["session"]
    assert isinstance(session, Session) and session.mode is Mode.PREVIEW
    assert [q.id for q in session.items.questions] == ["fx-match", "fx-case-match"]
    assert session.current == 1
    assert not db.exists()
    bad = CliRunner().invoke(cli, ["preview", str(BANKS), "--question", "fx-nope"])
    assert bad.exit_code != 0 and "no question 'fx-nope'" in bad.output
