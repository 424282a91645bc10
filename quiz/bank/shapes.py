"""A small vocabulary for describing the bank format once.

The same description drives the validator (``records.py``) and the JSON Schema given to
editors (``schema.py``), so the two can never disagree about what a file may contain.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Str:
    """A string; ``non_empty`` refuses blank text, ``pattern`` is a regular expression."""

    description: str = ""
    non_empty: bool = True
    pattern: str | None = None


@dataclass(frozen=True)
class Int:
    """An integer within [minimum, maximum]."""

    description: str = ""
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Bool:
    """true or false."""

    description: str = ""


@dataclass(frozen=True)
class Enum:
    """One of a fixed set of words."""

    values: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class ListOf:
    """A sequence of items of one shape."""

    item: Shape
    description: str = ""
    min_items: int = 0


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys come from a fixed set and whose values share one shape."""

    keys: tuple[str, ...]
    value: Shape
    description: str = ""
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prop:
    """One key of a record."""

    shape: Shape
    required: bool = False


@dataclass(frozen=True)
class Record:
    """A mapping with named keys; unknown keys are errors."""

    name: str
    props: dict[str, Prop] = field(default_factory=dict)
    description: str = ""


@dataclass(frozen=True)
class AnyOf:
    """Either shape, tried in order (for example a lesson id or an inline lesson)."""

    options: tuple[Shape, ...]
    description: str = ""


Shape = Str | Int | Bool | Enum | ListOf | MapOf | Record | AnyOf
