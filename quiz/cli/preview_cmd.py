"""``quiz preview``: browse every question in the app with its answer and all its feedback.

The way an author checks a new matching item or case study before learners see it: each
question as a learner sees it, the right answer marked, every choice's feedback, the
explanation and the scenario or case study above it. Nothing is recorded: the workspace is
opened without a store and the session keeps its events in memory.
"""

from __future__ import annotations

from pathlib import Path

import click

from quiz.errors import BankError, QuizError

TYPES = ("single", "multiple", "true_false", "phase", "ordering", "matching")


@click.command()
@click.argument("banks", nargs=-1, type=click.Path(path_type=Path), metavar="[BANK_PATH]...")
@click.option("--bank", "bank_id", metavar="ID",
              help="Which loaded bank to preview (default: the first).")
@click.option("--question", "question_id", metavar="ID",
              help="Open at this question (g in the app goes to another by number or id).")
@click.option("--type", "types", multiple=True, type=click.Choice(TYPES), metavar="TYPE",
              help="Only questions of this type (repeatable): " + ", ".join(TYPES) + ".")
@click.option("--no-generated", is_flag=True,
              help="Leave out questions generated from scenario statements.")
@click.option("--theme", metavar="NAME", help="The app's colour theme (not kept).")
def preview(banks: tuple[Path, ...], bank_id: str | None, question_id: str | None,
            types: tuple[str, ...], no_generated: bool, theme: str | None) -> None:
    """Browse every question with its answer, feedback, explanation and context.

    For authors: questions appear in the bank's order (case studies together), each with
    the right answer marked and the feedback of every choice or prompt. Nothing is
    recorded. Keys: n / p next and previous, g a question by number or id, v the context,
    q quits.

    Example: quiz preview --type matching
    """
    from quiz.engine.recorder import MemoryRecorder
    from quiz.engine.select import make_items, with_case_sets
    from quiz.engine.session import Mode, Session
    from quiz.model import QuestionType
    from quiz.text import safe_line
    from quiz.workspace import Workspace

    try:
        workspace = Workspace.open(list(banks), record=False)
    except BankError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(safe_line(str(diagnostic)), err=True)
        raise QuizError(f"{len(exc.diagnostics)} error(s) in the banks; fix them first "
                        "(`quiz validate` checks the files)") from None
    bank = workspace.bank(bank_id)
    wanted = {QuestionType(t) for t in types}
    questions = [q for q in bank.questions
                 if (not wanted or q.type in wanted) and not (no_generated and q.generated)]
    questions = with_case_sets(questions, ())
    if not questions:
        raise QuizError(f"no questions to preview in bank '{bank.id}' with these filters")
    start = 0
    if question_id is not None:
        ids = [q.id for q in questions]
        if question_id not in ids:
            from quiz.bank.suggest import did_you_mean

            raise QuizError(f"no question '{question_id}' to preview in bank '{bank.id}'"
                            + did_you_mean(question_id, ids))
        start = ids.index(question_id)
    session = Session(bank, make_items(questions, 0), Mode.PREVIEW,
                      scenarios=workspace.catalog.scenarios, recorder=MemoryRecorder())
    session.goto(start)

    from quiz.tui.app import make_app  # Textual loads here, only for drawing commands

    make_app(workspace, session, theme=theme).run()
