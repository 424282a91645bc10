"""Fixtures for the xAPI tests: a fake LRS on loopback, and a private cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.xapi.lrs_fixtures import fake_lrs_fixture  # noqa: F401  (provides fake_lrs)


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_CONFIG", str(tmp_path / "config.toml"))
    for name in ("QUIZ_LRS_ENDPOINT", "QUIZ_LRS_USERNAME", "QUIZ_LRS_PASSWORD",
                 "QUIZ_LRS_TOKEN", "QUIZ_LRS_COURSE", "QUIZ_LEARNER", "QUIZ_DB"):
        monkeypatch.delenv(name, raising=False)
