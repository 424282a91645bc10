"""The fast path of ``records.check``: each shape compiled once into a checker for valid values.

``records.check`` walks a node against any shape and reports every problem it meets, which
makes it general and slow: on a valid bank it spends most of its time asking what kind of
shape and node it has, and working out positions it will never report. Here each shape is
turned, once, into a small function that knows its shape: it accepts only what is plainly
valid and gives back exactly what ``records.check`` gives for it (the same ``Rec`` and ``Seq``
values, the same marks, the same budget spent), and at the first doubt it raises ``Bail``
and reports nothing. ``records.check`` then judges that node itself, so every diagnostic,
its position and its wording come from one place only.

"Plainly valid" is narrower than valid: a node must carry its default tag (a ``!!str``
written out is fine; a mapping tagged ``!!seq`` is left to the full check), keys must be
plain text, and numbers other than plain decimals are converted by the same helpers as the
full check. What is refused here is merely checked the slow way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from quiz.bank.records import (
    BLANK_CHARS,
    BOOL_VALUES,
    MAX_NUMBER_CHARS,
    Bail,
    Rec,
    Seq,
    Walk,
    integral_float,
    is_blank,
    whole_number,
)
from quiz.bank.shapes import AnyOf, Bool, Enum, Int, ListOf, MapOf, Record, Shape, Str
from quiz.bank.spec import ID_PATTERN

Fast = Callable[[yaml.Node, Walk], Any]
"""Checks a node that ``records.check`` has already paid one unit of budget for; returns
its value or raises ``Bail``."""

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL = (f"{_TAG}{t}" for t in ("str", "int", "float", "bool"))
_SEQ, _MAP = f"{_TAG}seq", f"{_TAG}map"
_Scalar, _Sequence, _Mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


_BAIL = Bail()
"""Raised as it is: one exception object for every bail, nothing allocated."""

_compiled: dict[int, tuple[Shape, Fast]] = {}
"""id(shape) → (the shape, kept alive so the id stays its own; its checker). Shapes are
compared by value, and hashing a record's nested tuples costs more than checking a node."""


def fast_checker(shape: Shape) -> Fast:
    """The compiled checker of ``shape`` (compiled on first use, with its parts)."""
    entry = _compiled.get(id(shape))
    if entry is None:
        entry = (shape, _compile(shape))
        _compiled[id(shape)] = entry
    return entry[1]


def _compile(shape: Shape) -> Fast:
    if isinstance(shape, Record):
        return _record(shape)
    if isinstance(shape, ListOf):
        return _list(shape)
    if isinstance(shape, MapOf):
        return _map(shape)
    if isinstance(shape, AnyOf):
        return _any_of(shape)
    if isinstance(shape, Str):
        return _str(shape)
    if isinstance(shape, Enum):
        return _enum(shape)
    if isinstance(shape, Bool):
        return _bool
    return _int(shape)


def _record(shape: Record) -> Fast:
    return _mapping({key: fast_checker(prop.shape) for key, prop in shape.props.items()},
                    frozenset(key for key, prop in shape.props.items() if prop.required))


def _map(shape: MapOf) -> Fast:
    return _mapping(dict.fromkeys(shape.keys, fast_checker(shape.value)),
                    frozenset(shape.required))


def _mapping(checkers: dict[str, Fast], required: frozenset[str]) -> Fast:
    """A record or a map: each known key's value checked by its own checker."""
    known = checkers.get

    def check_mapping(node: yaml.Node, walk: Walk) -> Rec:
        if node.__class__ is not _Mapping or node.tag != _MAP:
            raise _BAIL
        pairs = node.value
        walk.budget -= len(pairs)  # one for each value, as the full check spends it
        if walk.budget < 0:
            raise _BAIL
        result = Rec()
        marks: dict[str, tuple[int, int]] = {}
        for key_node, value_node in pairs:
            if key_node.__class__ is not _Scalar or key_node.tag != _STR:
                raise _BAIL
            key = key_node.value
            checker = known(key)
            if checker is None or key in result:
                raise _BAIL
            result[key] = checker(value_node, walk)
            mark = value_node.start_mark
            marks[key] = (mark.line + 1, mark.column + 1)
        if not required <= result.keys():
            raise _BAIL
        mark = node.start_mark
        result.mark = (mark.line + 1, mark.column + 1)
        result.marks = marks
        return result

    return check_mapping


def _list(shape: ListOf) -> Fast:
    item_check = fast_checker(shape.item)
    least = shape.min_items

    def check_list(node: yaml.Node, walk: Walk) -> Seq:
        if node.__class__ is not _Sequence or node.tag != _SEQ:
            raise _BAIL
        items = node.value
        if len(items) < least:
            raise _BAIL
        walk.budget -= len(items)
        if walk.budget < 0:
            raise _BAIL
        result = Seq()
        marks = []
        for item in items:
            result.append(item_check(item, walk))
            mark = item.start_mark
            marks.append((mark.line + 1, mark.column + 1))
        mark = node.start_mark
        result.mark = (mark.line + 1, mark.column + 1)
        result.marks = marks
        return result

    return check_list


def _any_of(shape: AnyOf) -> Fast:
    """The first option whose kind of node fits, as the full check picks it; choosing it
    costs one more unit of budget there (a second call for the same node), so here too."""
    options = [(_kind_of(option), fast_checker(option)) for option in shape.options]

    def check_any_of(node: yaml.Node, walk: Walk) -> Any:
        kind = node.__class__
        for fits, option_check in options:
            if kind is fits:
                walk.budget -= 1
                if walk.budget < 0:
                    raise _BAIL
                return option_check(node, walk)
        raise _BAIL

    return check_any_of


def _kind_of(shape: Shape) -> type[yaml.Node]:
    if isinstance(shape, Record | MapOf):
        return _Mapping
    if isinstance(shape, ListOf):
        return _Sequence
    return _Scalar


def _str(shape: Str) -> Fast:
    non_empty, longest = shape.non_empty, shape.max_length
    fits = _is_id if shape.pattern == ID_PATTERN else (
        re.compile(shape.pattern).fullmatch if shape.pattern else None)
    blanks = BLANK_CHARS

    def check_str(node: yaml.Node, walk: Walk) -> str:
        if node.__class__ is not _Scalar or node.tag != _STR:
            raise _BAIL
        text: str = node.value
        if non_empty and (not text or (text[0] in blanks and is_blank(text))):
            raise _BAIL
        if longest is not None and len(text) > longest:
            raise _BAIL
        if fits is not None and not fits(text):
            raise _BAIL
        return text

    return check_str


_ID_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_ID_CHARS = "".join(sorted(_ID_FIRST)) + "_.-"


def _is_id(text: str) -> bool:
    """``re.fullmatch(ID_PATTERN, text)``, in C string methods: a letter or digit, then
    letters, digits, ``_``, ``.`` and ``-`` only (stripping those leaves nothing). Ids are a
    third of a bank's values; this is about three times as fast as the pattern."""
    return bool(text) and text[0] in _ID_FIRST and not text.strip(_ID_CHARS)


def _enum(shape: Enum) -> Fast:
    values = frozenset(shape.values)

    def check_enum(node: yaml.Node, walk: Walk) -> str:
        if node.__class__ is not _Scalar or node.tag != _STR or node.value not in values:
            raise _BAIL
        text: str = node.value
        return text

    return check_enum


def _bool(node: yaml.Node, walk: Walk) -> bool:
    if node.__class__ is not _Scalar or node.tag != _BOOL:
        raise _BAIL
    value = BOOL_VALUES.get(node.value.lower())
    if value is None:
        raise _BAIL
    return value


def _int(shape: Int) -> Fast:
    low, high = shape.minimum, shape.maximum

    def check_int(node: yaml.Node, walk: Walk) -> int:
        if node.__class__ is not _Scalar:
            raise _BAIL
        tag, text = node.tag, node.value
        if tag == _INT:
            # a plain decimal (no sign, no leading zero: 010 is octal in YAML 1.1) is int()
            # of its text; any other spelling goes through the full check's own conversion
            plain = (text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_CHARS
                     and (text[0] != "0" or len(text) == 1))
            number = int(text) if plain else whole_number(node)
        elif tag == _FLOAT:
            number = integral_float(node)
        else:
            raise _BAIL
        if number is None or (low is not None and number < low) or (
                high is not None and number > high):
            raise _BAIL
        return number

    return check_int
