"""A small vocabulary for describing the bank format once.

Shapes are ``quiz.record.Record`` values rather than dataclasses or named tuples: they are
defined when every command starts, and classes written out cost nothing to define beyond
loading their bytecode (nine named tuples cost 2–4 ms at import, measured).

The same description drives the validator (``records.py``) and the JSON Schema given to
editors (``schema.py``), so the two can never disagree about what a file may contain.
"""

from __future__ import annotations

from quiz.record import Record as _Value


class Str(_Value):
    """A string; ``non_empty`` refuses blank text, ``pattern`` is a regular expression."""

    description: str
    non_empty: bool
    pattern: str | None

    def __init__(self, description: str = "", non_empty: bool = True,
                 pattern: str | None = None) -> None:
        self.__dict__.update(description=description, non_empty=non_empty, pattern=pattern)


class Int(_Value):
    """An integer within [minimum, maximum]."""

    description: str
    minimum: int | None
    maximum: int | None

    def __init__(self, description: str = "", minimum: int | None = None,
                 maximum: int | None = None) -> None:
        self.__dict__.update(description=description, minimum=minimum, maximum=maximum)


class Bool(_Value):
    """true or false."""

    description: str

    def __init__(self, description: str = "") -> None:
        self.__dict__.update(description=description)


class Enum(_Value):
    """One of a fixed set of words."""

    values: tuple[str, ...]
    description: str

    def __init__(self, values: tuple[str, ...], description: str = "") -> None:
        self.__dict__.update(values=values, description=description)


class ListOf(_Value):
    """A sequence of items of one shape."""

    item: Shape
    description: str
    min_items: int

    def __init__(self, item: Shape, description: str = "", min_items: int = 0) -> None:
        self.__dict__.update(item=item, description=description, min_items=min_items)


class MapOf(_Value):
    """A mapping whose keys come from a fixed set and whose values share one shape."""

    keys: tuple[str, ...]
    value: Shape
    description: str
    required: tuple[str, ...]

    def __init__(self, keys: tuple[str, ...], value: Shape, description: str = "",
                 required: tuple[str, ...] = ()) -> None:
        self.__dict__.update(keys=keys, value=value, description=description,
                             required=required)


class Prop(_Value):
    """One key of a record."""

    shape: Shape
    required: bool

    def __init__(self, shape: Shape, required: bool = False) -> None:
        self.__dict__.update(shape=shape, required=required)


class Record(_Value):
    """A mapping with named keys; unknown keys are errors."""

    name: str
    props: dict[str, Prop]
    description: str

    def __init__(self, name: str, props: dict[str, Prop], description: str = "") -> None:
        self.__dict__.update(name=name, props=props, description=description)


class AnyOf(_Value):
    """Either shape, tried in order (for example a lesson id or an inline lesson)."""

    options: tuple[Shape, ...]
    description: str

    def __init__(self, options: tuple[Shape, ...], description: str = "") -> None:
        self.__dict__.update(options=options, description=description)


Shape = Str | Int | Bool | Enum | ListOf | MapOf | Record | AnyOf
