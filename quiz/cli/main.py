"""The ``quiz`` command group: commands load lazily, errors become messages, never tracebacks.

Each command lives in its own module and is imported only when it runs (or when ``--help``
lists it), so ``quiz validate`` never pays for Textual. Command modules import nothing heavy
at module level for the same reason.

This is also the one place where errors reach the terminal: every ``QuizError`` and every
click usage error is printed from here, made terminal-safe (a learner name, objective or path
given on the command line may carry escape sequences), and a reader of standard output that
goes away (``quiz -h | head -3``) ends the command quietly, as it ends a Unix filter.
"""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import os
import sys
from typing import Any

import click

from quiz import __version__
from quiz.cli.english import use_english_messages
from quiz.errors import QuizError
from quiz.fields import Fields

use_english_messages()  # before the decorators below ask click for its first messages


class Entry(Fields):
    """Where a command lives, and the summary ``quiz --help`` lists it with."""

    target: str
    """"module:attribute" of the click command."""
    summary: str
    """One sentence for the command list. It lives here, not only in the command's docstring,
    because listing every command must not import every command module (cold start)."""


COMMANDS: dict[str, Entry] = {
    "validate": Entry("quiz.cli.validate_cmd:validate",
                      "Check bank, lesson and scenario files; report every error."),
    "schema": Entry("quiz.cli.schema_cmd:schema",
                    "Print the JSON Schema of bank, lesson or scenario files."),
    "doctor": Entry("quiz.cli.doctor_cmd:doctor",
                    "Check the progress store's integrity; repair it."),
    "import": Entry("quiz.cli.import_cmd:import_",
                    "Import a Moodle GIFT or Aiken file as a question bank."),
    "export": Entry("quiz.cli.export_cmd:export", "Export a bank to GIFT, Aiken, QTI or Anki."),
    "items": Entry("quiz.cli.items_cmd:items",
                   "Item analysis: which questions work, from the answers."),
    "lint": Entry("quiz.cli.lint_cmd:lint",
                  "Check banks for item-writing flaws, on top of validation."),
    "stats": Entry("quiz.cli.stats_cmd:stats",
                   "Count a bank's questions against a complete bank's targets."),
    "new": Entry("quiz.cli.new_cmd:new", "Add a question to BANK_FILE, then validate it."),
    "home": Entry("quiz.cli.study_cmds:home",
                  "Open the app's home screen (what `quiz` alone does)."),
    "practice": Entry("quiz.cli.study_cmds:practice", "Practise with feedback after every answer."),
    "exam": Entry("quiz.cli.study_cmds:exam",
                  "Sit a timed mock exam, drawn to the bank's blueprint."),
    "review-mistakes": Entry("quiz.cli.study_cmds:review_mistakes",
                             "Practise the questions whose latest answer was wrong."),
    "preview": Entry("quiz.cli.preview_cmd:preview",
                     "Browse every question with its answer and feedback."),
    "report": Entry("quiz.cli.report_cmd:report", "Progress reports for a learner or a class."),
    "review": Entry("quiz.cli.review_cmd:review",
                    "Review the questions due today (spaced repetition)."),
    "export-results": Entry("quiz.cli.export_results_cmd:export_results",
                            "Write a learner's sessions and answers as JSON Lines."),
    "sync": Entry("quiz.cli.sync_cmd:sync",
                  "Send waiting xAPI statements to the Learning Record Store."),
    "config": Entry("quiz.cli.config_cmd:config",
                    "Show the settings in force and where each came from."),
    "serve": Entry("quiz.cli.serve_cmd:serve", "Serve the app to web browsers (one app per tab)."),
}
"""Command name → where it lives and its summary; add a line here to add a command."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every command with its summary, from the table alone; a summary longer than
        the terminal's width wraps under itself."""
        rows = [(name, COMMANDS[name].summary) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        # the group's own options and --help are parsed here, before any command runs
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            raise _terminal_safe(exc) from None
        except OSError as exc:
            _end_on_closed_pipe(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizError as exc:
            _report(f"quiz: error: {_safe(str(exc))}")
            ctx.exit(1)
        except click.ClickException as exc:
            raise _terminal_safe(exc) from None
        except OSError as exc:
            _end_on_closed_pipe(exc)
            raise


CLOSED_PIPE_EXIT = 141
"""Exit status when standard output's reader went away: what a shell reports for a filter
that SIGPIPE ended (128 + 13)."""


def _safe(text: str) -> str:
    from quiz.text import safe_line

    return safe_line(text)


def _terminal_safe(exc: click.ClickException) -> click.ClickException:
    """The same error, with its message (which may quote any argument) made printable."""
    formatted = exc.format_message

    def format_message() -> str:
        from quiz.text import safe_text

        return safe_text(formatted())

    exc.format_message = format_message  # type: ignore[method-assign]
    return exc


def _report(message: str) -> None:
    try:
        click.echo(message, err=True)
    except OSError as exc:  # standard error is a closed pipe too
        _end_on_closed_pipe(exc)
        raise


def _silence() -> None:
    """Point standard output and error at the null device, so that nothing fails at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            try:
                os.dup2(devnull, stream.fileno())
            except (OSError, ValueError, AttributeError):
                continue  # not a real file (a test's capture): nothing to flush at exit
    finally:
        os.close(devnull)


def _end_on_closed_pipe(exc: OSError) -> None:
    """End quietly if ``exc`` says the reader of our output has gone; otherwise return."""
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        _silence()
        raise click.exceptions.Exit(CLOSED_PIPE_EXIT) from None


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quiz")
@click.option("--learner", metavar="NAME",
              help="Whose progress, for the app and for the command that follows (default: "
                   "$QUIZ_LEARNER, the config file's learner, or your user name).")
@click.option("--db", type=click.Path(dir_okay=False), metavar="PATH",
              help="Progress store, for the app and for the command that follows (default: "
                   "$QUIZ_DB, the config file's store, or the user data folder).")
@click.option("--theme", metavar="NAME", help="The app's colour theme (kept for next time).")
@click.pass_context
def cli(ctx: click.Context, learner: str | None, db: str | None, theme: str | None) -> None:
    """Practise for certification exams in the terminal.

    Run with no command to open the app on the bundled banks. Authors: start with
    `quiz validate` and `quiz schema`.

    \b
    Examples:
      quiz --learner ana
      quiz practice --count 10
      quiz validate my-banks/
    """
    given = {name: value for name, value in (("learner", learner), ("db", db),
                                             ("theme", theme)) if value is not None}
    if given:
        # the group's options become the defaults of whichever command runs (a command's own
        # option still wins); commands without such an option ignore them
        ctx.default_map = {name: dict(given) for name in COMMANDS}
    if ctx.invoked_subcommand is None:
        home = cli.get_command(ctx, "home")
        if home is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(home, **{name: home_value(name, value) for name, value in given.items()})


def home_value(name: str, value: str) -> Any:
    """A group option's value as ``home`` takes it (its store is a ``Path``)."""
    if name == "db":
        from pathlib import Path

        return Path(value)
    return value


class ConsoleScript:
    """The context object ``main()`` gives the commands: they are running as the ``quiz``
    process, which owns the cycle collector. A command run in another process (a test
    through click's CliRunner) has no such object, and leaves the collector alone."""

    def __init__(self) -> None:
        self.frozen = False

    def catalog_loaded(self) -> None:
        """The catalog lives as long as the process: freeze it (and everything else alive)
        out of the collector's sight, so no full collection walks it again."""
        gc.freeze()
        self.frozen = True

    def restore(self, enabled: bool) -> None:
        """Hand the collector back as the caller had it."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        (gc.enable if enabled else gc.disable)()


def main() -> None:
    """Entry point: run the group; report anything unexpected without a traceback."""
    script = ConsoleScript()
    enabled = gc.isenabled()
    # when the process ends, the interpreter's last collections would walk every object the
    # command made (a whole catalog) only to free memory the exit frees anyway: out of sight
    # by then. (Everything quiz writes is closed before main returns: stores, output files.)
    atexit.register(gc.freeze)
    try:
        try:
            cli.main(prog_name="quiz", obj=script)
        finally:
            # what is still buffered is written now, where a closed pipe can be handled,
            # not by the interpreter at exit (which would fail with status 120)
            sys.stdout.flush()
            script.restore(enabled)
    except KeyboardInterrupt:
        click.echo("quiz: interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
            _silence()
            sys.exit(CLOSED_PIPE_EXIT)
        _internal_error(exc)
    except Exception as exc:  # last resort: keep tracebacks away from learners
        _internal_error(exc)


def _internal_error(exc: BaseException) -> None:
    log = _write_crash_log()
    try:
        click.echo(_safe(f"quiz: internal error: {type(exc).__name__}: {exc}"), err=True)
        if log:
            click.echo(_safe(f"quiz: details were written to {log}; please report them"),
                       err=True)
    except OSError:
        _silence()
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
