"""Helpers for the xAPI tests: a store with the outbox, a recorder that queues statements in
its own transactions (as the integrated SqliteRecorder will), a class of learners, and a
fake LRS on loopback for the answers a real one will not give on demand."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from quiz.config import LrsConfig, Secret, Setting
from quiz.engine.clock import FakeClock
from quiz.store import outbox
from quiz.store.db import connect
from quiz.store.recorder import SqliteRecorder
from quiz.store.schema import statements
from quiz.workspace import Workspace
from quiz.xapi import statements as st
from quiz.xapi.journal import XapiJournal

T = TypeVar("T")
COURSE = "https://school.example/courses/ai-101"
PASSWORD = "s3cret-Pa55"


def add_outbox(conn: sqlite3.Connection) -> None:
    """Run the outbox migration step, as the coordinator's schema migration will."""
    if not outbox.has_outbox(conn):
        for sql in statements(outbox.MIGRATION):
            conn.execute(sql)


def outbox_store(path: Path) -> sqlite3.Connection:
    conn = connect(path)
    add_outbox(conn)
    return conn


def course(mbox: bool = False, iri: str = COURSE) -> st.Course:
    actor = (st.Actor(mbox_template="{learner}@school.example") if mbox
             else st.Actor(home_page="https://school.example"))
    return st.Course(iri, actor)


def lrs_config(endpoint: str, username: str = "quiz", password: str = PASSWORD,
               course_iri: str = COURSE) -> LrsConfig:
    return LrsConfig(endpoint=Setting(endpoint.rstrip("/") + "/", "file"),
                     username=Setting(username, "file"),
                     password=Setting(Secret(password), "file"),
                     course=Setting(course_iri, "file"),
                     actor_home_page=Setting("https://school.example", "file"))


def journaled_workspace(db: Path, learner: str, the_course: st.Course | None = None
                        ) -> Workspace:
    """A workspace over the bundled banks whose sessions queue statements."""
    ws = Workspace.open(learner=learner, db_path=db)
    ws.clock = FakeClock()
    assert ws.conn is not None
    add_outbox(ws.conn)
    journal = XapiJournal(the_course or course())

    def recorder() -> SqliteRecorder:
        assert ws.conn is not None
        made = SqliteRecorder(ws.conn, ws.learner, journal)
        ws.recorders.append(made)
        return made

    ws.recorder = recorder  # type: ignore[method-assign]
    return ws


def study(ws: Workspace, seed: int, answers: int = 4, exam: bool = True,
          change: bool = True) -> None:
    """A practice session (some right, some wrong) and, with ``exam``, an exam with a changed
    answer, submitted."""
    clock = ws.clock
    assert isinstance(clock, FakeClock)
    practice = ws.practice(seed=seed)
    for n in range(answers):
        practice.goto(n)
        clock.advance(1.5 + n)
        item = practice.item
        picked = item.question.correct_ids if (n + seed) % 3 else (item.order[-1],)
        practice.answer(picked, confidence=1 + (n % 3))
    practice.submit()
    if not exam:
        return
    test = ws.exam(seed=seed)
    for n in range(min(answers + 2, len(test.items))):
        test.goto(n)
        clock.advance(2.25)
        test.answer([test.item.order[0]])
        if change and n == 1:
            clock.advance(1)
            test.answer(list(test.item.question.correct_ids))
    test.submit()


# --- a fake LRS -----------------------------------------------------------------------------


@dataclass
class FakeLrs:
    """An in-memory LRS on loopback whose next answers can be scripted."""

    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    script: list[Callable[[list[dict[str, Any]]], tuple[int, Any] | None]] = \
        field(default_factory=list)
    """Each POST takes the first entry (if any): it returns (status, body) or None to store
    normally."""
    posts: list[list[str]] = field(default_factory=list)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    refuse: Callable[[dict[str, Any]], bool] = lambda _s: False
    """Statements the LRS refuses with 400."""
    hang: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def post(self, body: list[dict[str, Any]]) -> tuple[int, Any]:
        self.posts.append([str(s.get("id")) for s in body])
        if self.script:
            scripted = self.script.pop(0)(body)
            if scripted is not None:
                return scripted
        bad = [s for s in body if self.refuse(s)]
        if bad:
            return 400, {"detail": f"invalid statement {bad[0].get('id')}"}
        for s in body:
            old = self.stored.get(s["id"])
            if old is not None and old != s:
                return 409, {"detail": f"Differing statements already exist: {s['id']}"}
        for s in body:
            self.stored[s["id"]] = s
        return 200, [s["id"] for s in body]


def serve_fake(fake: FakeLrs) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def _reply(self, code: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # the client may have given up (a timeout test)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def do_POST(self) -> None:
            fake.requests.append(("POST", self.path, dict(self.headers)))
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length))
            if fake.hang.is_set():
                threading.Event().wait(1)
            code, answer = fake.post(body)
            self._reply(code, answer)

        def do_GET(self) -> None:
            fake.requests.append(("GET", self.path, dict(self.headers)))
            query = parse_qs(urlsplit(self.path).query)
            wanted = query.get("statementId", [None])[0]
            if wanted is not None:
                found = fake.stored.get(wanted)
                self._reply(200 if found else 404, found or {"detail": "not found"})
                return
            self._reply(200, {"statements": list(fake.stored.values()), "more": ""})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
    return server, thread
