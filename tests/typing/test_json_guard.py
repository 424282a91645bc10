"""Misuses no type checker sees, guarded at run time (the end of misuses.py lists them).

``json.dumps`` accepts anything, and a value type is a tuple: one that reached the JSON the
model or the format produce would be written as a bare list, its field names lost, without an
error. Building a value with ``tuple.__new__`` skips its typed constructor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quiz
from quiz.bank.schema import schema_for
from quiz.bank.spec import FILE_KINDS
from quiz.errors import Diagnostic, Severity
from quiz.model import Choice
from quiz.record import Value


def _values_in(data: object, where: str = "$") -> list[str]:
    """Where, in a JSON-bound structure, a value type sits (it would be written as a list)."""
    if isinstance(data, Value):
        return [where]
    if isinstance(data, dict):
        return [w for k, v in data.items() for w in _values_in(v, f"{where}.{k}")]
    if isinstance(data, list | tuple):
        return [w for i, v in enumerate(data) for w in _values_in(v, f"{where}[{i}]")]
    return []


def test_the_finder_finds_a_value_anywhere() -> None:
    assert _values_in({"a": [1, {"b": (Choice("a", "A"),)}]}) == ["$.a[1].b[0]"]


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_the_json_schema_holds_no_value_type(kind: str) -> None:
    assert _values_in(schema_for(kind)) == []


def test_a_diagnostic_is_json_by_name() -> None:
    found = Diagnostic("a.yaml", 3, 4, Severity.ERROR, "m", "q1", "rule")
    data = found.as_json()
    assert _values_in(data) == []
    assert set(data) == {"file", "line", "column", "severity", "message", "question_id", "rule"}


def test_no_module_builds_a_value_with_tuple_new() -> None:
    # (quiz/record.py names tuple.__new__ as the pickle's constructor, but never calls it;
    # quiz/fields.py is where named tuples are made: its ``_make`` is collections.namedtuple's)
    package = Path(quiz.__file__).resolve().parent
    callers = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                     if "tuple.__new__(" in p.read_text(encoding="utf-8"))
    assert callers == ["fields.py"]
