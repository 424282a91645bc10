"""A finished session's results as lines: score, pass or fail, breakdowns, calibration.

An exam is scored over all its questions: right, wrong and unanswered are counted apart (an
unanswered question scores 0 but was not answered wrongly), and the scaled score stands
beside the percentage when the bank asks for one. Practice (and review) may end early, so it
is scored over the questions answered and says how many of those drawn that was.
"""

from __future__ import annotations

from quiz.engine.results import Breakdown, Result, summarize
from quiz.engine.scoring import is_correct
from quiz.engine.session import Mode, Session
from quiz.plain.console import Line
from quiz.plain.text import MODE_NAMES, clock_text, one_line

CONFIDENCE_NAMES = {1: "not sure", 2: "fairly sure", 3: "sure"}


def results_lines(session: Session) -> list[Line]:
    """The result: an exam over all its questions (score, pass or fail, time), any other
    session over the questions answered, "of N drawn" (it may end early)."""
    exam = session.mode is Mode.EXAM
    # practice scores what was answered, as the app does: it may end early
    result = summarize(session, answered_only=not exam)
    name = MODE_NAMES.get(session.mode, "Practice")
    lines = [Line(""), Line(f"{name} results: {one_line(session.bank.title)}.")]
    if exam:
        lines += exam_summary(session, result)
    else:
        answered = sorted(session.answers)
        right = sum(is_correct(session.answers[p].score) for p in answered)
        drawn = result.drawn if result.drawn is not None else result.items
        if answered:
            share = 100.0 * result.earned / len(answered)
            lines.append(Line(f"Score {share:.0f}% of the questions answered: {right} of "
                              f"{len(answered)} right; {len(answered)} of {drawn} "
                              "drawn answered."))
        else:
            lines.append(Line(f"No questions answered; 0 of {drawn} drawn answered."))
        lines.append(Line(f"Time used {clock_text(result.seconds)}."))
    by_phase, by_objective = result.by_phase, result.by_objective
    if by_phase:
        lines.append(Line("By phase:"))
        lines += [_breakdown_line(row, False) for row in by_phase]
    if by_objective:
        lines.append(Line("By objective:"))
        lines += [_breakdown_line(row, True) for row in by_objective]
    lines += calibration_lines(result)
    return lines


def exam_summary(session: Session, result: Result) -> list[Line]:
    """Score (scaled beside it when asked for), verdict, and right, wrong and unanswered
    counted apart."""
    verdict = "passed" if result.passed else "not passed"
    scaled = ""
    if result.scaled is not None and result.scale is not None:
        low, high, pass_score = result.scale
        scaled = (f", scaled score {result.scaled} (scale {low} to {high}, pass at "
                  f"{pass_score})")
    limit = f" of {clock_text(session.time_limit)}" if session.time_limit else ""
    wrong = len(result.wrong)
    partly = sum(1 for p in result.wrong if session.answers[p].score > 0)
    partly_text = f" ({partly} partly right)" if partly else ""
    right = result.answered - wrong
    return [
        Line(f"Score {result.percent:.0f}%{scaled}: {verdict} (pass mark "
             f"{result.pass_percent}%)."),
        Line(f"{result.items} questions: {right} right, {wrong} wrong{partly_text}, "
             f"{len(result.unanswered)} unanswered; {result.earned:g} of {result.items} "
             f"points; {len(result.flagged)} flagged; time used "
             f"{clock_text(result.seconds)}{limit}."),
    ]


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
