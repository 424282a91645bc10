"""`quiz report --lrs` and `quiz items --lrs` (issue 13 item 4): the class read back from the
LRS gives every figure that the learners' own stores give, and a missing or unreachable LRS
is a message.

The LRS here is tests/xapi's fake on loopback (tests/lrs does the same against a real Ralph,
through quiz.xapi.fetch; this checks the two commands' flag).
"""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.xapi.sender import Sender
from tests.xapi.lrs_fixtures import fake_lrs_fixture  # noqa: F401  (provides fake_lrs)
from tests.xapi.xapi_helpers import (
    COURSE,
    PASSWORD,
    FakeLrs,
    journaled_workspace,
    lrs_config,
    study,
)


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "absent" / "progress.sqlite3"))
    for name in ("QUIZ_LRS_ENDPOINT", "QUIZ_LRS_USERNAME", "QUIZ_LRS_PASSWORD",
                 "QUIZ_LRS_TOKEN", "QUIZ_LRS_COURSE", "QUIZ_LEARNER"):
        monkeypatch.delenv(name, raising=False)


def _configure(tmp_path: Path, endpoint: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[lrs]\nendpoint = "{endpoint}"\nusername = "quiz"\n'
                      f'password = "{PASSWORD}"\ncourse = "{COURSE}"\n\n'
                      '[lrs.actor]\nhome_page = "https://school.example"\n', encoding="utf-8")
    config.chmod(0o600)


def _class(tmp_path: Path, fake: FakeLrs) -> list[Path]:
    """Three learners study; each store's statements reach the fake LRS."""
    stores = []
    for n, name in enumerate(["ana", "Ben O'Neil", "chen"]):
        db = tmp_path / f"{n}.sqlite3"
        ws = journaled_workspace(db, name)
        study(ws, seed=n + 1, answers=3 + n)
        ws.close()
        conn = sqlite3.connect(db, isolation_level=None)
        with Sender(lrs_config(fake.url)) as sender:
            assert sender.drain(conn).pending == 0
        conn.close()
        stores.append(db)
    return stores


def _json(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    found.pop("sources", None)  # file names: the one thing that differs by design
    found.pop("generated_at", None)
    if isinstance(found.get("scope"), dict):
        found["scope"].pop("sources", None)
    return found


def _drop_session_ids(data: Any) -> Any:
    """An exam's ``session_id`` is its row id in each learner's store (1, 2… on every
    laptop), not a figure; the cache numbers the class's sessions once."""
    if isinstance(data, dict):
        return {k: _drop_session_ids(v) for k, v in data.items() if k != "session_id"}
    if isinstance(data, list):
        return [_drop_session_ids(v) for v in data]
    return data


def test_report_and_items_from_the_lrs_equal_those_from_the_stores(
        tmp_path: Path, fake_lrs: FakeLrs) -> None:
    stores = _class(tmp_path, fake_lrs)
    _configure(tmp_path, fake_lrs.url)
    from_stores = _json("report", "--class", *map(str, stores))
    from_lrs = _json("report", "--lrs")
    assert sorted(p["learner"] for p in from_lrs["learners"]) == ["Ben O'Neil", "ana", "chen"]
    assert from_lrs["class"]["overall"]["answers"] > 0
    assert _drop_session_ids(from_lrs) == _drop_session_ids(from_stores)
    items_stores = _json("items", *[a for s in stores for a in ("--db", str(s))])
    assert _json("items", "--lrs") == items_stores
    for fmt in ("text", "md", "html", "csv"):  # every format takes the flag
        done = CliRunner().invoke(cli, ["report", "--lrs", "--format", fmt])
        assert done.exit_code == 0 and "ana" in done.stdout
        done = CliRunner().invoke(cli, ["items", "--lrs", "--format", fmt])
        assert done.exit_code == 0 and done.stdout


def test_lrs_beside_class_files_counts_each_learner_once_per_source(
        tmp_path: Path, fake_lrs: FakeLrs) -> None:
    stores = _class(tmp_path, fake_lrs)
    _configure(tmp_path, fake_lrs.url)
    both = _json("report", "--class", str(stores[0]), "--lrs")
    # ana's own store and the LRS are two sources: the later one is shown as "ana [file]"
    assert len(both["learners"]) == 4
    assert "new statement(s)" in CliRunner().invoke(cli, ["report", "--lrs"]).stderr


def test_without_an_lrs_configured_the_flag_says_how_to_configure_one(tmp_path: Path) -> None:
    for command in ("report", "items"):
        done = CliRunner().invoke(cli, [command, "--lrs"])
        assert done.exit_code == 1, done.output
        assert "[lrs]" in done.stderr and "Traceback" not in done.output


def test_an_unreachable_lrs_is_a_message(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _configure(tmp_path, f"http://127.0.0.1:{port}/xAPI/")
    for command in ("report", "items"):
        done = CliRunner().invoke(cli, [command, "--lrs"])
        assert done.exit_code == 1, done.output
        assert "cannot reach the LRS" in done.stderr and PASSWORD not in done.output


def test_an_instructor_without_an_actor_reads_the_class(
        tmp_path: Path, fake_lrs: FakeLrs) -> None:
    """Reading a course's statements names no learner: the [lrs.actor] keys, which sending
    needs, are not asked of an instructor's configuration."""
    stores = _class(tmp_path, fake_lrs)
    _configure(tmp_path, fake_lrs.url)
    config = tmp_path / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split("[lrs.actor]")[0], encoding="utf-8")
    assert "actor" not in config.read_text(encoding="utf-8")
    from_lrs = _json("report", "--lrs")
    assert sorted(p["learner"] for p in from_lrs["learners"]) == ["Ben O'Neil", "ana", "chen"]
    assert _json("items", "--lrs") == _json(
        "items", *[a for s in stores for a in ("--db", str(s))])
