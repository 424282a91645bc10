"""``quiz config``: where the configuration file is, and what is in force."""

from __future__ import annotations

import click


@click.command("config")
@click.option("--path", "only_path", is_flag=True, help="Print only the file's path.")
def config(only_path: bool) -> None:
    """Show the configuration file's path and every setting in force, with where it came
    from: the file, the environment (QUIZ_LEARNER, QUIZ_DB, QUIZ_LRS_ENDPOINT,
    QUIZ_LRS_USERNAME, QUIZ_LRS_PASSWORD, QUIZ_LRS_TOKEN, QUIZ_LRS_COURSE; the environment
    wins) or the default. Passwords and tokens are masked. $QUIZ_CONFIG names another file.
    The keys are described in docs/classroom.md.

    Example: quiz config
    """
    from quiz.config import config_path, describe, load
    from quiz.text import safe_line

    if only_path:
        click.echo(safe_line(str(config_path())))
        return
    loaded = load()
    state = "" if loaded.exists else " (no file yet: defaults and environment only)"
    click.echo(safe_line(f"file: {loaded.path}{state}"))
    rows = describe(loaded)
    width = max(len(key) for key, _, _ in rows)
    for key, value, origin in rows:
        click.echo(safe_line(f"{key:<{width}}  {value}  [{origin}]"))
    for warning in loaded.warnings:
        click.echo(safe_line(f"quiz: warning: {warning}"), err=True)
