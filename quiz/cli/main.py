"""The ``quiz`` command group: commands load lazily, errors become messages, never tracebacks.

Each command lives in its own module and is imported only when it runs (or when ``--help``
lists it), so ``quiz validate`` never pays for Textual. Command modules import nothing heavy
at module level for the same reason.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from quiz import __version__
from quiz.errors import QuizError

COMMANDS: dict[str, str] = {
    "validate": "quiz.cli.validate_cmd:validate",
    "schema": "quiz.cli.schema_cmd:schema",
    "doctor": "quiz.cli.doctor_cmd:doctor",
    "import": "quiz.cli.import_cmd:import_",
    "export": "quiz.cli.export_cmd:export",
    "items": "quiz.cli.items_cmd:items",
    "lint": "quiz.cli.lint_cmd:lint",
    "stats": "quiz.cli.stats_cmd:stats",
    "new": "quiz.cli.new_cmd:new",
    "home": "quiz.cli.study_cmds:home",
    "practice": "quiz.cli.study_cmds:practice",
    "exam": "quiz.cli.study_cmds:exam",
    "review-mistakes": "quiz.cli.study_cmds:review_mistakes",
    "report": "quiz.cli.report_cmd:report",
    "review": "quiz.cli.review_cmd:review",
    "export-results": "quiz.cli.export_results_cmd:export_results",
}
"""Command name → "module:attribute"; add a line here to add a command."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizError as exc:
            click.echo(f"quiz: error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="quiz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Practise for certification exams in the terminal.

    Run with no command to open the app on the bundled banks. Authors: start with
    `quiz validate` and `quiz schema`.

    Example: quiz validate question_banks/
    """
    if ctx.invoked_subcommand is None:
        home = cli.get_command(ctx, "home")
        if home is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(home)


def main() -> None:
    """Entry point: run the group; report anything unexpected without a traceback."""
    try:
        cli.main(prog_name="quiz")
    except KeyboardInterrupt:
        click.echo("quiz: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # last resort: keep tracebacks away from learners
        log = _write_crash_log()
        click.echo(f"quiz: internal error: {type(exc).__name__}: {exc}", err=True)
        if log:
            click.echo(f"quiz: details were written to {log}; please report them", err=True)
        sys.exit(70)


def _write_crash_log() -> str | None:
    import traceback

    try:
        from quiz.paths import cache_dir

        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return str(path)
    except OSError:
        return None
