"""Questions, feedback and the exam's review list as plain lines of text.

Every piece of bank text goes through ``safe_text`` / ``safe_line`` here, before it can reach
a terminal. Our own words are plain ASCII: right and wrong are said in words, never only by a
colour or a symbol, and each kind of line starts the same way every time ("Question 3 of
10.", "Right answer:", "You picked:"), so a screen reader's user knows what follows.
Choices are numbered as shown; feedback names them by those numbers, in that order. Matching
items are in ``matching``, case studies in ``cases``, results in ``results``.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.engine.feedback import Feedback
from quiz.engine.select import Item
from quiz.engine.session import Session, Status
from quiz.model import QuestionType
from quiz.plain.cases import case_line
from quiz.plain.console import Line
from quiz.plain.matching import (
    how_to_match,
    matching_feedback_lines,
    matching_lines,
    missing_prompts,
    missing_text,
    pairs_text,
)
from quiz.plain.text import numbers_text, one_line, reflow

KIND_NAMES = {
    QuestionType.SINGLE: "Single choice",
    QuestionType.MULTIPLE: "Multiple choice",
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.PHASE: "Training or inference",
    QuestionType.ORDERING: "Ordering",
    QuestionType.MATCHING: "Matching",
}
STEM_CHARS = 60
"""Stems are cut to about one line in the exam's review list."""


def display_numbers(item: Item, choice_ids: Sequence[str]) -> list[int]:
    """1-based places on screen of ``choice_ids``, in the order given."""
    place = {cid: i for i, cid in enumerate(item.order, 1)}
    return [place[cid] for cid in choice_ids if cid in place]


def answer_text(item: Item, choice_ids: Sequence[str]) -> str:
    """An answer as the learner would type it: ``1 3``, or pairs ``1a 2b`` for matching."""
    if item.question.type is QuestionType.MATCHING:
        return pairs_text(item, choice_ids)
    return numbers_text(display_numbers(item, choice_ids))


# --- a question ----------------------------------------------------------------------------

def how_to_answer(item: Item, partial: bool = False) -> str:
    """The how-to line; ``partial``: an exam, where a matching answer may be completed
    over several lines."""
    question = item.question
    n = len(item.order)
    if question.type is QuestionType.MATCHING:
        return how_to_match(item, partial)
    if question.type is QuestionType.MULTIPLE:
        want = len(question.correct_ids)
        example = numbers_text(range(1, min(want, n) + 1)) if want > 1 else "1 3"
        return f"Choose {want}: type their numbers, e.g. {example}."
    if question.type is QuestionType.ORDERING:
        return ("Put the steps in order: type the step numbers, first step first, e.g. "
                f"{numbers_text(range(n, 0, -1))}.")
    return f"Choose one: type a number from 1 to {n}."


def question_lines(session: Session, position: int, *, context: bool = True) -> list[Line]:
    """Where the question is, its scenario (with the context when ``context``), the stem,
    the numbered choices and how to answer; in an exam also the flag and the saved answer."""
    item = session.items[position]
    question = item.question
    head = f"Question {position + 1} of {len(session.items)}. {KIND_NAMES[question.type]}."
    if position in session.flags:
        head += " Flagged."
    lines = [Line(""), Line(head)]
    case = session.case_study(position)
    if case is not None:  # its scenario and context come with the case (see cases.py)
        lines.append(case_line(case))
    elif question.scenario:
        scenario = session.scenarios.get(question.scenario)
        title = one_line(scenario.title) if scenario else one_line(question.scenario)
        if scenario is not None and context and scenario.context.strip():
            lines.append(Line(f"Scenario: {title}."))
            lines += [Line(text) for text in reflow(scenario.context)]
        else:
            lines.append(Line(f"Scenario: {title} (as in the previous question)."
                              if scenario is not None else f"Scenario: {title}."))
    lines.append(Line(""))
    lines += [Line(text) for text in reflow(question.stem)]
    lines.append(Line(""))
    if question.type is QuestionType.MATCHING:
        lines += matching_lines(item)
    else:
        width = len(str(len(item.order)))
        for number, (_, text) in enumerate(item.choices, 1):
            label = f"{number}.".ljust(width + 2)
            lines.append(Line(label + one_line(text), 0, len(label)))
    if session.status is not Status.ACTIVE:  # read-only: the feedback follows
        return lines
    lines.append(Line(""))
    lines.append(Line(how_to_answer(item, session.deferred)))
    given = session.answers.get(position)
    if session.deferred and given is not None and given.choice_ids:
        lines.append(Line(f"Your saved answer: {answer_text(item, given.choice_ids)}."
                          f"{partly_text(session, position)}"))
    return lines


def partly_text(session: Session, position: int) -> str:
    """What a saved exam answer still lacks (' Not matched yet: prompt 3.'), or ''."""
    item = session.items[position]
    given = session.answers.get(position)
    if given is None or not given.choice_ids:
        return ""
    if item.question.type is QuestionType.MATCHING:
        missing = missing_prompts(item, given.choice_ids)
        if missing:
            return (f" Not matched yet: {missing_text(missing)}; an unmatched prompt "
                    "counts as wrong.")
    elif item.question.type is QuestionType.MULTIPLE:
        want = len(item.question.correct_ids)
        if len(given.choice_ids) < want:
            return f" {len(given.choice_ids)} of {want} chosen."
    return ""


# --- feedback ------------------------------------------------------------------------------

def verdict_line(feedback: Feedback) -> str:
    if feedback.verdict == "Partly correct":
        return f"Partly correct: {feedback.score:.0%} credit."
    return f"{feedback.verdict}."


def feedback_lines(session: Session, position: int) -> list[Line]:
    """What the app's feedback panel says, in words: verdict, right answer (by the numbers
    on screen), each pick with its note, the explanation, the rule and the side it tests,
    the objectives and the scenario."""
    item = session.items[position]
    question = item.question
    feedback = session.feedback(position)
    lines = [Line(""), Line(verdict_line(feedback))]
    texts = dict(item.choices)
    right_ids = question.correct_ids
    if question.type is QuestionType.MATCHING:
        lines += matching_feedback_lines(item, feedback)
        if not feedback.answered:
            lines.append(Line("You did not answer it."))
    elif question.type is QuestionType.ORDERING:
        lines.append(Line(f"Right order: {numbers_text(display_numbers(item, right_ids))}."))
        lines += _numbered(item, right_ids, texts)
        if feedback.picked:
            picked = [note.choice_id for note in feedback.picked]
            lines.append(Line(f"Your order: {numbers_text(display_numbers(item, picked))}."))
        elif not feedback.answered:
            lines.append(Line("You did not answer it."))
    else:
        shown_right = [cid for cid in item.order if cid in set(right_ids)]
        label = "Right answers:" if len(shown_right) > 1 else "Right answer:"
        lines.append(Line(label))
        lines += _numbered(item, shown_right, texts)
        if feedback.picked:
            lines.append(Line("You picked:"))
            for note in feedback.picked:
                number = display_numbers(item, [note.choice_id])[0]
                mark = "right" if note.correct else "wrong"
                label = f"{number}. "
                lines.append(Line(f"  {label}{one_line(note.text)}: {mark}.", 0, 2 + len(label)))
                if note.feedback.strip():
                    lines.append(Line(f"Note: {' '.join(reflow(note.feedback))}", 4, 6))
        elif not feedback.answered:
            lines.append(Line("You did not answer it."))
    if feedback.explanation:
        lines.append(Line("Explanation:"))
        lines += [Line(text, 2, 0) for text in reflow(feedback.explanation)]
    lines += rule_lines(feedback)
    if feedback.objectives:
        lines.append(Line("Objectives:"))
        lines += [Line(f"{one_line(oid)}: {one_line(text)}", 2, 2)
                  for oid, text in feedback.objectives]
    if feedback.scenario_title:
        lines.append(Line(f"Scenario: {one_line(feedback.scenario_title)}."))
    return lines


def rule_lines(feedback: Feedback) -> list[Line]:
    """The rule, and in words which side of it the question tests (the app highlights it)."""
    return [Line(f"Rule: {one_line(feedback.rule)}"),
            Line(f"This question tests: {_side(feedback)}.")]


def _side(feedback: Feedback) -> str:
    """The side's words, with the phase named when they do not name it."""
    side = one_line(feedback.side_text).rstrip(".")
    phase = feedback.phase.value
    return side if phase in side.casefold() or not side else f"{side} ({phase})"


def _numbered(item: Item, choice_ids: Sequence[str], texts: dict[str, str]) -> list[Line]:
    lines = []
    for cid, number in zip(choice_ids, display_numbers(item, choice_ids), strict=True):
        label = f"{number}. "
        lines.append(Line(f"  {label}{one_line(texts[cid])}", 0, 2 + len(label)))
    return lines


# --- the exam's list before submitting ------------------------------------------------------

def is_answered(session: Session, position: int) -> bool:
    given = session.answers.get(position)
    return given is not None and bool(given.choice_ids)


def unanswered(session: Session) -> list[int]:
    return [p for p in range(len(session.items)) if not is_answered(session, p)]


def partly_answered(session: Session) -> list[int]:
    """Exam positions whose saved answer is incomplete: a matching item with prompts left
    unmatched, a "choose N" item with fewer chosen (the app's navigator marks them too)."""
    return [p for p in sorted(session.answers) if partly_text(session, p)]


def positions_text(positions: Sequence[int]) -> str:
    return ", ".join(str(p + 1) for p in positions) if positions else "none"


def review_list_lines(session: Session) -> list[Line]:
    """Every question's state, the unanswered and flagged ones named first."""
    total = len(session.items)
    left = unanswered(session)
    lines = [Line(""), Line(f"Review before submitting: {total - len(left)} of {total} "
                            "answered."),
             Line(f"Unanswered: {positions_text(left)}.")]
    partly = partly_answered(session)
    if partly:
        lines.append(Line(f"Partly answered: {positions_text(partly)}."))
    lines.append(Line(f"Flagged: {positions_text(sorted(session.flags))}."))
    for position in range(total):
        question = session.items.questions[position]
        state = "answered" if is_answered(session, position) else "unanswered"
        if position in partly:
            state = "partly answered"
        if position in session.flags:
            state += ", flagged"
        stem = one_line(question.stem)
        if len(stem) > STEM_CHARS:
            stem = stem[:STEM_CHARS - 3].rstrip() + "..."
        label = f"Question {position + 1}: "
        lines.append(Line(f"{label}{state}. {stem}", 0, len(label)))
    return lines
