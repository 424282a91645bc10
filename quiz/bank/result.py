"""What loading produced: the catalog of everything that built, and every diagnostic.

Its own module so that reading a cached catalog (``quiz.bank.cache``) can unpickle it without
importing the YAML loader.
"""

from __future__ import annotations

from quiz.errors import Diagnostic, Severity
from quiz.model import Catalog


class LoadResult:
    """What a load produced: the catalog of everything that built, and every diagnostic."""

    __slots__ = ("catalog", "diagnostics", "files")

    def __init__(self, catalog: Catalog, diagnostics: list[Diagnostic] | None = None,
                 files: list[str] | None = None) -> None:
        self.catalog = catalog
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.files = [] if files is None else files

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]
