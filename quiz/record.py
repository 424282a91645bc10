"""Immutable value types without ``@dataclass``: tuples with named fields and value semantics.

``@dataclass(frozen=True)`` compiles six methods per class with ``exec`` when its module is
imported, about 0.6 ms a class; the model and the diagnostics are imported by every command,
so that cost showed in every cold start. A ``Record`` is a tuple underneath: defining one costs
nothing beyond its bytecode, and making one (from the loader, or from the catalog cache, which
unpickles tens of thousands at a time) is a single C call.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

try:  # namedtuple's own C accessor, with namedtuple's own fallback
    from collections import _tuplegetter  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - CPython has it
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> property:
        return property(itemgetter(index), doc=doc)


class FrozenError(AttributeError):
    """Raised on an attempt to change a model value after it was built."""


class Record(tuple[Any, ...]):
    """Base of the model's types: immutable, compared and hashed by value, picklable.

    A subclass declares ``__slots__ = ()`` (no per-value ``__dict__``) and its fields, once,
    as the parameters of its ``__new__``, which returns ``tuple.__new__(cls, (field, ...))``
    in the same order; each field becomes a read-only attribute. Equality and hashing use
    every field except ``source`` (always the last): where a thing was written is not part of
    what it is, so a question moved within its file is still the same question. Values of
    different types are never equal, even with the same fields, and a record never equals a
    plain tuple.
    """

    __slots__ = ()
    fields: ClassVar[tuple[str, ...]] = ()
    """The field names, in ``__new__`` order (read from its signature)."""
    _compared: ClassVar[int] = 0

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare __slots__ = ()")
        code = cls.__new__.__code__
        cls.fields = code.co_varnames[1:code.co_argcount]
        for index, name in enumerate(cls.fields):
            if hasattr(tuple, name) or name == "fields":
                raise TypeError(f"{cls.__name__}.{name}: that name is taken by tuple or Record")
            setattr(cls, name, _tuplegetter(index, f"Field {index}: {name}"))
        if "source" in cls.fields[:-1]:
            raise TypeError(f"{cls.__name__}: 'source' must be the last field")
        cls._compared = len(cls.fields) - (cls.fields[-1:] == ("source",))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            # a tuple of the same values is still not this record (tuple's own == would say so)
            return False if isinstance(other, tuple) else NotImplemented
        compared = self._compared
        return tuple.__eq__(self[:compared], other[:compared])

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:self._compared])

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in self.as_dict().items())
        return f"{type(self).__name__}({values})"

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt by tuple.__new__ directly, not through the Python-level __new__: the
        # catalog cache unpickles tens of thousands of these before the first question
        return (tuple.__new__, (type(self), tuple(self)))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"{type(self).__name__} is immutable; use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"{type(self).__name__} is immutable")

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (what ``dataclasses.replace`` does)."""
        unknown = changes.keys() - set(self.fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**{**self.as_dict(), **changes})

    def as_dict(self) -> dict[str, Any]:
        """The fields by name (one level: nested records stay records)."""
        return dict(zip(self.fields, self, strict=True))
