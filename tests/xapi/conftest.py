"""Fixtures for the xAPI tests: a fake LRS on loopback, and a private cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.xapi.xapi_helpers import FakeLrs, serve_fake


@pytest.fixture
def fake_lrs() -> Iterator[FakeLrs]:
    fake = FakeLrs()
    server, thread = serve_fake(fake)
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_CONFIG", str(tmp_path / "config.toml"))
    for name in ("QUIZ_LRS_ENDPOINT", "QUIZ_LRS_USERNAME", "QUIZ_LRS_PASSWORD",
                 "QUIZ_LRS_TOKEN", "QUIZ_LRS_COURSE", "QUIZ_LEARNER", "QUIZ_DB"):
        monkeypatch.delenv(name, raising=False)
