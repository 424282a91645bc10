"""Results: score, pass or fail, time used, by phase, by objective, calibration; then review.

Computed once when the screen opens (``summarize`` walks the session a single time).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from quiz.engine.results import Breakdown, Result, summarize
from quiz.engine.session import Mode, Session
from quiz.tui.screens.base import PaletteEntry, QuizScreen
from quiz.tui.screens.session_base import pick_keys
from quiz.tui.text import MUTED, clock_text, literal_line, percent
from quiz.tui.widgets.indented import Indented, Line

CONFIDENCE_NAMES = {1: "not sure", 2: "fairly sure", 3: "sure"}
BAR_WIDTH = 20


def bar(share: float) -> str:
    """A text bar for a share in [0, 1]."""
    filled = round(max(0.0, min(1.0, share)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def breakdown(title: str, rows: tuple[Breakdown, ...], show_key: bool, widget_id: str) -> Indented:
    """A block of bars, one per phase or objective; long labels wrap under themselves."""
    lines: list[Line] = [(0, Content.styled(title, "bold"))]
    for row in rows:
        head = Content(f"{bar(row.percent / 100)} {percent(row.percent):>4}  "
                       f"{row.earned:g}/{row.items}  ".ljust(BAR_WIDTH + 15))
        label = literal_line(row.label)
        if show_key:
            label = Content.styled(row.key + " ", "bold") + label
        lines.append((2, head + label))
    return Indented(lines, hanging=BAR_WIDTH + 15, id=widget_id)


def headline(result: Result) -> Content:
    score = Content.styled(f"Score {percent(result.percent)}", "bold")
    if result.scaled is not None and result.scale is not None:
        low, high, pass_score = result.scale
        score += Content.assemble("  ·  ", (f"scaled {result.scaled}", "bold"),
                                  f" ({low}–{high}, pass {pass_score})")
    if result.passed is None:
        return score
    verdict = Content.styled(" PASS ", "bold reverse $success") if result.passed else \
        Content.styled(" FAIL ", "bold reverse $error")
    return Content.assemble(score, "  ", verdict, f"  (pass mark {result.pass_percent}%)")


def calibration_lines(result: Result) -> Content:
    cal = result.calibration
    if not cal.rated:
        return Content.styled("Calibration: no answers were rated (c turns certainty-based "
                              "marking on).", MUTED)
    lines = [Content.styled("Calibration (certainty-based marking)", "bold")]
    for level in sorted(cal.by_level):
        answers, right = cal.by_level[level]
        noun = "answer" if answers == 1 else "answers"
        lines.append(Content(f"  {level} {CONFIDENCE_NAMES.get(level, ''):<12} "
                             f"{answers} {noun}, {right} right "
                             f"({percent(100 * right / answers if answers else 0)})"))
    lines.append(Content.styled(f"  Sure but wrong: {cal.sure_but_wrong}",
                                "bold $error" if cal.sure_but_wrong else ""))
    lines.append(Content(f"  Not sure but right: {cal.unsure_but_right}"))
    return Content("\n").join(lines)


class ResultsScreen(QuizScreen[None]):
    """The result of a finished session, and the ways on.

    | Key | Action |
    | --- | --- |
    | 1 | review every question with its feedback |
    | 2 | review the incorrect ones only |
    | 3 | review the flagged ones only (exams: practice has no flags) |
    | 4 | retry the incorrect ones as a new practice session |
    | 5 | back to the home screen |
    """

    CSS_PATH = "results.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # an exam's footer says 1-5; practice has no flags, so no 3: its footer says 1,2,4,5
        # (one of the two key-1 bindings is active, by ``check_action``)
        Binding("1", "exam_pick(1)", "Pick", key_display="1-5"),
        Binding("1", "practice_pick(1)", "Pick", key_display="1,2,4,5"),
        *pick_keys(5)[1:],
    ]
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = (
        ("Review all", "Every question with its feedback", "pick(1)"),
        ("Review incorrect", "Only the questions not fully right", "pick(2)"),
        ("Review flagged", "Only the questions you flagged", "pick(3)"),
        ("Retry incorrect", "A new practice session over the incorrect ones", "pick(4)"),
        ("Home", "Back to the home screen", "pick(5)"),
    )

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        exam = session.mode is Mode.EXAM
        self.exam = exam
        # practice may end early: it is scored over what was answered ("of N drawn")
        self.result = summarize(session, answered_only=not exam)
        # practice may end early: only what was answered is reviewed or retried there
        answered = set(session.answers)
        self.all = list(range(len(session.items))) if exam else sorted(answered)
        self.incorrect = [p for p in self.result.incorrect if exam or p in answered]
        self.flagged = list(self.result.flagged)

    def compose_body(self) -> ComposeResult:
        result, session = self.result, self.session
        kind = "Exam" if session.mode is Mode.EXAM else "Practice"
        yield Static(Content.styled(f"{kind} results · ", "bold")
                     + literal_line(session.bank.title), id="title")
        with VerticalScroll(id="results-body"):
            yield Static(headline(result), id="headline")
            yield Static(self._summary(), id="summary")
            if result.by_phase:
                yield breakdown("By phase", result.by_phase, False, "by-phase")
            if result.by_objective:
                yield breakdown("By objective", result.by_objective, True, "by-objective")
            yield Static(calibration_lines(result), id="calibration")
        with Grid(id="menu"):
            yield self._button(1, "Review all", "review-all", bool(self.all))
            yield self._button(2, "Incorrect", "review-incorrect", bool(self.incorrect))
            if self.exam:
                yield self._button(3, "Flagged", "review-flagged", bool(self.flagged))
            yield self._button(4, "Retry wrong", "retry", bool(self.incorrect))
            yield self._button(5, "Home", "home", True)

    def _summary(self) -> Content:
        """Counts: an exam's right, wrong and unanswered apart (an unanswered question
        scores 0 but was not answered wrongly); practice's answered and incorrect."""
        result, session = self.result, self.session
        limit = f" of {clock_text(session.time_limit)}" if session.time_limit else ""
        time = f"time used {clock_text(result.seconds)}{limit}"
        points = f"{result.earned:g} of {result.items} points"
        if session.mode is not Mode.EXAM:
            drawn = f" · {result.drawn} drawn" if result.drawn is not None else ""
            return Content(f"{result.answered} of {result.items} answered{drawn} · {points} · "
                           f"{len(self.incorrect)} incorrect · {time}")
        wrong = len(result.wrong)
        partly = sum(1 for p in result.wrong if session.answers[p].score > 0)
        partly_text = f" ({partly} partly right)" if partly else ""
        return Content(f"{result.items} questions: {result.answered - wrong} right · "
                       f"{wrong} wrong{partly_text} · {len(result.unanswered)} unanswered · "
                       f"{points} · {len(self.flagged)} flagged · {time}")

    def _button(self, number: int, label: str, button_id: str, enabled: bool) -> Button:
        button = Button(f"{number} {label}", id=button_id, compact=True,
                        action=f"screen.pick({number})", disabled=not enabled)
        button.can_focus = False
        return button

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Practice has no flags: no 3, and its footer lists 1,2,4,5 (exams: 1-5)."""
        if action == "exam_pick" or (action == "pick" and parameters == (3,)):
            return self.exam
        if action == "practice_pick":
            return not self.exam
        return True

    def action_exam_pick(self, number: int) -> None:
        self.action_pick(number)

    def action_practice_pick(self, number: int) -> None:
        self.action_pick(number)

    def action_pick(self, number: int) -> None:
        lists = {1: ("All questions", self.all), 2: ("Incorrect", self.incorrect),
                 3: ("Flagged", self.flagged)}
        if number in lists:
            title, positions = lists[number]
            if not positions:
                self.notify(f"Nothing to review: {title.lower()} is empty.")
                return
            from quiz.tui.screens.review import ReviewScreen

            self.app.push_screen(ReviewScreen(self.session, positions, title))
        elif number == 4:
            if not self.incorrect:
                self.notify("Nothing to retry: every answer was right.")
                return
            self.quiz.start(self.quiz.workspace.retry(self.session, self.incorrect))
        elif number == 5:
            self.quiz.go_home()
