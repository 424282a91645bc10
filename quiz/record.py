"""Immutable value types without ``@dataclass``: a base class that reads fields from ``__init__``.

``@dataclass(frozen=True)`` compiles six methods per class with ``exec`` when its module is
imported, about 0.6 ms a class; the model and the diagnostics are imported by every command,
so that cost showed in every cold start. ``Record`` gives the same behaviour from methods
compiled once, into the bytecode cache, like any other code.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class FrozenError(AttributeError):
    """Raised on an attempt to change a model value after it was built."""


class Record:
    """Base of the model's types: immutable, compared and hashed by value, picklable.

    A subclass declares its fields once, as the parameters of its ``__init__``, which stores
    them with ``self.__dict__.update(...)``. Equality and hashing use every field except
    ``source``: where a thing was written is not part of what it is, so a question moved
    within its file is still the same question.
    """

    fields: ClassVar[tuple[str, ...]] = ()
    """The field names, in ``__init__`` order (read from its signature)."""
    _compared: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__init__.__code__
        cls.fields = code.co_varnames[1:code.co_argcount]
        cls._compared = tuple(name for name in cls.fields if name != "source")

    def _key(self) -> tuple[Any, ...]:
        values = self.__dict__
        return tuple([values[name] for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self.fields)
        return f"{type(self).__name__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"{type(self).__name__} is immutable; use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"{type(self).__name__} is immutable")

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (what ``dataclasses.replace`` does)."""
        unknown = changes.keys() - set(self.fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**{**self.__dict__, **changes})
