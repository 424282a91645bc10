"""The fast path of the shape check (quiz/bank/fast_check.py) changes nothing but the time.

``records.check`` first tries a shape's compiled checker, which accepts only plainly valid
values and otherwise gives up without a word; the full check then judges the node. Whatever
the file, a check with the fast path must give exactly what the full check alone gives: the
same values (``Rec``/``Seq`` with the same marks), the same diagnostics in the same order,
the same budget left. And on a valid bank the full check must not run at all, or the fast
path would be dead weight that these comparisons could not tell apart.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank import fast_check, records
from quiz.bank import load as load_module
from quiz.bank.load import load
from quiz.bank.records import Rec, Seq, Walk, check
from quiz.bank.shapes import BLANK, NON_BLANK, Shape
from quiz.bank.spec import FILE_KINDS, ID_PATTERN
from quiz.bank.yaml_source import SourceProblem, compose, estimate_nodes
from quiz.errors import Diagnostic
from tests.bank.bank_cases import FIXTURES
from tests.bank.test_loader_properties import (
    BASES,
    KEY,
    KEYS,
    PATHS,
    SCALARS,
    TREES,
    WRONG,
    _at,
)
from tests.bank.test_schema_agreement import FIELDS, TRICKY, values
from tests.hypothesis_budget import examples

PROPERTY = settings(deadline=None, max_examples=examples(200),
                    suppress_health_check=[HealthCheck.too_slow])


class _SlowWalk(Walk):
    """A walk that never tries the fast path: the full check alone."""

    __slots__ = ()

    def __init__(self, path: str, budget: int) -> None:
        super().__init__(path, budget)
        self.fast = False


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, with the same marks at every level."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Rec):
        return (list(a) == list(b) and getattr(a, "mark", None) == getattr(b, "mark", None)
                and getattr(a, "marks", None) == getattr(b, "marks", None)
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, Seq):
        return (len(a) == len(b) and getattr(a, "mark", None) == getattr(b, "mark", None)
                and getattr(a, "marks", None) == getattr(b, "marks", None)
                and all(_same(x, y) for x, y in zip(a, b, strict=True)))
    return bool(a is b or a == b)


def _both(text: str, kind: str) -> None:
    """Check ``text`` as a file of ``kind`` with and without the fast path: all the same."""
    try:
        node = compose(text, "doc.yaml")
    except SourceProblem:
        return
    if node is None:
        return
    budget = estimate_nodes(text) + 1000
    fast, slow = Walk("doc.yaml", budget), _SlowWalk("doc.yaml", budget)
    fast_value = check(node, FILE_KINDS[kind], fast, kind)
    slow_value = check(node, FILE_KINDS[kind], slow, kind)
    assert fast.diagnostics == slow.diagnostics
    assert [tuple(d) for d in fast.diagnostics] == [tuple(d) for d in slow.diagnostics]
    assert _same(fast_value, slow_value)
    assert (fast.budget, fast.exhausted) == (slow.budget, slow.exhausted)


def _leaf_both(shape: Shape, text: str) -> None:
    """``v: text``, its value checked against one leaf shape of the format, both ways."""
    try:
        node = compose(f"v: {text}\n", "doc.yaml")
    except SourceProblem:
        return
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return
    value_node = node.value[0][1]
    fast, slow = Walk("doc.yaml", 1000), _SlowWalk("doc.yaml", 1000)
    assert _same(check(value_node, shape, fast, "'v'"), check(value_node, shape, slow, "'v'"))
    assert [tuple(d) for d in fast.diagnostics] == [tuple(d) for d in slow.diagnostics]
    assert fast.budget == slow.budget


EXTRA = ["02", "+2", "-0", "0b1", "1_000", "2.", "2.0e0", "!!int 2", "!!str 2", "!!float 2",
         "!!bool yes", "!!bool maybe", "!!str", "!!null ''", "&a x", "x" * 101, "x" * 2001,
         "x" * 10_001, '"\u00a0x"', '" x"', "\"x\"", "{training: 1, inference: 2}",
         "{training: 1, training: 2}", "[LO1, LO1]", "[!!str LO1]", "[[LO1]]"]


@pytest.mark.parametrize(("at", "shape"), FIELDS, ids=[at for at, _ in FIELDS])
def test_every_tricky_value_of_every_field_checks_the_same(at: str, shape: Shape) -> None:
    for text in [*TRICKY, *EXTRA]:
        _leaf_both(shape, text)


@PROPERTY
@given(field=st.sampled_from(FIELDS), text=values)
def test_any_value_of_any_field_checks_the_same(field: tuple[str, Shape], text: str) -> None:
    _leaf_both(field[1], text)


def _kind(name: str) -> str:
    return {"lesson file": "lesson", "scenario file": "scenario"}.get(name, "bank")


def test_the_bases_take_the_fast_path_throughout(monkeypatch: pytest.MonkeyPatch) -> None:
    """On valid files the full check never runs: every node is taken by the fast path."""
    calls: list[str] = []
    full = records._check

    def counted(node: yaml.Node, shape: Any, walk: Walk, what: str) -> Any:
        calls.append(what)
        return full(node, shape, walk, what)

    monkeypatch.setattr(records, "_check", counted)
    for name, base in BASES.items():
        node = compose(yaml.safe_dump(base, sort_keys=False), "doc.yaml")
        assert node is not None
        walk = Walk("doc.yaml", 10**6)
        value = check(node, FILE_KINDS[_kind(name)], walk, name)
        assert isinstance(value, Rec) and not walk.diagnostics, name
    assert calls == []


def test_a_broken_value_is_judged_by_the_full_check_only_where_it_is(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One wrong difficulty: the full check walks the file, the question and the list that
    hold it, and that value; the other questions stay on the fast path."""
    calls: list[str] = []
    full = records._check

    def counted(node: yaml.Node, shape: Any, walk: Walk, what: str) -> Any:
        calls.append(what)
        return full(node, shape, walk, what)

    monkeypatch.setattr(records, "_check", counted)
    bank = copy.deepcopy(BASES["bank"])
    bank["questions"][1]["difficulty"] = 9
    node = compose(yaml.safe_dump(bank, sort_keys=False), "doc.yaml")
    assert node is not None
    walk = Walk("doc.yaml", 10**6)
    check(node, FILE_KINDS["bank"], walk, "bank")
    assert calls == ["bank", "'questions'", "an item of 'questions'", "'difficulty'"]
    assert [d.message for d in walk.diagnostics] == ["'difficulty' must be from 1 to 3, not 9"]


def _load_all(paths: list[Path], slow: bool, monkeypatch: pytest.MonkeyPatch
              ) -> tuple[list[Diagnostic], str]:
    with monkeypatch.context() as patch:
        if slow:
            patch.setattr(load_module, "Walk", _SlowWalk)
        result = load(paths)
    return result.diagnostics, repr(result.catalog)


FIXTURE_FILES = sorted(p for p in FIXTURES.rglob("*.y*ml"))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_every_fixture_loads_the_same_either_way(fixture: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture (each holds one kind of error), loaded with its lesson and scenario:
    the same diagnostics in the same order, and the same catalog, sources included."""
    paths = [fixture, FIXTURES / "x.lesson.yaml", FIXTURES / "scenarios" / "x-scenario.yaml"]
    assert _load_all(paths, False, monkeypatch) == _load_all(paths, True, monkeypatch)


def test_the_bundled_course_loads_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _load_all([], False, monkeypatch)
    assert fast == _load_all([], True, monkeypatch)
    assert fast[0] == []


@PROPERTY
@given(st.sampled_from(PATHS), st.data())
def test_a_valid_file_with_things_broken_checks_the_same(
        where: tuple[str, tuple[Any, ...]], data: st.DataObject) -> None:
    """Up to three things broken (removed, replaced by a wrong value, repeated, an unknown
    key, any key of the format set to a wrong value) in a valid file of each kind."""
    name, _ = where
    document = copy.deepcopy(BASES[name])
    for _ in range(data.draw(st.integers(1, 3))):
        _, path = data.draw(st.sampled_from([p for p in PATHS if p[0] == name]))
        try:
            target = _at(document, path)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed it
        if isinstance(target, dict) and target:
            key = data.draw(st.sampled_from(sorted(target)))
            action = data.draw(st.sampled_from(["remove", "replace", "unknown key", "set"]))
            if action == "remove":
                del target[key]
            elif action == "replace":
                target[key] = data.draw(WRONG)
            elif action == "set":
                target[data.draw(st.sampled_from(KEYS))] = data.draw(WRONG | SCALARS)
            else:
                target[key + "x"] = data.draw(WRONG)
        elif isinstance(target, list) and target:
            index = data.draw(st.integers(0, len(target) - 1))
            action = data.draw(st.sampled_from(["remove", "replace", "repeat"]))
            if action == "remove":
                del target[index]
            elif action == "replace":
                target[index] = data.draw(WRONG)
            else:
                target.append(copy.deepcopy(target[index]))
    _both(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), _kind(name))


_SCALAR_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )(\S.*)$")
TEXTS = {name: yaml.safe_dump(base, sort_keys=False).splitlines()
         for name, base in BASES.items()}
LINES = [(name, i) for name, lines in TEXTS.items()
         for i, line in enumerate(lines) if _SCALAR_LINE.match(line)]
SPELLINGS = st.sampled_from([
    "1", "2", "3", "0", "4", "-1", "+1", "1.0", "2.0", "1.5", "0x2", "0o2", "010", "02", "1_0",
    "1:30", "1e3", ".inf", ".nan", "99999999999999999999999", "yes", "no", "on", "True", "y",
    "~", "null", "", "2024-01-01", "x", "LO1", "a.b", "-a", "' '", "'\t'", '"\\u00a0x"',
    '"\\u2028"', "'1'", "[]", "[a]", "{}", "{a: 1}", "|\n  text", "x" * 2001,
]) | st.text(alphabet="0123456789abcxyz_.:-+ ", max_size=12)


@PROPERTY
@given(st.sampled_from(LINES), st.sampled_from(["", "!!str ", "!!int ", "!!float ", "!!bool ",
                                                "!!null ", "!!timestamp ", "!x ", "&a "]),
       SPELLINGS, st.booleans())
def test_any_spelling_of_a_value_checks_the_same(line: tuple[str, int], tag: str, word: str,
                                                 quoted: bool) -> None:
    """A scalar of a valid file rewritten: any spelling, quoted or not, with or without an
    explicit tag or an anchor."""
    name, index = line
    lines = list(TEXTS[name])
    match = _SCALAR_LINE.match(lines[index])
    assert match
    lines[index] = f"{match.group(1)}{tag}{json.dumps(word) if quoted else word}"
    _both("\n".join(lines) + "\n", _kind(name))


@pytest.mark.slow
@PROPERTY
@given(st.sampled_from(["bank", "lesson", "scenario"]), st.dictionaries(KEY, TREES, max_size=8),
       TREES)
def test_generated_structures_check_the_same(kind: str, body: dict[str, Any],
                                             head: Any) -> None:
    _both(yaml.safe_dump({kind: head, **body}, sort_keys=False, allow_unicode=True), kind)


@pytest.mark.parametrize("aliases", [3, 40, 400])
def test_aliases_spend_the_same_budget(aliases: int) -> None:
    """A question repeated through an alias: with the budget the file's size gives, with
    just enough, and with too little (the fast path gives up once, then is not tried)."""
    text = yaml.safe_dump(BASES["bank"], sort_keys=False)
    text = text.replace("questions:\n- ", "questions:\n- &q ", 1)
    text += "".join("- *q\n" for _ in range(aliases))
    _both(text, "bank")
    node = compose(text, "doc.yaml")
    assert node is not None
    plenty = Walk("doc.yaml", 10**6)
    check(node, FILE_KINDS["bank"], plenty, "bank")
    spent = 10**6 - plenty.budget
    for budget, enough in ((spent, True), (spent - 1, False), (spent // 2, False)):
        walk, slow = Walk("doc.yaml", budget), _SlowWalk("doc.yaml", budget)
        assert _same(check(node, FILE_KINDS["bank"], walk, "bank"),
                     check(node, FILE_KINDS["bank"], slow, "bank"))
        assert walk.diagnostics == slow.diagnostics and walk.budget == slow.budget
        assert walk.exhausted == (not enough) and walk.fast == enough


ID_TEXT = st.text(alphabet="aZ09_.-é ٣\n", max_size=6) | st.text(max_size=6)


@settings(max_examples=examples(500), deadline=None)
@given(ID_TEXT)
def test_the_id_check_is_the_id_pattern(text: str) -> None:
    assert fast_check._is_id(text) == bool(re.fullmatch(ID_PATTERN, text))


def test_the_blank_characters_are_those_of_the_pattern() -> None:
    """Read from shapes.BLANK without a regular expression: the same set as the pattern's."""
    from_pattern = {chr(c) for c in range(0x110000) if re.fullmatch(f"[{BLANK}]", chr(c))}
    assert from_pattern == records.BLANK_CHARS


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=f"{BLANK}ab\x85\x1c", max_size=6))
def test_blank_text_is_what_the_pattern_says(text: str) -> None:
    assert records.is_blank(text) == (re.search(NON_BLANK, text) is None)
