"""Where things live: the bundled banks, and the learner's data and cache folders.

Folders come from platformdirs and are created when first written to, never at import time.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "quiz"
_PACKAGE = os.path.dirname(os.path.realpath(__file__))

StrPath = str | os.PathLike[str]
"""A path as the loader takes it: text or a ``pathlib.Path``."""


def bundled_dir(name: str) -> str:
    """A data folder shipped in the wheel (quiz/_data/NAME), or the source checkout's copy.

    Text, not a ``Path``: ``quiz validate`` reaches this without importing pathlib."""
    inside = os.path.join(_PACKAGE, "_data", name)
    return inside if os.path.isdir(inside) else os.path.join(os.path.dirname(_PACKAGE), name)


def bundled_banks() -> Path:
    from pathlib import Path

    return Path(bundled_dir("question_banks"))


def bundled_scenarios() -> Path:
    from pathlib import Path

    return Path(bundled_dir("scenarios"))


def bundled_schema() -> Path:
    from pathlib import Path

    return Path(bundled_dir("schema"))


def default_db() -> Path:
    """The progress store: $QUIZ_DB, or quiz.sqlite3 in the user data folder."""
    from pathlib import Path

    env = os.environ.get("QUIZ_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "progress.sqlite3"


def cache_dir() -> Path:
    """The user cache folder ($QUIZ_CACHE_DIR overrides it, for tests and benchmarks)."""
    from pathlib import Path

    env = os.environ.get("QUIZ_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
