"""Time sources, injectable so that tests can move time by hand."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
"""Returns seconds from an arbitrary origin; only differences matter."""


def monotonic() -> float:
    return time.monotonic()


def utc_now() -> datetime:
    return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
