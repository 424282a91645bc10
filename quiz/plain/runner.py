"""The plain-mode loops: a practice-like session (practice, review, mistakes) and an exam.

A ``Runner`` drives one ``Session`` as the app's screens do (quiz/tui/screens/practice.py
and exam.py), reading one line at a time from an ``Input`` and writing whole lines to an
``Output``. Each answer goes to ``Session.answer`` at once, so it is in the store when the
feedback (or "Saved") is printed. The end of input ends the session as quitting the app
does: practice is finished with what was answered, an exam is suspended (resumable with its
time left). An exam's clock is checked before and after every line, and the wait for a line
is cut short when the time runs out.
"""

from __future__ import annotations

from quiz.engine.select import Item
from quiz.engine.session import Mode, Session, SessionClosed, Status
from quiz.model import QuestionType
from quiz.plain import help as help_text
from quiz.plain.answers import BLANK, Blank, Command, Pick, Problem, parse
from quiz.plain.cases import case_intro_lines, context_lines
from quiz.plain.console import Input, Line, Output
from quiz.plain.matching import chosen_ids, merged
from quiz.plain.render import (
    answer_text,
    feedback_lines,
    partly_text,
    question_lines,
    review_list_lines,
    unanswered,
)
from quiz.plain.results import results_lines
from quiz.plain.text import MODE_NAMES, clock_text, one_line

PRACTICE_COMMANDS = frozenset({"next", "previous", "submit", "quit", "context"})
EXAM_COMMANDS = frozenset({"next", "previous", "flag", "goto", "review", "submit", "quit",
                           "context"})
REVIEW_LIST_COMMANDS = frozenset({"goto", "submit", "quit", "review", "context"})
YES = frozenset({"y", "yes"})
RESUME_HINT = "quiz exam --resume --plain"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class EndOfInput(Exception):
    """The learner's input ended (Ctrl+D, or the end of a pipe)."""


class TimeUp(Exception):
    """The exam's time ran out."""


class Runner:
    """Runs one session in plain text; ``run()`` returns when it is over or input ends."""

    def __init__(self, session: Session, source: Input, out: Output, *,
                 certainty: bool = False, resumed: bool = False) -> None:
        self.session = session
        self.source = source
        self.out = out
        self.certainty = certainty
        self.resumed = resumed
        self.last_scenario: str | None = None
        self.last_case: str | None = None
        self.warned: set[str] = set()

    # --- reading -------------------------------------------------------------------------

    def ask(self, prompt: str) -> str:
        """Print ``prompt`` on its own line and read the answer; in an exam the wait ends
        when the time does (``TimeUp``)."""
        timeout = self.session.remaining() if self.session.deferred else None
        self.out.line(prompt)
        try:
            line = self.source.read(timeout)
        except TimeoutError:
            raise TimeUp from None
        if line is None:
            raise EndOfInput
        if self.session.deferred and self.session.check_time():
            raise TimeUp
        return line

    def confirm(self, question: str) -> bool:
        return self.ask(f"{question} Type y for yes, or press Enter for no:").strip() \
            .casefold() in YES

    def warn_problems(self) -> None:
        """Say once if answers stopped being saved (the app's 'not being saved' notice)."""
        problem = self.session.recorder.problem
        if problem and problem not in self.warned:
            self.warned.add(problem)
            self.out.line(f"Warning: {one_line(problem)}")

    # --- showing -------------------------------------------------------------------------

    def show(self, position: int) -> None:
        """Go to ``position`` and print its question (the scenario's context when it is not
        the previous question's scenario; a case study's title and contexts on entering it)."""
        if position != self.session.current:
            self.session.goto(position)
        self.out.lines(self.question_block(position))

    def question_block(self, position: int, hint: bool = True) -> list[Line]:
        """The question's lines, after its case study's intro when it enters a new one
        (``hint``: the intro says that ``c`` shows it again)."""
        session = self.session
        scenario = session.items.questions[position].scenario
        case = session.case_study(position)
        entering = case is not None and case.id != self.last_case
        lines = case_intro_lines(case, hint) if case is not None and entering else []
        lines += question_lines(session, position, context=scenario != self.last_scenario)
        self.last_scenario = scenario
        self.last_case = case.id if case is not None else None
        return lines

    def show_context(self) -> None:
        """``c``: the current question's case study or scenario context, again."""
        self.out.lines(context_lines(self.session, self.session.current))

    def parse(self, line: str, commands: frozenset[str]) -> Pick | Command | Problem | None:
        item = self.session.item
        if item.question.type is QuestionType.MATCHING:
            parsed = parse(line, QuestionType.MATCHING, len(item.prompts), commands,
                           categories=len(item.question.categories),
                           partial=self.session.deferred)
        else:
            parsed = parse(line, item.question.type, len(item.order), commands,
                           [text for _, text in item.choices])
        return None if isinstance(parsed, Blank) else parsed

    @staticmethod
    def chosen(item: Item, pick: Pick) -> list[str]:
        """The choice ids (pair ids for matching) of a parsed answer."""
        if item.question.type is QuestionType.MATCHING:
            return chosen_ids(item, pick.positions)
        return [item.order[i] for i in pick.positions]

    def rate(self) -> int | None:
        """Certainty-based marking: 1–3 before the answer is given; Enter cancels it."""
        while True:
            line = self.ask("How sure are you? 1 not sure, 2 fairly sure, 3 sure. Press "
                            "Enter to cancel this answer:").strip()
            if not line:
                self.out.line("Not answered; give your answer again.")
                return None
            if line in ("1", "2", "3"):
                return int(line)
            self.out.line("Type 1, 2 or 3.")

    def run(self) -> None:
        if self.session.mode is Mode.EXAM:
            self.run_exam()
        else:
            self.run_practice()

    # --- practice, review, mistakes --------------------------------------------------------

    def run_practice(self) -> None:
        session = self.session
        name = MODE_NAMES.get(session.mode, "Practice")
        self.out.lines([
            f"{name}: {one_line(session.bank.title)}. {plural(len(session.items), 'question')}. "
            f"Seed {session.seed}.",
            "Each answer is saved at once and its feedback follows. Type ? for help, "
            "s to finish.",
        ])
        try:
            self.show(session.current)
            while session.status is Status.ACTIVE:
                if session.current in session.answers:
                    self._after_feedback()
                else:
                    self._practice_prompt()
        except EndOfInput:
            self.out.lines(["", f"End of input: the session ends here. "
                            f"{len(session.answers)} answer(s) saved."])
            self.finish_practice()

    def _practice_prompt(self) -> None:
        parsed = self.parse(self.ask("Your answer, or ? for help:"), PRACTICE_COMMANDS)
        if isinstance(parsed, Pick):
            self._answer_practice(parsed)
        elif parsed is None:
            item = self.session.item
            if item.question.type is QuestionType.MATCHING:
                self.out.line("Type an answer first (pairs such as 1a 2b), or n to skip.")
            else:
                self.out.line(f"Type an answer first (1 to {len(item.order)}), or n to skip.")
        elif isinstance(parsed, Problem):
            self.out.line(parsed.message)
        else:
            self._practice_command(parsed)

    def _answer_practice(self, pick: Pick) -> None:
        session = self.session
        confidence = self.rate() if self.certainty else None
        if self.certainty and confidence is None:
            return
        session.answer(self.chosen(session.item, pick), confidence)
        self.out.lines(feedback_lines(session, session.current))
        right = sum(a.score >= 1.0 for a in session.answers.values())
        self.out.line(f"Progress: {len(session.answers)} of {len(session.items)} answered, "
                      f"{right} right.")
        self.warn_problems()

    def _after_feedback(self) -> None:
        last = len(self.session.answers) == len(self.session.items)
        line = self.ask(f"Press Enter for {'your results' if last else 'the next question'}, "
                        "or type ? for help:")
        parsed = parse(line, None, 0, PRACTICE_COMMANDS)
        if parsed == BLANK or parsed == Command("next"):
            self._go_on()
        elif isinstance(parsed, Problem):
            self.out.line("This question is answered. Press Enter for the next one, or "
                          "type ? for help.")
        elif isinstance(parsed, Command):
            self._practice_command(parsed)

    def _go_on(self) -> None:
        """The next unanswered question after this one, or the results when none is left."""
        session = self.session
        total = len(session.items)
        for step in range(1, total + 1):
            position = (session.current + step) % total
            if position not in session.answers:
                self.show(position)
                return
        self.finish_practice()

    def _practice_command(self, command: Command) -> None:
        session = self.session
        if command.name == "help":
            self.out.lines(help_text.PRACTICE)
        elif command.name == "context":
            self.show_context()
        elif command.name == "next":
            if session.current + 1 < len(session.items):
                self.show(session.current + 1)
            else:
                self.out.line("This is the last question; s finishes the session.")
        elif command.name == "previous":
            if session.current == 0:
                self.out.line("This is the first question.")
                return
            self.show(session.current - 1)
            if session.current in session.answers:
                self.out.lines(feedback_lines(session, session.current))
        elif command.name == "submit":
            left = len(session.items) - len(session.answers)
            if self.confirm(f"Finish now? You answered {len(session.answers)} of "
                            f"{len(session.items)}; {left} not answered."):
                self.finish_practice()
            else:
                self.out.line("Going on.")
        elif command.name == "quit":
            self.finish_practice()

    def finish_practice(self) -> None:
        self.session.submit()
        self.out.lines(results_lines(self.session))
        self.warn_problems()

    # --- exams ---------------------------------------------------------------------------

    def run_exam(self) -> None:
        session = self.session
        try:
            self.out.lines(self._exam_intro())
            if session.check_time():
                raise TimeUp
            self.show(session.current)
            while self._exam_step():
                pass
        except TimeUp:
            self.out.lines(["", "Time is up: the exam was submitted."])
            self._exam_over()
        except EndOfInput:
            session.suspend()
            left = session.remaining()
            self.out.lines([
                "", "End of input: your exam is saved"
                + (f" with {clock_text(left)} left" if left is not None else "")
                + f"; continue it with `{RESUME_HINT}`."])

    def _exam_intro(self) -> list[Line | str]:
        session = self.session
        exam = session.bank.exam
        title = one_line(session.bank.title)
        answered = len(session.items) - len(unanswered(session))
        first = (f"Exam resumed: {title}. {answered} of {len(session.items)} answered."
                 if self.resumed else
                 f"Exam: {title}. {len(session.items)} questions{self._cases_text()}, "
                 f"pass mark {exam.pass_percent}%. Seed {session.seed}.")
        return [first, f"Time left {self._time_left()}. Feedback comes after you submit; "
                "each answer is saved at once and can be changed until then. Type ? for "
                "help."]

    def _cases_text(self) -> str:
        """', 2 of them in 1 case study' when the exam holds case studies, else ''."""
        questions = self.session.items.questions
        cases = {q.case.id for q in questions if q.case is not None}
        if not cases:
            return ""
        inside = sum(q.case is not None for q in questions)
        noun = "case study" if len(cases) == 1 else "case studies"
        return f", {inside} of them in {len(cases)} {noun}"

    def _time_left(self) -> str:
        left = self.session.remaining()
        return clock_text(left) if left is not None else "unlimited"

    def _exam_step(self) -> bool:
        """One line at the exam's prompt; False when the exam is over (submitted or left)."""
        session = self.session
        line = self.ask(f"Time left {self._time_left()}. Your answer, Enter for the next "
                        "question, or ? for help:")
        parsed = self.parse(line, EXAM_COMMANDS)
        if isinstance(parsed, Pick):
            if not self._answer_exam(parsed):
                return True
            if session.item.question.type is QuestionType.MATCHING and \
                    partly_text(session, session.current):
                return True  # stay: the learner goes on matching the prompts left
            return self._advance()
        if parsed is None or parsed == Command("next"):
            return self._advance()
        if isinstance(parsed, Problem):
            self.out.line(parsed.message)
            return True
        name = parsed.name
        if name == "help":
            self.out.lines(help_text.EXAM)
        elif name == "context":
            self.show_context()
        elif name == "previous":
            if session.current == 0:
                self.out.line("This is the first question.")
            else:
                self.show(session.current - 1)
        elif name == "flag":
            flagged = session.toggle_flag()
            self.out.line(f"Question {session.current + 1} "
                          f"{'flagged' if flagged else 'no longer flagged'}.")
            self.warn_problems()
        elif name == "goto":
            return self._goto(parsed.number)
        elif name == "review":
            return self._review()
        elif name == "submit":
            return self._submit()
        elif name == "quit":
            session.suspend()
            self.out.lines(["", f"Your exam is saved with {self._time_left()} left; "
                            f"continue it with `{RESUME_HINT}`."])
            return False
        return True

    def _answer_exam(self, pick: Pick) -> bool:
        session = self.session
        given = session.answers.get(session.current)
        confidence = given.confidence if given is not None else None
        if self.certainty:
            confidence = self.rate()
            if confidence is None:
                return False
        item = session.item
        chosen = self.chosen(item, pick)
        if item.question.type is QuestionType.MATCHING and given is not None:
            chosen = merged(item, given.choice_ids, chosen)  # completes the saved pairs
        try:
            session.answer(chosen, confidence)
        except SessionClosed:
            raise TimeUp from None
        missing = partly_text(session, session.current)
        more = (" Type the other pairs, or press Enter for the next question."
                if missing and item.question.type is QuestionType.MATCHING else "")
        self.out.line(f"Saved: {answer_text(item, chosen)}.{missing}{more}")
        self.warn_problems()
        return True

    def _advance(self) -> bool:
        """The next question, or the review list after the last one (as the app does)."""
        if self.session.current + 1 < len(self.session.items):
            self.show(self.session.current + 1)
            return True
        return self._review()

    def _goto(self, number: int | None) -> bool:
        total = len(self.session.items)
        if number is None or not 1 <= number <= total:
            self.out.line(f"There is no question {number}; the exam has 1 to {total}.")
        else:
            self.show(number - 1)
        return True

    def _review(self) -> bool:
        """The list of questions; then go to one, submit, or go back."""
        session = self.session
        self.out.lines(review_list_lines(session))
        while True:
            line = self.ask(f"Time left {self._time_left()}. Type g and a number to go to a "
                            f"question, s to submit, or press Enter to go back to question "
                            f"{session.current + 1}:")
            parsed = parse(line, None, 0, REVIEW_LIST_COMMANDS)
            if parsed == BLANK:
                self.show(session.current)
                return True
            if isinstance(parsed, Problem):
                self.out.line(parsed.message)
            elif isinstance(parsed, Command):
                if parsed.name == "help":
                    self.out.lines(help_text.EXAM)
                elif parsed.name == "context":
                    self.show_context()
                elif parsed.name == "review":
                    self.out.lines(review_list_lines(session))
                elif parsed.name == "goto":
                    if parsed.number is not None and 1 <= parsed.number <= len(session.items):
                        self.show(parsed.number - 1)
                        return True
                    self.out.line(f"There is no question {parsed.number}.")
                elif parsed.name == "submit":
                    going_on = self._submit()
                    if going_on:
                        self.show(session.current)
                    return going_on
                elif parsed.name == "quit":
                    session.suspend()
                    self.out.line(f"Your exam is saved; continue it with `{RESUME_HINT}`.")
                    return False

    def _submit(self) -> bool:
        """Ask, then submit; True when the learner went back instead."""
        left = len(unanswered(self.session))
        warning = f" {left} question(s) are unanswered and will score 0." if left else ""
        if not self.confirm(f"Submit the exam? Your answers become final.{warning}"):
            self.out.line("Not submitted.")
            return True
        self.session.submit()
        self._exam_over()
        return False

    def _exam_over(self) -> None:
        """The results, then the questions with their feedback if the learner asks."""
        session = self.session
        if session.status is Status.ACTIVE:
            session.submit()
        self.out.lines(results_lines(session))
        self.warn_problems()
        wrong = [p for p in range(len(session.items))
                 if p not in session.answers or session.answers[p].score < 1.0]
        try:
            line = self.ask("Type i to go through the questions not fully right with their "
                            "feedback, a for all questions, or press Enter to end:")
        except (EndOfInput, TimeUp):
            return
        choice = line.strip().casefold()
        positions = wrong if choice == "i" else (
            list(range(len(session.items))) if choice == "a" else [])
        self.last_scenario = self.last_case = None
        for number, position in enumerate(positions, 1):
            self.out.lines(self.question_block(position, hint=False))
            self.out.lines(feedback_lines(session, position))
            if number < len(positions):
                try:
                    if self.ask("Press Enter for the next one, or type q to stop:").strip() \
                            .casefold() == "q":
                        return
                except (EndOfInput, TimeUp):
                    return
