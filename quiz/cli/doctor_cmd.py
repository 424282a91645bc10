"""``quiz doctor``: check the progress store, back it up and repair what is safe to repair."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The progress store (default: $QUIZ_DB or the user data folder).")
@click.option("--repair", is_flag=True, help="Back the store up, then repair what is safe.")
def doctor(db_path: Path | None, repair: bool) -> None:
    """Check the progress store: integrity, schema version and orphaned rows.

    Without --repair nothing is written. With --repair the store is first copied aside
    (PATH.backup-TIME), then orphaned rows are deleted, or, if the file is damaged, every
    readable row is salvaged into a fresh store and the damaged file is kept as PATH.damaged.
    Exits 0 when the store is healthy (or was repaired), 1 otherwise.

    Example: quiz doctor --repair
    """
    from quiz.paths import default_db
    from quiz.store import doctor as store_doctor

    path = db_path or default_db()
    found = store_doctor.check(path)
    click.echo(f"store: {path}")
    if found.version is not None:
        click.echo(f"schema version: {found.version}")
    for table, count in found.counts.items():
        click.echo(f"  {table}: {count} row(s)")
    if found.healthy:
        click.echo("healthy: nothing to do")
        return
    for problem in found.problems:
        click.echo(f"problem: {problem}")
    for line in found.integrity:
        click.echo(f"  integrity: {line}")
    if not repair:
        if found.repairable and not found.disk_full:
            click.echo("run `quiz doctor --repair` to back the store up and repair it")
        raise SystemExit(1)
    if not found.repairable:
        click.echo(found.refusal())
        raise SystemExit(1)
    for note in store_doctor.repair(path, found):
        click.echo(f"repaired: {note}")
    after = store_doctor.check(path)
    click.echo("healthy now" if after.healthy else "still: " + "; ".join(after.problems))
    if not after.healthy:
        raise SystemExit(1)
