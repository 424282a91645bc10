"""Checking and repairing a progress store without ever making things worse.

``check`` opens the file read-only and reports: is it a SQLite database, does
``PRAGMA integrity_check`` pass, is the schema version one we know, are there orphaned rows.
``repair`` first copies the file aside (a backup named with the time), then deletes orphaned
rows, or, for a damaged file, salvages every row it can read into a fresh store and puts the
damaged original aside. Nothing is changed when the check finds nothing to do.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quiz.store.db import connect
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
TABLES = ("learners", "sessions", "responses", "flags", "cards")


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

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        newer = self.version is not None and self.version > SCHEMA_VERSION
        return not self.healthy and not newer


def check(path: Path) -> Checkup:
    """Inspect the store at ``path`` without writing to it."""
    result = Checkup(path)
    if not path.exists():
        result.readable = False
        result.problems.append("no store at this path")
        return result
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        result.readable = False
        result.problems.append(f"cannot be read as a database: {exc}")
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


def repair(path: Path, found: Checkup) -> list[str]:
    """Repair what can be repaired safely, after a backup; return what was done."""
    if not found.repairable:
        return []
    done = [f"backed up to {backup(path)}"]
    if found.readable and not found.integrity:
        conn = connect(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for label, (table, where) in ORPHANS.items():
                if label in found.orphans:
                    conn.execute(f"DELETE FROM {table} WHERE {where}")
                    done.append(f"deleted {found.orphans[label]} {label}")
            conn.execute("COMMIT")
        finally:
            conn.close()
        return done
    return done + _salvage(path)


def _salvage(path: Path) -> list[str]:
    """Copy every readable row into a fresh store; keep the damaged file aside."""
    fresh = path.with_name(path.name + ".salvaged")
    fresh.unlink(missing_ok=True)
    out = connect(fresh)
    notes = []
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        source = None
    for table in TABLES:
        copied = 0
        if source is not None:
            try:
                columns = [r[1] for r in out.execute(f"PRAGMA table_info({table})")]
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
                        out.execute(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", row)
                        copied += 1
                    except sqlite3.DatabaseError:
                        continue
                out.execute("COMMIT")
            except sqlite3.DatabaseError:
                if out.in_transaction:
                    out.execute("COMMIT")
        notes.append(f"salvaged {copied} row(s) of {table}")
    if source is not None:
        source.close()
    out.close()
    damaged = path.with_name(path.name + ".damaged")
    path.replace(damaged)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    fresh.replace(path)
    notes.append(f"the damaged file was kept as {damaged}")
    return notes
