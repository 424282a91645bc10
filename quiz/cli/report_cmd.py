"""``quiz report``: where a learner (or a class) stands, and what to study next."""

from __future__ import annotations

from pathlib import Path

import click

# kept here rather than imported, so that `quiz --help` does not load the report modules
_FORMATS = ("text", "md", "html", "json", "csv")


@click.command()
@click.option("--learner", metavar="NAME",
              help="Whose progress (default: your user name). With --class: only this "
                   "learner.")
@click.option("--db", "db", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
              help="The progress store (default: $QUIZ_DB or the user data folder).")
@click.option("--since", metavar="DATE",
              help="Only answers and exams from this date (YYYY-MM-DD, local time) or ISO "
                   "time on.")
@click.option("--bank", "banks", multiple=True, metavar="ID",
              help="Only sessions of this bank (repeatable).")
@click.option("--bank-files", multiple=True, metavar="PATH", type=click.Path(path_type=Path),
              help="Bank files or folders for objective and question texts (default: the "
                   "bundled banks).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path),
              help="Write to this file instead of standard output ('-' is standard output).")
@click.option("--class", "sources", multiple=True, metavar="FILE_OR_DB",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Learners' stores or JSON Lines exports (the files may follow one --class): "
                   "one report for the whole class.")
@click.option("--lrs", is_flag=True,
              help="Read the class from the LRS configured in the [lrs] section (see quiz "
                   "config): one more class source, cached locally and brought up to date.")
@click.option("--width", type=click.IntRange(min=20), metavar="N",
              help="Wrap text output to N columns (default: the terminal's width; no "
                   "wrapping when writing to a file or a pipe).")
@click.argument("more", nargs=-1, type=click.Path(dir_okay=False, path_type=Path),
                metavar="[FILE_OR_DB]...")
def report(learner: str | None, db: Path | None, since: str | None, banks: tuple[str, ...],
           bank_files: tuple[Path, ...], fmt: str, output: Path | None,
           sources: tuple[Path, ...], lrs: bool, width: int | None,
           more: tuple[Path, ...]) -> None:
    """Progress: overall figures, exam trend, mastery per objective and phase, calibration,
    and the weakest objectives with the command that practises each.

    Mastery counts the latest answer to each question, with a Wilson 95% interval; answers to
    questions edited since are counted apart. With --class, one report over several
    learners' stores or exports (quiz export-results): a row per learner, class mastery per
    objective, the hardest questions. See docs/reports.md for every figure and the JSON and
    CSV shapes.

    \b
    Examples:
      quiz report --format html -o progress.html
      quiz report --class ana.jsonl ben.sqlite3 --format md -o class.md
      quiz report --lrs --format html -o class.html
    """
    # imported here: report modules are loaded only when a report is made
    from quiz.reports.progress.build import build_report
    from quiz.reports.progress.render import render
    from quiz.text import safe_line

    if more and not sources:
        raise click.UsageError("files to merge go after --class, e.g. quiz report --class "
                               "ana.jsonl ben.jsonl")
    sources += more
    if lrs:
        sources += (lrs_class_source(),)
    made, notes = build_report(learner, db, since, banks, bank_files, sources)
    for note in notes:
        click.echo(safe_line(f"quiz: note: {note}"), err=True)
    from quiz.fileio import is_stdout, write_output

    if output is None or is_stdout(output):
        write_output("-", render(made, fmt, width=text_width(width)))
        return
    write_output(output, render(made, fmt, width=width))
    click.echo(safe_line(f"wrote {output} ({fmt}, {len(made.learners)} learner(s))"), err=True)


def lrs_class_source() -> Path:
    """The class read back from the configured LRS: a progress store in the cache folder,
    brought up to date first (``quiz report --lrs``, ``quiz items --lrs``). A configuration
    or LRS problem is a QuizError with a message (quiz.xapi.fetch says which)."""
    from quiz.config import load
    from quiz.text import safe_line
    from quiz.xapi.fetch import lrs_source

    config = load()
    for warning in config.warnings:
        click.echo(safe_line(f"quiz: warning: {warning}"), err=True)
    got = lrs_source(config.lrs)
    click.echo(safe_line(f"quiz: LRS: {got.applied} new statement(s) of {got.statements} "
                         f"read; {got.learners} learner(s), {got.responses} answer(s) in "
                         f"{got.path}"), err=True)
    return got.path


def text_width(asked: int | None) -> int | None:
    """The width text output wraps to: ``--width`` if given, else the terminal's when
    standard output is one, else none (a file or a pipe gets unwrapped lines)."""
    if asked is not None:
        return asked
    import shutil
    import sys

    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns
