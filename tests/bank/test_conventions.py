"""A lesson's optional ``conventions``: how it classifies the cases its text leaves open.

Each entry names a case, the side the lesson puts it on (``training``, ``inference`` or
``neither``) and why; the loader keeps them on ``Lesson.conventions``, in the written order.
"""

from __future__ import annotations

from pathlib import Path

from quiz.bank.dump import dump_bank
from quiz.bank.load import load, load_text
from quiz.bank.schema import schema_for
from quiz.model import Convention
from tests.bank.bank_cases import FIXTURES

LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace(
    "    scenario: spam-filter\n", "")  # these tests load no scenario

CONVENTIONS = """\
  conventions:
    - case: Labelling examples by hand
      side: training
      why: The labels exist to fit a model.
    - case: Quantising a trained model
      side: neither
      why: It changes the model's form, not what it knows.
"""


def _course(tmp_path: Path, lesson: str) -> Path:
    (tmp_path / "x.lesson.yaml").write_text(lesson, encoding="utf-8")
    (tmp_path / "valid.yaml").write_text(VALID, encoding="utf-8")
    return tmp_path


def test_conventions_are_loaded_in_order(tmp_path: Path) -> None:
    result = load([_course(tmp_path, LESSON + CONVENTIONS)])
    assert [str(d) for d in result.diagnostics] == []
    lesson = result.catalog.lessons["x-lesson"]
    assert lesson.conventions == (
        Convention("Labelling examples by hand", "training", "The labels exist to fit a model."),
        Convention("Quantising a trained model", "neither",
                   "It changes the model's form, not what it knows."),
    )


def test_conventions_are_optional(tmp_path: Path) -> None:
    result = load([_course(tmp_path, LESSON)])
    assert result.diagnostics == []
    assert result.catalog.lessons["x-lesson"].conventions == ()


def test_a_convention_needs_a_known_side_and_every_key(tmp_path: Path) -> None:
    broken = CONVENTIONS.replace("side: neither", "side: both").replace(
        "      why: The labels exist to fit a model.\n", "")
    messages = [d.message for d in load([_course(tmp_path, LESSON + broken)]).errors]
    assert "'side' must be 'training', 'inference' or 'neither', not 'both'" in messages
    assert "convention is missing the required key 'why'" in messages


def test_the_schema_knows_conventions() -> None:
    lesson = schema_for("lesson")["properties"]["lesson"]
    entry = lesson["properties"]["conventions"]["items"]
    assert entry["required"] == ["case", "side", "why"]
    assert entry["properties"]["side"]["enum"] == ["training", "inference", "neither"]
    assert "conventions" not in lesson["required"]


def test_an_inline_lesson_keeps_its_conventions_through_a_dump() -> None:
    inline = VALID.replace("lesson: x-lesson\n", "lesson:\n" + LESSON.split("lesson:\n", 1)[1]
                           + CONVENTIONS)
    catalog = load_text(inline)
    (bank,) = catalog.banks
    assert len(bank.lesson.conventions) == 2
    again = load_text(dump_bank(bank, lesson_ref=False))
    assert again.banks[0].lesson.conventions == bank.lesson.conventions
