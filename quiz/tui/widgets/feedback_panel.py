"""The feedback panel: verdict, right answer, notes on the picks, explanation, rule, objectives.

One widget, drawn from indented paragraphs (wrapped lines keep their indent), cheap to mount
right after a key press. Every piece of bank text in it is literal. Its id is ``feedback``:
benchmarks and tests wait for it.
"""

from __future__ import annotations

from textual.content import Content

from quiz.engine.feedback import Feedback
from quiz.model import QuestionType
from quiz.tui.text import literal, literal_line
from quiz.tui.widgets.indented import Indented, Line

VERDICT_STYLES = {
    "Correct": ("✔ Correct", "bold $success"),
    "Incorrect": ("✘ Incorrect", "bold $error"),
    "Partly correct": ("◐ Partly correct", "bold $warning"),
    "Not answered": ("○ Not answered", "bold $error"),
}

def rule_lines(feedback: Feedback) -> list[Line]:
    """The lesson's rule with the side this question tests highlighted."""
    rule = literal_line(feedback.rule)
    start = rule.plain.casefold().find(feedback.side_text.casefold())
    if start >= 0 and feedback.side_text:
        rule = rule.stylize("bold reverse", start, start + len(feedback.side_text))
    return [
        (0, Content.styled("Rule: ", "bold") + rule),
        (0, Content("This question tests: ") + literal_line(feedback.side_text, "bold")),
    ]


def feedback_lines(feedback: Feedback, kind: QuestionType, hint: str = "") -> list[Line]:
    """Everything the panel shows, as indented literal paragraphs (blank ones separate)."""
    label, style = VERDICT_STYLES.get(feedback.verdict, (feedback.verdict, "bold"))
    verdict = Content.styled(label, style)
    if feedback.verdict == "Partly correct":
        verdict += Content(f"  ({feedback.score:.0%} credit)")
    blank: Line = (0, Content(""))
    lines: list[Line] = [(0, verdict), blank]

    ordering = kind is QuestionType.ORDERING
    lines.append((0, Content.styled("Right order:" if ordering else "Right answer:", "bold")))
    lines += [(2, literal_line(text)) for text in feedback.right_answer]

    if feedback.picked:
        lines.append(blank)
        lines.append((0, Content.styled("Your order:" if ordering else "You picked:", "bold")))
        for number, note in enumerate(feedback.picked, 1):
            if ordering:
                lines.append((2, Content(f"{number}. ") + literal_line(note.text)))
                continue
            mark = Content.styled("✓ ", "$success") if note.correct else \
                Content.styled("✗ ", "$error")
            lines.append((2, mark + literal_line(note.text)))
            if note.feedback:
                lines.append((4, literal(note.feedback.strip(), "italic")))

    if feedback.explanation:
        lines += [blank, (0, Content.styled("Why:", "bold"))]
        lines += [(0, paragraph) for paragraph in
                  literal(feedback.explanation).split("\n", allow_blank=True)]
    lines += [blank, *rule_lines(feedback)]
    if feedback.objectives:
        lines += [blank, (0, Content.styled("Objectives:", "bold"))]
        lines += [(2, Content.assemble((oid, "bold"), "  ") + literal_line(text))
                  for oid, text in feedback.objectives]
    if feedback.scenario_title:
        lines += [blank, (0, Content.styled("Scenario: ", "bold")
                          + literal_line(feedback.scenario_title))]
    if hint:
        lines += [blank, (0, Content.styled(hint, "$text-muted"))]
    return lines


class FeedbackPanel(Indented):
    """The feedback for one answered question."""

    DEFAULT_CSS = """
    FeedbackPanel {
        height: auto;
        margin-top: 1;
        padding: 0 1;
        border-left: thick $primary;
    }
    FeedbackPanel.-Correct { border-left: thick $success; }
    FeedbackPanel.-Incorrect { border-left: thick $error; }
    """

    def __init__(
        self, feedback: Feedback, kind: QuestionType, hint: str = "",
        id: str = "feedback",  # noqa: A002 - Textual's name for it
    ) -> None:
        super().__init__(feedback_lines(feedback, kind, hint), id=id)
        self.feedback = feedback
        self.add_class(f"-{feedback.verdict.split()[0]}")
