"""``quiz review``: spaced-repetition review of the questions due today, in the app."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.cli.study_cmds import check_face, plain_option
from quiz.errors import QuizError


@click.command()
@click.argument("banks", nargs=-1, type=click.Path(path_type=Path))
@click.option("--learner", metavar="NAME", help="Whose reviews (default: your user name).")
@click.option("--db", "db", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
              help="The progress store (default: $QUIZ_DB or the user data folder).")
@click.option("--bank", "bank_id", metavar="ID", help="Review this bank's questions.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="At most N questions, the most overdue first.")
@click.option("--seed", type=int, metavar="S", help="Seed for the order of choices.")
@click.option("--certainty", is_flag=True,
              help="Rate your confidence (1-3) before each answer; sure and quick answers "
                   "come back later.")
@click.option("--counts", is_flag=True,
              help="Only print how many reviews are due (now, today, this week) and exit.")
@plain_option
def review(banks: tuple[Path, ...], learner: str | None, db: Path | None,
           bank_id: str | None, limit: int | None, seed: int | None, certainty: bool,
           counts: bool, plain: bool) -> None:
    """Review the questions due today (spaced repetition with FSRS).

    Every question you answered is a card: a wrong answer comes back soon, a right one later
    and later. The most overdue come first.

    Example: quiz review --counts
    """
    # imported here: the engine and store load only when the command runs, the app only
    # when it is drawn
    from quiz.cli.study_cmds import open_workspace, study
    from quiz.text import safe_line

    workspace = open_workspace(banks, learner, db)
    if counts:
        due = workspace.due_summary()
        if due is None:
            raise QuizError(workspace.store_problem or "no progress store")
        click.echo(f"due now: {due.now}\ndue today: {due.today}\ndue in the next 7 days: "
                   f"{due.week}")
        for problem in workspace.problems():  # e.g. the cards could not be brought up to date
            click.echo(safe_line(f"quiz: warning: {problem}"), err=True)
        return
    session = workspace.review(seed=seed, bank_id=bank_id, limit=limit)  # "nothing is due" first
    check_face("review", plain)
    study(plain, workspace, certainty, session=session)
