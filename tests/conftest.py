"""Fixtures shared by every test folder: where the bundled course files live.

Kept minimal on purpose; each area keeps its own helpers beside its tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.paths import bundled_banks, bundled_scenarios

REPO = Path(__file__).resolve().parent.parent


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
