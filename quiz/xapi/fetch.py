"""Reading a class back from the LRS into a local store the class reports read.

``lrs_source(lrs)`` fetches the course's statements (``GET statements?activity=<course>&
related_activities=true``, then ``since`` the last one stored, following ``more``) and applies
them to a cache file in the user cache folder, keyed by endpoint and course. The cache *is* a
progress store (the same schema), so ``quiz report --class`` and ``quiz items --class`` read
it exactly as they read a learner's store or an export (quiz.store.exchange), and give the
figures ``--db`` gives for the same answers:

- one learner per actor identity (account home page + name, mbox, mbox_sha1sum or openid),
  named by the actor's ``name``; statements from two machines of one learner are one learner;
- one session per registration; an exam's questions, status, times and elapsed time come from
  its ``attempted`` and ``completed`` statements;
- one response per (registration, position): the statement with the latest recorded time
  wins, as the store's upsert keeps the latest answer;
- a statement seen twice (an overlapping ``since``, a resend) is applied once.

The cache is only ever derived: delete it (or pass ``refresh=True``) and it is rebuilt from
the LRS. The LRS's own ``since`` is by *stored* time in xAPI; Ralph's file-system backend
compares it with the statement's timestamp instead, so with it a statement that reaches the
LRS long after it was made (a laptop offline for a day) is seen only after a refresh.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin

from quiz.errors import QuizError
from quiz.xapi import statements as st

if TYPE_CHECKING:
    import httpx

    from quiz.config import LrsConfig

CACHE_FORMAT = 1
"""Bumped when the way statements become rows changes: an older cache is rebuilt."""
PAGE = 1000
OVERLAP_SECONDS = 5.0
"""``since`` is moved back this much: statements stored in the same instant as the last one
seen are not missed (they are applied once anyway)."""

_CACHE_DDL = """
CREATE TABLE IF NOT EXISTS lrs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lrs_seen (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS lrs_learners (ifi TEXT PRIMARY KEY, learner_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lrs_sessions (registration TEXT PRIMARY KEY,
                                         session_id INTEGER NOT NULL);
"""

# the store's "a closed session is final" triggers guard a learner's own answers; the cache
# applies statements in whatever order they arrive (an exam's end may come before an answer)
_TRIGGERS = ("sessions_close", "sessions_closed_are_final", "responses_insert_closed",
             "responses_update_closed", "responses_delete_closed", "flags_insert_closed",
             "flags_delete_closed")


@dataclass(frozen=True)
class Fetched:
    """What a fetch did."""

    path: Path
    statements: int
    """Statements received in this fetch (new or not)."""
    applied: int
    """Of those, statements not seen before."""
    learners: int
    responses: int


def cache_path(lrs: LrsConfig, folder: Path | None = None) -> Path:
    """The cache file for this endpoint and course."""
    from quiz.paths import cache_dir

    key = f"{lrs.endpoint.value}\n{lrs.course.value}\n{CACHE_FORMAT}".encode()
    name = f"lrs-{hashlib.sha256(key).hexdigest()[:16]}.sqlite3"
    return (folder or cache_dir() / "lrs") / name


def open_cache(path: Path) -> sqlite3.Connection:
    """The cache store (made if missing), ready for statements to be applied."""
    from quiz.store.db import connect
    from quiz.store.schema import statements

    conn = connect(path)
    for trigger in _TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for sql in statements(_CACHE_DDL):
        conn.execute(sql)
    return conn


# --- statements → rows --------------------------------------------------------------------


def identity(actor: object) -> tuple[str, str] | None:
    """(the actor's inverse functional identifier as text, its display name)."""
    if not isinstance(actor, dict):
        return None
    account = actor.get("account")
    if isinstance(account, dict) and account.get("name") is not None:
        ifi = f"account:{account.get('homePage', '')}|{account['name']}"
        shown = str(account["name"])
    elif isinstance(actor.get("mbox"), str):
        ifi = f"mbox:{actor['mbox'].lower()}"
        shown = unquote(actor["mbox"].removeprefix("mailto:").split("@", 1)[0])
    elif isinstance(actor.get("mbox_sha1sum"), str):
        ifi = f"sha1:{actor['mbox_sha1sum'].lower()}"
        shown = actor["mbox_sha1sum"][:12]
    elif isinstance(actor.get("openid"), str):
        ifi = f"openid:{actor['openid']}"
        shown = actor["openid"]
    else:
        return None
    name = actor.get("name")
    return ifi, str(name) if isinstance(name, str) and name else shown


class Applier:
    """Applies statements of one course to the cache store (inside a transaction)."""

    def __init__(self, conn: sqlite3.Connection, course_iri: str) -> None:
        self.conn = conn
        self.course = st.Course(course_iri, st.Actor(home_page="-"))
        self.learners: dict[str, int] = dict(conn.execute(
            "SELECT ifi, learner_id FROM lrs_learners").fetchall())
        self.sessions: dict[str, int] = dict(conn.execute(
            "SELECT registration, session_id FROM lrs_sessions").fetchall())
        self.names = {str(n) for (n,) in conn.execute("SELECT name FROM learners")}

    def ext(self, block: object, name: str) -> Any:
        if not isinstance(block, dict):
            return None
        extensions = block.get("extensions")
        return extensions.get(self.course.ext(name)) if isinstance(extensions, dict) else None

    def apply(self, statement: dict[str, Any]) -> bool:
        """Apply one statement; False when it was already applied or is not quiz's."""
        sid = statement.get("id")
        if not isinstance(sid, str):
            return False
        if self.conn.execute("INSERT OR IGNORE INTO lrs_seen (id) VALUES (?)",
                             (sid,)).rowcount == 0:
            return False
        verb = str(statement.get("verb", {}).get("id", "")).removeprefix(st.ADL)
        found = statement.get("context")
        context: dict[str, Any] = found if isinstance(found, dict) else {}
        registration = context.get("registration")
        who = identity(statement.get("actor"))
        bank = self.ext(context, st.EXT_BANK)
        mode = self.ext(context, st.EXT_MODE)
        if not (isinstance(registration, str) and who and isinstance(bank, str)
                and isinstance(mode, str)):
            return False  # not a statement quiz wrote: leave it out of quiz's figures
        session = self.session(registration, who, mode, bank)
        if verb == "answered":
            self.answered(session, statement, context)
        elif verb == "attempted":
            self.started(session, context)
        elif verb in ("completed", "terminated", "passed", "failed"):
            self.ended(session, context)
        return True

    def learner(self, who: tuple[str, str]) -> int:
        ifi, name = who
        found = self.learners.get(ifi)
        if found is None:
            shown = name
            if shown in self.names:  # two actors with one display name stay two learners
                shown = f"{name} [{ifi.split(':', 1)[1]}]"
            cursor = self.conn.execute("INSERT INTO learners (name, created_at) VALUES (?, '')",
                                       (shown,))
            found = self.learners[ifi] = int(cursor.lastrowid or 0)
            self.names.add(shown)
            self.conn.execute("INSERT INTO lrs_learners VALUES (?, ?)", (ifi, found))
        return found

    def session(self, registration: str, who: tuple[str, str], mode: str, bank: str) -> int:
        found = self.sessions.get(registration)
        if found is None:
            cursor = self.conn.execute(
                "INSERT INTO sessions (learner_id, mode, bank_id, seed, filters, items,"
                " started_at, status) VALUES (?, ?, ?, 0, '{}', '[]', '', 'active')",
                (self.learner(who), mode, bank))
            found = self.sessions[registration] = int(cursor.lastrowid or 0)
            self.conn.execute("INSERT INTO lrs_sessions VALUES (?, ?)", (registration, found))
        return found

    def _elapsed(self, session: int, value: object) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.conn.execute("UPDATE sessions SET elapsed = max(elapsed, ?) WHERE id = ?",
                              (float(value), session))

    def started(self, session: int, context: dict[str, Any]) -> None:
        questions = self.ext(context, st.EXT_QUESTIONS)
        started = self.ext(context, st.EXT_STARTED)
        limit = self.ext(context, st.EXT_TIME_LIMIT)
        self.conn.execute(
            "UPDATE sessions SET started_at = coalesce(?, started_at), time_limit = ?,"
            " items = CASE WHEN items = '[]' THEN ? ELSE items END WHERE id = ?",
            (started if isinstance(started, str) else None,
             float(limit) if isinstance(limit, (int, float)) else None,
             _items(questions), session))

    def ended(self, session: int, context: dict[str, Any]) -> None:
        self.started(session, context)
        status = self.ext(context, st.EXT_STATUS)
        ended = self.ext(context, st.EXT_ENDED)
        if isinstance(status, str):
            self.conn.execute("UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                              (status, ended if isinstance(ended, str) else None, session))
        self._elapsed(session, self.ext(context, st.EXT_ELAPSED))

    def answered(self, session: int, statement: dict[str, Any],
                 context: dict[str, Any]) -> None:
        given = statement.get("result")
        result: dict[str, Any] = given if isinstance(given, dict) else {}
        position = self.ext(context, st.EXT_POSITION)
        recorded = self.ext(context, st.EXT_RECORDED)
        obj = statement.get("object", {})
        qid = unquote(str(obj.get("id", "")).rsplit("/questions/", 1)[-1])
        scored = result.get("score")
        score = scored.get("scaled") if isinstance(scored, dict) else None
        if not (isinstance(position, int) and isinstance(recorded, str)
                and isinstance(score, (int, float))):
            return
        self._elapsed(session, self.ext(context, st.EXT_ELAPSED))
        objectives = self.ext(result, st.EXT_OBJECTIVES)
        confidence = self.ext(result, st.EXT_CONFIDENCE)
        seconds = st.parse_duration(result.get("duration"))
        row = (session, self._learner_of(session), position, qid,
               str(self.ext(result, st.EXT_CONTENT_HASH) or ""),
               str(self.ext(result, st.EXT_PHASE) or ""),
               json.dumps([str(o) for o in objectives] if isinstance(objectives, list) else []),
               json.dumps(list(st.parse_response(result.get("response")))),
               min(1.0, max(0.0, float(score))),
               confidence if isinstance(confidence, int) and 1 <= confidence <= 3 else None,
               round(seconds * 1000) if seconds is not None else 0, recorded)
        # the latest recorded answer at a position wins, whatever order statements arrive in
        self.conn.execute(
            "INSERT INTO responses (session_id, learner_id, position, question_id,"
            " content_hash, phase, objectives, answer, score, confidence, time_ms,"
            " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (session_id, position) DO UPDATE SET"
            " question_id = excluded.question_id, content_hash = excluded.content_hash,"
            " phase = excluded.phase, objectives = excluded.objectives,"
            " answer = excluded.answer, score = excluded.score,"
            " confidence = excluded.confidence, time_ms = excluded.time_ms,"
            " answered_at = excluded.answered_at"
            " WHERE excluded.answered_at > responses.answered_at", row)

    def _learner_of(self, session: int) -> int:
        return int(self.conn.execute("SELECT learner_id FROM sessions WHERE id = ?",
                                     (session,)).fetchone()[0])


def _items(questions: object) -> str:
    listed = [str(q) for q in questions] if isinstance(questions, list) else []
    return json.dumps([[q, []] for q in listed])


def _recorded(statement: dict[str, Any], course: st.Course) -> str:
    context = statement.get("context")
    ext = context.get("extensions") if isinstance(context, dict) else None
    value = ext.get(course.ext(st.EXT_RECORDED)) if isinstance(ext, dict) else None
    return value if isinstance(value, str) else str(statement.get("timestamp", ""))


def apply_statements(conn: sqlite3.Connection, course_iri: str,
                     statements: Iterable[dict[str, Any]]) -> int:
    """Apply statements to the cache store in one transaction, in recorded order (so row
    order is answer order, as in the learner's store); returns how many were new."""
    applier = Applier(conn, course_iri)
    ordered = sorted(statements, key=lambda s: _recorded(s, applier.course))
    conn.execute("BEGIN IMMEDIATE")
    try:
        applied = sum(applier.apply(s) for s in ordered)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return applied


# --- the LRS ------------------------------------------------------------------------------


def pages(client: httpx.Client, lrs: LrsConfig, since: str | None,
          limit: int = PAGE, filtered: bool = True) -> Iterator[list[dict[str, Any]]]:
    """The course's statements, a page at a time, following ``more`` (unfiltered, every
    statement the LRS lets us read; the caller keeps the course's)."""
    from quiz.xapi.sender import LrsConfigError

    course = (lrs.course.value or "").rstrip("/")
    first: dict[str, str] = {"limit": str(limit)}
    if filtered:
        first.update({"activity": course, "related_activities": "true"})
    params: dict[str, str] | None = first
    if since is not None and params is not None:
        params["since"] = since
    url = lrs.statements_url()
    while url:
        reply = client.get(url, params=params)
        if reply.status_code in (401, 403, 404):
            raise LrsConfigError(f"the LRS at {lrs.statements_url()} refused to list "
                                 f"statements (HTTP {reply.status_code}); check lrs.endpoint, "
                                 "lrs.username and the password with `quiz config`")
        if reply.status_code != 200:
            raise QuizError(f"the LRS at {lrs.statements_url()} could not list statements "
                            f"(HTTP {reply.status_code}); try again later")
        try:
            body = reply.json()
        except ValueError:
            raise QuizError(f"the LRS at {lrs.statements_url()} answered with something "
                            "that is not JSON; check lrs.endpoint") from None
        found = body.get("statements") if isinstance(body, dict) else None
        if not isinstance(found, list):
            raise QuizError(f"the LRS at {lrs.statements_url()} answered without a "
                            "statements list; check lrs.endpoint")
        yield [s for s in found if isinstance(s, dict)]
        more = body.get("more")
        if not (isinstance(more, str) and more and found):
            break
        url = urljoin(lrs.endpoint.value or url, more)
        params = None  # ``more`` carries the query


def _since(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM lrs_meta WHERE key = 'stored'").fetchone()
    if row is None:
        return None
    from datetime import datetime, timedelta

    try:
        latest = datetime.fromisoformat(str(row[0]).replace("Z", "+00:00"))
    except ValueError:
        return None
    return (latest - timedelta(seconds=OVERLAP_SECONDS)).isoformat()


def _latest_stored(found: list[dict[str, Any]], before: str | None) -> str | None:
    stamps = [s["stored"] for s in found if isinstance(s.get("stored"), str)]
    stamps += [s["timestamp"] for s in found
               if not isinstance(s.get("stored"), str) and isinstance(s.get("timestamp"), str)]
    candidates = [t for t in stamps if t] + ([before] if before else [])
    if not candidates:
        return None
    from datetime import UTC, datetime

    def key(text: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return datetime.min.replace(tzinfo=UTC)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

    return str(max(candidates, key=key))


def _fetch(conn: sqlite3.Connection, http: httpx.Client, lrs: LrsConfig, since: str | None,
           filtered: bool) -> tuple[int, int]:
    received = applied = 0
    row = conn.execute("SELECT value FROM lrs_meta WHERE key = 'stored'").fetchone()
    latest: str | None = str(row[0]) if row else None
    for page in pages(http, lrs, since, filtered=filtered):
        received += len(page)
        applied += apply_statements(conn, lrs.course.value or "", page)
        latest = _latest_stored(page, latest)
        if latest is not None:
            conn.execute("INSERT OR REPLACE INTO lrs_meta VALUES ('stored', ?)", (latest,))
    return received, applied


def lrs_source(lrs: LrsConfig, *, refresh: bool = False, folder: Path | None = None,
               client: httpx.Client | None = None) -> Fetched:
    """Bring the course's cache up to date from the LRS and return its path: a progress
    store to pass to the class reports as one more source."""
    import httpx

    from quiz.store.db import close
    from quiz.xapi.sender import make_client

    lrs.require(sending=False)
    path = cache_path(lrs, folder)
    if refresh:
        for leftover in (path, path.with_name(path.name + "-wal"),
                         path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    own = client is None
    http = client or make_client(lrs, timeout=60.0)
    conn = open_cache(path)
    try:
        row = conn.execute("SELECT value FROM lrs_meta WHERE key = 'filter'").fetchone()
        filtered = row is None or row[0] != "client"
        since = _since(conn)
        try:
            received, applied = _fetch(conn, http, lrs, since, filtered)
            if filtered and since is None and received == 0:
                # Some LRSs ignore or mishandle the activity filter (Ralph 5.1's file
                # backend compares its IRI type with text and never matches): read
                # everything once and keep the course's statements here; remember it
                received, applied = _fetch(conn, http, lrs, since, False)
                if applied:
                    conn.execute("INSERT OR REPLACE INTO lrs_meta VALUES ('filter', 'client')")
        except httpx.TransportError as exc:
            raise QuizError(f"cannot reach the LRS at {lrs.statements_url()} "
                            f"({type(exc).__name__}); the cached class is at {path}") from None
        learners = int(conn.execute("SELECT count(*) FROM learners").fetchone()[0])
        responses = int(conn.execute("SELECT count(*) FROM responses").fetchone()[0])
    finally:
        close(conn)
        if own:
            http.close()
    return Fetched(path, received, applied, learners, responses)
