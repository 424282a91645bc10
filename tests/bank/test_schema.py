"""The JSON Schema given to editors: committed, referenced, and right about real files.

jsonschema is not a dependency, so a small checker for exactly the keywords our schemas use
lives in tests/bank/schema_check.py (tested here); it refuses any other keyword, so a schema
that grows a new one fails loudly instead of being half-checked. Files are read with
yaml.safe_load (YAML 1.1, as the loader reads them), then checked against the schema of their
kind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from quiz.bank.schema import schema_for, schema_text
from tests.bank.bank_cases import CASES, FIXTURES
from tests.bank.schema_check import check

KINDS = ("bank", "lesson", "scenario")
# --- the checker itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "schema", "ok"),
    [
        (True, {"enum": [1]}, False),
        (1, {"type": "integer"}, True),
        (1.0, {"type": "integer"}, True),
        (1.5, {"type": "integer"}, False),
        (float("inf"), {"type": "integer"}, False),
        (4.0, {"maximum": 3}, False),
        (True, {"type": "integer"}, False),
        ({"a": 1}, {"type": "object", "properties": {"a": {"type": "string"}}}, False),
        ({"b": 1}, {"properties": {"a": {}}, "additionalProperties": False}, False),
        ({}, {"required": ["a"]}, False),
        ("", {"minLength": 1}, False),
        ("abc", {"maxLength": 2}, False),
        ("ab", {"maxLength": 2}, True),
        ("a b", {"pattern": "^[a-z]+$"}, False),
        ("ab\n", {"pattern": "^[a-z]+$"}, False),
        (4, {"minimum": 1, "maximum": 3}, False),
        ([1, "x"], {"items": {"type": "integer"}}, False),
        ([], {"minItems": 1}, False),
        ("x", {"anyOf": [{"type": "integer"}, {"type": "string"}]}, True),
        ({"t": "a", "c": 1}, {"if": {"properties": {"t": {"enum": ["a"]}}},
                              "then": {"not": {"required": ["c"]}}}, False),
        ({"t": "b", "c": 1}, {"if": {"properties": {"t": {"enum": ["a"]}}},
                              "then": {"not": {"required": ["c"]}}}, True),
        (3, {"allOf": [{"minimum": 1}, {"maximum": 2}]}, False),
    ],
)
def test_the_checker(value: Any, schema: dict[str, Any], ok: bool) -> None:
    assert (check(value, schema) == []) is ok


def test_the_checker_refuses_keywords_it_does_not_know() -> None:
    with pytest.raises(AssertionError, match="does not know"):
        check(1, {"multipleOf": 2})


# --- committed and referenced ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_the_generated_one(kind: str, repo_root: Path) -> None:
    committed = repo_root / "schema" / f"{kind}.schema.json"
    assert committed.is_file(), "run `quiz schema --out schema` and commit the files"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (
        f"schema/{kind}.schema.json differs from quiz/bank/spec.py: "
        "run `quiz schema --out schema` and commit the result"
    )


def test_schema_folder_holds_only_the_three_schemas(repo_root: Path) -> None:
    assert sorted(p.name for p in (repo_root / "schema").iterdir()) == [
        f"{kind}.schema.json" for kind in KINDS
    ]


def _kind(document: Any) -> str:
    keys = document if isinstance(document, dict) else {}
    return next((k for k in ("bank", "scenario", "lesson") if k in keys), "bank")


def test_every_bundled_file_names_its_schema_on_the_first_line(
    bundled_yaml_files: list[Path],
) -> None:
    assert len(bundled_yaml_files) >= 3
    for path in bundled_yaml_files:
        text = path.read_text(encoding="utf-8")
        kind = _kind(yaml.safe_load(text))
        first = text.split("\n", 1)[0]
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path
        target = path.parent / first.split("=", 1)[1]
        assert target.is_file(), f"{path}: {target} does not exist"
        assert target.read_text(encoding="utf-8") == schema_text(kind)


# --- right about real files --------------------------------------------------------------------


def _errors_for(path: Path) -> list[str]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return check(document, schema_for(_kind(document)))


def test_the_schema_accepts_every_bundled_file(bundled_yaml_files: list[Path]) -> None:
    for path in bundled_yaml_files:
        assert _errors_for(path) == [], path


@pytest.mark.parametrize(
    "name", ["valid.yaml", "x.lesson.yaml", "scenarios/x-scenario.yaml"]
)
def test_the_schema_accepts_the_valid_fixtures(name: str) -> None:
    assert _errors_for(FIXTURES / name) == []


SCHEMA_SEES = {
    "unknown-key.yaml": "$.questions[0]: unknown dificulty",
    "missing-key.yaml": "$.questions[0]: missing phase",
    "bad-enum.yaml": "$.questions[0].type: 'singel' not in",
    "scoring-value.yaml": "$.scoring.exam_multiple: 'partial_credit' not in",
    "difficulty-range.yaml": "$.questions[0].difficulty: 7 beyond maximum 3",
    "int-type.yaml": "$.questions[0].difficulty: not integer",
    "text-for-list.yaml": "$.questions[0].objectives: not array",
    "bool-for-text.yaml": "$.questions[0].choices[1].text: not string",
    "bool-type.yaml": "$.questions[0].choices[0].correct: not boolean",
    "null-text.yaml": "$.questions[0].explanation: not string",
    "list-for-mapping.yaml": "$.exam: not object",
    "blueprint-key.yaml": "$.exam.blueprint: unknown inferance",
    "no-objectives.yaml": "$.questions[0].objectives: fewer than 1 items",
    "bad-id.yaml": "$.questions[0].id: 'x 001' does not match",
    "empty-stem.yaml": "$.questions[0].stem: '  ' does not match",
    "true-false-no-answer.yaml": "$.questions[0]: missing answer",
    "phase-with-choices.yaml": "$.questions[0]: matches a 'not'",
    "phase-with-answer.yaml": "$.questions[0]: matches a 'not'",
    "answer-on-single.yaml": "$.questions[0]: matches a 'not'",
    "feedback-on-single.yaml": "$.questions[0]: matches a 'not'",
    "sides-missing.yaml": "$.lesson: matches none of anyOf",
    "inline-lesson-no-id.yaml": "$.lesson: matches none of anyOf",
    "top-level-list.yaml": "$: not object",
    "scalar-file.yaml": "$: not object",
    "not-a-bank.yaml": "$: missing bank",
    "scenario-errors/statements-phase.yaml": "$.statements: unknown evaluation",
    "matching-with-choices.yaml": "$.questions[0]: matches a 'not'",
    "categories-on-single.yaml": "$.questions[0]: matches a 'not'",
}
"""Fixtures the schema rejects too, so an editor underlines them as the author types."""

SCHEMA_BLIND = {
    # answer counts, ids that must exist or be unique: only `quiz validate` sees
    "single-no-correct.yaml", "single-two-correct.yaml", "multiple-one-correct.yaml",
    "multiple-all-correct.yaml", "too-few-choices.yaml", "empty-choices.yaml",
    "choice-id-twice.yaml", "ordering-with-correct.yaml",
    "duplicate-id.yaml", "duplicate-id-across-b.yaml", "unknown-objective.yaml",
    "objective-twice.yaml", "unknown-scenario.yaml", "unknown-lesson.yaml",
    "no-questions.yaml", "generate-unknown.yaml", "objective-id-twice.yaml",
    "lesson-differs.yaml", "scenario-errors/statement-twice.yaml",
    "scenario-errors/scenario-id-reused.yaml",
    # matching: ids that must exist or be used, prompt counts; exam and case-study rules
    "matching-unknown-category.yaml", "matching-unused-category.yaml",
    "matching-distractor-used.yaml", "matching-too-few-prompts.yaml",
    "matching-prompt-twice.yaml", "scaled-pass.yaml", "case-unknown.yaml",
    "scenario-errors/case-too-small.yaml", "scenario-errors/case-phase-type.yaml",
    # yaml.safe_load merges '<<' and reads 'x' duplicate keys as the last one: the JSON view
    # of these files is valid, which is why the loader composes nodes itself
    "merge-key.yaml", "duplicate-key.yaml",
}
"""Fixtures whose JSON view the schema accepts."""

NOT_JSON = {
    "key-not-text.yaml", "invalid-syntax.yaml", "two-documents.yaml", "deep-flow.yaml",
    "deep-block.yaml", "not-utf8.yaml", "binary.yaml", "empty.yaml", "comments-only.yaml",
    "python-tag.yaml", "custom-tag.yaml",
}
"""Fixtures that are not a JSON document at all: nothing for a schema to check."""


def test_every_fixture_is_classified() -> None:
    fixtures = {case.fixture for case in CASES}
    assert set(SCHEMA_SEES) | SCHEMA_BLIND | NOT_JSON == fixtures
    assert not set(SCHEMA_SEES) & SCHEMA_BLIND


@pytest.mark.parametrize(("name", "reason"), sorted(SCHEMA_SEES.items()))
def test_the_schema_rejects(name: str, reason: str) -> None:
    errors = _errors_for(FIXTURES / name)
    assert any(e.startswith(reason) for e in errors), errors


@pytest.mark.parametrize("name", sorted(SCHEMA_BLIND))
def test_the_schema_cannot_see(name: str) -> None:
    """Documented in docs/bank-format.md: these need `quiz validate`."""
    assert _errors_for(FIXTURES / name) == []


def test_schema_text_is_stable_json() -> None:
    for kind in KINDS:
        text = schema_text(kind)
        assert json.loads(text) == schema_for(kind)
        assert text.endswith("}\n")
