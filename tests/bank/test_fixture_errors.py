"""One fixture file per validation error: each reports exactly its errors, at exact positions.

The loader runs from the fixtures folder, as an instructor would run ``quiz validate`` there,
so every diagnostic reads ``file.yaml:line:col: error: message [question id]``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.load import load
from quiz.errors import Diagnostic, Severity
from tests.bank.bank_cases import CASES, FIXTURES, SCENARIO, Case, Expect


def _errors(case: Case, monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    monkeypatch.chdir(FIXTURES)
    paths = [Path(p) for p in (*case.before, case.fixture, SCENARIO)]
    result = load(paths)
    return sorted(result.errors, key=lambda d: (d.path, d.line, d.column))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.fixture.removesuffix(".yaml"))
def test_fixture_reports_exactly_its_errors(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = _errors(case, monkeypatch)
    where = [(d.path, d.line, d.column, d.question_id) for d in errors]
    expected = [
        (e.path or case.fixture, e.line, e.column, e.question_id) for e in case.expected
    ]
    assert where == expected, "\n".join(str(d) for d in errors)
    for diagnostic, expect in zip(errors, case.expected, strict=True):
        assert expect.message in diagnostic.message
        assert diagnostic.severity is Severity.ERROR
        prefix = f"{expect.path or case.fixture}:{expect.line}:{expect.column}: error: "
        assert str(diagnostic).startswith(prefix)
        if expect.question_id:
            assert str(diagnostic).endswith(f"[{expect.question_id}]")


def test_every_fixture_file_is_in_the_table() -> None:
    """A fixture added without a row here would test nothing."""
    context = {"x.lesson.yaml", "valid.yaml", SCENARIO, "duplicate-id-across-a.yaml"}
    tested = {c.fixture for c in (*CASES, *TAG_CASES)}
    # built by the hostile-file tests, which check timing rather than a single position
    hostile = {"alias-bomb.yaml", "alias-flood.yaml", "unclosed-quote.yaml"}
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.yaml")}
    assert on_disk - context - hostile == tested


def test_the_valid_fixture_loads_every_question_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    result = load([Path("valid.yaml"), Path(SCENARIO)])
    assert result.errors == []
    (bank,) = result.catalog.banks
    assert [q.type.value for q in bank.questions] == [
        "single", "multiple", "true_false", "phase", "ordering", "matching"
    ]
    assert bank.lesson.id == "x-lesson"
    assert bank.question("x-002") is not None
    assert bank.question("x-002").scenario == "spam-filter"  # type: ignore[union-attr]


TAG_CASES = (
    Case("int-tag-not-a-number.yaml",
         (Expect(10, 17, "'difficulty' must be a whole number, not 'hard'"),)),
    Case("bool-tag-not-a-bool.yaml",
         (Expect(10, 14, "'shuffle' must be true or false, not 'maybe'"),)),
    Case("huge-number.yaml", (Expect(10, 17, "'difficulty' must be"),)),
)
"""Explicit tags on wrong values and huge numbers: once crashes (ValueError, KeyError)."""


@pytest.mark.parametrize("case", TAG_CASES, ids=lambda c: c.fixture.removesuffix(".yaml"))
def test_explicit_tags_and_huge_numbers_are_reported_not_crashes(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _errors(case, monkeypatch)
    assert [(d.path, d.line, d.column) for d in errors] == [
        (case.fixture, e.line, e.column) for e in case.expected
    ]
    assert all(e.message in d.message for d, e in zip(errors, case.expected, strict=True))
    assert all(len(d.message) < 200 for d in errors)  # a 5,000-digit number is not echoed
