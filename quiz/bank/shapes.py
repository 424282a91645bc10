"""A small vocabulary for describing the bank format once.

Shapes are named tuples under ``quiz.record.Value``, like the model's types (quiz/model.py):
mypy checks their fields, and two shapes of different kinds are never equal. The recursive
``Shape``, defined last, is quoted.

The same description drives the validator (``records.py``) and the JSON Schema given to
editors (``schema.py``), so the two can never disagree about what a file may contain.
"""



from quiz.fields import Fields
from quiz.record import Value

BLANK = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""The characters that count as blank, as a regular-expression class body.

JSON Schema's ``\\s`` (ECMAScript's) and Python's ``str.isspace`` disagree (``\\x85``,
``\\ufeff``), so both the validator and the schema use this one list.
"""

NON_BLANK = f"[^{BLANK}]"
"""Matches a character that is not blank: text is non-blank when this is found in it."""


class _StrFields(Fields):
    description: str = ""
    non_empty: bool = True
    pattern: str | None = None
    max_length: int | None = None
    too_long: str = "shorten it"


class Str(Value, _StrFields):
    """A string; ``non_empty`` refuses blank text, ``pattern`` is a regular expression,
    ``max_length`` caps the number of characters and ``too_long`` says what to do about a
    longer one."""

    __slots__ = ()


class _IntFields(Fields):
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None


class Int(Value, _IntFields):
    """An integer within [minimum, maximum]."""

    __slots__ = ()


class _BoolFields(Fields):
    description: str = ""


class Bool(Value, _BoolFields):
    """true or false."""

    __slots__ = ()


class _EnumFields(Fields):
    values: tuple[str, ...]
    description: str = ""


class Enum(Value, _EnumFields):
    """One of a fixed set of words."""

    __slots__ = ()


class _ListOfFields(Fields):
    item: "Shape"
    description: str = ""
    min_items: int = 0


class ListOf(Value, _ListOfFields):
    """A sequence of items of one shape."""

    __slots__ = ()


class _MapOfFields(Fields):
    keys: tuple[str, ...]
    value: "Shape"
    description: str = ""
    required: tuple[str, ...] = ()


class MapOf(Value, _MapOfFields):
    """A mapping whose keys come from a fixed set and whose values share one shape."""

    __slots__ = ()


class _PropFields(Fields):
    shape: "Shape"
    required: bool = False


class Prop(Value, _PropFields):
    """One key of a record."""

    __slots__ = ()


class _RecordFields(Fields):
    name: str
    props: dict[str, Prop]
    description: str = ""


class Record(Value, _RecordFields):
    """A mapping with named keys; unknown keys are errors."""

    __slots__ = ()


class _AnyOfFields(Fields):
    options: "tuple[Shape, ...]"
    description: str = ""


class AnyOf(Value, _AnyOfFields):
    """Either shape, tried in order (for example a lesson id or an inline lesson)."""

    __slots__ = ()


Shape = Str | Int | Bool | Enum | ListOf | MapOf | Record | AnyOf
