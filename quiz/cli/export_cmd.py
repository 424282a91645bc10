"""``quiz export``: write banks as GIFT, Aiken, a QTI 2.1 package or Anki CSV."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.errors import BankError, QuizError

_NAMES = {"gift": "GIFT", "aiken": "Aiken", "qti": "a QTI 2.1 package", "anki": "Anki CSV"}


@click.command()
@click.argument("bank_path", required=False, type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=click.Choice(list(_NAMES)), required=True,
              help="gift and aiken for Moodle, qti for LMSs and item banks, anki for flashcards.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), required=True,
              help="The file to write; '-' writes text formats to standard output.")
@click.option("--bank", "bank_id", metavar="ID",
              help="Export only this bank when BANK_PATH loads several.")
@click.option("--separator", type=click.Choice(["comma", "tab"]), default="comma",
              show_default=True, help="Anki only: the column separator.")
def export(bank_path: Path | None, fmt: str, output: Path, bank_id: str | None,
           separator: str) -> None:
    """Export the questions of a bank (default: the bundled banks) to another tool's format.

    BANK_PATH is a bank file or a folder of them; the bank must validate. What the format
    cannot hold (Aiken: anything but single answers; GIFT: ordering becomes matching) is
    reported as a warning naming the question. See docs/formats.md.

    \b
    Examples:
      quiz export --to gift -o tvi.gift
      quiz export my-banks/ --to aiken -o - | less
    """
    from quiz.cli.collector import held_collector
    from quiz.fileio import is_stdout, write_output
    from quiz.text import safe_line

    to_stdout = is_stdout(output)
    if to_stdout and fmt == "qti":
        raise QuizError("a QTI package is a zip file; give a file name with -o")
    try:
        # read as `quiz validate` reads it: the catalog (and the loader's and writers'
        # modules) made with the collector off, then frozen out of its sight, so that the
        # writer's allocations set off no collection that walks the whole catalog
        with held_collector():
            from quiz.bank.load import load_catalog
            from quiz.formats.convert import select_banks, write

            catalog = load_catalog([bank_path] if bank_path is not None else None)
    except BankError as exc:  # every problem, located, as `quiz validate` shows them
        for diagnostic in exc.diagnostics:
            click.echo(safe_line(str(diagnostic)), err=True)
        raise QuizError("the bank does not validate; fix the errors above, then export") from None
    banks = select_banks(catalog, bank_id)
    exported = write(fmt, banks, separator="\t" if separator == "tab" else ",",
                     scenarios=catalog.scenarios)
    for note in exported.notes:
        click.echo(safe_line(str(note)), err=True)
    write_output(output, exported.data)
    total = sum(len(b.questions) for b in banks)
    skipped = total - exported.count
    done = f"{exported.count} question(s) as {_NAMES[fmt]}"
    summary = f"wrote {done} to standard output" if to_stdout else f"wrote {output}: {done}"
    if skipped:
        summary += f"; {skipped} skipped (see the warnings above)"
    # on standard error when the data is on standard output, where it would spoil the file
    click.echo(safe_line(summary), err=to_stdout)
