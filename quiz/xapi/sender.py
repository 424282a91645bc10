"""Sending the outbox to the LRS: batches, backoff with jitter, and a clear status per case.

What each answer of the LRS means for a batch (``POST statements`` with a JSON array):

- 200/204: delivered; the rows are marked sent.
- 409 (an id is already stored): each id is looked up (``GET statements?statementId=``);
  those the LRS has are delivered, the others are sent again at once (split in halves while
  the LRS still refuses them; alone, a statement refused with 409 that the LRS does not
  hold is marked failed).
- 400 (and 413): the batch is split in halves until the statement the LRS refuses is alone;
  it is marked failed with the LRS's reason, and the others are delivered.
- 401/403, and 404 (the endpoint is wrong): a configuration error; sending stops and says so,
  nothing is marked failed (the statements are not at fault).
- 5xx, 429, a timeout or no connection: retried later, with exponential backoff and jitter.

A statement's id never changes (quiz.store.outbox), so sending twice never stores it twice.
No message, exception or repr carries the password or token: ``Secret`` masks them, and any
text that comes back from the server is scrubbed before it is kept or shown.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quiz.errors import QuizError
from quiz.store import outbox

if TYPE_CHECKING:
    import httpx

    from quiz.config import LrsConfig

XAPI_VERSION = "1.0.3"
BATCH = 100
TIMEOUT = 10.0
BACKOFF_BASE = 2.0
BACKOFF_CAP = 600.0


class LrsConfigError(QuizError):
    """The LRS refused the credentials or the endpoint: sending cannot go on."""


@dataclass(frozen=True)
class SyncResult:
    """What a sending round did, and what is left."""

    sent: int
    failed: int
    pending: int
    already: int
    """Of ``sent``: statements the LRS already had (a resend after a crash)."""
    last_error: str | None
    stopped: str | None = None
    """Why sending stopped early (a configuration error), if it did."""


def make_client(lrs: LrsConfig, timeout: float = TIMEOUT) -> httpx.Client:
    """An HTTP client for the LRS: xAPI version header, basic auth or a token, verified
    TLS (the configuration allows plain http only for loopback)."""
    import httpx

    headers = {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}
    auth: httpx.Auth | None = None
    token = lrs.token.value
    if token:
        text = token.reveal()
        headers["Authorization"] = text if " " in text else f"Bearer {text}"
    elif lrs.username.value is not None:
        password = lrs.password.value
        auth = httpx.BasicAuth(lrs.username.value, password.reveal() if password else "")
    return httpx.Client(headers=headers, auth=auth, timeout=timeout, verify=True)


def backoff(tries: int, rand: Callable[[], float] = random.random,
            base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds to wait after the ``tries``-th failure: exponential, capped, with "equal
    jitter" (half fixed, half random) so that a class's laptops do not retry in step."""
    ceiling = min(cap, base * float(2 ** min(tries, 30)))
    return float(ceiling / 2 + rand() * ceiling / 2)


class _Outcome:
    """What happened to one batch: ids to mark, per kind."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.already: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self.retry: list[str] = []
        self.error: str | None = None


class Sender:
    """Sends pending statements of one store to one LRS."""

    def __init__(self, lrs: LrsConfig, *, batch: int = BATCH, timeout: float = TIMEOUT,
                 client: httpx.Client | None = None, now: Callable[[], float] = time.time,
                 rand: Callable[[], float] = random.random) -> None:
        lrs.require()
        self.lrs = lrs
        self.url = lrs.statements_url()
        self.batch = max(1, batch)
        self.now = now
        self.rand = rand
        self._secrets = [s.reveal() for s in (lrs.password.value, lrs.token.value) if s]
        self.client = client or make_client(lrs, timeout)

    def __repr__(self) -> str:
        return f"Sender(url={self.url!r}, user={self.lrs.username.value!r}, password=****)"

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Sender:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def scrub(self, text: str) -> str:
        """``text`` without any credential, cut to a readable length."""
        for secret in self._secrets:
            if secret:
                text = text.replace(secret, "****")
        return text[:300]

    # --- one batch --------------------------------------------------------------------

    def post(self, bodies: Sequence[str]) -> httpx.Response:
        """POST a batch of statement JSON texts as one array."""
        payload = ("[" + ",".join(bodies) + "]").encode("utf-8")
        return self.client.post(self.url, content=payload)

    def exists(self, statement_id: str) -> bool:
        """Whether the LRS holds this statement id (``GET statements?statementId=``)."""
        reply = self.client.get(self.url, params={"statementId": statement_id})
        if reply.status_code in (401, 403):
            raise LrsConfigError(self._config_message(reply))
        if reply.status_code != 200:
            return False
        try:
            body = reply.json()
        except ValueError:
            return False
        # the xAPI answer is the statement itself; Ralph answers {"statements": [...]}
        found = body.get("statements", [body]) if isinstance(body, dict) else []
        return any(isinstance(s, dict) and s.get("id") == statement_id for s in found)

    def _reason(self, reply: httpx.Response) -> str:
        try:
            detail: Any = reply.json()
            if isinstance(detail, dict):
                detail = detail.get("detail", detail.get("message", detail))
            text = json.dumps(detail, ensure_ascii=False) if not isinstance(detail, str) \
                else detail
        except ValueError:
            text = reply.text
        return self.scrub(f"HTTP {reply.status_code}: {text.strip()}")

    def _config_message(self, reply: httpx.Response) -> str:
        if reply.status_code == 404:
            return (f"the LRS has no statements resource at {self.url} (HTTP 404); check "
                    "lrs.endpoint (it usually ends in /xAPI/)")
        who = self.lrs.username.value or "the token"
        return (f"the LRS at {self.url} refused {who} (HTTP {reply.status_code}); check "
                "lrs.username and lrs.password (or lrs.token) with `quiz config`. Nothing "
                "was lost: the statements stay queued")

    def send(self, rows: Sequence[outbox.Queued]) -> _Outcome:
        """Send rows as one batch (splitting it where the LRS refuses a statement)."""
        import httpx

        outcome = _Outcome()
        try:
            self._send(list(rows), outcome)
        except httpx.TimeoutException:
            outcome.error = f"the LRS did not answer within the time limit ({self.url})"
            outcome.retry += [r.id for r in rows if not _done(outcome, r.id)]
        except httpx.TransportError as exc:
            outcome.error = self.scrub(f"cannot reach the LRS at {self.url} "
                                       f"({type(exc).__name__}: {exc})")
            outcome.retry += [r.id for r in rows if not _done(outcome, r.id)]
        return outcome

    def _send(self, rows: list[outbox.Queued], outcome: _Outcome) -> None:
        reply = self.post([r.body for r in rows])
        code = reply.status_code
        ids = [r.id for r in rows]
        if code in (200, 204):
            outcome.sent += ids
        elif code in (401, 403, 404):
            raise LrsConfigError(self._config_message(reply))
        elif code == 409:
            reason = self._reason(reply)
            missing = []
            for row in rows:
                if self.exists(row.id):
                    outcome.already.append(row.id)
                else:
                    missing.append(row)
            if len(rows) == 1 and missing:
                outcome.failed.append((rows[0].id, f"refused as a conflict ({reason}) but "
                                                   "the LRS does not hold this id"))
            elif len(missing) == len(rows):  # none held: find the one in conflict
                half = len(rows) // 2
                self._send(rows[:half], outcome)
                self._send(rows[half:], outcome)
            elif missing:
                self._send(missing, outcome)
        elif code in (400, 413):
            if len(rows) == 1:
                outcome.failed.append((rows[0].id, f"refused by the LRS: "
                                                   f"{self._reason(reply)}"))
            else:
                half = len(rows) // 2
                self._send(rows[:half], outcome)
                self._send(rows[half:], outcome)
        else:  # 5xx, 429 and anything unexpected: try again later
            outcome.error = self._reason(reply)
            outcome.retry += ids

    # --- the outbox -------------------------------------------------------------------

    def record(self, conn: sqlite3.Connection, rows: Sequence[outbox.Queued],
               outcome: _Outcome) -> None:
        """Write the outcome to the outbox, in one short transaction."""
        tries = {r.id: r.tries for r in rows}
        conn.execute("BEGIN IMMEDIATE")
        try:
            outbox.mark_sent(conn, outcome.sent)
            outbox.mark_sent(conn, outcome.already, "already in the LRS (HTTP 409)")
            for statement_id, reason in outcome.failed:
                outbox.mark_failed(conn, [statement_id], reason)
            if outcome.retry:
                worst = max(tries.get(i, 0) for i in outcome.retry)
                outbox.mark_retry(conn, outcome.retry, outcome.error or "retry",
                                  self.now() + backoff(worst, self.rand))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def drain(self, conn: sqlite3.Connection, *, rounds: int = 3,
              sleep: Callable[[float], None] = time.sleep, wait_cap: float = 5.0,
              ignore_backoff: bool = False) -> SyncResult:
        """Send every pending statement that is due. After a failure that may pass (a
        server error, a timeout), wait (the backoff, at most ``wait_cap`` seconds) and try
        again, at most ``rounds`` times; what is still pending stays for the next time."""
        sent = failed = already = 0
        last_error: str | None = None
        stopped: str | None = None
        failures = 0
        while True:
            due = None if ignore_backoff else self.now()
            rows = outbox.pending(conn, self.batch, due)
            if not rows:
                break
            try:
                outcome = self.send(rows)
            except LrsConfigError as exc:
                stopped = str(exc)
                conn.execute("BEGIN IMMEDIATE")
                outbox.mark_retry(conn, [r.id for r in rows], stopped, self.now())
                conn.execute("COMMIT")
                break
            self.record(conn, rows, outcome)
            sent += len(outcome.sent) + len(outcome.already)
            already += len(outcome.already)
            failed += len(outcome.failed)
            if outcome.failed:
                last_error = outcome.failed[-1][1]
            if outcome.retry:
                last_error = outcome.error
                failures += 1
                if failures >= rounds:
                    break
                sleep(min(wait_cap, backoff(failures - 1, self.rand, base=0.5)))
                ignore_backoff = True  # this command waited; do not skip what it waited for
        left = outbox.counts(conn)
        return SyncResult(sent, failed, left.pending, already, last_error or left.last_error,
                          stopped)


def _done(outcome: _Outcome, statement_id: str) -> bool:
    return (statement_id in outcome.sent or statement_id in outcome.already
            or any(statement_id == i for i, _ in outcome.failed))
