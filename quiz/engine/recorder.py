"""Where a session writes what happens, the moment it happens.

The store implements ``Recorder`` with SQLite; ``MemoryRecorder`` keeps everything in memory
for tests, for preview mode, and as the fallback when the store cannot be written.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from quiz.fields import Fields
from quiz.record import Value

if TYPE_CHECKING:
    from quiz.engine.session import Session


class _ResponseFields(Fields):
    position: int
    question_id: str
    content_hash: str
    answer: tuple[str, ...]
    score: float
    confidence: int | None
    time_ms: int
    answered_at: datetime


class Response(Value, _ResponseFields):
    """One answer as recorded: what was asked, what was given, what it earned.

    A value (``quiz.record.Value``: a named tuple compared by type and fields), not a frozen
    dataclass: the dataclass compiled its methods at every start (0.4 ms of the first
    question)."""

    __slots__ = ()


class Recorder(Protocol):
    """Receives every event of a session; each call must be durable when it returns.

    ``problem`` is None while everything is saved; once a write fails it says why (for the
    app's "not being saved" notice), and the recorder keeps the session going in memory.
    """

    problem: str | None

    def start(self, session: Session) -> int:
        """Record a new session; return its id."""
        ...

    def answer(self, session: Session, response: Response) -> None: ...

    def flag(self, session: Session, position: int, flagged: bool) -> None: ...

    def progress(self, session: Session) -> None:
        """The current position and time used changed (for resuming)."""
        ...

    def finish(self, session: Session) -> None: ...


class MemoryRecorder:
    """A recorder that keeps everything in lists; nothing is written anywhere.

    A plain class: as a dataclass its generated methods were compiled at every start of
    the app (0.3 ms of the first question drawn, issue 16)."""

    def __init__(self) -> None:
        self.responses: list[Response] = []
        self.flags: list[tuple[int, bool]] = []
        self.finished = False
        self.progress_calls = 0
        self.next_id = 1
        self.problem: str | None = None

    def start(self, session: Session) -> int:
        self.next_id += 1
        return self.next_id - 1

    def answer(self, session: Session, response: Response) -> None:
        self.responses.append(response)

    def flag(self, session: Session, position: int, flagged: bool) -> None:
        self.flags.append((position, flagged))

    def progress(self, session: Session) -> None:
        self.progress_calls += 1

    def finish(self, session: Session) -> None:
        self.finished = True
