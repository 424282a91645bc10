"""docs/bank-format.md stays true: its example loads, and every error has its example message.

The example files are the YAML blocks preceded by ``<!-- file: PATH -->``; they are written
into a course folder and loaded as an instructor would load them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.bank.load import load
from quiz.bank.shapes import AnyOf, ListOf, MapOf, Record, Shape
from quiz.bank.spec import FILE_KINDS
from quiz.model import QuestionType, statement_id
from tests.bank.bank_cases import CASES

DOC = Path(__file__).resolve().parents[2] / "docs" / "bank-format.md"
_EXAMPLE = re.compile(r"<!-- file: (\S+) -->\n```yaml\n(.*?)```", re.DOTALL)


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(doc: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = tmp_path_factory.mktemp("course")
    blocks = _EXAMPLE.findall(doc)
    assert [name for name, _ in blocks] == [
        "question_banks/phases-demo.lesson.yaml",
        "question_banks/phases-demo.yaml",
        "scenarios/translation-app.yaml",
    ]
    for name, text in blocks:
        path = course / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return course


def test_the_example_is_valid(example: Path) -> None:
    result = load([example / "question_banks"])
    assert [str(d) for d in result.diagnostics] == []
    (bank,) = result.catalog.banks
    written = [q for q in bank.questions if not q.generated]
    assert [q.type for q in written] == list(QuestionType)  # one of each type, in order
    assert {q.phase.value for q in written} == {"training", "inference"}
    assert (bank.exam.questions, bank.exam.minutes, bank.exam.pass_percent) == (4, 10, 75)


def test_the_example_generates_what_the_text_says(example: Path) -> None:
    """Four generated items: the pinned `quarterly-refit` and three ids derived from text."""
    result = load([example / "question_banks"])
    (bank,) = result.catalog.banks
    generated = [q.id for q in bank.questions if q.generated]
    statements = result.catalog.scenarios["translation-app"].statements
    pinned = "Every quarter the model is refitted with newly collected sentence pairs."
    assert generated == [
        "gen.translation-app."
        + ("quarterly-refit" if s.text == pinned else statement_id(s.text))
        for s in statements
    ]
    assert len(generated) == 4
    assert len(bank.questions) == 10  # six written, four generated


def test_every_bundled_schema_comment_in_the_example_is_right(doc: str) -> None:
    for name, text in _EXAMPLE.findall(doc):
        kind = "lesson" if name.endswith(".lesson.yaml") else (
            "scenario" if name.startswith("scenarios/") else "bank"
        )
        assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.fixture.removesuffix(".yaml"))
def test_every_error_has_its_example_message(case: object, doc: str) -> None:
    for expect in case.expected:  # type: ignore[attr-defined]
        assert expect.message in doc, f"docs/bank-format.md lacks: {expect.message}"


def _records(shape: Shape) -> list[Record]:
    """Every record inside a shape: the file, and the mappings nested in it."""
    if isinstance(shape, Record):
        return [shape, *(r for p in shape.props.values() for r in _records(p.shape))]
    if isinstance(shape, ListOf | MapOf):
        return _records(shape.item if isinstance(shape, ListOf) else shape.value)
    if isinstance(shape, AnyOf):
        return [r for option in shape.options for r in _records(option)]
    return []


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_every_key_of_the_format_is_documented(kind: str, doc: str) -> None:
    """Each key of each record appears as `key` at the start of a table row."""
    records = _records(FILE_KINDS[kind])
    assert len(records) >= 2
    for record in records:
        for key in record.props:
            assert f"| `{key}` |" in doc, f"{record.name}: `{key}` is not in a table row"


def test_the_schema_accepts_the_example(example: Path) -> None:
    import yaml

    from quiz.bank.schema import schema_for
    from tests.bank.schema_check import check

    for path, kind in [
        (example / "question_banks" / "phases-demo.lesson.yaml", "lesson"),
        (example / "question_banks" / "phases-demo.yaml", "bank"),
        (example / "scenarios" / "translation-app.yaml", "scenario"),
    ]:
        assert check(yaml.safe_load(path.read_text(encoding="utf-8")), schema_for(kind)) == []
