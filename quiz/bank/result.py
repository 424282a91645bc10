"""What loading produced: the catalog of everything that built, and every diagnostic.

Its own module so that reading a cached catalog (``quiz.bank.cache``) can unpickle it without
importing the YAML loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quiz.errors import Diagnostic, Severity
from quiz.model import Catalog


@dataclass
class LoadResult:
    """What a load produced: the catalog of everything that built, and every diagnostic."""

    catalog: Catalog
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]
