"""Our own error types and the diagnostic record every checker emits.

Only ``QuizError`` (and its subclasses) may reach the user; the CLI turns it into a message and
a non-zero exit code. A ``Diagnostic`` is one finding at one place, printed as
``path:line:col: severity: message`` like a compiler's. ``Diagnostic`` is a named tuple under
``quiz.record.Value`` like the model's types (see quiz/model.py).
"""

from __future__ import annotations

from enum import StrEnum

from quiz.fields import Fields
from quiz.record import Value


class Severity(StrEnum):
    """How bad a finding is: errors fail validation, warnings come from lint."""

    ERROR = "error"
    WARNING = "warning"


class _DiagnosticFields(Fields):
    path: str
    line: int
    column: int
    severity: Severity
    message: str
    question_id: str | None = None
    rule: str | None = None


class Diagnostic(Value, _DiagnosticFields):
    """One finding: where, how bad, what, and the question it concerns if any."""

    __slots__ = ()

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        about = f" [{self.question_id}]" if self.question_id else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}: {self.severity.value}: {self.message}{about}{rule}"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
            "question_id": self.question_id,
            "rule": self.rule,
        }


class QuizError(Exception):
    """An error we expect and can explain; the CLI prints it without a traceback."""


class BankError(QuizError):
    """Banks that failed to load; carries every diagnostic, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = str(diagnostics[0]) if diagnostics else "bank failed to load"
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(first + more)


class StoreError(QuizError):
    """The progress store cannot be opened, read or written."""
