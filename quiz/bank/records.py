"""Turning composed YAML nodes into plain values, checked against a shape.

Values come back as ordinary dicts, lists and scalars, except that mappings and sequences are
``Rec`` and ``Seq`` instances that remember where each part was written, so later checks
(unknown ids, wrong answer counts) can point at the exact line and column too.

Every problem is recorded and walking goes on, so one run reports all of a file's errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from quiz.bank.shapes import (
    BLANK,
    NON_BLANK,
    AnyOf,
    Bool,
    Enum,
    Int,
    ListOf,
    MapOf,
    Record,
    Shape,
    Str,
)
from quiz.bank.suggest import did_you_mean, one_of
from quiz.errors import Diagnostic, Severity

Mark = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_TEXTUAL_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}seq", f"{_TAG}map"}
_STR = f"{_TAG}str"
_constructor = SafeConstructor()
BOOL_VALUES: dict[str, bool] = _constructor.bool_values


def _characters(klass: str) -> frozenset[str]:
    """The characters of a regular-expression class body of single characters and ``a-b``
    ranges (``shapes.BLANK``), read without compiling anything."""
    found: set[str] = set()
    i = 0
    while i < len(klass):
        if klass[i + 1:i + 2] == "-" and i + 2 < len(klass):
            found.update(map(chr, range(ord(klass[i]), ord(klass[i + 2]) + 1)))
            i += 3
        else:
            found.add(klass[i])
            i += 1
    return frozenset(found)


BLANK_CHARS = _characters(BLANK)
"""The blank characters, one by one: text that starts with none of them is not blank."""

_NON_BLANK: list[re.Pattern[str]] = []


def is_blank(text: str) -> bool:
    """Whether ``text`` holds nothing but blank characters (or nothing at all). The pattern
    is compiled on first use (rare: only text that starts with a blank needs it), not at
    import, which every start of ``quiz validate`` pays."""
    if not text:
        return True
    if text[0] not in BLANK_CHARS:
        return False
    if not _NON_BLANK:
        _NON_BLANK.append(re.compile(NON_BLANK))
    return _NON_BLANK[0].search(text) is None


MAX_NUMBER_CHARS = 20


class Rec(dict[str, Any]):
    """A checked mapping that remembers where it and each of its values were written."""

    __slots__ = ("mark", "marks")

    mark: Mark
    marks: dict[str, Mark]


class Seq(list[Any]):
    """A checked sequence that remembers where it and each of its items were written."""

    __slots__ = ("mark", "marks")

    mark: Mark
    marks: list[Mark]


class Bail(Exception):
    """Raised by the fast path (``fast_check``): the node is not plainly valid, so the full
    check must judge it. Nothing was reported."""


class _Invalid:
    """Marks a value that failed its check; it was already reported."""


INVALID: Any = _Invalid()


class Walk:
    """The state of checking one file: where we are, what we found, how much we may expand."""

    __slots__ = ("budget", "diagnostics", "exhausted", "fast", "path", "question_id")

    def __init__(self, path: str, budget: int) -> None:
        self.path = path
        self.budget = budget
        self.diagnostics: list[Diagnostic] = []
        self.question_id: str | None = None
        self.exhausted = False
        self.fast = True
        """Whether ``check`` tries its fast path first: not once a try ran out of budget,
        so that an alias bomb is walked by the fast path at most once."""

    def error(self, mark: Mark, message: str) -> None:
        self.diagnostics.append(
            Diagnostic(self.path, mark[0], mark[1], Severity.ERROR, message, self.question_id)
        )


def mark_of(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = str(node.value)
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"'{shown}'"


def check(node: yaml.Node, shape: Shape, walk: Walk, what: str) -> Any:
    """Check ``node`` against ``shape``; return its plain value or INVALID (already reported).

    A plainly valid node is checked by its shape's compiled checker (``fast_check``), which
    reports nothing and gives up at the first doubt; then this full check judges the node,
    trying the fast path again on each of its parts, so only the parts with a problem are
    walked the slow way.
    """
    budget = walk.budget
    if walk.fast and budget > 0:
        fast = _FAST.get(id(shape)) or _fast_checker(shape)
        walk.budget = budget - 1
        try:
            value = fast(node, walk)
        except Bail:
            if walk.budget < 0:
                walk.fast = False
        else:
            if walk.budget >= 0:
                return value
            walk.fast = False
        walk.budget = budget
    return _check(node, shape, walk, what)


_FAST: dict[int, Callable[[yaml.Node, Walk], Any]] = {}
"""id(shape) → its compiled checker, for the shapes met so far (the spec's live forever)."""


def _fast_checker(shape: Shape) -> Callable[[yaml.Node, Walk], Any]:
    from quiz.bank.fast_check import fast_checker

    checker = _FAST[id(shape)] = fast_checker(shape)
    return checker


def _check(node: yaml.Node, shape: Shape, walk: Walk, what: str) -> Any:
    """The full check of one node: every problem reported where it was written."""
    walk.budget -= 1
    if walk.budget < 0:
        if not walk.exhausted:
            walk.exhausted = True
            walk.error(mark_of(node), "aliases expand to far more data than the file holds")
        return INVALID
    tag = node.tag
    allowed = _SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else _COLLECTION_TAGS
    if tag not in allowed:
        walk.error(
            mark_of(node),
            f"tag '{tag}' is not allowed: bank files hold plain data, nothing is constructed",
        )
        return INVALID
    if isinstance(shape, Record):
        return _record(node, shape, walk, what)
    if isinstance(shape, ListOf):
        return _list(node, shape, walk, what)
    if isinstance(shape, MapOf):
        return _map(node, shape, walk, what)
    if isinstance(shape, AnyOf):
        return _any_of(node, shape, walk, what)
    if not isinstance(node, yaml.ScalarNode):
        walk.error(mark_of(node), f"{what} must be {_expected(shape)}, not {_describe(node)}")
        return INVALID
    return _scalar(node, shape, walk, what)


def _expected(shape: Shape) -> str:
    if isinstance(shape, Str):
        return "text"
    if isinstance(shape, Int):
        return "a whole number"
    if isinstance(shape, Bool):
        return "true or false"
    if isinstance(shape, Enum):
        return one_of(shape.values)
    if isinstance(shape, ListOf):
        return "a list"
    if isinstance(shape, Record | MapOf):
        return "a mapping"
    return " or ".join(_expected(o) for o in shape.options)


def _scalar(node: yaml.ScalarNode, shape: Shape, walk: Walk, what: str) -> Any:
    tag, mark = node.tag, mark_of(node)
    if isinstance(shape, Str | Enum):
        # only a string is text: a number or date is refused, as the JSON Schema refuses it
        if tag != _STR:
            hint = " (put it in quotes to use it as text)" if tag != f"{_TAG}null" else ""
            walk.error(mark, f"{what} must be {_expected(shape)}, not {_describe(node)}{hint}")
            return INVALID
        text: str = node.value
        if isinstance(shape, Enum):
            if text not in shape.values:
                walk.error(
                    mark,
                    f"{what} must be {one_of(shape.values)}, not '{text}'"
                    + did_you_mean(text, shape.values),
                )
                return INVALID
            return text
        if shape.non_empty and is_blank(text):
            walk.error(mark, f"{what} is empty")
            return INVALID
        if shape.max_length is not None and len(text) > shape.max_length:
            walk.error(mark, f"{what} is {len(text):,} characters long; the limit is "
                       f"{shape.max_length:,}: {shape.too_long}")
            return INVALID
        if shape.pattern and not re.fullmatch(shape.pattern, text):
            walk.error(mark, f"{what} '{text}' may use only letters, digits, '-', '_' and '.'")
            return INVALID
        return text
    if isinstance(shape, Bool):
        # an explicit `!!bool maybe` carries the tag without a boolean value
        if tag != f"{_TAG}bool" or node.value.lower() not in _constructor.bool_values:
            if tag == _STR and node.value.lower() in _constructor.bool_values:
                walk.error(mark, f"{what} must be true or false, not the text "
                           f"{_describe(node)}: a quoted string is not a boolean; remove "
                           "the quotes")
            else:
                walk.error(mark, f"{what} must be true or false, not {_describe(node)}")
            return INVALID
        return _constructor.construct_yaml_bool(node)
    if isinstance(shape, Int):
        number = (whole_number(node) if tag == f"{_TAG}int"
                  else integral_float(node) if tag == f"{_TAG}float" else None)
        if number is None:
            walk.error(mark, f"{what} must be a whole number, not {_describe(node)}")
            return INVALID
        low, high = shape.minimum, shape.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            walk.error(mark, f"{what} must be {span}, not {number}")
            return INVALID
        return number
    walk.error(mark, f"{what} must be {_expected(shape)}, not {_describe(node)}")
    return INVALID


def whole_number(node: yaml.ScalarNode) -> int | None:
    """The node's integer, or None for `!!int hard` or a number too long to be meant.

    The length cap also keeps int() clear of Python's limit on digits in a conversion.
    """
    if len(node.value) > MAX_NUMBER_CHARS:
        return None
    try:
        number: int = _constructor.construct_yaml_int(node)
    except (ValueError, KeyError, IndexError):
        return None
    return number


def integral_float(node: yaml.ScalarNode) -> int | None:
    """``2.0`` as 2: JSON Schema counts a number without a fraction as an integer, so the
    schema an editor uses accepts it, and the validator must agree; ``2.5`` is None."""
    try:
        number: float = _constructor.construct_yaml_float(node)
    except (ValueError, KeyError, IndexError):
        return None
    return int(number) if number.is_integer() else None


def _pairs(
    node: yaml.MappingNode, walk: Walk, what: str
) -> list[tuple[str, yaml.Node, Mark]] | None:
    """A mapping's (key, value node, key mark) pairs; duplicate and non-text keys reported."""
    seen: dict[str, Mark] = {}
    pairs = []
    for key_node, value_node in node.value:
        key_mark = mark_of(key_node)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _TEXTUAL_TAGS:
            if key_node.tag == f"{_TAG}merge":
                walk.error(key_mark, "merge keys ('<<') are not supported; write the keys out")
            else:
                walk.error(key_mark, f"a key in {what} must be text, not {_describe(key_node)}")
            continue
        key = str(key_node.value)
        if key in seen:
            walk.error(
                key_mark,
                f"duplicate key '{key}' in {what} (first written at line {seen[key][0]});"
                " YAML would silently keep only the last one",
            )
            continue
        seen[key] = key_mark
        pairs.append((key, value_node, key_mark))
    return pairs


def _record(node: yaml.Node, shape: Record, walk: Walk, what: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        walk.error(mark_of(node), f"{what} must be a mapping of keys, not {_describe(node)}")
        return INVALID
    outer_question = walk.question_id
    if shape.name == "question":
        walk.question_id = next(
            (
                str(v.value) for k, v in node.value
                if isinstance(k, yaml.ScalarNode) and k.value == "id"
                and isinstance(v, yaml.ScalarNode)
            ),
            None,
        )
    pairs = _pairs(node, walk, shape.name)
    if pairs is None:
        return INVALID
    result = Rec()
    result.mark, result.marks = mark_of(node), {}
    present = set()
    for key, value_node, key_mark in pairs:
        prop = shape.props.get(key)
        present.add(key)
        if prop is None:
            walk.error(
                key_mark,
                f"unknown key '{key}' in {shape.name}" + did_you_mean(key, shape.props),
            )
            continue
        value = check(value_node, prop.shape, walk, f"'{key}'")
        if value is not INVALID:
            result[key] = value
            result.marks[key] = mark_of(value_node)
    for key, prop in shape.props.items():
        if prop.required and key not in present:
            walk.error(result.mark, f"{shape.name} is missing the required key '{key}'")
    walk.question_id = outer_question
    return result


def _list(node: yaml.Node, shape: ListOf, walk: Walk, what: str) -> Any:
    if not isinstance(node, yaml.SequenceNode):
        walk.error(mark_of(node), f"{what} must be a list, not {_describe(node)}")
        return INVALID
    result = Seq()
    result.mark, result.marks = mark_of(node), []
    for item in node.value:
        value = check(item, shape.item, walk, f"an item of {what}")
        if value is not INVALID:
            result.append(value)
            result.marks.append(mark_of(item))
    if len(node.value) < shape.min_items:
        walk.error(result.mark, f"{what} needs at least {shape.min_items} item(s)")
    return result


def _map(node: yaml.Node, shape: MapOf, walk: Walk, what: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        walk.error(mark_of(node), f"{what} must be a mapping, not {_describe(node)}")
        return INVALID
    pairs = _pairs(node, walk, what)
    if pairs is None:
        return INVALID
    result = Rec()
    result.mark, result.marks = mark_of(node), {}
    for key, value_node, key_mark in pairs:
        if key not in shape.keys:
            walk.error(
                key_mark,
                f"{what} has an unknown key '{key}'; use {one_of(shape.keys)}"
                + did_you_mean(key, shape.keys),
            )
            continue
        value = check(value_node, shape.value, walk, f"'{key}'")
        if value is not INVALID:
            result[key] = value
            result.marks[key] = mark_of(value_node)
    for key in shape.required:
        if key not in result and all(k != key for k, _, _ in pairs):
            walk.error(result.mark, f"{what} is missing the key '{key}'")
    return result


def _any_of(node: yaml.Node, shape: AnyOf, walk: Walk, what: str) -> Any:
    for option in shape.options:
        if _fits(node, option):
            return check(node, option, walk, what)
    walk.error(mark_of(node), f"{what} must be {_expected(shape)}, not {_describe(node)}")
    return INVALID


def _fits(node: yaml.Node, shape: Shape) -> bool:
    if isinstance(shape, Record | MapOf):
        return isinstance(node, yaml.MappingNode)
    if isinstance(shape, ListOf):
        return isinstance(node, yaml.SequenceNode)
    return isinstance(node, yaml.ScalarNode)
