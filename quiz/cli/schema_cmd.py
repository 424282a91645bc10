"""``quiz schema``: print or write the JSON Schema of a bank, lesson or scenario file."""

from __future__ import annotations

from pathlib import Path

import click

KINDS = ("bank", "lesson", "scenario")


@click.command()
@click.argument("kind", type=click.Choice(KINDS), default="bank")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path),
              help="Write the schema of KIND to this file ('-' is standard output, the "
                   "default).")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write all three schemas as KIND.schema.json into this folder instead of printing.",
)
def schema(kind: str, output: Path | None, out_dir: Path | None) -> None:
    """Print the JSON Schema of a bank file (or of a lesson or scenario file).

    Point your editor at it with a first line such as
    '# yaml-language-server: $schema=../schema/bank.schema.json' to get completion and
    underlined mistakes while you type.

    Example: quiz schema scenario -o scenario.schema.json
    """
    from quiz.bank.schema import schema_text
    from quiz.fileio import is_stdout, write_atomic, write_output
    from quiz.text import safe_line

    if output is not None and out_dir is not None:
        raise click.UsageError("give -o FILE for one schema or --out FOLDER for all three, "
                               "not both")
    if out_dir is None:
        write_output(output or "-", schema_text(kind))
        if output is not None and not is_stdout(output):
            click.echo(safe_line(f"wrote {output}"))
        return
    for each in KINDS:
        written = write_atomic(out_dir / f"{each}.schema.json", schema_text(each))
        click.echo(safe_line(f"wrote {written}"))
