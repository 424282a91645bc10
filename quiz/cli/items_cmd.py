"""``quiz items``: item analysis of recorded answers, as Moodle's quiz statistics report."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.errors import QuizError

# kept here rather than imported, so that `quiz --help` does not load the report modules
_FORMATS = ("text", "md", "html", "csv", "json")


@click.command()
@click.option("--db", "stores", multiple=True, metavar="PATH",
              type=click.Path(dir_okay=False, path_type=Path),
              help="A progress store to read (repeatable; default: $QUIZ_DB or the user "
                   "data folder).")
@click.option("--class", "exports", multiple=True, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Learners' JSON Lines exports or progress stores, for a class (the files "
                   "may follow one --class, or repeat it).")
@click.option("--bank", "bank_id", metavar="ID", help="Analyse only this bank.")
@click.option("--bank-files", multiple=True, metavar="PATH",
              type=click.Path(exists=True, path_type=Path),
              help="Bank files or folders for question and choice texts (default: the "
                   "bundled banks).")
@click.option("--attempts", "which", type=click.Choice(["first", "all"]), default="first",
              show_default=True,
              help="first: each learner's first attempt, as Moodle does by default; all: "
                   "every attempt, each as if by a different learner.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path),
              help="Write to this file instead of standard output ('-' is standard output).")
@click.option("--lrs", is_flag=True,
              help="Read the class from the LRS configured in the [lrs] section (see quiz "
                   "config): one more source, cached locally and brought up to date.")
@click.option("--width", type=click.IntRange(min=20), metavar="N",
              help="Wrap text output to N columns (default: the terminal's width; no "
                   "wrapping when writing to a file or a pipe).")
@click.argument("more", nargs=-1, type=click.Path(dir_okay=False, path_type=Path),
                metavar="[FILE]...")
def items(stores: tuple[Path, ...], exports: tuple[Path, ...], bank_id: str | None,
          bank_files: tuple[Path, ...], which: str, fmt: str, output: Path | None,
          lrs: bool, width: int | None, more: tuple[Path, ...]) -> None:
    """Item analysis: which questions work, from the answers learners gave.

    Per question: attempts, facility (mean score), standard deviation, discrimination index
    (correlation with the rest of the attempt), discriminative efficiency, and per choice the
    share who picked it and its point-biserial correlation; flags for questions that are too
    easy, too hard or do not discriminate. For the test: mean, median, standard deviation,
    Cronbach's alpha (KR-20), error ratio and standard error. A bank with submitted exams is
    analysed on its exams, otherwise on practice answers. See docs/item-analysis.md.

    \b
    Examples:
      quiz items --format md
      quiz items --class ana.jsonl ben.jsonl --format html -o items.html
      quiz items --lrs --format md
    """
    from quiz.bank.cache import load_cached
    from quiz.cli.report_cmd import lrs_class_source, text_width
    from quiz.fileio import is_stdout, write_output
    from quiz.paths import default_db
    from quiz.reports.items.analysis import analyse_sources
    from quiz.reports.items.render import render
    from quiz.text import safe_line

    if more and not exports:
        raise click.UsageError("files to analyse go after --class, e.g. quiz items --class "
                               "ana.jsonl ben.jsonl")
    exports += more
    if lrs:
        stores += (lrs_class_source(),)
    if not stores and not exports:
        store = default_db()
        if not store.exists():
            raise QuizError(f"{store}: no progress store yet, so no answers to analyse; "
                            "pass --db PATH or --class FILE")
        stores = (store,)
    loaded = load_cached(list(bank_files))
    if loaded.errors:
        click.echo(safe_line(f"quiz: warning: {len(loaded.errors)} error(s) in the banks; "
                             "questions from files that failed are shown by id only "
                             "(run `quiz validate` for details)"), err=True)
    report = analyse_sources(list(stores), list(exports), which, loaded.catalog, bank_id)
    if output is None or is_stdout(output):
        write_output("-", render(report, fmt, width=text_width(width)))
        return
    write_output(output, render(report, fmt, width=width))
    questions = sum(len(b.items) for b in report.banks)
    attempts = sum(b.test.attempts for b in report.banks)
    click.echo(safe_line(f"wrote {output}: {questions} question(s) from {attempts} "
                         "attempt(s)"), err=True)
