"""The context above a question: its case study, or the scenario it is set in.

A case-study question shows "Case study: TITLE — question k of n", then its scenario's
context and the case's own facts; a question set in a scenario shows the scenario's title and
context paragraph. The panel sits above the question's scroll area, so it stays on screen
while the learner moves through a case study's questions and scrolls a long question; its
text scrolls on its own (``<`` ``>`` or the mouse wheel) in four rows (three on a short
terminal), so that the stem and choices keep the rest at 80×24, and ``v`` hides it
down to its title line (the choice is kept for the rest of the session). A question with
neither hides the panel.

Each title is shown once, here: the question's meta line no longer names the scenario, and
the feedback leaves out its "Scenario:" line when this panel shows it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.engine.session import Session
from quiz.fields import Fields
from quiz.tui.text import MUTED, literal, literal_line


class Context(Fields):
    """What the panel shows for one question: a title line and paragraphs (a named tuple:
    a frozen dataclass compiled its methods at every start, ~0.4 ms, issue 16)."""

    title: Content
    body: Content
    case: bool


def context_of(session: Session, position: int) -> Context | None:
    """The case study or scenario of the item at ``position``; None when it has neither."""
    case = session.case_study(position)
    if case is not None:
        title = Content.assemble(Content.styled("Case study: ", "bold"),
                                 literal_line(case.title, "bold"),
                                 f" — question {case.position} of {case.size}")
        parts: list[Content] = []
        if case.scenario_title:
            parts.append(Content.styled("Scenario: ", "bold") + literal_line(case.scenario_title))
        if case.scenario_context.strip():
            parts.append(literal(case.scenario_context))
        if case.context.strip():
            parts.append(Content.styled("Case details: ", "bold") + literal(case.context))
        return Context(title, Content("\n").join(parts), True)
    question = session.items.questions[position]
    if not question.scenario:
        return None
    scenario = session.scenarios.get(question.scenario)
    name = scenario.title if scenario else question.scenario
    body = literal(scenario.context) if scenario and scenario.context.strip() else Content("")
    return Context(Content.styled("Scenario: ", "bold") + literal_line(name, "bold"), body,
                   False)


class ContextPanel(Vertical):
    """The title line and the scrolling context of the current question (hidden without)."""

    DEFAULT_CSS = """
    ContextPanel {
        display: none; height: auto; padding: 0 1; background: $boost;
        border-bottom: hkey $primary 50%;
    }
    ContextPanel.-shown { display: block; }
    ContextPanel > #context-title { height: auto; }
    ContextPanel > #context-body { height: auto; max-height: 4; scrollbar-size-vertical: 1; }
    ContextPanel.-collapsed > #context-body { display: none; }
    """

    def __init__(self) -> None:
        super().__init__(id="context")
        self.expanded = True
        self.context: Context | None = None
        self._title = Static("", id="context-title")
        self._text = Static("", id="context-text")
        self._body = VerticalScroll(self._text, id="context-body")
        self._body.can_focus = False  # keys stay the screen's
        self._composed = False
        self._filled = False
        """Whether the title and the text are in the panel: only once a question has a
        context (most have none; the hidden panel then costs one node, not four)."""

    def compose(self) -> ComposeResult:
        self._composed = True
        if self.context is not None:
            self._filled = True
            yield self._title
            yield self._body

    def show(self, context: Context | None) -> None:
        """Show ``context`` (None hides the panel)."""
        self.context = context
        # shown by a class, not by setting ``display``: that would be an inline style, which
        # no stylesheet rule overrides, and the screen's "terminal too small" rule must
        self.set_class(context is not None, "-shown")
        if context is None:
            return
        if self._composed and not self._filled:
            self._filled = True
            self.mount(self._title, self._body)
        self._text.update(context.body)
        self._body.scroll_home(animate=False)
        self._draw_title()

    def _draw_title(self) -> None:
        if self.context is None:
            return
        has_body = bool(self.context.body.plain.strip())
        hint = ("  (v hides, < > scroll)" if self.expanded else "  (v shows the context)") \
            if has_body else ""
        self._title.update(self.context.title + Content.styled(hint, MUTED))
        self.set_class(not self.expanded or not has_body, "-collapsed")

    @property
    def shown(self) -> bool:
        """Whether the current question has a context to show."""
        return self.context is not None

    def toggle(self) -> bool:
        """Hide the context down to its title, or show it again; True when now shown."""
        self.expanded = not self.expanded
        self._draw_title()
        return self.expanded

    def scroll_text(self, direction: int) -> None:
        """Scroll the context a page up (-1) or down (+1)."""
        if direction < 0:
            self._body.scroll_page_up(animate=False)
        else:
            self._body.scroll_page_down(animate=False)
