"""``quiz lint``: validation errors, then item-writing warnings, one ``path:line:col`` line each."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.errors import QuizError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True,
              help="Exit 1 on any warning too (for CI); errors always exit 1.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: 'path:line:col: warning: message [rule-id]' lines; json: an array for tools.",
)
@click.option("--min-per-objective", type=click.IntRange(0), default=None, metavar="N",
              help="thin-coverage: questions each objective should have (default 8).")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Switch a rule off for this run (repeatable).")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
def lint(
    paths: tuple[Path, ...],
    strict: bool,
    fmt: str,
    min_per_objective: int | None,
    disabled: tuple[str, ...],
    list_rules: bool,
) -> None:
    """Check banks for item-writing flaws, on top of validation.

    Validates like `quiz validate`, then warns about questions an exam board would send back:
    the correct choice clearly the longest, "all/none of the above", unmarked negative stems,
    near-duplicate stems, repeated choices, explanations that name no side of the rule or no
    objective, distractors without feedback, answer-position bias and thin coverage.
    Switch a rule off for one question with `lint_ignore: [rule-id]` or a
    `# lint: ignore rule-id` comment on (or just above) its `- id:` line.
    Exits 1 on errors, and with --strict on warnings too.

    \b
    Examples:
      quiz lint --strict
      quiz lint my-banks/ --disable correct-longest --format json
    """
    from quiz.lint import RULES, LintOptions, lint_paths
    from quiz.lint.rules import MIN_PER_OBJECTIVE
    from quiz.text import safe_line

    if list_rules:
        width = max(len(r) for r in RULES)
        for rule in RULES.values():
            click.echo(f"{rule.id:<{width}}  {rule.scope:<8}  {rule.summary}")
        return
    unknown = sorted(set(disabled) - set(RULES))
    if unknown:
        raise QuizError(f"unknown rule(s) for --disable: {', '.join(unknown)}; "
                        "quiz lint --list-rules lists them")
    options = LintOptions(
        min_per_objective=MIN_PER_OBJECTIVE if min_per_objective is None else min_per_objective,
        disabled=frozenset(disabled),
    )
    from quiz.cli.collector import held_collector

    with held_collector():  # the catalog and the rules' work, as validate reads its catalog
        report = lint_paths(list(paths), options)
    if fmt == "json":
        import json

        # ASCII escapes keep bank text inert even when the JSON is printed to a terminal.
        click.echo(json.dumps([d.as_json() for d in report.diagnostics], indent=2))
    else:
        lines = [safe_line(str(diagnostic)) for diagnostic in report.diagnostics]
        if lines:  # one write, not one per line: thousands of warnings on a large bank
            click.echo("\n".join(lines))
        failed = bool(report.errors) or (strict and bool(report.warnings))
        click.echo(
            f"{report.files} file(s), {report.banks} bank(s), {report.questions} hand-written "
            f"question(s): {len(report.errors)} error(s), {len(report.warnings)} warning(s)",
            err=failed,
        )
    if report.errors or (strict and report.warnings):
        raise SystemExit(1)
