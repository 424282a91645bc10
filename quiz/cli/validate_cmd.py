"""``quiz validate``: check banks, lessons and scenarios; print every problem found."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from quiz.errors import Diagnostic

if TYPE_CHECKING:
    from quiz.bank.result import LoadResult


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: one 'path:line:col: error: message' line each; json: an array for editors and CI.",
)
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Check bank, lesson and scenario files and report every error in every file.

    With no PATH, checks the bundled banks and scenarios. A folder means every YAML file in
    it; lesson files beside a bank and a scenarios/ folder beside its folder are read too.
    '-' reads one file from standard input, named <stdin> in the messages, as if it were in
    the current folder. Exits 0 when everything is valid and 1 when anything is not.

    \b
    Example: quiz validate --format json
    Example: quiz validate my-banks/ other.yaml
    Example: quiz validate - < bank.yaml
    """
    from quiz.cli.collector import held_collector

    with held_collector():  # the loader's modules are imported under it too
        from quiz.bank.load import load

        result = _load_with_stdin(list(paths)) if "-" in paths else load(list(paths))
    diagnostics = sorted(result.diagnostics, key=lambda d: (d.path, d.line, d.column))
    if fmt == "json":
        import json

        from quiz.text import safe_json

        click.echo(safe_json(json.dumps([d.as_json() for d in diagnostics], indent=2,
                                        ensure_ascii=False)))
    else:
        if diagnostics:  # a clean run prints only the summary, made of numbers
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


def _load_with_stdin(paths: list[str]) -> LoadResult:
    """``load``, with ``-`` read from standard input (capped as a bank file is) and judged as
    a file in the current folder: the lessons there and the scenarios/ folder beside it are
    its context. The loader reads paths, so standard input is saved in a private temporary
    folder, and every diagnostic naming that copy names ``<stdin>`` instead."""
    import os

    from quiz.bank.discover import LESSON_SUFFIX, shown_path
    from quiz.bank.load import load
    from quiz.bank.result import LoadResult
    from quiz.bank.yaml_source import MAX_FILE_BYTES
    from quiz.fileio import STDIN, stdin_as_file

    here = os.curdir
    context = sorted(os.path.join(here, n) for n in os.listdir(here) if n.endswith(LESSON_SUFFIX))
    if not context:  # no lesson here to bring the scenarios/ folder beside in: name its files
        scenarios = os.path.join(os.path.dirname(os.path.abspath(here)), "scenarios")
        if os.path.isdir(scenarios):
            context = sorted(os.path.join(scenarios, n) for n in os.listdir(scenarios)
                             if n.endswith((".yaml", ".yml")))
    with stdin_as_file(MAX_FILE_BYTES, "stdin.yaml") as saved:
        others = [p for p in paths if p != "-"]
        result = load([saved, *others, *context])
        copy = shown_path(saved)
    files = [STDIN if f == saved else f for f in result.files]

    def named(d: Diagnostic) -> Diagnostic:
        if d.path != copy and copy not in d.message:
            return d
        return Diagnostic(STDIN if d.path == copy else d.path, d.line, d.column, d.severity,
                          d.message.replace(copy, STDIN), d.question_id, d.rule)

    return LoadResult(result.catalog, [named(d) for d in result.diagnostics], files)
