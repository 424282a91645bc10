"""Checking and repairing a progress store without ever making things worse.

``check`` opens the file read-only (quiz.store.readonly: nothing is written beside it, and a
store in a read-only folder is as healthy as any) and reports: is it a regular file and a
SQLite database, does ``PRAGMA integrity_check`` pass, is the schema version one we know, are
there orphaned rows or values quiz never writes (a negative time, a score outside 0..1).
``repair`` first copies the file aside (a backup named with the time; a backup that fails
midway is removed), then deletes orphaned rows and closes ended sessions left open, or, for a
damaged or tampered file, salvages every sound row into a fresh store (quiz.store.salvage:
bad values are set to neutral ones, only rows that cannot be kept are dropped, and each change
is listed) and puts the original aside. Nothing is changed when the check finds nothing to do,
and a repair that cannot write (a read-only folder) says so, in words that match what the
check found, instead of starting.

A full disk is not damage: when SQLite cannot even read the file (a disk I/O error, "database
or disk is full") and the file system has no room left, ``check`` says the disk is full and
that a repair would not help.

A file that holds no quiz tables but is in WAL mode is almost always a copy taken while quiz
was running, without its ``-wal`` file: the answers are in that file. ``check`` says so; a
repair could only make things worse.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quiz.errors import StoreError
from quiz.store.db import close, connect
from quiz.store.readonly import open_file, regular_store_file
from quiz.store.salvage import salvage_into
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
    "responses with a negative position": ("responses", "position < 0"),
    "responses with a confidence other than 1, 2 or 3": (
        "responses", "confidence IS NOT NULL AND confidence NOT IN (1, 2, 3)"),
    "sessions with a negative time": ("sessions", "elapsed < 0 OR time_limit < 0"),
}
"""Values quiz never writes (the CHECK constraints of schema 3 refuse them); repaired by
salvage, which leaves those rows out."""
UNCLOSED = ("sessions", "status != 'active' AND closed = 0")
"""Sessions that have ended but are not marked closed: schema 3's guards would still let
them take answers (only another program writes such a row); repaired by closing them."""
TABLES = ("learners", "sessions", "responses", "flags", "cards")
LOW_SPACE = 64 * 1024
"""Free bytes below which a file system counts as full (SQLite needs a few pages)."""
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
    kind: str = "file"
    """What is at the path, for the words of a refusal ("file", "directory", ...)."""
    unclosed: int = 0
    disk_full: bool = False

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        newer = self.version is not None and self.version > SCHEMA_VERSION
        return not self.healthy and not newer and not self.hopeless

    @property
    def damaged(self) -> bool:
        return not self.readable or bool(self.integrity)

    def state(self) -> str:
        """What the check found, in a few words (for a refusal)."""
        if self.disk_full:
            return "the disk it is on is full"
        if self.damaged:
            return "the store is damaged"
        if self.tampered:
            return "the store holds values quiz never writes"
        return "the store itself reads fine"

    def refusal(self) -> str:
        """Why nothing was repaired, worded for what is at the path."""
        if self.kind == "missing":
            return "there is no store at this path, so nothing to repair"
        if self.disk_full:
            return ("the disk is full, so a repair could not write its backup and would not "
                    "help; free some space and run `quiz doctor` again. The store was left "
                    "untouched")
        return f"nothing can be repaired safely here; the {self.kind} was left untouched"


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
        result.kind = _kind(path)
        result.problems.append(str(exc).removeprefix(f"{path}: "))
        return result
    if not exists:
        result.readable, result.hopeless, result.kind = False, True, "missing"
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
            if "sessions" in existing and "closed" in {
                    r[1] for r in conn.execute("PRAGMA table_info(sessions)")}:
                result.unclosed = conn.execute(
                    f"SELECT count(*) FROM {UNCLOSED[0]} WHERE {UNCLOSED[1]}").fetchone()[0]
                if result.unclosed:
                    result.problems.append(
                        f"{result.unclosed} ended session(s) not marked closed (quiz never "
                        "writes these; they could still take answers)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        result.readable = False
        if _full(path, exc):
            result.disk_full = result.hopeless = True
            result.problems.append(
                f"the disk holding {path.parent} is full ({exc}): SQLite cannot even read "
                "the store without room for its shared-memory file. Free some space and run "
                "`quiz doctor` again; this is not damage, so do not repair")
            return result
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


def _kind(path: Path) -> str:
    """"directory", "FIFO", "device"...: what is at ``path`` instead of a store file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "file"


def free_bytes(folder: Path) -> int | None:
    """Room left for an ordinary user on the file system of ``folder`` (None: unknown)."""
    try:
        info = os.statvfs(folder)
    except OSError:
        return None
    return info.f_bavail * info.f_frsize


def _full(path: Path, exc: BaseException) -> bool:
    """Did ``exc`` come from a full disk rather than from the file?"""
    text = str(exc)
    said = (getattr(exc, "errno", None) == errno.ENOSPC
            or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            or "full" in text or "disk I/O error" in text)
    room = free_bytes(path.resolve().parent)
    return said and room is not None and room < LOW_SPACE


def backup(path: Path) -> Path:
    """Copy the store (and its WAL and shared-memory files) aside; return the copy's path.

    A copy that fails (a full disk) is removed before the error is passed on: a partial
    backup beside the store would look like a good one.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.backup-{stamp}")
    made: list[Path] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(path) + suffix)
            if source.exists():
                copy = Path(str(target) + suffix)
                made.append(copy)
                shutil.copy2(source, copy)
    except BaseException:
        for copy in made:
            copy.unlink(missing_ok=True)
        raise
    return target


def writable_folder(path: Path, found: Checkup | None = None) -> str | None:
    """Why a repair cannot write beside ``path`` (None when it can), with what the check
    found."""
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK) or not _can_create(folder):
        state = found.state() if found is not None else "the store was not checked"
        return (f"the folder {folder} cannot be written, and a repair must write a backup "
                "and a new store there; copy the store (and its -wal file, if any) to a "
                f"writable folder and repair the copy ({state})")
    return None


def _can_create(folder: Path) -> bool:
    """``os.access`` trusts the mode bits, which do not stop root; an immutable folder
    (chattr +i) or a read-only mount does: try."""
    probe = folder / f".quiz-doctor-probe-{os.getpid()}"
    try:
        probe.touch(exist_ok=False)
    except FileExistsError:
        return True
    except OSError:
        return False
    probe.unlink(missing_ok=True)
    return True


def repair(path: Path, found: Checkup) -> list[str]:
    """Repair what can be repaired safely, after a backup; return what was done.

    Raises ``StoreError`` when the folder cannot be written (nothing is touched then).
    """
    if not found.repairable:
        return []
    refused = writable_folder(path, found)
    if refused is not None:
        raise StoreError(f"{path}: cannot repair: {refused}")
    try:
        done = [f"backed up to {backup(path)}"]
    except OSError as exc:
        room = " (the disk is full)" if _full(path, exc) else ""
        raise StoreError(f"{path}: cannot repair: the backup could not be written "
                         f"({exc.strerror or exc}){room}; nothing was changed, and the "
                         "partial backup was removed") from None
    if found.readable and not found.integrity and not found.tampered:
        conn = connect(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for label, (table, where) in ORPHANS.items():
                if label in found.orphans:
                    conn.execute(f"DELETE FROM {table} WHERE {where}")
                    done.append(f"deleted {found.orphans[label]} {label}")
            closed = conn.execute(f"UPDATE {UNCLOSED[0]} SET closed = 1 WHERE {UNCLOSED[1]}"
                                  ).rowcount
            if closed:
                done.append(f"marked {closed} ended session(s) closed")
            conn.execute("COMMIT")
        finally:
            close(conn)
        return done
    return done + _salvage(path)


def _salvage(path: Path) -> list[str]:
    """Copy every sound row into a fresh store; keep the damaged file aside."""
    fresh = path.with_name(path.name + ".salvaged")
    fresh.unlink(missing_ok=True)
    try:
        source: sqlite3.Connection | None = open_file(path)
    except sqlite3.DatabaseError:
        source = None
    try:
        notes = salvage_into(source, fresh)
    finally:
        if source is not None:
            source.close()
    damaged = path.with_name(path.name + ".damaged")
    path.replace(damaged)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    fresh.replace(path)
    notes.append(f"the damaged file was kept as {damaged}")
    return notes
