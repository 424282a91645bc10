"""Which files belong together: the paths given, plus their lessons and scenarios.

A folder means every ``*.yaml``/``*.yml`` in it; for context, lesson files (``*.lesson.yaml``)
beside the files given and the scenario files in a ``scenarios/`` folder beside their folder
are read too. That is the layout of a course: ``question_banks/`` and ``scenarios/`` side by
side. Kept apart from the loader so the catalog cache can name its files without YAML.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from quiz.errors import Diagnostic, Severity
from quiz.paths import bundled_banks, bundled_scenarios

YAML_SUFFIXES = (".yaml", ".yml")
LESSON_SUFFIX = ".lesson.yaml"


def default_paths() -> list[Path]:
    return [bundled_banks(), bundled_scenarios()]


def shown_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it,
    otherwise as it was given (an absolute path stays absolute, not ``../../tmp/...``)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return os.path.normpath(path)
    return relative


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The files to read for ``paths``, context files included, each once, in a stable order.

    A file named two ways (relative and absolute, or through a symlink) is read once, under
    the first spelling met: read twice, each of its ids would clash with itself.
    """
    found: dict[Path, Path] = {}
    problems: list[Diagnostic] = []
    folders: dict[Path, Path] = {}

    def add(file: Path) -> None:
        found.setdefault(file.resolve(), file)

    for path in paths:
        if path.is_dir():
            folders.setdefault(path.resolve(), path)
            for file in sorted(_yaml_files(path)):
                add(file)
        elif path.exists() or path.is_symlink():
            folders.setdefault(path.parent.resolve(), path.parent)
            add(path)
        else:
            problems.append(
                Diagnostic(shown_path(path), 1, 1, Severity.ERROR, "no such file or folder")
            )
    for real, folder in sorted(folders.items()):
        for file in sorted(folder.glob("*" + LESSON_SUFFIX)):
            add(file)
        # abspath, not parent of a relative path: the parent of '.' is '.', not '..'
        scenarios = Path(os.path.abspath(folder)).parent / "scenarios"
        if scenarios.is_dir() and scenarios.resolve() != real:
            for file in sorted(_yaml_files(scenarios)):
                add(file)
    return list(found.values()), problems


def _yaml_files(folder: Path) -> Iterable[Path]:
    return (p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
