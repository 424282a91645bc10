"""Where things live: the bundled banks, and the learner's data and cache folders.

Folders come from platformdirs and are created when first written to, never at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "quiz"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A data folder shipped in the wheel (quiz/_data/NAME), or the source checkout's copy."""
    inside = _PACKAGE / "_data" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def bundled_banks() -> Path:
    return _bundled("question_banks")


def bundled_scenarios() -> Path:
    return _bundled("scenarios")


def bundled_schema() -> Path:
    return _bundled("schema")


def default_db() -> Path:
    """The progress store: $QUIZ_DB, or quiz.sqlite3 in the user data folder."""
    env = os.environ.get("QUIZ_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "progress.sqlite3"


def cache_dir() -> Path:
    """The user cache folder ($QUIZ_CACHE_DIR overrides it, for tests and benchmarks)."""
    env = os.environ.get("QUIZ_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
