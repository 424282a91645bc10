"""Case studies and scenario contexts as lines: what is printed once on entering a case study,
the line before each of its questions, and what ``c`` prints again at any prompt.

A case study's context is printed when the learner enters it (its first question, or any of
its questions reached with ``g N`` or ``p`` from outside it), not before every question: a
screen reader would otherwise read the same paragraphs again and again. ``c`` reprints it.
"""

from __future__ import annotations

from quiz.engine.session import CaseView, Session
from quiz.plain.console import Line
from quiz.plain.text import one_line, reflow


def case_intro_lines(case: CaseView, hint: bool = True) -> list[Line]:
    """The case study's title, where it sits, its scenario and both contexts (``hint``:
    say that ``c`` prints it again, where a prompt takes commands)."""
    size = "question" if case.size == 1 else "questions"
    where = ""
    if case.first is not None:
        where = f", questions {case.first + 1} to {case.first + case.size} here"
    lines = [Line(""),
             Line(f"Case study: {one_line(case.title)}. {case.size} {size} on one "
                  f"scenario{where}{'; type c to read this again' if hint else ''}."),
             Line(f"Scenario: {one_line(case.scenario_title)}.")]
    lines += [Line(text) for text in reflow(case.scenario_context)] \
        if case.scenario_context.strip() else []
    if case.context.strip():
        lines.append(Line("Case details:"))
        lines += [Line(text) for text in reflow(case.context)]
    return lines


def case_line(case: CaseView) -> Line:
    """Said before each question of a case study."""
    return Line(f"Case study question {case.position} of {case.size}: "
                f"{one_line(case.title)}.")


def context_lines(session: Session, position: int) -> list[Line]:
    """What ``c`` prints: the case study's intro, else the scenario's title and context."""
    case = session.case_study(position)
    if case is not None:
        return case_intro_lines(case)
    question = session.items.questions[position]
    scenario = session.scenarios.get(question.scenario or "")
    if scenario is None:
        if question.scenario:
            return [Line(f"Scenario: {one_line(question.scenario)}. It has no context "
                         "to show.")]
        return [Line("This question has no scenario or case study; it stands alone.")]
    lines = [Line(""), Line(f"Scenario: {one_line(scenario.title)}.")]
    lines += [Line(text) for text in reflow(scenario.context)] \
        if scenario.context.strip() else [Line("It has no context to show.")]
    return lines
