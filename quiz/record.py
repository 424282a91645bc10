"""Value semantics shared by the model's named tuples: ``Value``.

Each model type (and each diagnostic and format shape) is declared in two parts: its fields,
once, as a named tuple declared with ``quiz.fields.Fields`` (``typing.NamedTuple`` for mypy,
which understands it fully: field types, read-only fields, ``_replace`` keywords, constructor
arguments; a cheaper class maker at run time), and the public class, which derives from
``Value`` and that named tuple::

    class _ChoiceFields(Fields):
        id: str
        text: str

    class Choice(Value, _ChoiceFields):
        __slots__ = ()

A ``NamedTuple`` alone compares like the plain tuple it is: ``Choice("a", "A")`` would equal
``("a", "A")`` and any other type with the same values, and a question's ``source`` (where it
was written) would count. A named tuple's class body may define ``__eq__``, but mypy admits
no other base class, so these rules live here, once, on the class that sits before the named
tuple in the method resolution order.

Subclasses must declare ``__slots__ = ()`` (no per-value ``__dict__``, so no attribute can be
added) and a field named ``source``, if any, must be the last one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar


class Value(tuple[Any, ...]):
    """Equality and hashing by type and value (``source`` left out), fast pickling, no order.

    - Values of different types are never equal, even with the same fields, and a value never
      equals a plain tuple.
    - A trailing ``source`` field is not part of what a value is: a question moved within its
      file is still the same question (what ``field(compare=False)`` did on a dataclass).
    - Values are not ordered: ``<`` and ``sorted()`` without a key are type errors for mypy and
      raise ``TypeError`` at run time (tuple order would compare sources and mix types).
    - Pickling goes straight through ``tuple.__new__`` (one C call a value), not the named
      tuple's Python ``__new__``: the catalog cache unpickles tens of thousands at a time.
    """

    __slots__ = ()
    _compared: ClassVar[int] = 0
    """How many leading fields take part in equality and hashing (all but ``source``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare __slots__ = ()")
        fields: tuple[str, ...] = getattr(cls, "_fields", ())
        if "source" in fields[:-1]:
            raise TypeError(f"{cls.__name__}: 'source' must be the last field")
        cls._compared = len(fields) - (fields[-1:] == ("source",))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            # tuple's own == would say a plain tuple of the same values is this value
            return False if isinstance(other, tuple) else NotImplemented
        compared = self._compared
        return tuple.__eq__(self[:compared], other[:compared])

    def __ne__(self, other: object) -> bool:
        # tuple defines its own __ne__, which would compare sources; keep it the inverse of ==
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:self._compared])

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple.__new__, (self.__class__, tuple(self)))

    if TYPE_CHECKING:
        # declared not callable, so mypy refuses `a < b` and `sorted(values)` (a Protocol
        # check); a mixed list of two value types joins to Value, refused the same way
        __lt__: None  # type: ignore[assignment]
        __le__: None  # type: ignore[assignment]
        __gt__: None  # type: ignore[assignment]
        __ge__: None  # type: ignore[assignment]
    else:
        def __lt__(self, other):
            raise TypeError(f"{type(self).__name__} values are not ordered; sort with a key")

        __le__ = __gt__ = __ge__ = __lt__
