"""What an exam shows before it starts: its length, time, pass mark, case studies and keys.

As at a test centre, the clock starts when the candidate presses Start, not when the exam
was drawn: the exam screen shows this page first (an exam not yet begun: nothing answered or
flagged, at its first question), holds the clock while it is up (``Session.hold_clock``), and
counts the time from Enter (``Session.start_clock``).
"""

from __future__ import annotations

from textual.content import Content

from quiz.engine.session import Session
from quiz.model import MultipleScoring, QuestionType
from quiz.tui.text import clock_text, literal_line
from quiz.tui.widgets.indented import Block, Indented, Line

KEYS: tuple[tuple[str, str], ...] = (
    ("1–9, ↑ ↓, space", "answer; a matching item: ↑ ↓ to a prompt, a number for its category"),
    ("enter", "save and go to the next question"),
    ("n →, p ←, g", "next, previous, go to question N"),
    ("f", "flag the question to come back to it"),
    ("x", "strike out the highlighted choice (not an answer; x again restores it)"),
    ("v, < >", "hide or show a case study's context; scroll it"),
    ("s", "review the questions, then submit"),
    ("q", "quit: the exam stays unfinished, the clock stops, resume it later"),
)


def not_begun(session: Session) -> bool:
    """An exam nobody has worked on yet: nothing answered or flagged, at its first question."""
    return not session.answers and not session.flags and session.current == 0


def _scoring_text(session: Session) -> str:
    rules = session.bank.scoring
    words = {MultipleScoring.ALL_OR_NOTHING: "all or nothing",
             MultipleScoring.PARTIAL: "partial credit"}
    return (f"multiple choice and ordering {words[rules.exam_multiple]}; matching "
            f"{words[rules.exam_matching]}; an unanswered question scores 0")


def start_lines(session: Session) -> tuple[list[Line], list[Line]]:
    """The start page: title and facts, then the keys and how to begin."""
    questions = session.items.questions
    total = len(questions)
    spec = session.bank.exam
    cases = {q.case.id: q.case.size for q in questions if q.case is not None}
    matching = sum(q.type is QuestionType.MATCHING for q in questions)
    left = session.remaining()
    time = clock_text(left) if left is not None else "no limit"
    pass_text = f"{spec.pass_percent}%"
    if spec.scaled is not None:
        scaled = spec.scaled
        pass_text += (f" (scaled score {scaled.pass_score} on a scale of {scaled.min} to "
                      f"{scaled.max})")
    if cases:
        sizes = " and ".join(str(n) for n in cases.values())
        case_text = (f"1 case study: {sizes} questions on one scenario" if len(cases) == 1
                     else f"{len(cases)} case studies: {sizes} questions, each set on one "
                          "scenario")
    else:
        case_text = "none"
    facts = [("Questions", f"{total}" + (f", {matching} of them matching" if matching else "")),
             ("Time", f"{time} (the clock starts when you press Enter)"),
             ("Pass mark", pass_text),
             ("Case studies", case_text),
             ("Scoring", _scoring_text(session))]
    lines: list[Line] = [
        (0, Content.styled("Mock exam: ", "bold") + literal_line(session.bank.title, "bold")),
        (0, Content("")),
    ]
    lines += [(2, Content.styled(f"{name:<13}", "bold") + Content(value))
              for name, value in facts]
    keys: list[Line] = [(0, Content("")), (0, Content.styled("Keys", "bold"))]
    keys += [(2, Content.styled(f"{key:<16}", "bold") + Content(what)) for key, what in KEYS]
    keys += [(0, Content("")),
             (0, Content.styled("Press Enter to start the exam.", "bold $accent"))]
    return lines, keys


def start_page(session: Session) -> Indented:
    """The start page as one widget (it takes the question's place until Enter)."""
    facts, keys = start_lines(session)
    return Indented(facts, hanging=13, after=[Block(keys, hanging=16)], id="exam-start")
