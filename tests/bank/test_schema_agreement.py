"""The JSON Schema and `quiz validate` agree on every field, value by value.

Both come from quiz/bank/spec.py, but each reads a value its own way: the validator through
YAML nodes (their tags and text), an editor through the JSON view of the document. For every
leaf field of every kind of file, a value is written as YAML and judged both ways: by the
validator's shape check, and by the schema fragment of that field (with the test's checker,
which follows JSON Schema: 1.0 is an integer) on ``yaml.safe_load``'s view. They must agree.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quiz.bank.records import INVALID, Walk
from quiz.bank.records import check as validate
from quiz.bank.schema import _shape as schema_of
from quiz.bank.shapes import AnyOf, Bool, Enum, Int, ListOf, MapOf, Record, Shape, Str
from quiz.bank.spec import FILE_KINDS
from quiz.bank.yaml_source import compose
from tests.bank.schema_check import check as schema_errors
from tests.hypothesis_budget import examples


def _leaves(shape: Shape, at: str) -> Iterator[tuple[str, Shape]]:
    if isinstance(shape, Record):
        for key, prop in shape.props.items():
            yield from _leaves(prop.shape, f"{at}.{key}")
    elif isinstance(shape, MapOf):
        for key in shape.keys:
            yield from _leaves(shape.value, f"{at}.{key}")
    elif isinstance(shape, ListOf):
        yield from _leaves(shape.item, f"{at}[]")
    elif isinstance(shape, AnyOf):
        yield at, shape
        for number, option in enumerate(shape.options):
            yield from _leaves(option, f"{at}|{number}")
    else:
        yield at, shape


FIELDS = sorted({at: shape for kind, spec in FILE_KINDS.items()
                 for at, shape in _leaves(spec, kind)}.items())

TRICKY = [
    "1", "2", "3", "0", "4", "-1", "+1", "1.0", "2.0", "3.00", "1.", "1.5", "0.0", "-0",
    "0x2", "0o2", "010", "1_0", "1:30", "1:30.0", "1e3", "1.0e+0", ".inf", "-.inf", ".nan",
    "100", "100.0", "500", "501", "600", "601", "99999999999999999999999", "2.0000000000000000001",
    "yes", "no", "on", "off", "true", "False", "TRUE", "y", "~", "null", "",
    "2024-01-01", "2024-01-01 10:00:00", "x", "x 1", "LO1", "a.b", "-a", "_a", "a_b-c.d",
    "training", "inference", "neither", "all", "single", "partial", "all_or_nothing",
    "' '", '""', "'\t'", '"\\x85"', '"\\u00a0"', '"\\u2028"', '"\\ufeff"', '"\\x1c"', "' x'",
    "'false'", '"true"', "'1'", "'1.0'", "'LO1'", "[]", "[a]", "[1]", "[LO1, LO2]", "{}",
    "{a: 1}", "{training: 1}", "[training]", "|\n  text", "|\n  \n",
]

scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(-10, 700).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: yaml.safe_dump(f).split("\n")[0]),
    st.text(max_size=12).map(lambda s: yaml.safe_dump(s, width=1 << 20).split("\n...")[0].strip()),
    st.text(alphabet=" \t\u00a0\u2028\u3000\x85\x1cab", max_size=4).map(
        lambda s: yaml.safe_dump(s, default_style='"').strip()),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3).map(
    lambda items: "[" + ", ".join(i for i in items if "\n" not in i) + "]"))


def _judged(shape: Shape, text: str) -> tuple[bool, bool] | None:
    """(validator accepts, schema accepts) for ``v: text``; None if not one YAML mapping."""
    document = f"v: {text}\n"
    try:
        json_view = yaml.safe_load(document)
        node = compose(document, "<t>")
    except Exception:  # not a document at all: nothing to compare
        return None
    if not isinstance(json_view, dict) or not isinstance(node, yaml.MappingNode):
        return None
    walk = Walk("<t>", budget=10_000)
    value = validate(node.value[0][1], shape, walk, "'v'")
    ok_validator = value is not INVALID and not walk.diagnostics
    ok_schema = schema_errors(json_view["v"], schema_of(shape)) == []
    return ok_validator, ok_schema


@pytest.mark.parametrize(("at", "shape"), FIELDS, ids=[at for at, _ in FIELDS])
def test_every_tricky_value_is_judged_alike(at: str, shape: Shape) -> None:
    differ = []
    for text in TRICKY:
        judged = _judged(shape, text)
        if judged is not None and judged[0] != judged[1]:
            differ.append(f"{text!r}: validate {judged[0]}, schema {judged[1]}")
    assert differ == [], f"{at}: " + "; ".join(differ)


@settings(max_examples=examples(400), deadline=None)
@given(field=st.sampled_from(FIELDS), text=values)
@example(field=next(f for f in FIELDS if f[0] == "bank.questions[].difficulty"), text="1.0")
def test_any_value_is_judged_alike(field: tuple[str, Shape], text: str) -> None:
    at, shape = field
    judged = _judged(shape, text)
    if judged is not None:
        assert judged[0] == judged[1], (
            f"{at}: v: {text!r}: validate {judged[0]}, schema {judged[1]}")


def test_the_fields_cover_every_kind_of_leaf() -> None:
    kinds: set[type] = {type(shape) for _, shape in FIELDS}
    expected: set[type] = {Str, Int, Bool, Enum, AnyOf}  # plain types: NamedTuple classes
    assert kinds == expected
    assert len(FIELDS) > 40


def test_quoted_false_is_not_a_boolean() -> None:
    node = compose('v: "false"\n', "<t>")
    assert isinstance(node, yaml.MappingNode)
    walk = Walk("<t>", budget=100)
    assert validate(node.value[0][1], Bool("x"), walk, "'answer'") is INVALID
    (diagnostic,) = walk.diagnostics
    assert "a quoted string is not a boolean" in diagnostic.message
    assert "remove the quotes" in diagnostic.message


