"""Answers reach a real LRS (Ralph), each statement valid for Ralph's base xAPI model, and
every failure ends with everything delivered exactly once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from collections import Counter
from pathlib import Path

import pytest

from quiz.xapi.sender import Sender
from tests.lrs.ralph_server import PASSWORD, USER, Ralph, validate_with_ralph
from tests.xapi.xapi_helpers import course, journaled_workspace, lrs_config, study

pytestmark = pytest.mark.slow


def _course_iri() -> str:
    return f"https://school.example/courses/{uuid.uuid4().hex[:8]}"


def _store(path: Path, learner: str, iri: str, seed: int) -> list[str]:
    ws = journaled_workspace(path, learner, course(iri=iri))
    study(ws, seed=seed, answers=4)
    ws.close()
    with sqlite3.connect(path) as conn:
        return [str(i) for (i,) in conn.execute("SELECT id FROM xapi_outbox")]


def _ours(server: Ralph, iri: str) -> Counter[str]:
    return Counter(str(s["id"]) for s in server.statements()
                   if iri in json.dumps(s.get("context", {})))


def test_answers_reach_ralph_once_and_each_statement_is_valid(tmp_path: Path,
                                                             ralph: Ralph) -> None:
    iri = _course_iri()
    ids = _store(tmp_path / "ana.sqlite3", "ana", iri, 1)
    ids += _store(tmp_path / "ben.sqlite3", "Ben O'Neil", iri, 2)
    for name in ("ana", "ben"):
        conn = sqlite3.connect(tmp_path / f"{name}.sqlite3", isolation_level=None)
        with Sender(lrs_config(ralph.url, USER, PASSWORD, iri), batch=7) as sender:
            result = sender.drain(conn)
        assert (result.failed, result.pending, result.stopped) == (0, 0, None), result
        bodies = [json.loads(b) for (b,) in conn.execute("SELECT body FROM xapi_outbox")]
        assert validate_with_ralph(bodies) == [None] * len(bodies)
        conn.close()
    assert _ours(ralph, iri) == Counter(ids)  # every statement, each once


def test_lrs_down_then_up_delivers_everything_once(tmp_path: Path, own_ralph: Ralph) -> None:
    iri = _course_iri()
    ids = _store(tmp_path / "p.sqlite3", "ana", iri, 3)
    conn = sqlite3.connect(tmp_path / "p.sqlite3", isolation_level=None)
    own_ralph.stop()
    with Sender(lrs_config(own_ralph.url, USER, PASSWORD, iri), batch=5) as sender:
        down = sender.drain(conn, sleep=lambda _s: None)
    assert (down.sent, down.pending) == (0, len(ids)) and "cannot reach" in str(down.last_error)
    own_ralph.start()
    with Sender(lrs_config(own_ralph.url, USER, PASSWORD, iri), batch=5) as sender:
        up = sender.drain(conn, ignore_backoff=True)
    assert (up.sent, up.pending, up.failed) == (len(ids), 0, 0)
    assert _ours(own_ralph, iri) == Counter(ids)


def test_a_sender_killed_mid_send_loses_and_duplicates_nothing(tmp_path: Path,
                                                              ralph: Ralph) -> None:
    iri = _course_iri()
    ids = _store(tmp_path / "p.sqlite3", "ana", iri, 4)
    # a sender process killed (SIGKILL) after the LRS stored its second batch and before
    # the outbox recorded it
    script = textwrap.dedent(f"""
        import os, signal, sqlite3, sys
        sys.path.insert(0, {str(Path(__file__).parents[2])!r})
        from tests.xapi.xapi_helpers import lrs_config
        from quiz.store import outbox
        from quiz.xapi.sender import Sender
        calls = []
        real = outbox.mark_sent
        def dying(conn, ids, note=None):
            calls.append(1)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            real(conn, ids, note)
        outbox.mark_sent = dying
        conn = sqlite3.connect({str(tmp_path / "p.sqlite3")!r}, isolation_level=None)
        Sender(lrs_config({ralph.url!r}, {USER!r}, {PASSWORD!r}, {iri!r}), batch=4).drain(conn)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -9, done.stderr
    conn = sqlite3.connect(tmp_path / "p.sqlite3", isolation_level=None)
    assert conn.execute("SELECT count(*) FROM xapi_outbox WHERE state = 'sent'").fetchone()[0] \
        < len(ids)
    with Sender(lrs_config(ralph.url, USER, PASSWORD, iri), batch=4) as sender:
        after = sender.drain(conn)
    assert (after.pending, after.failed) == (0, 0)
    assert _ours(ralph, iri) == Counter(ids)
