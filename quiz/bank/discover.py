"""Which files belong together: the paths given, plus their lessons and scenarios.

A folder means every ``*.yaml``/``*.yml`` in it; for context, lesson files (``*.lesson.yaml``)
beside the files given and the scenario files in a ``scenarios/`` folder beside their folder
are read too. That is the layout of a course: ``question_banks/`` and ``scenarios/`` side by
side. Kept apart from the loader so the catalog cache can name its files without YAML.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence

from quiz.errors import Diagnostic, Severity
from quiz.paths import StrPath, bundled_dir

YAML_SUFFIXES = (".yaml", ".yml")
LESSON_SUFFIX = ".lesson.yaml"


def default_paths() -> list[str]:
    return [bundled_dir("question_banks"), bundled_dir("scenarios")]


def shown_path(path: StrPath) -> str:
    """The path as a user would type it: relative to the working folder when inside it,
    otherwise as it was given (an absolute path stays absolute, not ``../../tmp/...``)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return os.fspath(path)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return os.path.normpath(path)
    return relative


def _order(path: str) -> list[str]:
    """Sort key: folder by folder, so ``a/b.yaml`` comes before ``a-b.yaml`` (as pathlib)."""
    return path.split(os.sep)


def discover(paths: Sequence[StrPath]) -> tuple[list[str], list[Diagnostic]]:
    """The files to read for ``paths``, context files included, each once, in a stable order.

    A file named two ways (relative and absolute, or through a symlink) is read once, under
    the first spelling met: read twice, each of its ids would clash with itself. Written with
    ``os.path``, not pathlib, which would add 3 ms (pathlib, urllib.parse, ipaddress) to the
    start of ``quiz validate``.
    """
    found: dict[str, str] = {}
    problems: list[Diagnostic] = []
    folders: dict[str, str] = {}

    def add(file: str) -> None:
        found.setdefault(os.path.realpath(file), file)

    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            folders.setdefault(os.path.realpath(path), path)
            for file in sorted(_yaml_files(path), key=_order):
                add(file)
        elif os.path.lexists(path):
            parent = os.path.dirname(path) or os.curdir
            folders.setdefault(os.path.realpath(parent), parent)
            add(path)
        else:
            problems.append(
                Diagnostic(shown_path(path), 1, 1, Severity.ERROR, "no such file or folder")
            )
    for real, folder in sorted(folders.items(), key=lambda item: _order(item[0])):
        lessons = [file for name in _names(folder) if name.endswith(LESSON_SUFFIX)
                   and _not_a_folder(file := os.path.join(folder, name))]
        for file in sorted(lessons, key=_order):
            add(file)
        # abspath, not the parent of a relative path: the parent of '.' is '.', not '..'
        scenarios = os.path.join(os.path.dirname(os.path.abspath(folder)), "scenarios")
        if os.path.isdir(scenarios) and os.path.realpath(scenarios) != real:
            for file in sorted(_yaml_files(scenarios), key=_order):
                add(file)
    return list(found.values()), problems


def _names(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _not_a_folder(file: str) -> bool:
    """Whether ``file`` exists and is not a folder (a symlink is followed).

    Not only regular files: a FIFO or a device named like a bank is kept, so that the reader
    refuses it with an error rather than the file vanishing from the run unexplained. Only
    ``stat`` is called, which never blocks on a FIFO. A dangling symlink is skipped (editors
    leave them as lock files: Emacs' ``.#bank.yaml``).
    """
    try:
        return not stat.S_ISDIR(os.stat(file).st_mode)
    except (OSError, ValueError):
        return False


def _yaml_files(folder: str) -> Iterator[str]:
    """Every YAML file under ``folder``; symlinked folders are not entered (as ``rglob``)."""
    for parent, _, names in os.walk(folder):
        for name in names:
            if os.path.splitext(name)[1] in YAML_SUFFIXES:
                file = os.path.join(parent, name)
                if _not_a_folder(file):
                    yield file
