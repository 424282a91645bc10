"""Every free-text field has a length limit, so a hostile bank cannot stall the app.

A stem of 200,000 paragraphs took 40 s and 1.2 GB to first paint; a 400,000-character choice
with a 200,000-paragraph feedback validated and then cost 9 s and 490 MB in the app. Each
limit sits far above any real item (the bundled ones stay under 1,000 characters), is the same
in the JSON Schema, and is named in docs/bank-format.md. Ids are bounded by their pattern.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from quiz.bank.load import _Parsed, load_text, parse_text
from quiz.bank.schema import schema_for
from quiz.bank.shapes import AnyOf, ListOf, MapOf, Record, Shape, Str
from quiz.bank.spec import FILE_KINDS, MAX_LINE_CHARS, MAX_TEXT_CHARS
from quiz.errors import BankError
from tests.bank.bank_cases import FIXTURES

LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace(
    "    scenario: spam-filter\n", "")
INLINE = VALID.replace("lesson: x-lesson\n", "lesson:\n" + LESSON.split("lesson:\n", 1)[1])
STEM = "stem: Which phase fits a model's parameters to data?"
EXPLANATION = "explanation: Training builds."
DOC = Path(__file__).resolve().parents[2] / "docs" / "bank-format.md"
SPLIT = "shorten it or split the question"


def _bank() -> dict[str, Any]:
    """The inline bank with every optional text filled in: a convention, a description, a
    true/false feedback, a choice and a prompt feedback and a lint rule."""
    bank: dict[str, Any] = yaml.safe_load(INLINE)
    bank["description"] = "d"
    bank["lesson"]["conventions"] = [{"case": "c", "side": "training", "why": "w"}]
    questions = {q["id"]: q for q in bank["questions"]}
    questions["x-003"]["feedback"] = "f"
    questions["x-001"]["lint_ignore"] = ["rule"]
    return bank


def _scenario() -> dict[str, Any]:
    scenario: dict[str, Any] = yaml.safe_load(
        (FIXTURES / "scenarios" / "x-scenario.yaml").read_text(encoding="utf-8"))
    scenario["statements"]["training"].append({"text": "t", "why": "w"})
    return scenario


LIMITS: list[tuple[str, tuple[Any, ...], int, str]] = [
    ("bank", ("title",), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("description",), MAX_TEXT_CHARS, "shorten it"),
    ("bank", ("lesson", "title"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("lesson", "rule"), MAX_TEXT_CHARS, "shorten it"),
    ("bank", ("lesson", "sides", "training"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("lesson", "objectives", 0, "text"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("lesson", "conventions", 0, "case"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("lesson", "conventions", 0, "why"), MAX_TEXT_CHARS, "shorten it"),
    ("bank", ("questions", 0, "stem"), MAX_TEXT_CHARS, SPLIT),
    ("bank", ("questions", 0, "explanation"), MAX_TEXT_CHARS, SPLIT),
    ("bank", ("questions", 0, "choices", 0, "text"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("questions", 0, "choices", 1, "feedback"), MAX_TEXT_CHARS, "shorten it"),
    ("bank", ("questions", 0, "lint_ignore", 0), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("questions", 2, "feedback"), MAX_TEXT_CHARS, "shorten it"),
    ("bank", ("questions", 5, "categories", 0, "text"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("questions", 5, "prompts", 0, "text"), MAX_LINE_CHARS, "shorten it"),
    ("bank", ("questions", 5, "prompts", 1, "feedback"), MAX_TEXT_CHARS, "shorten it"),
    ("scenario", ("title",), MAX_LINE_CHARS, "shorten it"),
    ("scenario", ("context",), MAX_TEXT_CHARS, "shorten it"),
    ("scenario", ("statements", "training", 0), MAX_LINE_CHARS, "shorten it"),
    ("scenario", ("statements", "training", 1, "text"), MAX_LINE_CHARS, "shorten it"),
    ("scenario", ("statements", "training", 1, "why"), MAX_TEXT_CHARS, "shorten it"),
    ("scenario", ("case_studies", 0, "title"), MAX_LINE_CHARS, "shorten it"),
    ("scenario", ("case_studies", 0, "context"), MAX_TEXT_CHARS, "shorten it"),
    ("scenario", ("case_studies", 0, "questions", 0, "stem"), MAX_TEXT_CHARS, SPLIT),
]
"""(file kind, where the text is, its limit, what the error tells the author to do)."""


def _name(row: tuple[str, tuple[Any, ...], int, str]) -> str:
    return row[0] + "." + ".".join(map(str, row[1]))


def _with(kind: str, where: tuple[Any, ...], value: str) -> str:
    document = _bank() if kind == "bank" else _scenario()
    holder = document
    for step in where[:-1]:
        holder = holder[step]
    assert isinstance(holder[where[-1]], str)  # the path names a text that is there
    holder[where[-1]] = value
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10**9)


def _errors(text: str) -> list[Any]:
    outcome = parse_text(text, "t.yaml")
    return outcome.report.diagnostics if isinstance(outcome, _Parsed) else outcome


@pytest.mark.parametrize("row", LIMITS, ids=_name)
def test_a_text_at_its_limit_is_fine(row: tuple[str, tuple[Any, ...], int, str]) -> None:
    kind, where, limit, _ = row
    text = _with(kind, where, "é" * (limit - 1) + "😀")  # characters are counted, not bytes
    assert _errors(text) == []
    if kind == "bank":
        load_text(text)


@pytest.mark.parametrize("row", LIMITS, ids=_name)
def test_a_text_over_its_limit_names_the_field_the_limit_and_what_to_do(
    row: tuple[str, tuple[Any, ...], int, str],
) -> None:
    kind, where, limit, hint = row
    text = _with(kind, where, "x" * (limit + 1))
    errors = _errors(text)
    key = next((step for step in reversed(where) if isinstance(step, str)), "")
    what = f"'{key}'" if isinstance(where[-1], str) else f"an item of '{key}'"
    long = [d for d in errors if "characters long" in d.message]
    assert [d.message for d in long] == [
        f"{what} is {limit + 1:,} characters long; the limit is {limit:,}: {hint}"]
    line = text.splitlines()[long[0].line - 1]
    assert line[long[0].column - 1:].startswith("x" * 100)  # at the text itself


def _texts(shape: Shape, path: str, into: dict[str, Str]) -> dict[str, Str]:
    """Every text of the format that is not an id, by where it is."""
    if isinstance(shape, Str) and shape.pattern is None:
        into[path] = shape
    elif isinstance(shape, Record):
        for key, prop in shape.props.items():
            _texts(prop.shape, f"{path}.{key}", into)
    elif isinstance(shape, ListOf):
        _texts(shape.item, f"{path}[]", into)
    elif isinstance(shape, MapOf):
        _texts(shape.value, f"{path}.*", into)
    elif isinstance(shape, AnyOf):
        for n, option in enumerate(shape.options):
            _texts(option, f"{path}|{n}", into)
    return into


def test_every_text_of_the_format_has_a_limit_far_above_any_real_item() -> None:
    texts = {p: s for kind, shape in FILE_KINDS.items() for p, s in _texts(shape, kind, {}).items()}
    assert texts, "the walk found no text"
    assert {p for p, s in texts.items() if s.max_length is None} == set()
    assert {s.max_length for s in texts.values()} == {MAX_LINE_CHARS, MAX_TEXT_CHARS}
    assert MAX_LINE_CHARS >= 2_000 and MAX_TEXT_CHARS >= 10_000


def test_every_text_of_the_format_is_tested_here() -> None:
    """A text added to the spec without a row in LIMITS would be capped but never tried.

    A lesson file holds the same lesson record as an inline lesson, and a case study the same
    question record as a bank, so those are tried once, in a bank."""
    bank, scenario = FILE_KINDS["bank"].props, FILE_KINDS["scenario"].props
    lesson = FILE_KINDS["lesson"].props["lesson"].shape
    assert isinstance(bank["lesson"].shape, AnyOf) and lesson in bank["lesson"].shape.options
    case = scenario["case_studies"].shape
    assert isinstance(case, ListOf) and isinstance(case.item, Record)
    assert case.item.props["questions"].shape.item is bank["questions"].shape.item  # type: ignore[union-attr]
    tested = set()
    for kind, where, _, _ in LIMITS:
        tested.add(kind + "".join("[]" if isinstance(s, int) else f".{s}" for s in where))
    spec = set(_texts(FILE_KINDS["bank"], "bank", {})) | set(
        _texts(FILE_KINDS["scenario"], "scenario", {}))
    normal = {re.sub(r"\|\d", "", p).replace(".*", ".training") for p in spec}
    normal = {p for p in normal if not p.startswith("scenario.case_studies[].questions[].")}
    assert normal - tested == set()
    assert "scenario.case_studies[].questions[].stem" in tested


@pytest.mark.parametrize("row", LIMITS, ids=_name)
def test_the_schema_has_the_same_limit(row: tuple[str, tuple[Any, ...], int, str]) -> None:
    kind, where, limit, _ = row
    node: dict[str, Any] = schema_for(kind)
    for step in where:
        if "anyOf" in node:  # a lesson id or an inline lesson; a text or a statement record
            node = next(o for o in node["anyOf"]
                        if o.get("type") == ("array" if isinstance(step, int) else "object"))
        node = node["items"] if isinstance(step, int) else node["properties"][step]
    if "anyOf" in node:
        node = next(o for o in node["anyOf"] if o.get("type") == "string")
    assert node["maxLength"] == limit


def test_the_limits_are_named_in_the_format_doc() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert f"at most {MAX_TEXT_CHARS:,} characters" in doc
    assert f"at most {MAX_LINE_CHARS:,} characters" in doc


@pytest.mark.parametrize(("key", "line"), [("stem", STEM), ("explanation", EXPLANATION)])
def test_a_stem_of_many_paragraphs_is_refused_with_a_clear_message(key: str, line: str) -> None:
    paragraphs = "\n".join("      p" for _ in range(200_000))
    text = INLINE.replace(line, f"{key}: |\n{paragraphs}", 1)
    with pytest.raises(BankError) as caught:
        load_text(text)
    messages = [d.message for d in caught.value.diagnostics]
    expected = (f"'{key}' is {len('p' * 200_000 * 2):,} characters long; the limit is "
                f"{MAX_TEXT_CHARS:,}: shorten it or split the question")
    assert expected in messages, messages


def test_a_huge_choice_with_a_huge_feedback_is_refused_at_both() -> None:
    """The reported bank: a 400,000-character choice with a 200,000-paragraph feedback."""
    feedback = "\n".join("          p" for _ in range(200_000))
    text = INLINE.replace(
        "      - {id: b, text: Inference, feedback: Inference only uses the parameters.}",
        f"      - id: b\n        text: {'c' * 400_000}\n        feedback: |\n{feedback}", 1)
    with pytest.raises(BankError) as caught:
        load_text(text)
    assert sorted(d.message for d in caught.value.diagnostics) == [
        f"'feedback' is 400,000 characters long; the limit is {MAX_TEXT_CHARS:,}: shorten it",
        f"'text' is 400,000 characters long; the limit is {MAX_LINE_CHARS:,}: shorten it",
    ]


def test_an_id_over_its_limit_is_refused_where_it_stands() -> None:
    """A 300-character id passed validation and then named a QTI file no unzip could write."""
    from quiz.bank.spec import MAX_ID_CHARS

    assert 40 <= MAX_ID_CHARS <= 200
    fine = _with("bank", ("questions", 0, "id"), "q" * MAX_ID_CHARS)
    assert _errors(fine) == []
    text = _with("bank", ("questions", 0, "id"), "q" * (MAX_ID_CHARS + 1))
    long = [d for d in _errors(text) if "characters long" in d.message]
    assert [d.message for d in long] == [
        f"'id' is {MAX_ID_CHARS + 1:,} characters long; the limit is {MAX_ID_CHARS:,}: "
        "use a shorter id"]
