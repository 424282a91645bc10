"""``quiz import``: turn a GIFT or Aiken file into a bank, reporting whatever does not fit."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--from", "fmt", type=click.Choice(["gift", "aiken"]), required=True,
              help="The format of FILE.")
@click.option("--phase", type=click.Choice(["training", "inference"]),
              help="Phase for questions the file does not give one.")
@click.option("--objective", "objectives", multiple=True, metavar="ID",
              help="Objective for questions the file gives none (repeat for several).")
@click.option("--lesson", default="training-vs-inference", show_default=True,
              help="Id of the lesson the bank serves.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The bank file to write.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def import_(file: Path, fmt: str, phase: str | None, objectives: tuple[str, ...], lesson: str,
            output: Path, force: bool) -> None:
    """Import FILE (Moodle GIFT or Aiken) as a question bank.

    Everything the file holds that quiz cannot represent (matching, short-answer and numeric
    questions, HTML, partial credit...) is reported as FILE:LINE:COL: warning. Questions the
    file gives no phase, objectives or explanation are written with REVIEW placeholders that
    fail `quiz validate` until an author fills them in, unless --phase and --objective give
    defaults. See docs/formats.md.

    Example: quiz import old.gift --from gift --phase inference -o question_banks/old.yaml
    """
    from quiz.errors import BankError, QuizError
    from quiz.formats.convert import import_file
    from quiz.text import safe_line

    if output.exists() and not force:
        raise QuizError(f"{output} exists; choose another -o or add --force to replace it")
    try:
        outcome = import_file(file, fmt, output, phase=phase, objectives=objectives,
                              lesson_id=lesson)
    except BankError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(safe_line(str(diagnostic)), err=True)
        raise SystemExit(1) from None
    for diagnostic in outcome.diagnostics:
        click.echo(safe_line(str(diagnostic)), err=True)
    bank = outcome.assembled.bank
    if not bank.questions:
        raise QuizError(f"no question in {file} could be imported (see the warnings above)")
    _write(output, outcome.text)
    review = outcome.assembled.review
    counts = {f: sum(f in fields for fields in review.values())
              for f in ("phase", "objectives", "explanation")}
    summary = f"wrote {output}: {len(bank.questions)} question(s) from {file}"
    warnings = len(outcome.diagnostics)
    if warnings:
        summary += f"; {warnings} warning(s) above"
    click.echo(safe_line(summary))
    if review:
        wanted = ", ".join(f"{f} ({n})" for f, n in counts.items() if n)
        click.echo(safe_line(
            f"{len(review)} question(s) need an author: {wanted} are marked REVIEW and fail "
            f"validation until filled in; run: quiz validate {output.parent}"))
    if not outcome.lesson_beside:
        click.echo(safe_line(
            f"note: lesson '{lesson}' is not defined beside {output}; validation looks for "
            f"its .lesson.yaml file there: move the bank into the folder that holds it "
            f"(question_banks/) or copy the file beside the bank"))


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a failed write never leaves half a bank."""
    import os
    import tempfile

    from quiz.errors import QuizError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a bank is not
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise QuizError(f"cannot write {path}: {exc.strerror or exc}") from None
