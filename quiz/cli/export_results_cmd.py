"""``quiz export-results``: a learner's sessions and answers as JSON Lines, for the class view."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.errors import QuizError


@click.command("export-results")
@click.option("--learner", metavar="NAME",
              help="Whose results (default: your user name).")
@click.option("--all-learners", is_flag=True, help="Every learner in the store.")
@click.option("--db", "db", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
              help="The progress store (default: $QUIZ_DB or the user data folder).")
@click.option("-o", "--output", required=True, metavar="FILE.jsonl",
              type=click.Path(allow_dash=True, path_type=Path),
              help="Where to write the JSON Lines ('-' for standard output).")
def export_results(learner: str | None, all_learners: bool, db: Path | None,
                   output: Path) -> None:
    """Write a learner's sessions and responses as JSON Lines (one JSON object a line).

    Hand the file to an instructor, who merges a class with `quiz report --class` or
    analyses items with `quiz items --class`. Every field is documented in docs/reports.md.

    \b
    Examples:
      quiz export-results -o ana.jsonl
      quiz export-results --all-learners -o - | gzip > class.jsonl.gz
    """
    # imported here: the store modules are loaded only when the command runs
    from quiz.fileio import is_stdout, output_stream
    from quiz.paths import default_db
    from quiz.store.exchange import export_results as write
    from quiz.store.exchange import open_readonly
    from quiz.store.learners import learner_name
    from quiz.text import safe_line

    if all_learners and learner:
        raise QuizError("pass --learner NAME or --all-learners, not both")
    name = None if all_learners else learner_name(learner or None)
    store = db or default_db()
    if not store.exists():
        raise QuizError(f"{store}: no progress store yet, so nothing to export; pass --db PATH")
    conn = open_readonly(store)
    try:
        if name is not None and conn.execute("SELECT 1 FROM learners WHERE name = ?",
                                             (name,)).fetchone() is None:
            raise QuizError(safe_line(f"{store}: no learner '{name}' in this store; pass "
                                      "--learner NAME or --all-learners"))
        with output_stream(output) as out:
            done = write(conn, out, name)
    finally:
        conn.close()
    if not is_stdout(output):
        click.echo(safe_line(f"wrote {output}: {done.responses} response(s) in "
                             f"{done.sessions} session(s)"), err=True)
