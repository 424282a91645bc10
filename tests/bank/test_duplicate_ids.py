"""A duplicate question id is reported in the same run as any other error of either copy.

docs/bank-format.md promises one run shows every error; a copy that failed another check
used to drop out of the uniqueness check, so the duplicate surfaced only once it was fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.load import load
from tests.bank.bank_cases import FIXTURES

LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
DUPLICATE = (FIXTURES / "duplicate-id.yaml").read_text(encoding="utf-8")
SECOND = DUPLICATE.index("  - id: x-001", DUPLICATE.index("  - id: x-001") + 1)

BREAKAGES = {
    "unknown objective": ("objectives: [LO1]", "objectives: [LO9]"),
    "no correct choice": ("{id: a, text: Training, correct: true}", "{id: a, text: Training}"),
    "missing explanation": ("    explanation: Training builds.\n", ""),
    "unknown type": ("type: single", "type: singel"),
    "unknown key": ("    stem:", "    dificulty: 2\n    stem:"),
    "blank stem": ("stem: Which phase fits a model to data?", "stem: ' '"),
}


def _errors(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "x.lesson.yaml").write_text(LESSON, encoding="utf-8")
    (tmp_path / "dup.yaml").write_text(text, encoding="utf-8")
    return [d.message for d in load([tmp_path / "dup.yaml"]).errors]


@pytest.mark.parametrize("copy", ["first", "second"])
@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_duplicate_is_reported_beside_the_other_error(
    tmp_path: Path, breakage: str, copy: str
) -> None:
    old, new = BREAKAGES[breakage]
    head, tail = DUPLICATE[:SECOND], DUPLICATE[SECOND:]
    text = head.replace(old, new, 1) + tail if copy == "first" else head + tail.replace(old, new, 1)
    assert text != DUPLICATE
    messages = _errors(tmp_path, text)
    assert len(messages) >= 2, messages
    assert sum(m.startswith("duplicate question id 'x-001'; first used at ") for m in messages) == 1


def test_the_duplicate_is_reported_when_the_bank_has_another_error(tmp_path: Path) -> None:
    messages = _errors(tmp_path, DUPLICATE.replace("lesson: x-lesson", "lesson: x-lessen"))
    assert any(m.startswith("unknown lesson 'x-lessen'") for m in messages), messages
    assert any(m.startswith("duplicate question id 'x-001'") for m in messages), messages
