"""``quiz sync``: sends what is pending, prints counts, exit status, never a credential."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quiz.cli import main
from tests.xapi.xapi_helpers import PASSWORD, FakeLrs, journaled_workspace, study


@pytest.fixture
def cli() -> click.Group:
    assert main.COMMANDS["sync"].target == "quiz.cli.sync_cmd:sync"
    return main.cli


def _env(fake: FakeLrs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_LRS_ENDPOINT", fake.url)
    monkeypatch.setenv("QUIZ_LRS_USERNAME", "quiz")
    monkeypatch.setenv("QUIZ_LRS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QUIZ_LRS_COURSE", "https://school.example/courses/ai-101")


def _store(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "p.sqlite3"
    ws = journaled_workspace(db, "ana")
    study(ws, seed=2, answers=3)
    ws.close()
    with sqlite3.connect(db) as conn:
        return db, int(conn.execute("SELECT count(*) FROM xapi_outbox").fetchone()[0])


def test_sync_sends_everything_and_prints_counts(tmp_path: Path, fake_lrs: FakeLrs,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 cli: click.Group) -> None:
    _env(fake_lrs, monkeypatch)
    db, total = _store(tmp_path)
    (tmp_path / "config.toml").write_text('[lrs.actor]\nhome_page = "https://school.example"\n')
    result = CliRunner().invoke(cli, ["sync", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"sent {total}, pending 0, failed 0"
    assert len(fake_lrs.stored) == total
    again = CliRunner().invoke(cli, ["sync", "--db", str(db)])
    assert again.output.strip() == "sent 0, pending 0, failed 0"


def test_sync_with_refused_credentials_says_so_and_exits_1(tmp_path: Path, fake_lrs: FakeLrs,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           cli: click.Group) -> None:
    _env(fake_lrs, monkeypatch)
    db, total = _store(tmp_path)
    (tmp_path / "config.toml").write_text('[lrs.actor]\nhome_page = "https://school.example"\n')
    fake_lrs.script.append(lambda _b: (401, {"detail": f"bad password {PASSWORD}"}))
    result = CliRunner().invoke(cli, ["sync", "--db", str(db)])
    assert result.exit_code == 1
    assert f"sent 0, pending {total}, failed 0" in result.output
    assert "quiz: error: the LRS at" in result.output and "HTTP 401" in result.output
    assert PASSWORD not in result.output


def test_sync_offline_exits_2_and_keeps_everything(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   cli: click.Group) -> None:
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    monkeypatch.setenv("QUIZ_LRS_ENDPOINT", f"http://127.0.0.1:{port}/xAPI/")
    monkeypatch.setenv("QUIZ_LRS_COURSE", "https://school.example/c")
    monkeypatch.setattr("time.sleep", lambda _s: None)
    (tmp_path / "config.toml").write_text('[lrs.actor]\nmbox = "{learner}@school.example"\n')
    db, total = _store(tmp_path)
    result = CliRunner().invoke(cli, ["sync", "--db", str(db)])
    assert result.exit_code == 2
    assert f"sent 0, pending {total}, failed 0" in result.output
    assert "cannot reach the LRS" in result.output


def test_sync_without_an_lrs_says_how_to_configure_one(tmp_path: Path,
                                                       cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["sync", "--db", str(tmp_path / "none.sqlite3")])
    assert result.exit_code == 1 and "no LRS is configured" in result.output


def test_backfill_queues_answers_given_before_the_lrs_was_configured(
        tmp_path: Path, fake_lrs: FakeLrs, monkeypatch: pytest.MonkeyPatch,
        cli: click.Group) -> None:
    _env(fake_lrs, monkeypatch)
    db, total = _store(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM xapi_outbox")
    (tmp_path / "config.toml").write_text('[lrs.actor]\nhome_page = "https://school.example"\n')
    result = CliRunner().invoke(cli, ["sync", "--db", str(db), "--backfill"])
    assert result.exit_code == 0, result.output
    # the exam's first, replaced answer is not in the store any more: one statement fewer
    assert result.output.strip() == f"sent {total - 1}, pending 0, failed 0"
