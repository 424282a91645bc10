"""The test run never writes into the user's cache folder: tests/conftest.py points
QUIZ_CACHE_DIR and the XDG folders into one temporary root before any test runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.cache import load_cached
from quiz.paths import bundled_banks, bundled_scenarios, cache_dir


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def test_the_cache_folder_is_the_runs_own(private_root: Path) -> None:
    assert _inside(cache_dir(), private_root)


def test_without_quiz_cache_dir_the_xdg_folder_is_still_the_runs_own(
        private_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZ_CACHE_DIR")
    assert _inside(cache_dir(), private_root)
    assert not _inside(cache_dir(), Path.home() / ".cache")


def test_a_subprocess_inherits_the_private_folder(private_root: Path) -> None:
    code = "from quiz.paths import cache_dir; print(cache_dir())"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=60).stdout.strip()
    assert _inside(Path(shown), private_root)


def test_load_cached_without_a_folder_writes_under_the_private_root(
        private_root: Path, tmp_path: Path) -> None:
    course = tmp_path / "question_banks"
    shutil.copytree(bundled_banks(), course)
    shutil.copytree(bundled_scenarios(), tmp_path / "scenarios")
    before = set(cache_dir().glob("catalog-*.pickle")) if cache_dir().exists() else set()
    assert not load_cached([course]).errors
    written = set(cache_dir().glob("catalog-*.pickle")) - before
    assert written and all(_inside(p, private_root) for p in written)
