"""A small vocabulary for describing the bank format once.

Shapes are named tuples rather than dataclasses: they are built at import time, and named
tuples are several times cheaper to define, which shows in the cold start of every command.

The same description drives the validator (``records.py``) and the JSON Schema given to
editors (``schema.py``), so the two can never disagree about what a file may contain.
"""

from __future__ import annotations

from typing import NamedTuple


class Str(NamedTuple):
    """A string; ``non_empty`` refuses blank text, ``pattern`` is a regular expression."""

    description: str = ""
    non_empty: bool = True
    pattern: str | None = None


class Int(NamedTuple):
    """An integer within [minimum, maximum]."""

    description: str = ""
    minimum: int | None = None
    maximum: int | None = None


class Bool(NamedTuple):
    """true or false."""

    description: str = ""


class Enum(NamedTuple):
    """One of a fixed set of words."""

    values: tuple[str, ...]
    description: str = ""


class ListOf(NamedTuple):
    """A sequence of items of one shape."""

    item: Shape
    description: str = ""
    min_items: int = 0


class MapOf(NamedTuple):
    """A mapping whose keys come from a fixed set and whose values share one shape."""

    keys: tuple[str, ...]
    value: Shape
    description: str = ""
    required: tuple[str, ...] = ()


class Prop(NamedTuple):
    """One key of a record."""

    shape: Shape
    required: bool = False


class Record(NamedTuple):
    """A mapping with named keys; unknown keys are errors."""

    name: str
    props: dict[str, Prop]
    description: str = ""


class AnyOf(NamedTuple):
    """Either shape, tried in order (for example a lesson id or an inline lesson)."""

    options: tuple[Shape, ...]
    description: str = ""


Shape = Str | Int | Bool | Enum | ListOf | MapOf | Record | AnyOf
