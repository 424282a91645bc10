"""The feedback panel: verdict, right answer, notes on the picks, explanation, rule, objectives.

One widget, drawn from indented paragraphs (wrapped lines keep their indent), cheap to mount
right after a key press. Every piece of bank text in it is literal. Its id is ``feedback``:
benchmarks and tests wait for it.

What does not depend on the answer (the explanation, the rule, the objectives, the scenario,
the hint) is its ``feedback_tail``: a screen may build and wrap it while the question is read
and hand it to the panel, which then builds only the verdict and the picks on the key press.

A matching item's feedback goes prompt by prompt, lettered and numbered as on screen: the
category given, right or wrong in words, colour and a symbol, where it belongs, and why.
"""

from __future__ import annotations

from textual.content import Content

from quiz.engine.feedback import Feedback, PairNote
from quiz.engine.select import Item
from quiz.model import QuestionType
from quiz.tui.text import MUTED, literal, literal_line
from quiz.tui.widgets.indented import Block, Indented, Line

VERDICT_STYLES = {
    "Correct": ("✔ Correct", "bold $success"),
    "Incorrect": ("✘ Incorrect", "bold $error"),
    "Partly correct": ("◐ Partly correct", "bold $warning"),
    "Not answered": ("○ Not answered", "bold $error"),
}
BLANK: Line = (0, Content(""))


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


def feedback_lines(feedback: Feedback, kind: QuestionType, hint: str = "",
                   item: Item | None = None) -> list[Line]:
    """Everything the panel shows, as indented literal paragraphs (blank ones separate)."""
    return answer_lines(feedback, kind, item) + tail_lines(feedback, hint)


def pair_lines(feedback: Feedback, item: Item | None) -> list[Line]:
    """A matching item's prompts in the order shown (lettered as on screen), each with the
    category given, right or wrong, where it belongs, and the prompt's feedback."""
    from quiz.tui.widgets.matching import prompt_label

    notes = {note.prompt_id: note for note in feedback.pairs}
    order = [p.id for p in item.prompts] if item is not None else list(notes)
    numbers: dict[str, int] = {}
    if item is not None:
        numbers = {c.text: n for n, c in enumerate(item.question.categories, 1)}

    def category(text: str) -> Content:
        number = numbers.get(text)
        return (Content(f"{number} ") if number else Content("")) + literal_line(text)

    lines: list[Line] = [(0, Content.styled("Prompt by prompt:", "bold"))]
    for index, prompt_id in enumerate(order):
        note: PairNote | None = notes.get(prompt_id)
        if note is None:
            continue
        mark = Content.styled("✓ ", "bold $success") if note.correct else \
            Content.styled("✗ ", "bold $error")
        lines.append((2, mark + Content.styled(f"{prompt_label(index)}  ", "bold")
                      + literal_line(note.prompt)))
        if note.given is None:
            said = Content.assemble(Content.styled("Not matched: wrong.", "$error"),
                                    " It belongs to ", category(note.right).stylize("bold"),
                                    ".")
        elif note.correct:
            said = Content.assemble("You chose ", category(note.given),
                                    Content.styled(": right.", "$success"))
        else:
            said = Content.assemble("You chose ", category(note.given),
                                    Content.styled(": wrong.", "$error"), " It belongs to ",
                                    category(note.right).stylize("bold"), ".")
        lines.append((6, said))
        if note.feedback.strip():
            lines.append((6, literal(note.feedback.strip(), "italic")))
    return lines


def answer_lines(feedback: Feedback, kind: QuestionType, item: Item | None = None
                 ) -> list[Line]:
    """The part that depends on the answer: the verdict, the right answer, the picks."""
    label, style = VERDICT_STYLES.get(feedback.verdict, (feedback.verdict, "bold"))
    verdict = Content.styled(label, style)
    if feedback.verdict == "Partly correct":
        verdict += Content(f"  ({feedback.score:.0%} credit)")
    lines: list[Line] = [(0, verdict), BLANK]
    if kind is QuestionType.MATCHING:
        return lines + pair_lines(feedback, item)

    ordering = kind is QuestionType.ORDERING
    lines.append((0, Content.styled("Right order:" if ordering else "Right answer:", "bold")))
    if item is not None and not ordering:
        # numbered as on screen and in its order (choices are shuffled per session)
        right = set(item.question.correct_ids)
        lines += [(2, Content(f"{number} ") + literal_line(text))
                  for number, (cid, text) in enumerate(item.choices, 1) if cid in right]
    else:
        lines += [(2, literal_line(text)) for text in feedback.right_answer]

    if feedback.picked:
        lines.append(BLANK)
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
    return lines


def tail_lines(feedback: Feedback, hint: str = "") -> list[Line]:
    """The part the answer does not change: why, the rule, objectives, scenario, the hint."""
    lines: list[Line] = []
    if feedback.explanation:
        lines += [BLANK, (0, Content.styled("Why:", "bold"))]
        lines += [(0, paragraph) for paragraph in
                  literal(feedback.explanation).split("\n", allow_blank=True)]
    lines += [BLANK, *rule_lines(feedback)]
    if feedback.objectives:
        lines += [BLANK, (0, Content.styled("Objectives:", "bold"))]
        lines += [(2, Content.assemble((oid, "bold"), "  ") + literal_line(text))
                  for oid, text in feedback.objectives]
    if feedback.scenario_title:
        lines += [BLANK, (0, Content.styled("Scenario: ", "bold")
                          + literal_line(feedback.scenario_title))]
    if hint:
        lines += [BLANK, (0, Content.styled(hint, MUTED))]
    return lines


def feedback_tail(feedback: Feedback, hint: str = "") -> Block:
    """``tail_lines`` as a block, to build (and wrap) before the question is answered: any
    ``Feedback`` of the same question will do, answered or not."""
    return Block(tail_lines(feedback, hint))


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
    GUTTER = 3
    """Cells its padding and border take from the width (for wrapping ahead of time)."""

    def __init__(
        self, feedback: Feedback, kind: QuestionType, hint: str = "",
        id: str = "feedback",  # noqa: A002 - Textual's name for it
        tail: Block | None = None,
        item: Item | None = None,
    ) -> None:
        """``tail``: this question's ``feedback_tail`` with the same hint, if built before;
        ``item``: the question as shown (a matching item's prompts are lettered by it)."""
        if tail is None:
            tail = feedback_tail(feedback, hint)
        # the verdict's class is given here, not added after: ``add_class`` on a widget not
        # yet mounted runs the stylesheet over it once more than mounting does (~0.5 ms)
        super().__init__(answer_lines(feedback, kind, item), after=[tail], id=id,
                         classes=f"-{feedback.verdict.split()[0]}")
        self.feedback = feedback
