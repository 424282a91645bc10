"""The fake LRS as a pytest fixture, shared by the xAPI tests and the reports' --lrs tests
(kept apart from xapi_helpers, which bench/ imports without pytest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.xapi.xapi_helpers import FakeLrs, serve_fake


@pytest.fixture(name="fake_lrs")
def fake_lrs_fixture() -> Iterator[FakeLrs]:
    """A fake LRS served on loopback for one test, shut down after it."""
    fake = FakeLrs()
    server, thread = serve_fake(fake)
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(5)
