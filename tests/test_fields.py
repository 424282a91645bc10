"""``quiz.fields.Fields`` makes the same named tuple as ``typing.NamedTuple``: each class below
is declared twice, from the same source text, once with each, and compared."""

from __future__ import annotations

import copy
import keyword
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quiz
from quiz.fields import Fields
from quiz.record import Value

IDENTIFIERS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name))
NAMES: st.SearchStrategy[list[str]] = st.lists(IDENTIFIERS, max_size=8, unique=True)


def declare(base: str, name: str, body: str) -> Any:
    """The class ``body`` declares, deriving from ``base`` (``Fields`` or ``NamedTuple``)."""
    namespace: dict[str, Any] = {"Fields": Fields, "NamedTuple": NamedTuple,
                                 "Generic": Generic, "__name__": __name__}
    exec(f"class {name}({base}):\n{body}", namespace)
    return namespace[name]


def both(body: str, name: str = "Point") -> tuple[Any, Any]:
    return declare("Fields", name, body), declare("NamedTuple", name, body)


def body_of(names: list[str], defaults: int) -> str:
    """Fields named ``names``, the last ``defaults`` of them with a default."""
    lines = [f"    {n}: int" + (f" = {i}" if i >= len(names) - defaults else "")
             for i, n in enumerate(names)]
    return "\n".join(lines) or "    pass"


@given(NAMES, st.data())
def test_the_same_class_as_typing_named_tuple(names: list[str], data: st.DataObject) -> None:
    defaults = data.draw(st.integers(0, len(names)))
    ours, theirs = both(body_of(names, defaults))
    assert ours._fields == theirs._fields == tuple(names)
    assert ours._field_defaults == theirs._field_defaults
    assert ours.__match_args__ == theirs.__match_args__
    assert list(ours.__annotations__) == list(theirs.__annotations__)
    assert ours.__doc__ == theirs.__doc__
    required = len(names) - defaults
    values = data.draw(st.lists(st.integers(), min_size=required, max_size=len(names)))
    made, expected = ours(*values), theirs(*values)
    assert tuple(made) == tuple(expected)
    assert repr(made) == repr(expected)
    assert made._asdict() == expected._asdict()
    by_name = dict(zip(names, values, strict=False))
    assert tuple(ours(**by_name)) == tuple(theirs(**by_name))
    for index, field in enumerate(names):
        assert getattr(made, field) == made[index] == getattr(expected, field)
    if names:
        change = {names[-1]: 99}
        assert tuple(made._replace(**change)) == tuple(expected._replace(**change))
    assert tuple(ours._make(made)) == tuple(made)
    assert type(ours._make(made)) is ours
    assert issubclass(ours, tuple) and type(ours) is type  # a plain class, as typing's


def test_the_same_errors_as_typing_named_tuple() -> None:
    ours, theirs = both("    x: int\n    y: int = 0")
    calls: list[Callable[[Any], object]] = [
        lambda kind: kind(), lambda kind: kind(1, z=2), lambda kind: kind(1, 2, 3),
        lambda kind: kind(1, x=2), lambda kind: kind._make([1, 2, 3])]
    for call in calls:
        with pytest.raises(TypeError) as mine:
            call(ours)
        with pytest.raises(TypeError) as expected:
            call(theirs)
        assert str(mine.value) == str(expected.value)
    with pytest.raises(ValueError, match="unexpected field names: \\['z'\\]"):
        ours(1)._replace(z=3)
    with pytest.raises(AttributeError):
        ours(1).x = 5
    assert not hasattr(ours(1), "__dict__")


@pytest.mark.parametrize("body, error", [
    ("    x: int = 0\n    y: int", TypeError),  # a field without a default after a default
    ("    _x: int", ValueError),
    ("    x: int\n    def _replace(self): pass", AttributeError),
    ("    x: int\n    __slots__ = ('x',)", AttributeError),
])
def test_refuses_what_typing_named_tuple_refuses(body: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        declare("NamedTuple", "Bad", body)
    with pytest.raises(error):
        declare("Fields", "Bad", body)


def test_keeps_the_body_s_docstring_and_methods() -> None:
    ours = declare("Fields", "Span", '    """Two ends."""\n    a: int\n    b: int\n'
                   "    def length(self) -> int:\n        return self.b - self.a\n")
    assert ours.__doc__ == "Two ends."
    assert ours(2, 7).length() == 5
    assert ours.__new__.__qualname__ == "Span.__new__"
    match ours(2, 7):
        case ours(a, b):  # positional patterns need __match_args__
            assert (a, b) == (2, 7)


class _Pair(Fields):
    left: str
    right: str = "-"


def test_pickles_and_copies_like_a_named_tuple() -> None:
    pair = _Pair("a")
    for again in (pickle.loads(pickle.dumps(pair)), copy.copy(pair), copy.deepcopy(pair)):
        assert type(again) is _Pair and again == pair


def test_a_fields_class_derives_from_fields_alone_or_with_generic() -> None:
    with pytest.raises(TypeError, match="Fields alone"):
        declare("Fields, int", "Mixed", "    x: int")
    with pytest.raises(TypeError, match="plain Generic"):  # as typing.NamedTuple says
        declare("Fields, Generic", "Plain", "    x: int")


T = TypeVar("T")


class _Box(Fields, Generic[T]):
    item: T
    label: str = ""


class Box(Value, _Box[T]):
    __slots__ = ()


def test_a_generic_named_tuple() -> None:
    assert [kind.__dict__["__parameters__"] for kind in (_Box, Box)] == [(T,), (T,)]
    boxed: Box[int] = Box[int](3)  # subscripted, as a generic class is
    assert boxed == Box(3, "") and boxed.item == 3
    assert pickle.loads(pickle.dumps(boxed)) == boxed


def test_every_named_tuple_in_quiz_is_declared_with_fields() -> None:
    package = Path(quiz.__file__).resolve().parent
    declaring = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                       if re.search(r"\bNamedTuple\b[,)]", p.read_text(encoding="utf-8")))
    assert declaring == []
