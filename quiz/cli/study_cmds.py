"""The learner's commands: ``quiz`` (home), ``practice``, ``exam``, ``review-mistakes``.

Each loads the banks and opens the store first, and makes the first session, so that bank
errors and impossible requests are printed as messages before any screen opens. Textual is
imported only inside the functions: ``quiz --help`` must not pay for it.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from quiz.errors import BankError, QuizError

if TYPE_CHECKING:
    from quiz.config import Config, LrsConfig
    from quiz.store.outbox import Journal
    from quiz.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


def _learner_options(command: F) -> F:
    """--learner and --db, shared by every command that touches progress."""
    command = click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
        help="Progress store (default: $QUIZ_DB, or progress.sqlite3 in the user data "
             "folder).")(command)
    command = click.option(
        "--learner", metavar="NAME",
        help="Whose progress this is (default: the operating-system user).")(command)
    return click.option(
        "--certainty", is_flag=True,
        help="Certainty-based marking: rate confidence 1–3 before each answer is "
             "submitted (key c toggles it in the app).")(command)


_banks_argument = click.argument(
    "banks", nargs=-1, type=click.Path(path_type=Path), metavar="[BANK_PATH]...")

plain_option = click.option(
    "--plain", is_flag=True,
    help="Questions as lines of text, answers read from standard input: for screen readers "
         "and pipes (no colours, no cursor movement). See docs/plain.md.")


theme_option = click.option(
    "--theme", metavar="NAME",
    help="The app's colour theme, e.g. textual-dark, textual-light, nord, gruvbox (kept for "
         "next time, as one chosen with ctrl+p → Theme).")


def open_workspace(banks: tuple[Path, ...], learner: str | None, db: Path | None,
                   *, draw: bool = False) -> Workspace:
    """Load the banks and open the store, printing every bank error before failing.

    ``draw``: the app will be drawn in this terminal; a large bank set that the catalog cache
    does not hold is then read behind a loading screen (``_read_with_screen``) rather than
    in front of a blank terminal.
    """
    from quiz.cli.main import ConsoleScript

    # The cycle collector is held off while the workspace's modules are imported, the catalog
    # read and the store opened (a full collection right after reading a 10,000-question
    # catalog cost 15 ms). In the console script, where the catalog lives as long as the
    # process, main() then freezes it out of the collector's sight, and a command that draws
    # keeps the collector off until the app's first frame (``run_app``); a caller running
    # commands in its own process gets the collector back as it had it.
    context = click.get_current_context(silent=True)
    console = context is not None and isinstance(context.obj, ConsoleScript)
    enabled = gc.isenabled()
    gc.disable()
    try:
        workspace, config = _open(banks, learner, db, draw)
    finally:
        if enabled and not (draw and console):
            gc.enable()
    workspace.journal = _journal(config.lrs)
    if context is not None and isinstance(context.obj, ConsoleScript):
        context.obj.catalog_loaded()
    # every way out of the command (done, an error, ctrl+c) closes the store, which puts the
    # log's answers into the store file itself
    if context is not None:
        context.call_on_close(workspace.close)
    return workspace


def _open(banks: tuple[Path, ...], learner: str | None, db: Path | None,
          draw: bool) -> tuple[Workspace, Config]:
    """The workspace and the config in force (``open_workspace`` without the collector)."""
    from quiz.config import load
    from quiz.text import safe_line
    from quiz.workspace import Workspace

    # The config file (or QUIZ_LEARNER / QUIZ_DB) gives the defaults the options leave open;
    # its extra bank folders come after the bundled banks.
    config = load()
    for warning in config.warnings:
        click.echo(safe_line(f"quiz: warning: {warning}"), err=True)
    learner = learner or config.learner.value
    db = db or config.store.value
    if not banks and config.bank_folders.value:
        from quiz.paths import bundled_banks

        banks = (bundled_banks(), *config.bank_folders.value)
    try:
        if draw:
            _read_with_screen(banks)
        # the app's start checks the store in another thread while Textual is imported
        # (run_app settles it before the first session): the check reads the whole file
        return Workspace.open(list(banks), learner, db, check_later=draw), config
    except BankError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(safe_line(str(diagnostic)), err=True)
        raise QuizError(f"{len(exc.diagnostics)} error(s) in the banks; fix them first "
                        "(`quiz validate` checks the files)") from None


LARGE_BANKS = 1 << 20
"""Bytes of bank files above which a cold read gets a loading screen (the bundled bank is a
quarter of this and reads in well under a second)."""


def _read_with_screen(banks: tuple[Path, ...]) -> None:
    """On a cache miss for a large bank set, read it in the loading app (a progress bar in
    the app's frame, at once) and leave its result in the cache for ``Workspace.open``; bank
    errors are raised as ``BankError`` after the loading screen has closed, before any
    session screen. A cache hit, a small set or no terminal: nothing happens here (the
    check costs a few stat calls, no import)."""
    import os

    from quiz.bank.cache import _name as cache_name  # see docs/architecture.md, "Loading"
    from quiz.bank.discover import default_paths, discover
    from quiz.paths import cache_dir

    chosen = [str(b) for b in banks] or [str(p) for p in default_paths()]
    files, problems = discover(chosen)
    name = cache_name(files) if not problems else None
    if name is None or (cache_dir() / name).exists():
        return
    try:
        size = sum(os.path.getsize(f) for f in files)
    except OSError:
        return
    if size < LARGE_BANKS:
        return
    from quiz.plain.terminal import terminal_problem

    if terminal_problem("home", False) is not None:
        return
    from quiz.tui.loading import read_banks_with_screen

    result = read_banks_with_screen(chosen, len(files), size)
    if result is None:
        raise QuizError("stopped while reading the banks")
    if result.errors:
        raise BankError(result.errors)


def check_face(command: str, plain: bool) -> None:
    """Refuse to start the app without a terminal on both ends (after the banks are checked,
    so their errors come first, and before any session is made).

    The app would wait for keys that never come (`< /dev/null`) or draw on stderr (`| cat`);
    the message says how to use --plain instead.
    """
    from quiz.plain.terminal import require_terminal

    require_terminal(command, plain)


def study(plain: bool, workspace: Workspace, certainty: bool, **start: Any) -> None:
    """Run a study session in the face asked for: the app, or ``--plain`` lines of text."""
    theme = start.pop("theme", None)
    if plain:
        from quiz.plain.entry import run_plain

        run_plain(workspace, certainty, **start)
    else:
        run_app(workspace, certainty, theme=theme, **start)


def _journal(lrs: LrsConfig) -> Journal | None:
    """The xAPI journal when an LRS is configured (config file or QUIZ_LRS_* variables):
    every answer then queues its statement in the same transaction (docs/classroom.md)."""
    if not lrs.configured:
        return None
    from quiz.xapi.journal import XapiJournal
    from quiz.xapi.settings import course_of

    return XapiJournal(course_of(lrs))


def run_app(workspace: Workspace, certainty: bool, theme: str | None = None,
            **start: Any) -> None:
    """Make the first session (may raise QuizError), run the app, say what was kept.

    The app is given the config's theme (``theme``, from ``--theme``, wins and is kept), the
    LRS to send to in the background, and whether it is served (``QUIZ_SERVED=1``, set by
    ``quiz serve``: it then asks for the learner's name first).
    """
    import os

    from quiz.cli.main import ConsoleScript
    from quiz.config import load
    from quiz.text import safe_line

    # The quiz process keeps the cycle collector off (since open_workspace) until the first
    # screen is drawn: collections while Textual is imported and the first screen built
    # cost 13 ms CPU of the first question drawn (issue 16), and start-up leaves little
    # for them to free. The app then collects once, freezes what start-up made and turns
    # the collector back on (``_started``); main() hands it back as it found it at the end.
    context = click.get_current_context(silent=True)
    console = context is not None and isinstance(context.obj, ConsoleScript)
    switch = sys.getswitchinterval()
    if console:
        gc.disable()
        # Textual's writer thread puts each frame on the terminal; while the first screen
        # is finished on the main thread, it waited up to a switch interval (5 ms) for the
        # interpreter lock before writing the first frame. Until then it gets it sooner.
        sys.setswitchinterval(FIRST_FRAME_SWITCH_SECONDS)
    from quiz.tui.app import make_app  # Textual loads here, only for drawing commands

    workspace.settle()  # the store's check, run meanwhile: done before any session is made

    config = load()  # read again (a small file): open_workspace printed its warnings
    app = make_app(workspace, certainty=certainty, theme=theme,
                   saved_theme=config.theme.value, lrs=config.lrs,
                   ask_learner=os.environ.get("QUIZ_SERVED") == "1",
                   after_first_frame=partial(_started, switch) if console else None,
                   **start)
    try:
        app.run()  # the app's shutdown ends its sessions and closes the store
    finally:
        sys.setswitchinterval(switch)
        workspace.close()
    if app.exam_in_progress():
        click.echo("quiz: your exam is saved; continue it with `quiz exam --resume`", err=True)
    for problem in workspace.problems():
        click.echo(safe_line(f"quiz: warning: {problem}"), err=True)


FIRST_FRAME_SWITCH_SECONDS = 0.0005
"""The interpreter's thread switch interval until the app's first frame (then the default)."""


def _started(switch: float) -> None:
    """After the app's first frame: the switch interval back to ``switch``; collect what
    start-up left, freeze the rest out of the collector's sight (as the catalog was) and
    turn the collector back on."""
    sys.setswitchinterval(switch)
    gc.collect()
    gc.freeze()
    gc.enable()


def _check_ids(workspace: Workspace, bank_id: str | None, objectives: tuple[str, ...],
               scenario: str | None) -> None:
    from quiz.bank.suggest import did_you_mean

    bank = workspace.bank(bank_id)
    known = [o.id for o in bank.lesson.objectives]
    for objective in objectives:
        if objective not in known:
            raise QuizError(f"no objective '{objective}' in bank '{bank.id}'"
                            + did_you_mean(objective, known))
    if scenario is not None and scenario not in workspace.catalog.scenarios:
        raise QuizError(f"no scenario '{scenario}'"
                        + did_you_mean(scenario, list(workspace.catalog.scenarios)))


@click.command()
@_banks_argument
@theme_option
@_learner_options
def home(banks: tuple[Path, ...], theme: str | None, learner: str | None, db: Path | None,
         certainty: bool) -> None:
    """Open the app's home screen: banks, modes, filters, resume.

    This is what plain `quiz` runs, on the bundled banks unless BANK_PATHs are given.

    Example: quiz home --learner ana
    """
    workspace = open_workspace(banks, learner, db, draw=True)
    check_face("home", False)
    run_app(workspace, certainty, theme=theme, start="home")


@click.command()
@_banks_argument
@click.option("--phase", type=click.Choice(["training", "inference"]),
              help="Only questions on this side of the rule.")
@click.option("--objective", "objectives", multiple=True, metavar="ID",
              help="Only questions serving this objective (repeatable: any of them).")
@click.option("--scenario", metavar="ID", help="Only questions set in this scenario.")
@click.option("--count", type=click.IntRange(min=1), metavar="N",
              help="At most N questions (default: all that match).")
@click.option("--seed", type=int, metavar="S", help="Seed for a repeatable order.")
@click.option("--no-generated", is_flag=True,
              help="Leave out questions generated from scenario statements.")
@click.option("--bank", "bank_id", metavar="ID",
              help="Which loaded bank to practise (default: the first).")
@click.option("--adaptive", is_flag=True,
              help="Draw toward your weakest objectives and phase, and questions you have "
                   "not seen (the filters still apply).")
@plain_option
@theme_option
@_learner_options
def practice(banks: tuple[Path, ...], phase: str | None, objectives: tuple[str, ...],
             scenario: str | None, count: int | None, seed: int | None, no_generated: bool,
             bank_id: str | None, adaptive: bool, plain: bool, theme: str | None,
             learner: str | None, db: Path | None, certainty: bool) -> None:
    """Practise with feedback after every answer.

    Opens straight on the first question. Enter submits; the feedback panel explains the
    answer and the rule; Enter goes on.

    Example: quiz practice --phase inference --objective LO6 --count 10 --seed 7
    """
    from quiz.engine.select import Filters
    from quiz.model import Phase

    workspace = open_workspace(banks, learner, db, draw=not plain)
    _check_ids(workspace, bank_id, objectives, scenario)
    check_face("practice", plain)
    filters = Filters(phase=Phase(phase) if phase else None, objectives=objectives,
                      scenario=scenario, include_generated=not no_generated, count=count)
    if adaptive:
        study(plain, workspace, certainty, theme=theme,
              session=workspace.adaptive(filters, seed, bank_id))
        return
    study(plain, workspace, certainty, theme=theme, start="practice", filters=filters,
          seed=seed, bank_id=bank_id)


@click.command()
@_banks_argument
@click.option("--seed", type=int, metavar="S", help="Seed for a repeatable exam.")
@click.option("--resume", is_flag=True, help="Continue your unfinished exam where it stopped.")
@click.option("--bank", "bank_id", metavar="ID", help="Which loaded bank (default: the first).")
@click.option("--questions", type=click.IntRange(1, 500), metavar="N",
              help="N questions instead of the bank's number, the blueprint's shares kept.")
@click.option("--minutes", type=click.IntRange(1, 600), metavar="M",
              help="M minutes (default: the bank's time, scaled to --questions).")
@plain_option
@theme_option
@_learner_options
def exam(banks: tuple[Path, ...], seed: int | None, resume: bool, bank_id: str | None,
         questions: int | None, minutes: int | None, plain: bool, theme: str | None,
         learner: str | None, db: Path | None, certainty: bool) -> None:
    """Sit a timed mock exam, drawn to the bank's blueprint.

    Feedback waits until you submit, as in a certification exam. Flag questions, go back,
    change answers; the countdown submits at zero. An exam left by quitting (or a crash)
    continues with --resume, with the time that was left.

    Example: quiz exam --seed 42 --questions 15 --minutes 20
    """
    if resume and (questions is not None or minutes is not None):
        raise click.UsageError("--questions and --minutes make a new exam; a resumed exam "
                               "keeps its own")
    workspace = open_workspace(banks, learner, db, draw=not plain)
    _check_ids(workspace, bank_id, (), None)
    check_face("exam", plain)
    if not resume and workspace.unfinished_exam() is not None:
        resume_command = "quiz exam --resume --plain" if plain else "quiz exam --resume"
        click.echo(f"quiz: note: you have an unfinished exam; `{resume_command}` continues "
                   "it", err=True)
    if questions is not None or minutes is not None:
        study(plain, workspace, certainty, theme=theme, session=workspace.exam(
            seed, bank_id, questions=questions, minutes=minutes))
        return
    study(plain, workspace, certainty, theme=theme, start="resume" if resume else "exam",
          seed=seed, bank_id=bank_id)


@click.command("review-mistakes")
@_banks_argument
@click.option("--seed", type=int, metavar="S", help="Seed for a repeatable order.")
@click.option("--bank", "bank_id", metavar="ID", help="Which loaded bank (default: the first).")
@plain_option
@_learner_options
def review_mistakes(banks: tuple[Path, ...], seed: int | None, bank_id: str | None,
                    plain: bool, learner: str | None, db: Path | None,
                    certainty: bool) -> None:
    """Practise the questions whose latest answer was wrong.

    Example: quiz review-mistakes --learner ana
    """
    workspace = open_workspace(banks, learner, db, draw=not plain)
    _check_ids(workspace, bank_id, (), None)
    check_face("review-mistakes", plain)
    study(plain, workspace, certainty, start="mistakes", seed=seed, bank_id=bank_id)
