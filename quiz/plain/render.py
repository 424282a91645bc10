"""Questions, feedback, results and the exam's review list as plain lines of text.

Every piece of bank text goes through ``safe_text`` / ``safe_line`` here, before it can reach
a terminal. Our own words are plain ASCII: right and wrong are said in words, never only by a
colour or a symbol, and each kind of line starts the same way every time ("Question 3 of
10.", "Right answer:", "You picked:"), so a screen reader's user knows what follows.
Choices are numbered as shown; feedback names them by those numbers, in that order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quiz.engine.feedback import Feedback
from quiz.engine.results import Breakdown, Result, summarize
from quiz.engine.scoring import is_correct
from quiz.engine.select import Item
from quiz.engine.session import Mode, Session, Status
from quiz.model import Phase, QuestionType
from quiz.plain.console import Line
from quiz.text import safe_line, safe_text

KIND_NAMES = {
    QuestionType.SINGLE: "Single choice",
    QuestionType.MULTIPLE: "Multiple choice",
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.PHASE: "Training or inference",
    QuestionType.ORDERING: "Ordering",
}
MODE_NAMES = {Mode.PRACTICE: "Practice", Mode.MISTAKES: "Review mistakes",
              Mode.REVIEW: "Review", Mode.PREVIEW: "Preview", Mode.EXAM: "Exam"}
CONFIDENCE_NAMES = {1: "not sure", 2: "fairly sure", 3: "sure"}
STEM_CHARS = 60
"""Stems are cut to about one line in the exam's review list."""

_KEEP_BREAK = re.compile(r"^\s*([-*•]|\d+[.)])\s|^\s{2,}\S")


def reflow(text: str) -> list[str]:
    """Bank text as paragraphs: the line breaks an author made in YAML are joined, blank
    lines, list items and indented lines are kept (as the app's ``reflow`` does)."""
    out: list[str] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip())):
        if number:
            out.append("")
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not _KEEP_BREAK.match(line):
                lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            else:
                lines.append(line.rstrip())
        out.extend(safe_text(line) for line in lines)
    return out


def one_line(text: str) -> str:
    """Bank text for a label or a list entry: one line, safe."""
    return safe_line(" ".join(text.split()))


def clock_text(seconds: float) -> str:
    """Seconds as ``m:ss`` (``h:mm:ss`` from an hour up), rounded up: 0:00 means done."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def numbers_text(numbers: Sequence[int]) -> str:
    return " ".join(str(n) for n in numbers)


def display_numbers(item: Item, choice_ids: Sequence[str]) -> list[int]:
    """1-based places on screen of ``choice_ids``, in the order given."""
    place = {cid: i for i, cid in enumerate(item.order, 1)}
    return [place[cid] for cid in choice_ids if cid in place]


# --- a question ----------------------------------------------------------------------------

def how_to_answer(item: Item) -> str:
    question = item.question
    n = len(item.order)
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
    if question.scenario:
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
    width = len(str(len(item.order)))
    for number, (_, text) in enumerate(item.choices, 1):
        label = f"{number}.".ljust(width + 2)
        lines.append(Line(label + one_line(text), 0, len(label)))
    if session.status is not Status.ACTIVE:  # read-only: the feedback follows
        return lines
    lines.append(Line(""))
    lines.append(Line(how_to_answer(item)))
    given = session.answers.get(position)
    if session.deferred and given is not None and given.choice_ids:
        saved = numbers_text(display_numbers(item, given.choice_ids))
        lines.append(Line(f"Your saved answer: {saved}."))
    return lines


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
    if question.type is QuestionType.ORDERING:
        lines.append(Line(f"Right order: {numbers_text(display_numbers(item, right_ids))}."))
        lines += _numbered(item, right_ids, texts)
        if feedback.picked:
            picked = [note.choice_id for note in feedback.picked]
            lines.append(Line(f"Your order: {numbers_text(display_numbers(item, picked))}."))
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


def positions_text(positions: Sequence[int]) -> str:
    return ", ".join(str(p + 1) for p in positions) if positions else "none"


def review_list_lines(session: Session) -> list[Line]:
    """Every question's state, the unanswered and flagged ones named first."""
    total = len(session.items)
    left = unanswered(session)
    lines = [Line(""), Line(f"Review before submitting: {total - len(left)} of {total} "
                            "answered."),
             Line(f"Unanswered: {positions_text(left)}."),
             Line(f"Flagged: {positions_text(sorted(session.flags))}.")]
    for position in range(total):
        question = session.items.questions[position]
        state = "answered" if is_answered(session, position) else "unanswered"
        if position in session.flags:
            state += ", flagged"
        stem = one_line(question.stem)
        if len(stem) > STEM_CHARS:
            stem = stem[:STEM_CHARS - 3].rstrip() + "..."
        label = f"Question {position + 1}: "
        lines.append(Line(f"{label}{state}. {stem}", 0, len(label)))
    return lines


# --- results -------------------------------------------------------------------------------

def results_lines(session: Session) -> list[Line]:
    """The result: an exam over all its questions (score, pass or fail, time), any other
    session over the questions answered, "of N drawn" (it may end early)."""
    result = summarize(session)
    exam = session.mode is Mode.EXAM
    name = MODE_NAMES.get(session.mode, "Practice")
    lines = [Line(""), Line(f"{name} results: {one_line(session.bank.title)}.")]
    if exam:
        lines += _exam_summary(session, result)
        by_phase, by_objective = result.by_phase, result.by_objective
    else:
        answered = sorted(session.answers)
        right = sum(is_correct(session.answers[p].score) for p in answered)
        if answered:
            share = 100.0 * result.earned / len(answered)
            lines.append(Line(f"Score {share:.0f}% of the questions answered: {right} of "
                              f"{len(answered)} right, {len(answered)} answered of "
                              f"{result.items} drawn."))
        else:
            lines.append(Line(f"No questions answered (of {result.items} drawn)."))
        lines.append(Line(f"Time used {clock_text(result.seconds)}."))
        by_phase, by_objective = breakdowns(session, answered)
    if by_phase:
        lines.append(Line("By phase:"))
        lines += [_breakdown_line(row, False) for row in by_phase]
    if by_objective:
        lines.append(Line("By objective:"))
        lines += [_breakdown_line(row, True) for row in by_objective]
    lines += calibration_lines(result)
    return lines


def _exam_summary(session: Session, result: Result) -> list[Line]:
    verdict = "passed" if result.passed else "not passed"
    limit = f" of {clock_text(session.time_limit)}" if session.time_limit else ""
    incorrect = len(result.incorrect)
    return [
        Line(f"Score {result.percent:.0f}%: {verdict} (pass mark {result.pass_percent}%)."),
        Line(f"{result.answered} of {result.items} answered; {result.earned:g} of "
             f"{result.items} points; {incorrect} not fully right; {len(result.flagged)} "
             f"flagged; time used {clock_text(result.seconds)}{limit}."),
    ]


def breakdowns(session: Session, positions: Sequence[int],
               ) -> tuple[tuple[Breakdown, ...], tuple[Breakdown, ...]]:
    """Score by phase and by objective over some positions (practice: those answered)."""
    questions = session.items.questions
    lesson = session.bank.lesson
    earned = {p: session.answers[p].score if p in session.answers else 0.0 for p in positions}
    phases = []
    for phase in Phase:
        where = [p for p in positions if questions[p].phase is phase]
        if where:
            phases.append(Breakdown(phase.value, lesson.sides[phase], len(where),
                                    sum(earned[p] for p in where)))
    objectives = []
    for objective in lesson.objectives:
        where = [p for p in positions if objective.id in questions[p].objectives]
        if where:
            objectives.append(Breakdown(objective.id, objective.text, len(where),
                                        sum(earned[p] for p in where)))
    return tuple(phases), tuple(objectives)


def _breakdown_line(row: Breakdown, show_key: bool) -> Line:
    label = one_line(row.label).rstrip(".")
    if show_key:
        label = f"{one_line(row.key)} {label}"
    points = "point" if row.items == 1 else "points"
    return Line(f"{label}: {row.percent:.0f}%, {row.earned:g} of {row.items} {points}.", 2, 2)


def calibration_lines(result: Result) -> list[Line]:
    cal = result.calibration
    if not cal.rated:
        return []
    lines = [Line("Calibration (certainty-based marking):")]
    for level in sorted(cal.by_level):
        answers, right = cal.by_level[level]
        noun = "answer" if answers == 1 else "answers"
        lines.append(Line(f"{level} {CONFIDENCE_NAMES.get(level, '')}: {answers} {noun}, "
                          f"{right} right.", 2, 2))
    lines.append(Line(f"Sure but wrong: {cal.sure_but_wrong}.", 2, 2))
    lines.append(Line(f"Not sure but right: {cal.unsure_but_right}.", 2, 2))
    return lines
