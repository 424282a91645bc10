"""Checking and repairing a progress store without ever making things worse.

``check`` opens the file read-only (quiz.store.readonly: nothing is written beside it, and a
store in a read-only folder is as healthy as any) and reports: is it a regular file and a
SQLite database, does ``PRAGMA integrity_check`` pass, is the schema version one we know, are
there orphaned rows or values quiz never writes (a negative time, a score outside 0..1).
``repair`` first copies the file aside (a backup named with the time), then deletes orphaned
rows, or, for a damaged or tampered file, salvages every sound row into a fresh store and puts
the original aside. Nothing is changed when the check finds nothing to do, and a repair that
cannot write (a read-only folder) says so instead of starting.

A file that holds no quiz tables but is in WAL mode is almost always a copy taken while quiz
was running, without its ``-wal`` file: the answers are in that file. ``check`` says so; a
repair could only make things worse.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quiz.errors import StoreError
from quiz.store.db import close, connect
from quiz.store.readonly import open_file, regular_store_file
from quiz.store.schema import SCHEMA_VERSION

ORPHANS = {
    "responses without a session": (
        "responses", "session_id NOT IN (SELECT id FROM sessions)"),
    "responses without a learner": (
        "responses", "learner_id NOT IN (SELECT id FROM learners)"),
    "sessions without a learner": ("sessions", "learner_id NOT IN (SELECT id FROM learners)"),
    "flags without a session": ("flags", "session_id NOT IN (SELECT id FROM sessions)"),
    "cards without a learner": ("cards", "learner_id NOT IN (SELECT id FROM learners)"),
}
TAMPERED = {
    "responses with a score outside 0..1": ("responses", "NOT (score BETWEEN 0 AND 1)"),
    "responses with a negative time": ("responses", "time_ms < 0"),
    "sessions with a negative time": ("sessions", "elapsed < 0 OR time_limit < 0"),
}
"""Values quiz never writes (the CHECK constraints of schema 3 refuse them); repaired by
salvage, which leaves those rows out."""
TABLES = ("learners", "sessions", "responses", "flags", "cards")
WAL_HEADER = 18
"""Offset of the file-format bytes in an SQLite header; 2 there means WAL mode."""


@dataclass
class Checkup:
    """What a check found."""

    path: Path
    readable: bool = True
    integrity: list[str] = field(default_factory=list)
    version: int | None = None
    orphans: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    tampered: dict[str, int] = field(default_factory=dict)
    hopeless: bool = False
    """Nothing a repair could do (not a store file, a copy missing its log...)."""

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        newer = self.version is not None and self.version > SCHEMA_VERSION
        return not self.healthy and not newer and not self.hopeless


def _wal_mode(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(WAL_HEADER + 2)
    except OSError:
        return False
    return len(head) == WAL_HEADER + 2 and head[WAL_HEADER] == 2


def check(path: Path) -> Checkup:
    """Inspect the store at ``path`` without writing to it (or beside it)."""
    result = Checkup(path)
    try:
        exists = regular_store_file(path) is not None
    except StoreError as exc:
        result.readable, result.hopeless = False, True
        result.problems.append(str(exc).removeprefix(f"{path}: "))
        return result
    if not exists:
        result.readable, result.hopeless = False, True
        result.problems.append("no store at this path")
        return result
    existing: set[str] = set()
    try:
        conn = open_file(path)
        try:
            result.version = conn.execute("PRAGMA user_version").fetchone()[0]
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                result.integrity = rows[:20]
                result.problems.append(f"integrity check failed ({len(rows)} finding(s))")
            existing = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in TABLES:
                if table in existing:
                    result.counts[table] = conn.execute(
                        f"SELECT count(*) FROM {table}").fetchone()[0]
            for label, (table, where) in ORPHANS.items():
                if table in existing:
                    sql = f"SELECT count(*) FROM {table} WHERE {where}"
                    count = conn.execute(sql).fetchone()[0]
                    if count:
                        result.orphans[label] = count
                        result.problems.append(f"{count} {label}")
            for label, (table, where) in TAMPERED.items():
                if table in existing:
                    count = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}"
                                         ).fetchone()[0]
                    if count:
                        result.tampered[label] = count
                        result.problems.append(f"{count} {label} (quiz never writes these)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        result.readable = False
        result.problems.append(f"cannot be read as a database: {exc}")
    if result.readable and not existing:
        result.hopeless = True
        result.version = None  # "schema 0" would only mislead
        if _wal_mode(path):
            result.problems.append(
                "holds no quiz data: this looks like a copy taken while quiz was running, "
                f"without its -wal file ({path.name}-wal), where the answers were. Copy it "
                "again after quitting quiz (quitting puts every answer into the store file), "
                "or copy it with `sqlite3 STORE \".backup COPY\"`; do not repair this copy")
        else:
            result.problems.append("holds no quiz data: not a quiz progress store")
        return result
    if result.version is not None and result.version > SCHEMA_VERSION:
        result.problems.append(
            f"written by a newer quiz (schema {result.version}, this one knows {SCHEMA_VERSION})"
            "; upgrade quiz, do not repair")
    elif result.version is not None and result.readable and result.version < SCHEMA_VERSION:
        result.problems.append(f"schema {result.version} is older than {SCHEMA_VERSION}; "
                               "it is upgraded the next time the app opens it")
    return result


def backup(path: Path) -> Path:
    """Copy the store (and its WAL and shared-memory files) aside; return the copy's path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.backup-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            shutil.copy2(source, Path(str(target) + suffix))
    return target


def writable_folder(path: Path) -> str | None:
    """Why a repair cannot write beside ``path`` (None when it can)."""
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK):
        return (f"the folder {folder} cannot be written, and a repair must write a backup "
                "and a new store there; copy the store to a writable folder and repair the "
                "copy (the store itself reads fine)")
    return None


def repair(path: Path, found: Checkup) -> list[str]:
    """Repair what can be repaired safely, after a backup; return what was done.

    Raises ``StoreError`` when the folder cannot be written (nothing is touched then).
    """
    if not found.repairable:
        return []
    refused = writable_folder(path)
    if refused is not None:
        raise StoreError(f"{path}: cannot repair: {refused}")
    try:
        done = [f"backed up to {backup(path)}"]
    except OSError as exc:
        raise StoreError(f"{path}: cannot repair: the backup could not be written "
                         f"({exc.strerror or exc}); nothing was changed") from None
    if found.readable and not found.integrity and not found.tampered:
        conn = connect(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for label, (table, where) in ORPHANS.items():
                if label in found.orphans:
                    conn.execute(f"DELETE FROM {table} WHERE {where}")
                    done.append(f"deleted {found.orphans[label]} {label}")
            conn.execute("COMMIT")
        finally:
            close(conn)
        return done
    return done + _salvage(path)


def _salvage(path: Path) -> list[str]:
    """Copy every readable row into a fresh store; keep the damaged file aside."""
    fresh = path.with_name(path.name + ".salvaged")
    fresh.unlink(missing_ok=True)
    out = connect(fresh)
    notes = []
    try:
        source: sqlite3.Connection | None = open_file(path)
    except sqlite3.DatabaseError:
        source = None
    for table in TABLES:
        copied = 0
        if source is not None:
            try:
                have = {r[1] for r in source.execute(f"PRAGMA table_info({table})")}
                # the columns both stores have, in the fresh store's order (an older store
                # lacks the newer ones, which then take their defaults)
                columns = [r[1] for r in out.execute(f"PRAGMA table_info({table})")
                           if r[1] in have and r[1] != "closed"]
                cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
                marks = ", ".join("?" for _ in columns)
                out.execute("BEGIN")
                while True:
                    try:
                        row = cursor.fetchone()
                    except sqlite3.DatabaseError:
                        break  # the rest of this table is unreadable
                    if row is None:
                        break
                    try:
                        # OR IGNORE also skips rows a CHECK refuses (tampered values)
                        cursor_out = out.execute(
                            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)})"
                            f" VALUES ({marks})", row)
                        copied += max(cursor_out.rowcount, 0)
                    except sqlite3.DatabaseError:
                        continue
                out.execute("COMMIT")
            except sqlite3.DatabaseError:
                if out.in_transaction:
                    out.execute("COMMIT")
        notes.append(f"salvaged {copied} row(s) of {table}")
    if source is not None:
        source.close()
    # sessions came in open, so that their answers and flags could; close the ended ones
    out.execute("UPDATE sessions SET closed = 1 WHERE status != 'active'")
    close(out)
    damaged = path.with_name(path.name + ".damaged")
    path.replace(damaged)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    fresh.replace(path)
    notes.append(f"the damaged file was kept as {damaged}")
    return notes
