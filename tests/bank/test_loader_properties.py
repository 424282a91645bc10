"""Whatever it is given, the loader returns a catalog or raises BankError: nothing else.

Inputs range from arbitrary text and bytes, through YAML-like token soup and generated
structures dumped with yaml.safe_dump, to valid banks with one thing broken (a key removed, a
value of the wrong type, an unknown key, a list item repeated). Every BankError must carry
located diagnostics that print.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.load import load_text
from quiz.bank.shapes import AnyOf, ListOf, MapOf, Record, Shape
from quiz.bank.spec import FILE_KINDS
from quiz.errors import BankError, Severity
from quiz.model import Catalog
from tests.bank.bank_cases import FIXTURES
from tests.hypothesis_budget import examples

SHOWN = "prop.yaml"
PROPERTY = settings(
    deadline=None,
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.too_slow],
)


def _keys(shape: Shape, into: set[str]) -> set[str]:
    """Every key the format knows, so generated mappings reach the deeper checks."""
    if isinstance(shape, Record):
        for key, prop in shape.props.items():
            into.add(key)
            _keys(prop.shape, into)
    elif isinstance(shape, MapOf):
        into.update(shape.keys)
        _keys(shape.value, into)
    elif isinstance(shape, ListOf):
        _keys(shape.item, into)
    elif isinstance(shape, AnyOf):
        for option in shape.options:
            _keys(option, into)
    return into


KEYS = sorted(set().union(*(_keys(s, set()) for s in FILE_KINDS.values())))
WORDS = ["single", "multiple", "true_false", "phase", "ordering", "matching", "training",
         "inference", "neither", "p1", "cs-junk",
         "all", "partial", "all_or_nothing", "LO1", "LO2", "x-lesson", "a", "b", ""]


def _inline_bank() -> dict[str, Any]:
    """fixtures/valid.yaml with the lesson of x.lesson.yaml inline and no scenario."""
    bank = yaml.safe_load((FIXTURES / "valid.yaml").read_text(encoding="utf-8"))
    lesson = yaml.safe_load((FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8"))
    bank["lesson"] = lesson["lesson"]
    for question in bank["questions"]:
        question.pop("scenario", None)
    return bank  # type: ignore[no-any-return]


def _read(name: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


BASE = _inline_bank()
SCENARIO_BASE = _read("scenarios/x-scenario.yaml")
SCENARIO_BASE["statements"]["training"].append(
    {"id": "t2", "text": "Labels are checked.", "why": "Preparing data is part of building."}
)
BASES: dict[str, dict[str, Any]] = {
    "bank": BASE,
    "bank with generate": {**BASE, "generate": {"scenarios": "all", "objectives": ["LO1"]}},
    "lesson file": _read("x.lesson.yaml"),
    "scenario file": SCENARIO_BASE,
}


def _check(text: str | bytes) -> Catalog | None:
    """Load; only BankError may escape, and its diagnostics must be located and printable."""
    try:
        return load_text(text, SHOWN)
    except BankError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.path == SHOWN
            assert diagnostic.line >= 1 and diagnostic.column >= 1
            assert diagnostic.severity is Severity.ERROR
            assert str(diagnostic).startswith(f"{SHOWN}:{diagnostic.line}:{diagnostic.column}: ")
        return None


def test_the_bases_are_valid() -> None:
    """The mutations below start from files that load."""
    for name, base in BASES.items():
        assert _check(yaml.safe_dump(base, sort_keys=False)) is not None, name
    catalog = load_text(yaml.safe_dump(BASE, sort_keys=False))
    assert len(catalog.banks[0].questions) == 6


@PROPERTY
@given(st.text())
def test_any_text(text: str) -> None:
    _check(text)


@PROPERTY
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    _check(data)


TOKENS = st.sampled_from([
    "bank:", "lesson:", "scenario:", "questions:", "choices:", "objectives:", "statements:",
    "id: q1", "type: single", "phase: training", "stem: s", "explanation: e", "correct: true",
    "answer: no", "text: t", "- ", "  ", "    ", "\n", "\t", ": ", "? ", "[", "]", "{", "}",
    ",", "&a ", "*a", "&b ", "*b", "<<: ", "!!python/object/apply:os.system ", "!tag ",
    "!!str ", "!!binary ", "!!timestamp ", "'", '"', "|", ">-", "#", "---", "...", "%YAML 1.1",
    "~", "null", "1", "-1", "0x1f", "1e3", ".nan", "2024-01-01", "\\", "\u2028", "\x85", "\r",
    "\ufeff", "é", "\x1b[31m",
])


@PROPERTY
@given(st.lists(TOKENS, max_size=60).map("".join))
def test_yaml_like_token_soup(text: str) -> None:
    _check(text)


SCALARS = (
    st.none() | st.booleans() | st.integers(-5, 600) | st.floats(allow_nan=True)
    | st.sampled_from(WORDS) | st.text(max_size=12)
)
KEY = st.sampled_from(KEYS) | st.text(max_size=8)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEY, inner, max_size=6),
    max_leaves=40,
)


@PROPERTY
@given(st.sampled_from(["bank", "lesson", "scenario"]), st.dictionaries(KEY, TREES, max_size=8),
       TREES)
def test_generated_structures(kind: str, body: dict[str, Any], head: Any) -> None:
    document = {kind: head, **body}
    _check(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))


WRONG = st.sampled_from([
    None, True, False, 0, -1, 7, 501, 3.5, "", " ", "text", "x y", "LO9", [], [1], ["x"], {},
    {"k": "v"}, {"id": "a"}, "a" * 300,
])


def _containers(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every dict and list inside ``node``, the root included."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict | list):
                found.extend(_containers(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict | list):
                found.extend(_containers(value, (*path, index)))
    return found


PATHS = [(name, path) for name, base in BASES.items() for path in _containers(base)]


def _at(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        root = root[step]
    return root


@PROPERTY
@given(st.sampled_from(PATHS), st.data())
def test_valid_file_with_one_thing_broken(
    where: tuple[str, tuple[Any, ...]], data: st.DataObject
) -> None:
    name, path = where
    bank = copy.deepcopy(BASES[name])
    target = _at(bank, path)
    if isinstance(target, dict):
        key = data.draw(st.sampled_from(sorted(target)))
        action = data.draw(st.sampled_from(["remove", "replace", "unknown key"]))
        if action == "remove":
            del target[key]
        elif action == "replace":
            target[key] = data.draw(WRONG)
        else:
            target[key + "x"] = data.draw(WRONG)
    elif target:
        index = data.draw(st.integers(0, len(target) - 1))
        action = data.draw(st.sampled_from(["remove", "replace", "repeat"]))
        if action == "remove":
            del target[index]
        elif action == "replace":
            target[index] = data.draw(WRONG)
        else:
            target.append(copy.deepcopy(target[index]))
    _check(yaml.safe_dump(bank, sort_keys=False, allow_unicode=True))


@PROPERTY
@given(st.sampled_from(_containers(BASE)), st.data())
def test_valid_bank_with_a_key_removed_is_an_error_when_the_key_is_required(
    path: tuple[Any, ...], data: st.DataObject
) -> None:
    """Removing a key either keeps the bank valid (the key was optional) or is reported;
    removing one of the keys every question needs is always reported."""
    bank = copy.deepcopy(BASE)
    target = _at(bank, path)
    if not isinstance(target, dict) or not target:
        return
    key = data.draw(st.sampled_from(sorted(target)))
    del target[key]
    catalog = _check(yaml.safe_dump(bank, sort_keys=False))
    required = {"id", "type", "phase", "objectives", "stem", "explanation"}
    if len(path) == 2 and path[0] == "questions" and key in required:
        assert catalog is None


_SCALAR_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )(\S.*)$")
BASE_LINES = yaml.safe_dump(BASE, sort_keys=False).splitlines()
SCALAR_LINES = [i for i, line in enumerate(BASE_LINES) if _SCALAR_LINE.match(line)]


@PROPERTY
@given(
    st.sampled_from(SCALAR_LINES),
    st.sampled_from(["str", "int", "float", "bool", "null", "timestamp"]),
    st.text(alphabet="0123456789abcxyz_.:-+", max_size=12) | st.just("9" * 5000),
)
def test_explicit_core_tags_on_any_value(line: int, tag: str, word: str) -> None:
    """`!!int hard` or `!!bool maybe` must be reported like any wrong value, not crash."""
    lines = list(BASE_LINES)
    match = _SCALAR_LINE.match(lines[line])
    assert match
    lines[line] = f"{match.group(1)}!!{tag} {json.dumps(word)}"
    _check("\n".join(lines) + "\n")
