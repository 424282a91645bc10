"""``quiz schema``: print the JSON Schema of a bank, lesson or scenario file."""

from __future__ import annotations

from pathlib import Path

import click

KINDS = ("bank", "lesson", "scenario")


@click.command()
@click.argument("kind", type=click.Choice(KINDS), default="bank")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write all three schemas as KIND.schema.json into this folder instead of printing.",
)
def schema(kind: str, out_dir: Path | None) -> None:
    """Print the JSON Schema of a bank file (or of a lesson or scenario file).

    Point your editor at it with a first line such as
    '# yaml-language-server: $schema=../schema/bank.schema.json' to get completion and
    underlined mistakes while you type.

    Example: quiz schema scenario > scenario.schema.json
    """
    from quiz.bank.schema import schema_text

    if out_dir is None:
        click.echo(schema_text(kind), nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for each in KINDS:
        (out_dir / f"{each}.schema.json").write_text(schema_text(each), encoding="utf-8")
        click.echo(f"wrote {out_dir / f'{each}.schema.json'}")
