"""``quiz sync``: send the answers waiting in the outbox to the school's LRS, now."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.errors import QuizError

if TYPE_CHECKING:
    import sqlite3

    from quiz.config import LrsConfig


@click.command()
@click.option("--db", "db", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
              help="The progress store (default: the config's store, $QUIZ_DB or the user "
                   "data folder).")
@click.option("--retry-failed", is_flag=True,
              help="Put statements the LRS refused back in the queue first (after the "
                   "cause was fixed).")
@click.option("--backfill", is_flag=True,
              help="First queue the answers given before the LRS was configured (each "
                   "session once; the LRS never gets one twice).")
def sync(db: Path | None, retry_failed: bool, backfill: bool) -> None:
    """Send the xAPI statements waiting in the outbox to the Learning Record Store configured
    in the [lrs] section (see `quiz config`), and print how many were sent, are still
    pending and failed. The app sends in the background; this sends now, e.g. before a
    laptop goes offline. Credentials are never printed.

    Exit status: 0 when nothing is left pending or failed, 1 when sending stopped on a
    configuration error, 2 when statements are left (offline, or refused).

    Example: quiz sync --db class-laptop.sqlite3
    """
    # imported here: only this command pays for the HTTP client
    from quiz.config import load
    from quiz.paths import default_db
    from quiz.store import outbox
    from quiz.store.db import close, connect
    from quiz.store.readonly import regular_store_file
    from quiz.text import safe_line
    from quiz.xapi.sender import Sender

    config = load()
    for warning in config.warnings:
        click.echo(safe_line(f"quiz: warning: {warning}"), err=True)
    lrs = config.lrs
    if not lrs.configured:
        raise QuizError(f"no LRS is configured: set [lrs] endpoint in {config.path} or "
                        "QUIZ_LRS_ENDPOINT (see docs/classroom.md)")
    store = db or config.store.value or default_db()
    if regular_store_file(store) is None:
        raise QuizError(f"{store}: no progress store here; pass --db PATH")
    conn = connect(store, create=False)
    try:
        if not outbox.has_outbox(conn):
            raise QuizError(f"{store}: this store has no outbox yet (answers were not "
                            "queued for an LRS); upgrade quiz")
        if retry_failed:
            conn.execute("BEGIN IMMEDIATE")
            outbox.retry_failed(conn)
            conn.execute("COMMIT")
        if backfill:
            _backfill(conn, lrs)
        with Sender(lrs) as sender:
            result = sender.drain(conn, ignore_backoff=True)
    finally:
        close(conn)
    line = (f"sent {result.sent}, pending {result.pending}, failed {result.failed}"
            + (f" ({result.already} were already in the LRS)" if result.already else ""))
    click.echo(safe_line(line))
    if result.stopped:
        raise QuizError(result.stopped)
    if result.last_error and (result.pending or result.failed):
        click.echo(safe_line(f"quiz: last error: {result.last_error}"), err=True)
    if result.pending or result.failed:
        raise SystemExit(2)


def _backfill(conn: sqlite3.Connection, lrs: LrsConfig) -> None:
    """Queue every stored session that has nothing queued yet (in one transaction)."""
    from quiz.bank.cache import load_cached
    from quiz.xapi.journal import XapiJournal
    from quiz.xapi.settings import course_of

    # the bundled banks say each question's type and each exam's pass mark (a question or
    # bank that is not loaded is sent as a choice item, and its exam without passed/failed)
    catalog = load_cached([]).catalog
    kinds = {q.id: q.type.value for bank in catalog.banks for q in bank.questions}
    marks = {bank.id: bank.exam.pass_percent / 100 for bank in catalog.banks}
    journal = XapiJournal(course_of(lrs))
    conn.execute("BEGIN IMMEDIATE")
    try:
        journal.backfill(conn, kinds.get, marks.get)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
