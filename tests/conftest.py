"""Fixtures shared by every test folder: where the bundled course files live, and a private home.

Kept minimal on purpose; each area keeps its own helpers beside its tests. Hypothesis's profile
(``ci`` or ``dev``, see hypothesis_budget.py) is loaded here. Before any test runs,
the user's folders (data, cache, config, and quiz's own QUIZ_DB and QUIZ_CACHE_DIR) are pointed
into one temporary folder for the whole run, so a plain ``pytest`` never writes into the real
``~/.cache/quiz`` or the learner's store. Tests that need their own folders still set them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from quiz.paths import bundled_banks, bundled_scenarios
from tests import hypothesis_budget

REPO = Path(__file__).resolve().parent.parent

_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="quiz-tests-"))
PRIVATE_ENV = {
    "QUIZ_CACHE_DIR": str(_PRIVATE_ROOT / "cache"),
    "QUIZ_DB": str(_PRIVATE_ROOT / "data" / "progress.sqlite3"),
    "XDG_CACHE_HOME": str(_PRIVATE_ROOT / "xdg-cache"),
    "XDG_DATA_HOME": str(_PRIVATE_ROOT / "xdg-data"),
    "XDG_CONFIG_HOME": str(_PRIVATE_ROOT / "xdg-config"),
    "XDG_STATE_HOME": str(_PRIVATE_ROOT / "xdg-state"),
}


HYPOTHESIS_PROFILE = hypothesis_budget.load()


def pytest_configure(config: pytest.Config) -> None:
    """Point every user folder into the run's private root (subprocesses inherit it too)."""
    os.environ.update(PRIVATE_ENV)


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis profile: {HYPOTHESIS_PROFILE} (HYPOTHESIS_PROFILE=ci|dev)"


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the private root."""
    shutil.rmtree(_PRIVATE_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def private_root() -> Path:
    """The temporary folder that stands in for the user's home folders during the run."""
    return _PRIVATE_ROOT


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's top folder (README.md, schema/, docs/ live here)."""
    return REPO


@pytest.fixture(scope="session")
def bundled_lesson_file() -> Path:
    """The lesson file shipped with the bundled Training vs Inference bank."""
    return bundled_banks() / "training-vs-inference.lesson.yaml"


@pytest.fixture(scope="session")
def bundled_bank_file() -> Path:
    """The bundled Training vs Inference bank."""
    return bundled_banks() / "training-vs-inference.yaml"


@pytest.fixture(scope="session")
def bundled_yaml_files() -> list[Path]:
    """Every YAML file shipped with the package: banks, lessons and scenarios."""
    folders = (bundled_banks(), bundled_scenarios())
    return sorted(p for folder in folders for p in folder.rglob("*.y*ml"))
