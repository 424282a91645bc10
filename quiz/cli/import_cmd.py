"""``quiz import``: turn a GIFT or Aiken file into a bank, reporting whatever does not fit."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.errors import BankError, QuizError


@click.command("import")
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path))
@click.option("--from", "fmt", type=click.Choice(["gift", "aiken"]), required=True,
              help="The format of FILE.")
@click.option("--phase", type=click.Choice(["training", "inference"]),
              help="Phase for questions the file does not give one.")
@click.option("--objective", "objectives", multiple=True, metavar="ID",
              help="Objective for questions the file gives none (repeat for several).")
@click.option("--lesson", default="training-vs-inference", show_default=True,
              help="Id of the lesson the bank serves.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path),
              required=True, help="The bank file to write ('-' for standard output).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def import_(file: Path, fmt: str, phase: str | None, objectives: tuple[str, ...], lesson: str,
            output: Path, force: bool) -> None:
    """Import FILE (Moodle GIFT or Aiken; '-' reads standard input) as a question bank.

    Everything the file holds that quiz cannot represent (matching, short-answer and numeric
    questions, HTML, partial credit...) is reported as FILE:LINE:COL: warning. Questions the
    file gives no phase, objectives or explanation are written with REVIEW placeholders that
    fail `quiz validate` until an author fills them in, unless --phase and --objective give
    defaults. See docs/formats.md.

    \b
    Examples:
      quiz import old.gift --from gift --phase inference -o my-banks/old.yaml
      quiz import - --from aiken -o - < old.txt
    """
    from quiz.fileio import is_stdout

    if not is_stdout(output) and output.exists() and not force:
        raise QuizError(f"{output} exists; choose another -o or add --force to replace it")
    if not is_stdout(file):
        _import(file, None, fmt, phase, objectives, lesson, output)
        return
    from quiz.fileio import STDIN, stdin_as_file
    from quiz.formats.common import MAX_SOURCE_BYTES

    with stdin_as_file(MAX_SOURCE_BYTES, "stdin") as saved:
        _import(Path(saved), STDIN, fmt, phase, objectives, lesson, output)


def _import(file: Path, label: str | None, fmt: str, phase: str | None,
            objectives: tuple[str, ...], lesson: str, output: Path) -> None:
    """Import ``file``; ``label`` is how to name it when it is a copy of standard input."""
    from quiz.cli.collector import held_collector
    from quiz.fileio import is_stdout, write_output
    from quiz.text import safe_line

    def named(text: str) -> str:
        if not label:
            return text
        from quiz.bank.discover import shown_path

        return text.replace(shown_path(file), label)

    shown = label or str(file)
    to_stdout = is_stdout(output)
    try:
        # the file read, the bank made and its text written with the collector off (the
        # readers make next to no cycles), then all of it frozen in the quiz process, as
        # `quiz validate` holds its catalog: it lives to the end of the command
        with held_collector():
            from quiz.formats.convert import import_file

            outcome = import_file(file, fmt, output, phase=phase, objectives=objectives,
                                  lesson_id=lesson)
    except BankError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(safe_line(named(str(diagnostic))), err=True)
        raise SystemExit(1) from None
    for diagnostic in outcome.diagnostics:
        click.echo(safe_line(named(str(diagnostic))), err=True)
    bank = outcome.assembled.bank
    if not bank.questions:
        raise QuizError(f"no question in {shown} could be imported (see the warnings above)")
    write_output(output, outcome.text)
    review = outcome.assembled.review
    counts = {f: sum(f in fields for fields in review.values())
              for f in ("phase", "objectives", "explanation")}
    done = f"{len(bank.questions)} question(s) from {shown}"
    summary = f"wrote {done} to standard output" if to_stdout else f"wrote {output}: {done}"
    warnings = outcome.warning_count
    if warnings:
        summary += f"; {warnings:,} warning(s) above"
    # with the bank on standard output, the messages go to standard error, out of its way
    click.echo(safe_line(summary), err=to_stdout)
    if review:
        wanted = ", ".join(f"{f} ({n})" for f, n in counts.items() if n)
        then = "" if to_stdout else f"; run: quiz validate {output.parent}"
        click.echo(safe_line(
            f"{len(review)} question(s) need an author: {wanted} are marked REVIEW and fail "
            f"validation until filled in{then}"), err=to_stdout)
    if not outcome.lesson_beside and not to_stdout:
        click.echo(safe_line(
            f"note: lesson '{lesson}' is not defined beside {output}; validation looks for "
            f"its .lesson.yaml file there: move the bank into the folder that holds the "
            f"lesson file or copy the file beside the bank"))
