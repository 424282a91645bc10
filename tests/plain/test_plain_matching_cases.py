"""Matching items and case studies in plain mode, and the results that count them: driven
through in-memory streams over a real store, on plain's own fixture bank (fixture-cases)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.engine.clock import FakeClock
from quiz.engine.select import Filters
from quiz.engine.session import Session
from quiz.model import QuestionType, split_pair
from quiz.plain.entry import run_plain
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples
from tests.plain.plain_helpers import (
    BANKS,
    WorkspaceFactory,
    plain_of,
    right_ids,
    right_line,
    stored_answers,
)

BANK = "fixture-cases"
CASE = ("fx-case-1", "fx-case-2", "fx-case-3")


def _run(workspace: Workspace, session: Session, lines: list[str]) -> str:
    out = io.StringIO()
    run_plain(workspace, False, session=session,
              stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out)
    return plain_of(out)


def _position(session: Session, question_id: str) -> int:
    return [q.id for q in session.items.questions].index(question_id)


def test_matching_in_practice_refuses_a_partial_answer_then_gives_feedback_per_prompt(
    open_workspace: WorkspaceFactory, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(Filters(question_ids=("fx-matching",)), seed=1,
                                 bank_id=BANK)
    item = session.items[0]
    numbers = {p.id: n for n, p in enumerate(item.prompts, 1)}
    # p1 and p3 right (a = training), p2 wrong (a, belongs to b), p4 right (b)
    answer = " ".join(f"{numbers[p]}{c}" for p, c in
                      (("p1", "a"), ("p2", "a"), ("p3", "a"), ("p4", "b")))
    text = _run(workspace, session, ["?", "1a", answer, ""])
    assert "Question 1 of 1. Matching." in text
    assert "Categories:\n  a. Training\n  b. Inference\n  c. Neither phase\nPrompts:\n" in text
    assert f"  {numbers['p2']}. A reply is drafted while the customer waits\n" in text
    assert "e.g. 1a 2b 3a (also 1-a, 1:a, or with commas)" in text  # help
    assert "  c: read the scenario's context again" in text
    missing = sorted(n for p, n in numbers.items() if n != 1)
    assert (f"Prompts {missing[0]}, {missing[1]} and {missing[2]} are not matched; give "
            "every prompt a category") in text
    assert "Partly correct: 75% credit." in text
    right = " ".join(f"{n}{'a' if p in ('p1', 'p3') else 'b'}"
                     for p, n in sorted(numbers.items(), key=lambda x: x[1]))
    assert f"Right matches: {right}." in text
    assert (f"Prompt {numbers['p2']}: A reply is drafted while the customer waits\n"
            "  You chose a. Training: wrong. It belongs to b. Inference.\n"
            "  Note: The fitted chatbot is used; nothing changes in it.\n") in text
    assert (f"Prompt {numbers['p3']}: The weights are refitted on Sunday night\n"
            "  You chose a. Training: right.\n") in text
    stored = stored_answers(db, session.id)[0]
    assert sorted(stored) == ["p1=training", "p2=training", "p3=training", "p4=inference"]
    assert [numbers[split_pair(cid)[0]] for cid in stored] == [1, 2, 3, 4]


def test_an_exam_matching_answer_can_be_completed_over_several_lines(
    open_workspace: WorkspaceFactory, db: Path,
) -> None:
    workspace = open_workspace()
    session = workspace.exam(seed=2, bank_id=BANK)
    where = _position(session, "fx-matching")
    item = session.items[where]
    pairs = right_line(item).split()
    text = _run(workspace, session, [f"g {where + 1}", pairs[0], "r", "",
                                     " ".join(pairs[1:]), "s", "y", ""])
    assert f"Saved: {pairs[0]}. Not matched yet: prompts 2, 3 and 4; an unmatched prompt " \
           "counts as wrong. Type the other pairs, or press Enter" in text
    assert f"Partly answered: {where + 1}." in text
    assert f"Question {where + 1}: partly answered." in text
    assert f"Saved: {' '.join(pairs)}.\n" in text
    assert stored_answers(db, session.id) == {where: right_ids(item)}


def test_a_case_study_prints_its_context_once_and_c_prints_it_again(
    open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace()
    session = workspace.exam(seed=2, bank_id=BANK)
    first = _position(session, CASE[0])
    assert [q.id for q in session.items.questions[first:first + 3]] == list(CASE)
    outside = next(p for p in range(5) if not first <= p < first + 3)
    # from the case's first question: on to the second, read the context again, on to the
    # third, leave the case, then jump back into its middle
    steps = [f"g {first + 1}", "", "c", "", f"g {outside + 1}", f"g {first + 2}", "q"]
    text = _run(workspace, session, steps)
    intro = ("Case study: The weekend launch. 3 questions on one scenario, questions "
             f"{first + 1} to {first + 3} here; type c to read this again.\n"
             "Scenario: Help desk chatbot.\n"
             "A company answers customer messages with a chatbot fitted on past support "
             "tickets.\nCase details:\nThe chatbot goes live on Saturday for 20,000 "
             "customers. Replies must start within two seconds. A refit on the last "
             "month's tickets is planned for Sunday night.\n")
    # on entering, after c, and on jumping back into the middle: three times, no more
    assert text.count(intro) == 3
    for k in (1, 2, 3):
        assert (f"Question {first + k} of 5. " in text
                and f"Case study question {k} of 3: The weekend launch.\n" in text)
    before_second = text.split("Case study question 2 of 3")[0]
    assert before_second.count(intro) == 1  # not reprinted before each question
    head = f"Question {first + 1} of 5. Single choice.\nCase study question 1 of 3"
    assert head in text


def _wrong_line(session: Session, position: int) -> str:
    """An accepted answer to the item at ``position`` that is not fully right."""
    item = session.items[position]
    kind = item.question.type
    if kind is QuestionType.MATCHING:
        return " ".join(f"{n}c" for n in range(1, len(item.prompts) + 1))  # the distractor
    if kind is QuestionType.ORDERING:
        return " ".join(reversed(right_line(item).split()))
    right = right_line(item).split()
    return next(str(n) for n in range(1, len(item.order) + 1) if str(n) not in right)


def test_exam_results_count_wrong_and_unanswered_apart_with_the_scaled_score(
    open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace()
    session = workspace.exam(seed=2, bank_id=BANK)
    kinds = [q.type for q in session.items.questions]
    assert kinds[2:4] == [QuestionType.ORDERING, QuestionType.MATCHING]
    # the ordering item is left unanswered, the matching one answered wrongly
    answers = {0: right_line(session.items[0]), 1: right_line(session.items[1]),
               3: _wrong_line(session, 3)}
    lines = [line for position, answer in answers.items()
             for line in (f"g {position + 1}", answer)]
    text = _run(workspace, session, [*lines, "s", "y", "a", *[""] * 4])
    # 2 of 5 right is 40 %; below the pass mark of 60 % the scale runs from 100 to 720
    assert "Score 40%, scaled score 513 (scale 100 to 1000, pass at 720): not passed (pass " \
           "mark 60%)." in text
    assert "5 questions: 2 right, 1 wrong, 2 unanswered; 2 of 5 points;" in text
    # each question not answered says so in its feedback, whatever its type
    assert text.count("You did not answer it.") == 2


def test_practice_results_say_how_many_of_those_drawn_were_answered(
    open_workspace: WorkspaceFactory,
) -> None:
    workspace = open_workspace()
    session = workspace.practice(seed=4, bank_id=BANK)
    drawn = len(session.items)
    text = _run(workspace, session, [right_line(session.items[0]), "", "q"])
    assert f"Score 100% of the questions answered: 1 of 1 right; 1 of {drawn} drawn " \
           "answered." in text


@settings(max_examples=examples(20), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(
    st.sampled_from(["1a 2b 3a 4b", "1a", "2b 3a", "4c", "1 2", "3 1 2", "1", "", "n", "p",
                     "c", "s", "y", "?", "g 3", "f", "r", "1a 1b", "5a", "1d"]),
    st.text(max_size=30)), max_size=40))
def test_any_input_stores_every_answer_and_each_matching_answer_is_one_pair_per_prompt(
    lines: list[str], tmp_path_factory: pytest.TempPathFactory, clock: FakeClock,
) -> None:
    db = tmp_path_factory.mktemp("store") / "p.sqlite3"
    for mode in ("practice", "exam"):
        workspace = Workspace.open([BANKS], "ana", db)
        workspace.clock = clock
        session = workspace.practice(seed=4, bank_id=BANK) if mode == "practice" else \
            workspace.exam(seed=2, bank_id=BANK)
        out = io.StringIO()
        run_plain(workspace, False, session=session, stdin=io.StringIO(
            "".join(f"{line}\n" for line in lines).replace("\r", "")), stdout=out)
        plain_of(out, echoes_input=True)
        stored = stored_answers(db, session.id)
        assert stored == {p: a.choice_ids for p, a in session.answers.items()}
        for position, answer in stored.items():
            question = session.items.questions[position]
            if question.type is not QuestionType.MATCHING:
                continue
            prompts = [split_pair(cid)[0] for cid in answer]
            assert set(answer) <= {c.id for c in question.choices}
            assert len(prompts) == len(set(prompts)) and prompts
            if mode == "practice":
                assert len(prompts) == len(question.prompts)
