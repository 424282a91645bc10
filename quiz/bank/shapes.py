"""A small vocabulary for describing the bank format once.

Shapes are ``quiz.record.Record`` values rather than dataclasses or named tuples: this module
is imported by every command that reads a bank, and record classes cost nothing to define
beyond loading their bytecode (as nine named tuples they cost 2–4 ms at import, measured).

The same description drives the validator (``records.py``) and the JSON Schema given to
editors (``schema.py``), so the two can never disagree about what a file may contain.
"""

from __future__ import annotations

from typing import Self

from quiz.record import Record as _Value

BLANK = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""The characters that count as blank, as a regular-expression class body.

JSON Schema's ``\\s`` (ECMAScript's) and Python's ``str.isspace`` disagree (``\\x85``,
``\\ufeff``), so both the validator and the schema use this one list.
"""

NON_BLANK = f"[^{BLANK}]"
"""Matches a character that is not blank: text is non-blank when this is found in it."""


class Str(_Value):
    """A string; ``non_empty`` refuses blank text, ``pattern`` is a regular expression,
    ``max_length`` caps the number of characters."""

    __slots__ = ()

    description: str
    non_empty: bool
    pattern: str | None
    max_length: int | None

    def __new__(cls, description: str = "", non_empty: bool = True,
                pattern: str | None = None, max_length: int | None = None) -> Self:
        return tuple.__new__(cls, (description, non_empty, pattern, max_length))


class Int(_Value):
    """An integer within [minimum, maximum]."""

    __slots__ = ()

    description: str
    minimum: int | None
    maximum: int | None

    def __new__(cls, description: str = "", minimum: int | None = None,
                maximum: int | None = None) -> Self:
        return tuple.__new__(cls, (description, minimum, maximum))


class Bool(_Value):
    """true or false."""

    __slots__ = ()

    description: str

    def __new__(cls, description: str = "") -> Self:
        return tuple.__new__(cls, (description,))


class Enum(_Value):
    """One of a fixed set of words."""

    __slots__ = ()

    values: tuple[str, ...]
    description: str

    def __new__(cls, values: tuple[str, ...], description: str = "") -> Self:
        return tuple.__new__(cls, (values, description))


class ListOf(_Value):
    """A sequence of items of one shape."""

    __slots__ = ()

    item: Shape
    description: str
    min_items: int

    def __new__(cls, item: Shape, description: str = "", min_items: int = 0) -> Self:
        return tuple.__new__(cls, (item, description, min_items))


class MapOf(_Value):
    """A mapping whose keys come from a fixed set and whose values share one shape."""

    __slots__ = ()

    keys: tuple[str, ...]
    value: Shape
    description: str
    required: tuple[str, ...]

    def __new__(cls, keys: tuple[str, ...], value: Shape, description: str = "",
                required: tuple[str, ...] = ()) -> Self:
        return tuple.__new__(cls, (keys, value, description, required))


class Prop(_Value):
    """One key of a record."""

    __slots__ = ()

    shape: Shape
    required: bool

    def __new__(cls, shape: Shape, required: bool = False) -> Self:
        return tuple.__new__(cls, (shape, required))


class Record(_Value):
    """A mapping with named keys; unknown keys are errors."""

    __slots__ = ()

    name: str
    props: dict[str, Prop]
    description: str

    def __new__(cls, name: str, props: dict[str, Prop], description: str = "") -> Self:
        return tuple.__new__(cls, (name, props, description))


class AnyOf(_Value):
    """Either shape, tried in order (for example a lesson id or an inline lesson)."""

    __slots__ = ()

    options: tuple[Shape, ...]
    description: str

    def __new__(cls, options: tuple[Shape, ...], description: str = "") -> Self:
        return tuple.__new__(cls, (options, description))


Shape = Str | Int | Bool | Enum | ListOf | MapOf | Record | AnyOf
