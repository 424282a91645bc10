"""The feedback panel: verdict, right answer, notes on the picks, explanation, rule, objectives.

One ``Static`` holding one ``Content``: cheap to mount right after a key press, and every
piece of bank text in it is literal. Its id is ``feedback`` (benchmarks and tests wait for it).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.engine.feedback import Feedback
from quiz.model import QuestionType
from quiz.tui.text import literal, literal_line

VERDICT_STYLES = {
    "Correct": ("✔ Correct", "bold $success"),
    "Incorrect": ("✘ Incorrect", "bold $error"),
    "Partly correct": ("◐ Partly correct", "bold $warning"),
    "Not answered": ("○ Not answered", "bold $error"),
}


def rule_line(feedback: Feedback) -> Content:
    """The lesson's rule with the side this question tests highlighted."""
    rule = literal_line(feedback.rule)
    start = rule.plain.casefold().find(feedback.side_text.casefold())
    if start >= 0 and feedback.side_text:
        rule = rule.stylize("bold reverse", start, start + len(feedback.side_text))
    tested = Content.assemble(
        "This question tests: ", literal_line(feedback.side_text, "bold"),
    )
    return Content("\n").join([Content.styled("Rule: ", "bold") + rule, tested])


def feedback_content(feedback: Feedback, kind: QuestionType, hint: str = "") -> Content:
    """Everything the panel shows, as one literal ``Content``."""
    label, style = VERDICT_STYLES.get(feedback.verdict, (feedback.verdict, "bold"))
    verdict = Content.styled(label, style)
    if feedback.verdict == "Partly correct":
        verdict += Content(f"  ({feedback.score:.0%} credit)")
    blocks: list[Content] = [verdict]

    heading = "Right order:" if kind is QuestionType.ORDERING else "Right answer:"
    right = [Content("  ") + literal_line(text) for text in feedback.right_answer]
    blocks.append(Content("\n").join([Content.styled(heading, "bold"), *right]))

    if feedback.picked:
        if kind is QuestionType.ORDERING:
            lines = [Content(f"  {i}. ") + literal_line(note.text)
                     for i, note in enumerate(feedback.picked, 1)]
            blocks.append(Content("\n").join([Content.styled("Your order:", "bold"), *lines]))
        else:
            lines = []
            for note in feedback.picked:
                mark = Content.styled("✓ ", "$success") if note.correct else \
                    Content.styled("✗ ", "$error")
                line = Content("  ") + mark + literal_line(note.text)
                if note.feedback:
                    line += Content("\n    ") + literal(note.feedback.strip(), "italic")
                lines.append(line)
            blocks.append(Content("\n").join([Content.styled("You picked:", "bold"), *lines]))

    if feedback.explanation:
        blocks.append(Content("\n").join([Content.styled("Why:", "bold"),
                                           literal(feedback.explanation)]))
    blocks.append(rule_line(feedback))
    if feedback.objectives:
        rows = [Content.assemble("  ", (oid, "bold"), "  ") + literal_line(text)
                for oid, text in feedback.objectives]
        blocks.append(Content("\n").join([Content.styled("Objectives:", "bold"), *rows]))
    if feedback.scenario_title:
        blocks.append(Content.styled("Scenario: ", "bold") + literal_line(feedback.scenario_title))
    if hint:
        blocks.append(Content.styled(hint, "$text-muted"))
    return Content("\n\n").join(blocks)


class FeedbackPanel(Static):
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
        self, feedback: Feedback, kind: QuestionType, hint: str = "", id: str = "feedback",  # noqa: A002
    ) -> None:
        super().__init__(feedback_content(feedback, kind, hint), id=id)
        self.feedback = feedback
        self.add_class(f"-{feedback.verdict.split()[0]}")
