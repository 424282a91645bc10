"""The instructor reads the class back from the LRS: the same figures as the learners'
stores, one learner per actor, an incremental cache."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.xapi import fetch
from quiz.xapi.sender import Sender
from tests.lrs.ralph_server import PASSWORD, USER, Ralph
from tests.xapi.xapi_helpers import course, journaled_workspace, lrs_config, study

pytestmark = pytest.mark.slow


def _learner(path: Path, name: str, iri: str, seed: int, server: Ralph) -> None:
    ws = journaled_workspace(path, name, course(iri=iri))
    study(ws, seed=seed, answers=3 + seed % 3)
    ws.close()
    conn = sqlite3.connect(path, isolation_level=None)
    with Sender(lrs_config(server.url, USER, PASSWORD, iri)) as sender:
        assert sender.drain(conn).pending == 0
    conn.close()


def _json(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    if isinstance(found, dict):
        # file names: the only thing that differs by design
        found.pop("sources", None)
        if isinstance(found.get("scope"), dict):
            found["scope"].pop("sources", None)
        found.pop("generated_at", None)  # the time each report was made
    return found


def test_report_and_items_from_the_lrs_equal_those_from_the_stores(
        tmp_path: Path, ralph: Ralph, monkeypatch: pytest.MonkeyPatch) -> None:
    iri = f"https://school.example/courses/{uuid.uuid4().hex[:8]}"
    stores = []
    for n, name in enumerate(["ana", "Ben O'Neil", "chen"]):
        stores.append(tmp_path / f"{n}.sqlite3")
        _learner(stores[-1], name, iri, n + 1, ralph)
    monkeypatch.setattr(fetch, "PAGE", 7)  # several pages: ``more`` is followed
    got = fetch.lrs_source(lrs_config(ralph.url, USER, PASSWORD, iri))
    assert got.learners == 3 and got.applied == got.statements > 7
    total = sum(sqlite3.connect(s).execute("SELECT count(*) FROM responses").fetchone()[0]
                for s in stores)
    assert got.responses == total
    from_stores = _json("report", "--class", *map(str, stores))
    from_lrs = _json("report", "--class", str(got.path))
    assert _diff(from_lrs, from_stores) == []
    items_stores = _json("items", *[a for s in stores for a in ("--db", str(s))])
    items_lrs = _json("items", "--db", str(got.path))
    assert items_lrs == items_stores
    # a warm cache: nothing new is applied, the figures stay
    again = fetch.lrs_source(lrs_config(ralph.url, USER, PASSWORD, iri))
    assert again.applied == 0 and again.path == got.path
    assert _diff(_json("report", "--class", str(again.path)), from_stores) == []


def test_one_learner_on_two_laptops_is_one_learner_and_new_answers_arrive(
        tmp_path: Path, ralph: Ralph) -> None:
    iri = f"https://school.example/courses/{uuid.uuid4().hex[:8]}"
    _learner(tmp_path / "laptop1.sqlite3", "ana", iri, 1, ralph)
    _learner(tmp_path / "laptop2.sqlite3", "ana", iri, 2, ralph)
    config = lrs_config(ralph.url, USER, PASSWORD, iri)
    first = fetch.lrs_source(config)
    assert first.learners == 1
    report = _json("report", "--class", str(first.path))
    assert [row["learner"] for row in report["learners"]] == ["ana"]
    # another learner answers later: the next fetch adds only the new statements
    _learner(tmp_path / "ben.sqlite3", "ben", iri, 3, ralph)
    second = fetch.lrs_source(config)
    assert second.learners == 2 and 0 < second.applied <= second.statements
    assert second.responses > first.responses


def _diff(a: Any, b: Any, path: str = "") -> list[str]:
    """Every figure that differs. An exam's ``session_id`` is left out: it is the row id in
    each learner's own store (1, 2… on every laptop), not a figure, and the cache, one store
    for the class, numbers sessions once."""
    if path.endswith(".session_id"):
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b))
                for d in _diff(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _diff(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]
