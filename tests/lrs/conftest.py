"""Fixtures for the tests against a real LRS: Ralph servers (ralph_server.py runs them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lrs.ralph_server import Ralph


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """A Ralph server shared by the tests that do not stop it (each uses its own course)."""
    server = Ralph(tmp_path_factory.mktemp("ralph"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_ralph(tmp_path: Path) -> Iterator[Ralph]:
    """A Ralph server for one test, which may stop and start it."""
    server = Ralph(tmp_path / "ralph")
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_CONFIG", str(tmp_path / "config.toml"))
    for name in ("QUIZ_LRS_ENDPOINT", "QUIZ_LRS_USERNAME", "QUIZ_LRS_PASSWORD",
                 "QUIZ_LRS_TOKEN", "QUIZ_LRS_COURSE", "QUIZ_LEARNER", "QUIZ_DB"):
        monkeypatch.delenv(name, raising=False)
