"""Switching a rule off for one question: the ``lint_ignore`` key, or a comment.

``lint_ignore: [rule-id, ...]`` is part of the bank format. The comment form needs no change
to the question itself: ``# lint: ignore rule-id[, rule-id]`` at the end of the question's
first line (``- id: ...``), or alone on the line just above it. A bare ``# lint: ignore``
switches every rule off for that question. The same comment at the line of a bank's first key
(or alone just above it) switches bank-level rules off for that bank.
"""

from __future__ import annotations

import re
from pathlib import Path

from quiz.model import SourceRef

ALL = "*"
"""Stands for every rule: what a bare ``# lint: ignore`` comment switches off."""

_COMMENT = re.compile(r"#\s*lint:\s*ignore\b(?P<ids>[^#]*)")
_SPLIT = re.compile(r"[\s,]+")
# The line breaks YAML (and libyaml's line numbers) know; str.splitlines knows more.
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def comment_rules(line: str) -> set[str] | None:
    """Rule ids named by a ``# lint: ignore`` comment on ``line`` ({ALL} if bare), else None."""
    match = _COMMENT.search(line)
    if match is None:
        return None
    ids = {i for i in _SPLIT.split(match.group("ids")) if i}
    return ids or {ALL}


class Suppressions:
    """Reads each file's lines once, only when it holds a lint comment at all."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def _file(self, path: str) -> list[str]:
        lines = self._lines.get(path)
        if lines is None:
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            lines = _BREAK.split(text) if "lint:" in text else []
            self._lines[path] = lines
        return lines

    def at(self, where: SourceRef | None) -> set[str]:
        """Rule ids switched off by comments for the item that starts at ``where``."""
        if where is None:
            return set()
        lines = self._file(where.path)
        found: set[str] = set()
        index = where.line - 1
        if 0 <= index < len(lines):
            found |= comment_rules(lines[index]) or set()
        if 1 <= index <= len(lines) and lines[index - 1].lstrip().startswith("#"):
            found |= comment_rules(lines[index - 1]) or set()
        return found
