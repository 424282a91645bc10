"""The home screen's practice filters, kept per learner between runs of the app.

One small JSON file per learner, in a ``filters`` folder beside the progress store (for the
default store, the user data folder): ``filters/<hash of the learner's name>.json``. A file
per learner, not a table in the store, because the store's schema belongs to the recorder and
its migrations, and a file per learner (not one for all) because a served classroom runs
many learners' apps at once and a shared file would lose one learner's change to another's.
Written with ``write_atomic``; a file that is missing, damaged or from another version reads
as no saved filters, and one that cannot be written is skipped: the filters are a
convenience, never a reason to stop studying.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from quiz.digest import sha256_hex
from quiz.errors import QuizError

LIMIT = 64 * 1024
"""The largest saved-filters file read."""
VERSION = 1


@dataclass(frozen=True)
class SavedFilters:
    """What the home form holds; ``count`` and ``seed`` as typed (empty: all, random)."""

    bank: str = ""
    phase: str = ""
    scenario: str = ""
    objectives: tuple[str, ...] = field(default=())
    count: str = ""
    seed: str = ""
    generated: bool = True
    adaptive: bool = False


def filters_path(db_path: Path | None, learner: str) -> Path | None:
    """Where ``learner``'s filters live for the store at ``db_path`` (None without one)."""
    if db_path is None:
        return None
    name = sha256_hex(learner.encode("utf-8", "surrogateescape"))[:24]
    return db_path.parent / "filters" / f"{name}.json"


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


def read(path: Path | None, learner: str) -> SavedFilters:
    """The saved filters, or the defaults when there are none (or they cannot be read)."""
    if path is None:
        return SavedFilters()
    from quiz.fileio import read_regular

    try:
        data = json.loads(read_regular(path, LIMIT))
    except (QuizError, OSError, ValueError, RecursionError):
        return SavedFilters()
    if (not isinstance(data, dict) or data.get("version") != VERSION
            or data.get("learner") != learner or not isinstance(data.get("filters"), dict)):
        return SavedFilters()
    saved: dict[str, Any] = data["filters"]
    objectives = saved.get("objectives", [])
    if not isinstance(objectives, list):
        objectives = []
    count, seed = _text(saved, "count"), _text(saved, "seed")
    return SavedFilters(
        bank=_text(saved, "bank"), phase=_text(saved, "phase"),
        scenario=_text(saved, "scenario"),
        objectives=tuple(o for o in objectives if isinstance(o, str)),
        count=count if count.isdigit() else "", seed=seed if seed.isdigit() else "",
        generated=saved.get("generated", True) is not False,
        adaptive=saved.get("adaptive", False) is True,
    )


def write(path: Path | None, learner: str, filters: SavedFilters) -> bool:
    """Save the filters; False when they could not be written (nothing is raised)."""
    if path is None:
        return False
    from quiz.fileio import write_atomic

    record = {"version": VERSION, "learner": learner, "filters": asdict(filters)}
    try:
        write_atomic(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    except QuizError:
        return False
    return True
