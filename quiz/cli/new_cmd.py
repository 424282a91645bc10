"""``quiz new``: add a question to a bank file, by prompts or entirely from flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.errors import BankError

if TYPE_CHECKING:
    from quiz.bank.scaffold import Added, DraftChoice
    from quiz.model import Lesson, Question

TYPES = ("single", "multiple", "true_false", "phase", "ordering")
PHASES = ("training", "inference")
_WITH_CHOICES = ("single", "multiple", "ordering")


@dataclass
class _Answers:
    """What the author gave, by flag or prompt; None means not given yet."""

    qid: str | None
    kind: str | None
    phase: str | None
    objectives: list[str]
    stem: str | None
    explanation: str | None
    choices: list[str]
    correct: list[int]
    feedback: dict[int, str]
    answer: bool | None
    wrong_feedback: str | None
    difficulty: int | None
    scenario: str | None
    drafts: list[DraftChoice] = field(default_factory=list)

    def missing(self) -> list[str]:
        """Flags a script must give for the question to be complete."""
        need = [("--type", self.kind), ("--phase", self.phase), ("--stem", self.stem),
                ("--explanation", self.explanation)]
        gaps = [flag for flag, value in need if value is None]
        if not self.objectives:
            gaps.append("--objective")
        if self.kind in _WITH_CHOICES and not self.choices:
            gaps.append("--choice")
        if self.kind == "true_false" and self.answer is None:
            gaps.append("--answer")
        return gaps


@click.command()
@click.argument("bank_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "qid", help="Question id (default: the next free id, e.g. tvi-096).")
@click.option("--type", "kind", type=click.Choice(TYPES), help="How the question is answered.")
@click.option("--phase", type=click.Choice(PHASES), help="The side of the rule it tests.")
@click.option("--objective", "objectives", multiple=True, help="An objective id (repeatable).")
@click.option("--stem", help="The question itself.")
@click.option("--choice", "choices", multiple=True,
              help="A choice (repeatable, in order; for ordering: the steps in the right order).")
@click.option("--correct", multiple=True, type=click.IntRange(1),
              help="Number of a correct choice, from 1 (repeatable).")
@click.option("--feedback", multiple=True, type=(click.IntRange(1), str), metavar="N TEXT",
              help="Feedback for choice N (repeatable).")
@click.option("--answer", type=click.Choice(["true", "false"]),
              help="true_false: whether the statement is true.")
@click.option("--wrong-feedback", help="true_false and phase: feedback for a wrong answer.")
@click.option("--explanation", help="Why the answer is right: the side of the rule, the objective.")
@click.option("--difficulty", type=click.IntRange(1, 3), help="1 easy, 2 medium, 3 hard.")
@click.option("--scenario", help="Id of a scenario the question is set in.")
@click.option("--no-input", is_flag=True, help="Never prompt: fail if a required flag is missing.")
def new(
    bank_file: Path,
    qid: str | None,
    kind: str | None,
    phase: str | None,
    objectives: tuple[str, ...],
    stem: str | None,
    choices: tuple[str, ...],
    correct: tuple[int, ...],
    feedback: tuple[tuple[int, str], ...],
    answer: str | None,
    wrong_feedback: str | None,
    explanation: str | None,
    difficulty: int | None,
    scenario: str | None,
    no_input: bool,
) -> None:
    """Add a question to BANK_FILE, then validate it.

    Asks for each part of the question (type, phase, objectives from the lesson, stem, choices
    with their feedback, explanation, difficulty, scenario), or takes them all from flags for
    scripts: with every required flag given, nothing is asked. The question is appended as text
    at the end of the 'questions:' list, so the rest of the file and its comments stay as they
    are. If the file does not validate with it, the file is put back byte for byte, the errors
    are printed and the exit code is 1. Lint hints for the new question are printed after.

    \b
    Examples (my.yaml: a bank of your own, e.g. made by quiz import):
      quiz new my.yaml
      quiz new my.yaml --type true_false --phase inference --objective LO3 \\
        --stem "A deployed model changes its weights per request." --answer false \\
        --wrong-feedback "Serving only reads weights." \\
        --explanation "Inference applies the weights and leaves them as they are (LO3)."
    """
    from quiz.bank.discover import shown_path
    from quiz.bank.load import load
    from quiz.bank.scaffold import add_question, next_id, read_layout
    from quiz.bank.yaml_source import SourceProblem, read_text

    shown = shown_path(bank_file)
    try:
        layout = read_layout(read_text(bank_file, shown), shown)
    except SourceProblem as problem:
        raise BankError([problem.diagnostic]) from None
    given = _Answers(
        qid, kind, phase, list(objectives), stem, explanation, list(choices), list(correct),
        dict(feedback), None if answer is None else answer == "true", wrong_feedback,
        difficulty, scenario,
    )
    _check_numbers(given)
    loaded = load([bank_file])
    catalog = loaded.catalog
    lesson = catalog.lessons.get(layout.lesson_id or "")
    missing = given.missing()
    if missing and no_input:
        raise click.UsageError(f"missing {', '.join(missing)} (and --no-input forbids asking)")
    if missing:
        _ask(given, layout.ids, next_id(layout.ids, layout.bank_id), lesson,
             sorted(catalog.scenarios))
    question = _question(given, next_id(layout.ids, layout.bank_id))
    if missing:
        from quiz.bank.scaffold import question_text
        from quiz.text import safe_text

        click.echo("\n" + safe_text(question_text(question)))
        if not click.confirm(f"Append it to {shown}?", default=True):
            raise click.Abort()
    added = add_question(bank_file, question, loaded)
    _report(added, question)


def _check_numbers(given: _Answers) -> None:
    count = len(given.choices)
    if not count:
        if given.correct or given.feedback:
            raise click.BadParameter("--correct and --feedback refer to --choice values; "
                                     "give the choices too", param_hint="--correct/--feedback")
        return
    for number in [*given.correct, *given.feedback]:
        if number > count:
            raise click.BadParameter(f"choice {number} does not exist: there are {count} "
                                     "--choice values", param_hint="--correct/--feedback")


def _question(given: _Answers, default_id: str) -> Question:
    from quiz.bank.scaffold import DraftChoice, make_question
    from quiz.model import Phase, QuestionType

    drafts = given.drafts or [
        DraftChoice(text, i + 1 in given.correct, given.feedback.get(i + 1, ""))
        for i, text in enumerate(given.choices)
    ]
    if given.kind is None or given.phase is None or given.stem is None:
        raise click.UsageError("--type, --phase and --stem are needed")  # _ask fills them
    return make_question(
        qid=given.qid or default_id,
        kind=QuestionType(given.kind),
        phase=Phase(given.phase),
        objectives=given.objectives,
        stem=given.stem,
        explanation=given.explanation or "",
        choices=drafts,
        answer=given.answer,
        wrong_feedback=given.wrong_feedback or "",
        difficulty=given.difficulty,
        scenario=given.scenario,
    )


def _ask(
    given: _Answers, taken: Sequence[str], default_id: str, lesson: Lesson | None,
    scenarios: Sequence[str],
) -> None:
    """Prompt for everything not given by a flag."""
    from quiz.text import safe_line

    def free_id(value: str) -> str:
        if value in taken:
            raise click.BadParameter(f"'{value}' is already used in this bank")
        return value

    if given.qid is None:
        given.qid = click.prompt("Question id", default=default_id, value_proc=free_id)
    if given.kind is None:
        given.kind = click.prompt("Type", type=click.Choice(TYPES), default="single")
    if given.phase is None:
        given.phase = click.prompt("Phase (the side of the rule it tests)",
                                   type=click.Choice(PHASES))
    if not given.objectives:
        given.objectives = _ask_objectives(lesson)
    if given.scenario is None and scenarios:
        click.echo("Scenarios: " + ", ".join(safe_line(s) for s in scenarios))
        given.scenario = click.prompt(
            "Scenario (empty for none)", default="", show_default=False,
            value_proc=lambda v: _one_of(v.strip(), scenarios, "scenario"),
        ) or None
    if given.difficulty is None:
        given.difficulty = click.prompt(
            "Difficulty 1-3 (empty for none)", default="", show_default=False,
            value_proc=_difficulty,
        )
    if given.stem is None:
        given.stem = click.prompt("Stem")
    if given.kind in _WITH_CHOICES and not given.choices:
        given.drafts = _ask_choices(given.kind)
    if given.kind == "true_false" and given.answer is None:
        given.answer = click.confirm("Is the statement true?", default=False)
    if given.kind in ("true_false", "phase") and given.wrong_feedback is None:
        given.wrong_feedback = click.prompt(
            "Feedback for a wrong answer (the misconception behind it)", default="",
            show_default=False)
    if given.explanation is None:
        from quiz.model import Phase

        side = lesson.sides.get(Phase(given.phase), given.phase) if lesson else given.phase
        given.explanation = click.prompt(
            f"Explanation (say '{safe_line(side)}' and why; name {', '.join(given.objectives)})")


def _one_of(value: str, known: Sequence[str], what: str) -> str:
    if value and value not in known:
        from quiz.bank.suggest import did_you_mean

        raise click.BadParameter(f"unknown {what} '{value}'" + did_you_mean(value, known))
    return value


def _difficulty(value: str) -> int | None:
    if not value.strip():
        return None
    if value.strip() not in ("1", "2", "3"):
        raise click.BadParameter("type 1, 2 or 3, or nothing")
    return int(value)


def _ask_objectives(lesson: Lesson | None) -> list[str]:
    from quiz.text import safe_line

    known = [o.id for o in lesson.objectives] if lesson else []
    if lesson:
        click.echo("Objectives of the lesson:")
        for objective in lesson.objectives:
            click.echo(f"  {safe_line(objective.id)}  {safe_line(objective.text)}")

    def parse(value: str) -> list[str]:
        ids = [v for v in value.replace(",", " ").split() if v]
        if not ids:
            raise click.BadParameter("name at least one objective")
        for oid in ids:
            if known:
                _one_of(oid, known, "objective")
        return ids

    ids: list[str] = click.prompt("Objectives (e.g. LO1 LO3)", value_proc=parse)
    return ids


def _ask_choices(kind: str) -> list[DraftChoice]:
    from quiz.bank.scaffold import DraftChoice

    drafts: list[DraftChoice] = []
    letters = "abcdefghijklmnopqrstuvwxyz"
    least = 3 if kind == "multiple" else 2
    while len(drafts) < len(letters):
        label = (f"Step {len(drafts) + 1}, in the right order" if kind == "ordering"
                 else f"Choice {letters[len(drafts)]}")
        text = click.prompt(f"{label} (empty to finish)", default="", show_default=False)
        if not text.strip():
            if len(drafts) >= least:
                break
            click.echo(f"A {kind} question needs at least {least}.")
            continue
        if kind == "ordering":
            drafts.append(DraftChoice(text))
            continue
        right = click.confirm("  Correct?", default=False)
        note = click.prompt(
            "  Feedback (optional)" if right
            else "  Feedback (the misconception, and why it is wrong)",
            default="", show_default=False)
        drafts.append(DraftChoice(text, right, note))
    return drafts


def _report(added: Added, question: Question) -> None:
    from quiz.lint import lint_catalog
    from quiz.text import safe_line

    if added.earlier_errors:
        click.echo(f"note: the file already had {added.earlier_errors} error(s) before; "
                   "quiz validate shows them", err=True)
    if not added.kept:
        for diagnostic in added.new_errors:
            click.echo(safe_line(str(diagnostic)), err=True)
        click.echo(f"quiz: question '{safe_line(question.id)}' not added: it does not "
                   f"validate at lines {added.first_line}-{added.last_line} as tried below; "
                   "the file is unchanged", err=True)
        for number, line in enumerate(added.text.splitlines(), start=added.first_line):
            click.echo(f"{number:>5} | {safe_line(line)}", err=True)
        raise SystemExit(1)
    click.echo(f"added {safe_line(question.id)} to {safe_line(str(added.path))} "
               f"(lines {added.first_line}-{added.last_line})")
    hints = [d for d in lint_catalog(added.result.catalog) if d.question_id == question.id]
    for hint in hints:
        click.echo(safe_line(str(hint)))
