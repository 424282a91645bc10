"""A full disk, for real: a 1 MiB tmpfs filled to the last byte (the tests run as root).

A reader leaves nothing beside the store (no empty ``-wal``, no stub ``-shm``), ``doctor``
says the disk is full instead of "cannot be read ... run --repair", and a repair whose backup
cannot be written removes the partial backup.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.store.db import close, connect
from tests.store.store_builders import many_answers


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system of its own, unmounted afterwards."""
    where = tmp_path / "full"
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


def _fill(folder: Path) -> None:
    """Write until the file system refuses another byte."""
    with (folder / "filler").open("wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    assert shutil.disk_usage(folder).free < 4096


def _store(disk: Path) -> Path:
    db = disk / "S.sqlite3"
    many_answers(db, sessions=3, per=20)
    return db


def _run(*args: str) -> Result:
    done = CliRunner().invoke(cli, list(args))
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert "internal error" not in done.output
    return done


def test_a_report_on_a_full_disk_leaves_nothing_beside_the_store(disk: Path) -> None:
    db = _store(disk)
    _fill(disk)
    before = sorted(os.listdir(disk))
    done = _run("report", "--learner", "ana", "--db", str(db))
    assert done.exit_code == 0, done.output
    assert sorted(os.listdir(disk)) == before
    checked = _run("doctor", "--db", str(db))
    assert checked.exit_code == 0 and "healthy" in checked.output


def test_doctor_says_the_disk_is_full_and_does_not_suggest_repair(disk: Path) -> None:
    db = _store(disk)
    # what an older reader left: an empty log and a stub shared-memory file
    Path(f"{db}-wal").write_bytes(b"")
    Path(f"{db}-shm").write_bytes(b"\0\0\0")
    _fill(disk)
    done = _run("doctor", "--db", str(db))
    assert done.exit_code == 1
    assert "disk" in done.output and "full" in done.output
    assert "run `quiz doctor --repair`" not in done.output
    repair = _run("doctor", "--repair", "--db", str(db))
    assert repair.exit_code == 1
    assert not [n for n in os.listdir(disk) if ".backup-" in n]


def test_a_failed_backup_is_removed(disk: Path) -> None:
    db = _store(disk)
    conn = connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("DROP TRIGGER responses_update_closed")
    conn.execute("UPDATE responses SET score = 7.5 WHERE id = 1")
    close(conn)
    _fill(disk)
    done = _run("doctor", "--repair", "--db", str(db))
    assert done.exit_code == 1
    assert "backup could not be written" in done.output and "disk is full" in done.output
    assert not [n for n in os.listdir(disk) if ".backup-" in n]
