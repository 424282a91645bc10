"""``quiz validate``: check banks, lessons and scenarios; print every problem found."""

from __future__ import annotations

import click


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: one 'path:line:col: error: message' line each; json: an array for editors and CI.",
)
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Check bank, lesson and scenario files and report every error in every file.

    With no PATH, checks the bundled banks and scenarios. A folder means every YAML file in
    it; lesson files beside a bank and a scenarios/ folder beside its folder are read too.
    Exits 0 when everything is valid and 1 when anything is not.

    Example: quiz validate question_banks/ --format json
    """
    from quiz.bank.load import load

    result = load(list(paths))
    diagnostics = sorted(result.diagnostics, key=lambda d: (d.path, d.line, d.column))
    if fmt == "json":
        import json

        from quiz.text import safe_json

        click.echo(safe_json(json.dumps([d.as_json() for d in diagnostics], indent=2,
                                        ensure_ascii=False)))
    else:
        from quiz.text import safe_line

        for diagnostic in diagnostics:
            click.echo(safe_line(str(diagnostic)))
        questions = sum(len(b.questions) for b in result.catalog.banks)
        errors = len(result.errors)
        summary = (
            f"{len(result.files)} file(s), {len(result.catalog.banks)} bank(s), "
            f"{questions} question(s), {len(result.catalog.scenarios)} scenario(s): "
            + (f"{errors} error(s)" if errors else "no errors")
        )
        click.echo(summary, err=bool(errors))
    if result.errors:
        raise SystemExit(1)
